// One checker state (TLA+ variables) as a TS state: shared state under `s.<field>`, each process's
// locals under `<pid>.<local>`, and each process's next step.
import type { TlaValue } from "../checker/types.ts";
import { printTlaValue } from "../checker/tlc/values.ts";
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import type { TraceProcess, TraceVariable, TsState, TsValue } from "./types.ts";
import { byShape, decodeValue, functionByPid, type Warn } from "./values.ts";

export interface StateDecoder {
  variables: TraceVariable[];
  decode(vars: Record<string, TlaValue>): TsState;
}

/** The process ids in a `pc` value, with their step labels. */
export function readPc(v: TlaValue | undefined): Map<string, string> | undefined {
  const entries = v && functionByPid(v);
  if (!entries) return undefined;
  const out = new Map<string, string>();
  for (const [pid, label] of entries) {
    if (label.kind !== "str") return undefined;
    out.set(pid, label.value);
  }
  return out;
}

export function stateDecoder(map: SourceMap, roster: TraceProcess[], warn: Warn): StateDecoder {
  const variables: TraceVariable[] = [];
  for (const [tla, v] of Object.entries(map.variables)) {
    if (v.kind === "state") variables.push(withType({ name: v.ts, tla }, v.typeText));
    if (v.kind === "local") {
      for (const p of roster.filter((r) => r.process === v.process)) variables.push(withType({ name: `${p.id}.${v.ts}`, tla, owner: p.id }, v.typeText));
    }
  }
  const told = new Set<string>();
  const once = (key: string, message: string) => {
    if (told.has(key)) return;
    told.add(key);
    warn(message);
  };

  const decode = (vars: Record<string, TlaValue>): TsState => {
    const values: Record<string, TsValue> = {};
    const localsOf = new Map<string, Map<string, TlaValue>>();
    for (const tv of variables) {
      const entry = map.variables[tv.tla]!;
      const raw = vars[tv.tla];
      if (raw === undefined) {
        once(`missing:${tv.tla}`, `the trace has no variable ${tv.tla} (${entry.ts})`);
        continue;
      }
      if (!tv.owner) {
        values[tv.name] = decodeValue(raw, entry.type, warn, tv.name);
        continue;
      }
      let byPid = localsOf.get(tv.tla);
      if (!byPid) {
        const entries = functionByPid(raw);
        if (!entries) once(`shape:${tv.tla}`, `variable ${tv.tla} is not a function of process ids: ${printTlaValue(raw)}`);
        byPid = new Map(entries ?? []);
        localsOf.set(tv.tla, byPid);
      }
      const x = byPid.get(tv.owner);
      if (x !== undefined) values[tv.name] = decodeValue(x, entry.type, warn, tv.name);
    }
    for (const [name, raw] of Object.entries(vars)) {
      if (name in map.variables) continue;
      once(`extra:${name}`, `the trace has a variable ${name} that protocol ${map.protocol} does not have`);
      values[name] = byShape(raw);
    }
    const pc: Record<string, string> = {};
    const read = readPc(vars.pc);
    if (vars.pc === undefined && roster.length) once("missing:pc", "the trace has no variable pc (the step each process is at)");
    else if (!read && vars.pc !== undefined) once("pc", `the step pointers (pc) are not a function of process ids: ${printTlaValue(vars.pc)}`);
    for (const p of roster) {
      const label = read?.get(p.id);
      if (label !== undefined) pc[p.id] = label;
    }
    return { values, pc };
  };
  return { variables, decode };
}

function withType(v: TraceVariable, type: string | undefined): TraceVariable {
  if (type) v.type = type;
  return v;
}
