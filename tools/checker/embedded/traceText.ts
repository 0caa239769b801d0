// The embedded engine's trace: `State k` blocks (from 0) with `  name = value` lines; for a liveness
// violation two texts, the prefix and the cycle. The cycle's first state repeats the prefix's last one.
import { tlaValuesEqual, parseTlaValue } from "../tlc/values.ts";
import type { Counterexample, TlaValue } from "../types.ts";

export class EmbeddedTraceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedTraceError";
  }
}

type Vars = Record<string, TlaValue>;

export function parseEmbeddedStates(text: string): Vars[] {
  const states: Vars[] = [];
  let current: Array<[string, string]> | undefined;
  const flush = () => {
    if (!current) return;
    const vars: Vars = {};
    for (const [name, value] of current) {
      try {
        vars[name] = parseTlaValue(value, { lowercaseBooleans: true });
      } catch (e) {
        throw new EmbeddedTraceError(`state ${states.length}, variable ${name}: ${(e as Error).message}`);
      }
    }
    states.push(vars);
  };
  for (const line of text.split("\n")) {
    if (/^State \d+\s*$/.test(line)) {
      flush();
      current = [];
      continue;
    }
    if (!line.trim()) continue;
    if (!current) throw new EmbeddedTraceError(`text before the first state: ${JSON.stringify(line)}`);
    const m = /^\s{1,2}([A-Za-z_]\w*) = (.*)$/.exec(line);
    if (m) current.push([m[1]!, m[2]!]);
    else if (current.length > 0) current[current.length - 1]![1] += "\n" + line;
    else throw new EmbeddedTraceError(`unrecognised trace line: ${JSON.stringify(line)}`);
  }
  flush();
  return states;
}

function sameState(a: Vars, b: Vars): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] !== undefined && tlaValuesEqual(a[k]!, b[k]!));
}

/** Undefined when the engine gave no trace. Actions are unknown: the engine does not name them. */
export function parseEmbeddedTrace(trace: readonly string[] | null | undefined): Counterexample | undefined {
  if (!trace || trace.every((t) => !t.trim())) return undefined;
  const prefix = parseEmbeddedStates(trace[0] ?? "");
  const toStates = (list: Vars[]) => list.map((vars, i) => ({ index: i + 1, vars }));
  if (trace.length === 1) return { states: toStates(prefix), source: "embedded" };
  if (trace.length !== 2) throw new EmbeddedTraceError(`expected a prefix and a cycle, got ${trace.length} trace parts`);

  const cycle = parseEmbeddedStates(trace[1]!);
  const last = prefix[prefix.length - 1];
  const joined = last !== undefined && cycle[0] !== undefined && sameState(last, cycle[0]);
  const rest = joined ? cycle.slice(1) : cycle;
  const states = toStates([...prefix, ...rest]);
  if (states.length === 0) return undefined;
  // The cycle's last state steps back to its first one; a one-state cycle is stuttering.
  const toIndex = joined ? prefix.length : prefix.length + 1;
  if (toIndex >= states.length) return { states, loop: { kind: "stuttering" }, source: "embedded" };
  return { states, loop: { kind: "back-to-state", toIndex }, source: "embedded" };
}
