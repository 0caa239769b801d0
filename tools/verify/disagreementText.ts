// A graph disagreement between TLC and the TS engine, told in the protocol's TypeScript terms: the
// step as `process id · label (file:line)`, values as TS literals, variables as `s.field`, each
// process's next step and its locals as `id.local`.
import type { TlaValue } from "../checker/types.ts";
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import { functionByPid, decodeValue } from "../trace/values.ts";
import { showValue } from "../trace/show.ts";
import type { GraphDisagreement, GraphStep } from "./graphCompare.ts";

type Rows = Map<string, string>;

export function disagreementText(d: GraphDisagreement, map: SourceMap, names: { a: string; b: string }): string {
  const has = names[d.side];
  const lacks = names[d.side === "a" ? "b" : "a"];
  const label = Math.max(has.length, lacks.length);
  const lines: string[] = [];
  if (d.kind === "unknown-variables") return d.text;
  if (d.kind === "initial-states") lines.push(`${capital(has)} has an initial state that ${lacks} does not:`);
  else {
    lines.push(`${capital(has)} reaches a state that ${lacks} does not (${d.depth} step${d.depth === 1 ? "" : "s"} from an initial state).`);
    if (d.predecessor) {
      lines.push("  From this state, which both reach:");
      for (const [k, v] of tsRows(d.predecessor, map)) lines.push(`    ${k} = ${v}`);
    }
    lines.push(`  ${capital(has)} takes the step ${stepText(d.step, map)}.`);
  }
  const mine = tsRows(d.state, map);
  const other = d.closest ? tsRows(d.closest.state, map) : undefined;
  lines.push(other ? `  ${capital(has)}'s state, and beside it ${lacks}'s closest${d.closest?.step ? ` (after ${stepText(d.closest.step, map)})` : ""}:` : `  ${capital(has)}'s state:`);
  const width = Math.max(...[...mine.keys(), ...(other?.keys() ?? [])].map((k) => k.length));
  for (const k of new Set([...mine.keys(), ...(other?.keys() ?? [])])) {
    const a = mine.get(k) ?? "(missing)";
    const b = other?.get(k) ?? "(missing)";
    if (!other || a === b) lines.push(`    ${k.padEnd(width)} = ${a}`);
    else {
      lines.push(`  ! ${k.padEnd(width)}   ${`${has}:`.padEnd(label + 1)} ${a}`);
      lines.push(`    ${" ".repeat(width)}   ${`${lacks}:`.padEnd(label + 1)} ${b}`);
    }
  }
  return lines.join("\n");
}

const capital = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

function stepText(step: GraphStep | undefined, map: SourceMap): string {
  if (!step?.action) return "(an unnamed step)";
  const info = map.steps[step.action];
  if (!info) return step.self ? `${step.action}(${step.self})` : step.action;
  return `${step.self ?? info.process} · ${info.label} (${info.pos.file}:${info.pos.line}:${info.pos.col})`;
}

/** Each TLA+ variable as the TS it stands for: `s.queue`, `p1 → put` under "steps", `fault.key`. */
function tsRows(vars: Record<string, TlaValue>, map: SourceMap): Rows {
  const rows: Rows = new Map();
  const ignore = () => undefined;
  for (const [name, v] of Object.entries(vars)) {
    const info = map.variables[name];
    if (!info) rows.set(name, showValue(decodeValue(v, undefined, ignore, name)));
    else if (info.kind === "state") rows.set(info.ts, showValue(decodeValue(v, info.type, ignore, name)));
    else if (info.kind === "pc") {
      const steps = (functionByPid(v) ?? []).map(([pid, label]) => `${pid} → ${label.kind === "str" ? label.value : showValue(decodeValue(label, undefined, ignore, name))}`);
      rows.set("steps", steps.join(", "));
    } else {
      const byPid = functionByPid(v) ?? [];
      // A local of no process (an empty process set) is still a variable: one row, or it would be invisible.
      if (byPid.length === 0) rows.set(`${name} (a local of no process)`, showValue(decodeValue(v, undefined, ignore, name)));
      for (const [pid, x] of byPid) rows.set(`${pid}.${info.ts}`, showValue(decodeValue(x, info.type, ignore, name)));
    }
  }
  return rows;
}
