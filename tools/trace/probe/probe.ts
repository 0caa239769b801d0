// Questions about single states of a trace, answered by the embedded engine: is a process's next
// step enabled, what is the value of an expression. Built from the generated module, the source map
// and the scenario (its constants); nothing is model-checked.
import type { SourceMap } from "../../compiler/emit/sourcemap.ts";
import { scenarioPids } from "../roster.ts";
import type { TsState } from "../types.ts";
import { canon, encodeState, NotEncodable, pcMoves } from "./encode.ts";
import { appendDefinitions, constantsBlock, definitionText } from "./model.ts";
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
