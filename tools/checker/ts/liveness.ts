// Liveness by fair cycles: a temporal property is violated exactly when some reachable cycle (or final
// stuttering state) in a part of the state graph satisfies every fairness condition of `Spec`. The
// part and the start states depend on the formula (see temporal.ts); fairness follows TLA+:
//   WF_vars(A): A is taken in the cycle, or A is disabled in some state of it;
//   SF_vars(A): A is taken in the cycle, or A is disabled in every state of it,
// where "taken" and "enabled" mean a step of A that changes the state (`<<A>>_vars`). A cycle that
// violates a strong fairness condition may still contain a fair cycle that avoids the states where A
// is enabled (Emerson-Lei refinement); for weak fairness no smaller cycle can help.
import type { FairAction } from "./fairness.ts";
import type { EngineGraph } from "./graph.ts";

export interface LivenessQuery {
  /** The states the infinite suffix stays in. */
  within: (node: number) => boolean;
  /** Where the suffix may start (all inside `within`). */
  starts: readonly number[];
  /** The cycle must visit one of these states (for `<>[]P`: a state without P). */
  accept?: (node: number) => boolean;
  /** The path from an initial state to the start must stay inside `within` too (`<>P`). */
  prefixWithin?: boolean;
}

export interface Lasso {
  /** Nodes from an initial state to the cycle's first state, and the edges between them. */
  prefix: { nodes: number[]; edges: number[] };
  /** The cycle: from its first state (the prefix's last) back to it; `stutter` for a final stuttering state. */
  cycle: { nodes: number[]; edges: number[] } | "stutter";
}

/** Which fair actions an edge is a real (state-changing) step of, and where each fair action is enabled. */
export class FairnessView {
  /** Per edge, its first fair action (-1: none); `moreActions` the others (a step and its fair alternative). */
  private readonly edgeAction: Int32Array;
  private readonly moreActions = new Map<number, number[]>();
  readonly enabled: Uint8Array[];

  constructor(
    readonly g: EngineGraph,
    readonly actions: readonly FairAction[],
  ) {
    this.edgeAction = new Int32Array(g.edges.length).fill(-1);
    this.enabled = actions.map(() => new Uint8Array(g.nodes.length));
    const byPid = new Map<string, number[]>();
    actions.forEach((a, i) => byPid.set(a.pid, [...(byPid.get(a.pid) ?? []), i]));
    g.edges.forEach((e, id) => {
      if (e.to === e.from) return;
      for (const i of byPid.get(e.pid) ?? []) {
        const a = actions[i]!;
        if (!a.labels.has(e.label) || (a.alternative !== undefined && a.alternative !== e.alternative)) continue;
        if (this.edgeAction[id]! < 0) this.edgeAction[id] = i;
        else this.moreActions.set(id, [...(this.moreActions.get(id) ?? []), i]);
        this.enabled[i]![e.from] = 1;
      }
    });
  }

  /** The fair actions edge `e` is a step of. */
  actionsOf(e: number): readonly number[] {
    const first = this.edgeAction[e]!;
    if (first < 0) return [];
    const more = this.moreActions.get(e);
    return more ? [first, ...more] : [first];
  }

  takes(e: number, a: number): boolean {
    return this.edgeAction[e] === a || (this.moreActions.get(e)?.includes(a) ?? false);
  }

  /** Stuttering forever here is fair: no fair action is enabled. */
  mayStutter(node: number): boolean {
    return this.enabled.every((en) => en[node] === 0);
  }
}

export function findFairLasso(view: FairnessView, q: LivenessQuery): Lasso | undefined {
  const g = view.g;
  // Breadth first from the starts, inside `within`.
  const dist = new Int32Array(g.nodes.length).fill(-1);
  const parentEdge = new Int32Array(g.nodes.length).fill(-1);
  const order: number[] = [];
  for (const s of [...q.starts].sort((a, b) => g.nodes[a]!.depth - g.nodes[b]!.depth)) {
    if (dist[s] !== -1 || !q.within(s)) continue;
    dist[s] = 0;
    order.push(s);
  }
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    for (const e of g.out[n]!) {
      const t = g.edges[e]!.to;
      if (dist[t] !== -1 || !q.within(t)) continue;
      dist[t] = dist[n]! + 1;
      parentEdge[t] = e;
      order.push(t);
    }
  }
  const inR = (n: number) => dist[n]! >= 0;
  const accept = q.accept ?? (() => true);

  // Candidates: a fair stuttering state, or a fair strongly connected part; the nearest wins.
  let best: { entry: number; cycleNodes?: number[] } | undefined;
  for (const n of order) {
    if (view.mayStutter(n) && accept(n)) {
      best = { entry: n };
      break; // `order` is by distance
    }
  }
  for (const scc of stronglyConnected(g, order, inR)) {
    const fair = fairPart(view, scc, accept);
    if (!fair) continue;
    const entry = fair.reduce((a, b) => (dist[b]! < dist[a]! ? b : a));
    if (!best || dist[entry]! < dist[best.entry]!) best = { entry, cycleNodes: fair };
  }
  if (!best) return undefined;

  // The prefix: a shortest path to the start the entry was reached from, then the tree path to the entry.
  const tail: number[] = [];
  let root = best.entry;
  while (parentEdge[root]! >= 0) {
    tail.unshift(parentEdge[root]!);
    root = g.edges[parentEdge[root]!]!.from;
  }
  const head = q.prefixWithin ? pathWithin(g, g.initial, root, q.within) : g.pathTo(root);
  if (!head) return undefined;
  const prefix = { nodes: [...head.nodes, ...tail.map((e) => g.edges[e]!.to)], edges: [...head.edges, ...tail] };
  const cycle = best.cycleNodes ? cycleThrough(view, best.entry, best.cycleNodes, accept) : ("stutter" as const);
  return { prefix, cycle };
}

/**
 * The largest fair part of a strongly connected set (at least two states), or undefined. Removing
 * the states where an untaken strong-fairness action is enabled can leave smaller fair cycles.
 */
function fairPart(view: FairnessView, scc: number[], accept: (n: number) => boolean): number[] | undefined {
  if (scc.length < 2) return undefined;
  const g = view.g;
  const inSet = new Set(scc);
  const taken = new Set<number>();
  for (const n of scc) for (const e of g.out[n]!) if (inSet.has(g.edges[e]!.to)) for (const a of view.actionsOf(e)) taken.add(a);
  for (let a = 0; a < view.actions.length; a++) {
    if (taken.has(a)) continue;
    const en = view.enabled[a]!;
    const enabledHere = scc.filter((n) => en[n] === 1);
    if (enabledHere.length === 0) continue;
    if (view.actions[a]!.kind === "weak") {
      if (enabledHere.length === scc.length) return undefined;
      continue;
    }
    const rest = scc.filter((n) => en[n] === 0);
    const restSet = new Set(rest);
    for (const sub of stronglyConnected(g, rest, (n) => restSet.has(n))) {
      const fair = fairPart(view, sub, accept);
      if (fair) return fair;
    }
    return undefined;
  }
  return scc.some(accept) ? scc : undefined;
}

/** A cycle from `entry` through `nodes` that takes every fair action taken there and visits what fairness and acceptance need. */
function cycleThrough(view: FairnessView, entry: number, nodes: number[], accept: (n: number) => boolean): { nodes: number[]; edges: number[] } {
  const g = view.g;
  const inSet = new Set(nodes);
  const within = (n: number) => inSet.has(n);
  const targets: Array<{ edge: number } | { node: number }> = [];
  for (let a = 0; a < view.actions.length; a++) {
    let edge = -1;
    for (const n of nodes) {
      for (const e of g.out[n]!) if (view.takes(e, a) && inSet.has(g.edges[e]!.to)) edge = e;
      if (edge >= 0) break;
    }
    if (edge >= 0) targets.push({ edge });
    else if (view.actions[a]!.kind === "weak") {
      const off = nodes.find((n) => view.enabled[a]![n] === 0);
      if (off !== undefined && off !== entry) targets.push({ node: off });
    }
  }
  if (!accept(entry)) targets.push({ node: nodes.find(accept)! });
  const out = { nodes: [entry], edges: [] as number[] };
  let cur = entry;
  const walk = (to: number): void => {
    const p = pathWithin(g, [cur], to, within)!;
    out.nodes.push(...p.nodes.slice(1));
    out.edges.push(...p.edges);
    cur = to;
  };
  for (const t of targets) {
    if ("node" in t) walk(t.node);
    else {
      const e = g.edges[t.edge]!;
      walk(e.from);
      out.nodes.push(e.to);
      out.edges.push(t.edge);
      cur = e.to;
    }
  }
  if (out.edges.length === 0) {
    // Nothing to visit: any step inside the set, then back.
    const e = g.out[entry]!.find((x) => g.edges[x]!.to !== entry && inSet.has(g.edges[x]!.to))!;
    out.nodes.push(g.edges[e]!.to);
    out.edges.push(e);
    cur = g.edges[e]!.to;
  }
  if (cur !== entry) walk(entry);
  return out;
}

/** A shortest path from one of `from` to `to` through states inside `within`. */
function pathWithin(g: EngineGraph, from: readonly number[], to: number, within: (n: number) => boolean): { nodes: number[]; edges: number[] } | undefined {
  const parent = new Map<number, number>();
  const queue: number[] = [];
  for (const f of from) {
    if (!within(f) || parent.has(f)) continue;
    parent.set(f, -1);
    queue.push(f);
  }
  for (let i = 0; i < queue.length && !parent.has(to); i++) {
    const n = queue[i]!;
    for (const e of g.out[n]!) {
      const t = g.edges[e]!.to;
      if (parent.has(t) || !within(t)) continue;
      parent.set(t, e);
      queue.push(t);
    }
  }
  if (!parent.has(to)) return undefined;
  const nodes = [to];
  const edges: number[] = [];
  for (let n = to; parent.get(n)! >= 0; ) {
    const e = parent.get(n)!;
    edges.unshift(e);
    n = g.edges[e]!.from;
    nodes.unshift(n);
  }
  return { nodes, edges };
}

/** Tarjan's strongly connected components of the subgraph on `nodes` (iterative: graphs are deep). */
function stronglyConnected(g: EngineGraph, nodes: readonly number[], inside: (n: number) => boolean): number[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ n: number; i: number }> = [{ n: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const edges = g.out[top.n]!;
      if (top.i < edges.length) {
        const t = g.edges[edges[top.i++]!]!.to;
        if (t === top.n || !inside(t)) continue;
        if (!index.has(t)) {
          index.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          work.push({ n: t, i: 0 });
        } else if (onStack.has(t)) low.set(top.n, Math.min(low.get(top.n)!, index.get(t)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.n;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.n)!));
      }
      if (low.get(top.n) === index.get(top.n)) {
        const comp: number[] = [];
        for (;;) {
          const x = stack.pop()!;
          onStack.delete(x);
          comp.push(x);
          if (x === top.n) break;
        }
        out.push(comp);
      }
    }
  }
  return out;
}
