// The TS engine's exploration: every reachable state of a scenario, breadth first, by running the
// protocol's TypeScript (tools/runtime). A state is identified by its canonical TLA+-visible form
// (object key order and set insertion order do not count), which is what TLC fingerprints too.
import type { TlaValue } from "../types.ts";
import type { ProtocolRuntime, RtState } from "../../runtime/runtime.ts";
import { TERMINATING } from "../../compiler/emit/tla.ts";

export interface EngineNode {
  rt: RtState;
  vars: Record<string, TlaValue>;
  /** Values outside their type: a TypeOK violation. */
  problems: string[];
  depth: number;
  /** The edge that first reached it (breadth first: a shortest path); -1 for an initial state. */
  via: number;
}

export interface EngineEdge {
  from: number;
  to: number;
  pid: string;
  process: string;
  /** The step label; `Terminating` for the stutter of a finished system. */
  label: string;
  /** The TLA+ operator (`invalidate_schedule`), or `Terminating`. */
  operator: string;
  /** The branch the step's `nondet({ fairness })` took (then: true), if it ran one. */
  alternative?: boolean;
}

export interface ExploreLimits {
  maxStates: number;
  /** Milliseconds since the epoch; exploration stops there. */
  deadline?: number;
  memoryLimit?: number;
  signal?: AbortSignal;
  onProgress?: (p: { statesGenerated: number; distinctStates: number; queue: number; depth: number; seconds: number }) => void;
  /** Called after each state is expanded; true stops the exploration as `decided`. */
  decided?: () => boolean;
}

/** `decided`: every check had its verdict before the space was explored (the rest is not needed). */
export type StopReason = "decided" | "timeout" | "state-limit" | "out-of-memory" | "cancelled";

export class EngineGraph {
  readonly nodes: EngineNode[] = [];
  readonly edges: EngineEdge[] = [];
  /** Per node, its outgoing edge ids. */
  readonly out: number[][] = [];
  readonly initial: number[] = [];
  statesGenerated = 0;
  /** States whose successors have been computed (in breadth-first order: ids 0..expanded-1). */
  expanded = 0;
  stopped?: StopReason;
  /**
   * TS states that the TLA+-visible form merges although the generators differ beyond it (a local
   * the translation does not keep): a translation problem the engine reports.
   */
  hiddenMerges = 0;
  private readonly byKey = new Map<string, number>();
  private readonly hiddenKeys: string[] = [];

  constructor(readonly rt: ProtocolRuntime) {}

  get complete(): boolean {
    return this.stopped === undefined;
  }

  /** The node of a runtime state, added when new; `isNew` tells which. */
  add(st: RtState, depth: number, via: number): { id: number; isNew: boolean } {
    const key = this.rt.fastKey(st);
    const known = this.byKey.get(key);
    if (known !== undefined) {
      if (this.hiddenKeys[known] !== this.rt.hiddenKey(st)) this.hiddenMerges++;
      return { id: known, isNew: false };
    }
    const id = this.nodes.length;
    const enc = this.rt.encode(st);
    this.byKey.set(key, id);
    this.hiddenKeys.push(this.rt.hiddenKey(st));
    this.nodes.push({ rt: st, vars: enc.vars, problems: enc.problems, depth, via });
    this.out.push([]);
    return { id, isNew: true };
  }

  addEdge(e: EngineEdge): number {
    const id = this.edges.length;
    this.edges.push(e);
    this.out[e.from]!.push(id);
    return id;
  }

  /** The path of edges from an initial state to `node` (shortest, as found breadth first). */
  pathTo(node: number): { nodes: number[]; edges: number[] } {
    const nodes = [node];
    const edges: number[] = [];
    for (let n = node; this.nodes[n]!.via >= 0; ) {
      const e = this.nodes[n]!.via;
      edges.unshift(e);
      n = this.edges[e]!.from;
      nodes.unshift(n);
    }
    return { nodes, edges };
  }
}

/**
 * Explores breadth first. `visit` sees every new node once, in breadth-first order, before its
 * successors are computed; returning false leaves the node unexpanded.
 */
export async function explore(rt: ProtocolRuntime, limits: ExploreLimits, visit: (g: EngineGraph, id: number) => boolean): Promise<EngineGraph> {
  const g = new EngineGraph(rt);
  const started = Date.now();
  let queue: number[] = [];
  const enqueue = (id: number): void => {
    if (visit(g, id)) queue.push(id);
  };
  for (const st of rt.initialStates()) {
    g.statesGenerated++;
    const { id, isNew } = g.add(st, 0, -1);
    if (isNew) {
      g.initial.push(id);
      enqueue(id);
    }
  }
  const operatorOf = new Map(rt.ir.processes.flatMap((p) => p.steps.map((s) => [`${p.name}\0${s.label}`, s.operator] as const)));
  let lastPause = Date.now();
  let lastProgress = started;
  let depth = 0;
  while (queue.length) {
    const next: number[] = [];
    for (let qi = 0; qi < queue.length; qi++) {
      const from = queue[qi]!;
      const node = g.nodes[from]!;
      const succ = rt.allSuccessors(node.rt);
      g.statesGenerated += succ.length;
      for (const x of succ) {
        const { id, isNew } = g.add(x.state, node.depth + 1, g.edges.length);
        const edge: EngineEdge = { from, to: id, pid: x.pid, process: x.process, label: x.label, operator: operatorOf.get(`${x.process}\0${x.label}`) ?? x.label };
        if (x.alternative !== undefined) edge.alternative = x.alternative;
        g.addEdge(edge);
        if (isNew && visit(g, id)) next.push(id);
      }
      if (succ.length === 0 && rt.isTerminated(node.rt)) {
        g.addEdge({ from, to: from, pid: "", process: "", label: TERMINATING, operator: TERMINATING });
      }
      g.expanded++;
      if (limits.decided?.()) g.stopped = "decided";
      if (g.nodes.length > limits.maxStates) g.stopped = "state-limit";
      const now = Date.now();
      if (limits.deadline !== undefined && now > limits.deadline) g.stopped = "timeout";
      if (now - lastPause > 100) {
        // Let timers, signals and the progress line run.
        await new Promise((r) => setImmediate(r));
        lastPause = Date.now();
        if (limits.signal?.aborted) g.stopped = "cancelled";
        if (limits.memoryLimit && process.memoryUsage().rss > limits.memoryLimit) g.stopped = "out-of-memory";
        if (limits.onProgress && now - lastProgress > 1000) {
          lastProgress = now;
          limits.onProgress({ statesGenerated: g.statesGenerated, distinctStates: g.nodes.length, queue: queue.length - qi - 1 + next.length, depth, seconds: (now - started) / 1000 });
        }
      }
      if (g.stopped) return g;
    }
    if (next.length) depth++;
    queue = next;
  }
  return g;
}
