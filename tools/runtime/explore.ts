// Exhaustive exploration of a scenario by running the protocol: breadth first over every process and
// every choice sequence. Counts the states as TLA+ sees them, for comparison with a model checker.
import type { ProtocolRuntime, RtState } from "./runtime.ts";

export interface ExploreOptions {
  /** Stop after this many distinct (TLA+-visible) states; the result is then incomplete. */
  maxStates?: number;
  /** Keep one runtime state per distinct TLA+-visible state in the result. */
  keepStates?: boolean;
}

export interface ExploreResult {
  /** Distinct states as TLA+ sees them: what TLC reports as distinct states. */
  distinctStates: number;
  /** Explored runtime states (more when generators differ in variables TLA+ does not keep). */
  nodes: number;
  transitions: number;
  /** Non-final states without successors. */
  deadlocks: number;
  /** The search finished (no limit hit). */
  complete: boolean;
  /**
   * Process-local TLA+ variables some of whose values the runtime did not know in some state (never
   * in scope yet, or unreadable): the count relies on "unknown" standing for the initial value.
   */
  unknownLocals: string[];
  /** Longest shortest path from an initial state. */
  depth: number;
  /** With `keepStates`: one runtime state per distinct TLA+-visible state. */
  states?: RtState[];
}

export function exploreStates(rt: ProtocolRuntime, opts: ExploreOptions = {}): ExploreResult {
  const max = opts.maxStates ?? 20_000;
  const seen = new Set<string>();
  const visible = new Set<string>();
  const kept: RtState[] = [];
  const skipped = new Set<string>();
  let transitions = 0;
  let deadlocks = 0;
  let depth = 0;
  let frontier: RtState[] = [];
  const add = (st: RtState, into: RtState[]): boolean => {
    const key = rt.fullKey(st);
    if (seen.has(key)) return true;
    seen.add(key);
    const vk = rt.visibleKey(st);
    if (opts.keepStates && !visible.has(vk)) kept.push(st);
    visible.add(vk);
    for (const v of Object.keys(rt.encode(st).unknown)) skipped.add(v);
    into.push(st);
    return visible.size <= max;
  };
  for (const st of rt.initialStates()) if (!add(st, frontier)) return result(false);
  while (frontier.length) {
    const next: RtState[] = [];
    for (const st of frontier) {
      const succ = rt.allSuccessors(st);
      transitions += succ.length;
      if (succ.length === 0 && !rt.isTerminated(st)) deadlocks++;
      for (const x of succ) if (!add(x.state, next)) return result(false);
    }
    if (next.length) depth++;
    frontier = next;
  }
  return result(true);

  function result(complete: boolean): ExploreResult {
    const r: ExploreResult = { distinctStates: visible.size, nodes: seen.size, transitions, deadlocks, complete, unknownLocals: [...skipped].sort(), depth };
    if (opts.keepStates) r.states = kept;
    return r;
  }
}
