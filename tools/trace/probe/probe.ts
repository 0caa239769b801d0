// Questions about single states of a trace, answered by the embedded engine: is a process's next
// step enabled, what is the value of an expression. Built from the generated module, the source map
// and the scenario (its constants); nothing is model-checked.
import type { SourceMap } from "../../compiler/emit/sourcemap.ts";
import { scenarioPids } from "../roster.ts";
import type { TsState } from "../types.ts";
import { encodeState, NotEncodable } from "./encode.ts";
import { engineReady, evaluate, nextStates, type EngineJson } from "./wasm.ts";

export interface Probe {
  readonly map: SourceMap;
  readonly scenario: string;
  /** The protocol's TS source, when it could be read (to quote invariants). */
  readonly tsSource?: string;
  /** Can process `pid` take a step in `state`? Undefined when the engine cannot tell. */
  enabled(state: TsState, pid: string): boolean | undefined;
  /** The processes (not done) that can take a step in `state`. Undefined when the engine cannot tell. */
  enabledSet(state: TsState): string[] | undefined;
  /** The one process whose step leads from `before` to `after`, when exactly one does. */
  whoMoved(before: TsState, after: TsState): string | undefined;
  /** The value of a TLA+ expression in `state` (engine JSON); undefined when the engine cannot evaluate it. */
  evaluate(state: TsState, expr: string): { json: EngineJson } | undefined;
  /** The right-hand side of a definition of the generated module, e.g. an invariant. */
  definition(name: string): string | undefined;
}

export interface ProbeInput {
  /** The generated TLA+ module's text. */
  moduleText: string;
  map: SourceMap;
  scenario: string;
  /** The protocol file's TS text. */
  tsSource?: string;
}

/** Undefined when the engine is unavailable or the scenario is unknown. */
export function makeProbe(input: ProbeInput): Probe | undefined {
  const { map, scenario } = input;
  const s = map.scenarios[scenario];
  if (!s || !engineReady()) return undefined;
  const pids = scenarioPids(map, scenario);
  if (!pids) return undefined;
  const pidsOf = (process: string): string[] => {
    const p = map.processes[process];
    if (!p) return [];
    if (!p.set) return [process];
    const members = s.constants[p.set];
    return Array.isArray(members) ? members.map(String) : [];
  };
  const probeName = (i: number) => `TraceProbeNext_${i}`;
  const probes: string[] = [];
  pids.forEach((pid, i) => {
    const proc = Object.entries(map.processes).find(([name]) => pidsOf(name).includes(pid));
    if (proc) probes.push(`${probeName(i)} == ${proc[1].operator}(${pid})`);
  });
  const spec = appendDefinitions(input.moduleText, probes);
  const constants = constantsBlock(map, scenario);
  const cfgFor = (next: string) => `INIT Init\nNEXT ${next}\n${constants}\n`;
  const evalCfg = cfgFor("Next");

  const encode = (state: TsState): Record<string, EngineJson> | undefined => {
    try {
      return encodeState(map, state, pidsOf);
    } catch (e) {
      if (e instanceof NotEncodable) return undefined;
      throw e;
    }
  };
  const cache = new Map<string, boolean | undefined>();
  const enabled = (state: TsState, pid: string): boolean | undefined => {
    const i = pids.indexOf(pid);
    const encoded = encode(state);
    if (i < 0 || !encoded) return undefined;
    const key = `${pid}\0${JSON.stringify(encoded)}`;
    if (!cache.has(key)) {
      const next = nextStates(spec, cfgFor(probeName(i)), encoded);
      cache.set(key, next === undefined ? undefined : next.length > 0);
    }
    return cache.get(key);
  };
  return {
    map,
    scenario,
    ...(input.tsSource !== undefined ? { tsSource: input.tsSource } : {}),
    enabled,
    enabledSet(state) {
      // One call for the whole next-state relation: a successor where exactly one process's step
      // pointer moved is that process's step. Steps that keep their pointer need a call per process.
      const encoded = encode(state);
      if (!encoded) return undefined;
      const next = nextStates(spec, evalCfg, encoded);
      if (next === undefined) return undefined;
      const found = new Set<string>();
      let unresolved = false;
      for (const t of next) {
        const moved = pcMoves(encoded.pc, t.state.json.pc);
        if (moved.length === 1) found.add(moved[0]!);
        else unresolved = true;
      }
      const waiting = pids.filter((pid) => state.pc[pid] !== undefined && state.pc[pid] !== "Done");
      for (const pid of waiting) {
        if (found.has(pid) || !unresolved) continue;
        const e = enabled(state, pid);
        if (e === undefined) return undefined;
        if (e) found.add(pid);
      }
      return waiting.filter((pid) => found.has(pid));
    },
    whoMoved(before, after) {
      const from = encode(before);
      const to = encode(after);
      if (!from || !to) return undefined;
      const target = canon(to);
      const movers = pids.filter((pid, i) => {
        if (before.pc[pid] === undefined || before.pc[pid] === "Done") return false;
        return (nextStates(spec, cfgFor(probeName(i)), from) ?? []).some((t) => canon(t.state.json) === target);
      });
      return movers.length === 1 ? movers[0] : undefined;
    },
    evaluate(state, expr) {
      const encoded = encode(state);
      return encoded && evaluate(spec, evalCfg, encoded, expr);
    },
    definition(name) {
      return definitionText(input.moduleText, name);
    },
  };
}

/** A comparable text of an engine value: record keys and set elements sorted, functions by key. */
function canon(v: EngineJson): string {
  if (Array.isArray(v)) return `{${v.map(canon).sort().join(",")}}`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.__tuple)) return `<<${o.__tuple.map(canon).join(",")}>>`;
    if (Array.isArray(o.__fn)) return `(${(o.__fn as Array<[unknown, unknown]>).map(([k, x]) => `${canon(k)}:>${canon(x)}`).sort().join(",")})`;
    if (typeof o.__model === "string") return `@${o.__model}`;
    return `[${Object.keys(o)
      .sort()
      .map((k) => `${k}|->${canon(o[k])}`)
      .join(",")}]`;
  }
  return JSON.stringify(v);
}

/** The process ids whose step label differs between two engine-encoded `pc` functions. */
function pcMoves(before: EngineJson, after: EngineJson): string[] {
  const labels = (pc: EngineJson) => {
    const fn = (pc as { __fn?: Array<[{ __model?: string }, unknown]> } | undefined)?.__fn ?? [];
    return new Map(fn.map(([k, v]) => [String(k.__model), JSON.stringify(v)]));
  };
  const a = labels(before);
  const b = labels(after);
  return [...a.keys()].filter((pid) => a.get(pid) !== b.get(pid));
}

function appendDefinitions(moduleText: string, defs: string[]): string {
  const end = moduleText.search(/^={4,}\s*$/m);
  const body = end >= 0 ? moduleText.slice(0, end) : moduleText;
  return `${body}\n${defs.join("\n")}\n${"=".repeat(77)}\n`;
}

function constantsBlock(map: SourceMap, scenario: string): string {
  const s = map.scenarios[scenario]!;
  const lines: string[] = [];
  for (const [name, c] of Object.entries(map.constants)) {
    if (c.kind === "processId" || c.kind === "null") lines.push(`    ${name} = ${name}`);
    else if (name in s.constants) lines.push(`    ${name} = ${constantText(s.constants[name])}`);
  }
  return lines.length ? `CONSTANTS\n${lines.join("\n")}` : "";
}

function constantText(v: unknown): string {
  if (Array.isArray(v)) return `{${v.map(String).join(", ")}}`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  return JSON.stringify(String(v));
}

/** `name == body` at the start of a line, with its indented continuation lines; the trailing comment dropped. */
export function definitionText(moduleText: string, name: string): string | undefined {
  const lines = moduleText.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`${name} ==`));
  if (start < 0) return undefined;
  const body = [lines[start]!.slice(`${name} ==`.length)];
  for (let i = start + 1; i < lines.length && /^\s+\S/.test(lines[i]!); i++) body.push(lines[i]!);
  return body
    .map((l) => l.replace(/\s+\\\*[^"]*$/, ""))
    .join("\n")
    .trim();
}
