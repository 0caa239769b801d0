// Compares the state graphs of two engines (TLC and the TS checker): the same initial states and the
// same reachable states, once both are normalised with the protocol's types. Equal counts are not
// enough, so states are compared by value. The first difference is reported in breadth-first order,
// so the state shown is the shallowest one a side reaches and the other does not, and its predecessor
// is a state both reach.
import type { GraphEdge, StateGraph } from "../checker/stateGraph.ts";
import type { TlaValue } from "../checker/types.ts";
import { compareVars, EncodeProblems, normalizeChecker, printTla, renderDiff, type EncType } from "../runtime/tlaValues.ts";

export type GraphSide = "a" | "b";

export interface GraphStep {
  action?: string;
  self?: string;
}

export interface GraphDisagreement {
  /** `unknown-variables`: a side's states have variables that `types` does not declare. */
  kind: "initial-states" | "reachable-states" | "unknown-variables";
  /** The side that has the state the other does not. */
  side: GraphSide;
  /** The state, normalised: the variables of `types` in its order, then any it does not know. */
  state: Record<string, TlaValue>;
  /** Steps from an initial state in the side's breadth-first search (0 for an initial state, -1 for none). */
  depth: number;
  /** The state it is reached from, which both sides reach (absent for an initial state). */
  predecessor?: Record<string, TlaValue>;
  /** The step from `predecessor` to `state`. */
  step?: GraphStep;
  /**
   * The other side's state most like `state`: among the successors of `predecessor` (among its initial
   * states for `initial-states`), preferring successors by the same step, then fewest differing variables.
   */
  closest?: { state: Record<string, TlaValue>; step?: GraphStep };
  /** For `unknown-variables`: the variables `types` does not declare. */
  unknownVars?: string[];
  /** A readable report naming both engines. */
  text: string;
}

export function compareStateGraphs(
  a: StateGraph,
  b: StateGraph,
  types: Record<string, EncType>,
  names: { a: string; b: string },
): GraphDisagreement | undefined {
  const sides = { a: explore(a, types), b: explore(b, types) };
  const report = new Reporter(sides, { a, b }, types, names);

  for (const side of ["a", "b"] as const) {
    const id = sides[side].order.find((i) => sides[side].states[i]!.unknown.length > 0);
    if (id !== undefined) return report.unknownVariables(side, id);
  }

  const initialOnlyIn = (side: GraphSide, other: Explored) => sides[side].initial.find((i) => !other.initialKeys.has(sides[side].states[i]!.key));
  const initialA = initialOnlyIn("a", sides.b);
  if (initialA !== undefined) return report.initial("a", initialA);
  const initialB = initialOnlyIn("b", sides.a);
  if (initialB !== undefined) return report.initial("b", initialB);

  const firstOnlyIn = (side: GraphSide, other: Explored) => sides[side].order.find((i) => !other.idsByKey.has(sides[side].states[i]!.key));
  const onlyA = firstOnlyIn("a", sides.b);
  const onlyB = firstOnlyIn("b", sides.a);
  if (onlyA === undefined && onlyB === undefined) return undefined;
  if (onlyB === undefined || (onlyA !== undefined && sides.a.depth[onlyA]! <= sides.b.depth[onlyB]!)) return report.reachable("a", onlyA!);
  return report.reachable("b", onlyB);
}

// ---- normalising and exploring one side ----

interface NormalState {
  key: string;
  vars: Record<string, TlaValue>;
  /** Variables `types` does not declare. */
  unknown: string[];
}

interface Explored {
  states: NormalState[];
  initial: number[];
  initialKeys: Set<string>;
  idsByKey: Map<string, number[]>;
  successors: Array<Array<{ to: number; edge: GraphEdge }>>;
  /** State ids in breadth-first order from the initial states; states reached from none come last. */
  order: number[];
  depth: number[];
  parent: Array<{ from: number; edge: GraphEdge } | undefined>;
}

function normalise(vars: Record<string, TlaValue>, types: Record<string, EncType>): NormalState {
  const problems = new EncodeProblems(); // a value of the wrong type just compares unequal
  const out: Record<string, TlaValue> = {};
  const parts: string[] = [];
  for (const [name, type] of Object.entries(types)) {
    const v = vars[name];
    if (v === undefined) {
      parts.push(`${name} missing`);
      continue;
    }
    out[name] = normalizeChecker(v, type, name, problems);
    parts.push(`${name}=${printTla(out[name])}`);
  }
  const unknown = Object.keys(vars)
    .filter((n) => !(n in types))
    .sort();
  for (const name of unknown) {
    out[name] = vars[name]!;
    parts.push(`${name}?=${printTla(vars[name]!)}`);
  }
  return { key: parts.join("; "), vars: out, unknown };
}

function explore(g: StateGraph, types: Record<string, EncType>): Explored {
  const states = g.states.map((s) => normalise(s.vars, types));
  const initial = g.states.flatMap((s, i) => (s.initial ? [i] : []));
  const idsByKey = new Map<string, number[]>();
  states.forEach((s, i) => idsByKey.set(s.key, [...(idsByKey.get(s.key) ?? []), i]));
  const successors = states.map((): Array<{ to: number; edge: GraphEdge }> => []);
  for (const edge of g.edges) {
    if (successors[edge.from] && states[edge.to]) successors[edge.from]!.push({ to: edge.to, edge });
  }

  const depth = states.map(() => Infinity);
  const parent: Explored["parent"] = states.map(() => undefined);
  const order: number[] = [];
  for (const i of initial) {
    if (depth[i] === Infinity) {
      depth[i] = 0;
      order.push(i);
    }
  }
  for (let head = 0; head < order.length; head++) {
    const from = order[head]!;
    for (const { to, edge } of successors[from]!) {
      if (depth[to] !== Infinity) continue;
      depth[to] = depth[from]! + 1;
      parent[to] = { from, edge };
      order.push(to);
    }
  }
  states.forEach((_, i) => depth[i] === Infinity && order.push(i));

  return { states, initial, initialKeys: new Set(initial.map((i) => states[i]!.key)), idsByKey, successors, order, depth, parent };
}

// ---- reporting ----

class Reporter {
  constructor(
    private readonly sides: Record<GraphSide, Explored>,
    private readonly graphs: Record<GraphSide, StateGraph>,
    private readonly types: Record<string, EncType>,
    private readonly names: { a: string; b: string },
  ) {}

  unknownVariables(side: GraphSide, id: number): GraphDisagreement {
    const s = this.sides[side];
    const state = s.states[id]!;
    const unknownVars = [...new Set(s.states.flatMap((x) => x.unknown))].sort();
    const lines = [
      `${this.names.a} and ${this.names.b} cannot be compared: ${this.names[side]}'s states have variables the protocol does not declare: ${unknownVars.join(", ")}.`,
      `  The first such state ${this.names[side]} has (${depthText(s.depth[id]!)}):`,
      listState(state.vars),
    ];
    return { kind: "unknown-variables", side, state: state.vars, depth: reportedDepth(s.depth[id]!), unknownVars, text: this.finish(lines) };
  }

  initial(side: GraphSide, id: number): GraphDisagreement {
    const other = this.sides[otherSide(side)];
    const state = this.sides[side].states[id]!;
    const closest = this.closestOf(state, other.initial.map((to) => ({ to })), undefined, other);
    const lines = [
      `${this.names.a} and ${this.names.b} disagree on the initial states: ${this.names[side]} has one that ${this.names[otherSide(side)]} does not.`,
      this.counts(),
      closest
        ? `  ${this.names[side]}'s initial state beside ${this.names[otherSide(side)]}'s closest initial state:`
        : `  ${this.names[side]}'s initial state (${this.names[otherSide(side)]} has none):`,
      closest ? this.sideBySide(side, state.vars, closest.state) : listState(state.vars),
    ];
    return { kind: "initial-states", side, state: state.vars, depth: 0, ...(closest ? { closest } : {}), text: this.finish(lines) };
  }

  reachable(side: GraphSide, id: number): GraphDisagreement {
    const here = this.sides[side];
    const other = this.sides[otherSide(side)];
    const state = here.states[id]!;
    const depth = here.depth[id]!;
    const how = here.parent[id];
    const them = this.names[otherSide(side)];
    const lines = [`${this.names.a} and ${this.names.b} disagree on the reachable states: ${this.names[side]} reaches a state that ${them} does not.`, this.counts()];
    if (!how) {
      lines.push(`  ${this.names[side]} has it but reaches it from no initial state:`, listState(state.vars));
      return { kind: "reachable-states", side, state: state.vars, depth: -1, text: this.finish(lines) };
    }
    const predecessor = here.states[how.from]!;
    const step = stepOf(how.edge);
    const theirSuccessors = (other.idsByKey.get(predecessor.key) ?? []).flatMap((p) => other.successors[p]!);
    const closest = this.closestOf(state, theirSuccessors, step, other);
    lines.push(`  From this state, which both reach (depth ${depth - 1}):`, listState(predecessor.vars));
    if (closest) {
      const by = closest.step ? ` (by ${stepText(closest.step)})` : "";
      lines.push(`  ${this.names[side]}'s step ${stepText(step)} leads to its state below; ${them}'s closest successor${by} beside it:`);
      lines.push(this.sideBySide(side, state.vars, closest.state));
    } else {
      lines.push(`  ${this.names[side]}'s step ${stepText(step)} leads to the state below; ${them} has no step from there:`, listState(state.vars));
    }
    return {
      kind: "reachable-states",
      side,
      state: state.vars,
      depth,
      predecessor: predecessor.vars,
      step,
      ...(closest ? { closest } : {}),
      text: this.finish(lines),
    };
  }

  private closestOf(
    state: NormalState,
    candidates: Array<{ to: number; edge?: GraphEdge }>,
    step: GraphStep | undefined,
    other: Explored,
  ): { state: Record<string, TlaValue>; step?: GraphStep } | undefined {
    const sameStep = step?.action !== undefined ? candidates.filter((c) => c.edge && sameStepAs(stepOf(c.edge), step)) : [];
    const pool = sameStep.length > 0 ? sameStep : candidates;
    let best: { to: number; edge?: GraphEdge; distance: number } | undefined;
    for (const c of pool) {
      const distance = differingVars(state.vars, other.states[c.to]!.vars);
      if (!best || distance < best.distance) best = { ...c, distance };
    }
    if (!best) return undefined;
    return { state: other.states[best.to]!.vars, ...(best.edge ? { step: stepOf(best.edge) } : {}) };
  }

  /** Rows with the `a` side's values first, whatever side has the state. */
  private sideBySide(side: GraphSide, own: Record<string, TlaValue>, theirs: Record<string, TlaValue>): string {
    const [left, right] = side === "a" ? [own, theirs] : [theirs, own];
    const order = [...Object.keys(this.types), ...Object.keys(left), ...Object.keys(right)];
    const names = [...new Set(order)].filter((n) => n in left || n in right);
    const width = Math.max(this.names.a.length, this.names.b.length);
    return renderDiff(compareVars(left, right, names), { expected: this.names.a.padEnd(width), actual: this.names.b.padEnd(width) });
  }

  private counts(): string {
    const count = (s: GraphSide) => `${this.names[s]}: ${this.sides[s].states.length} states (${this.sides[s].initial.length} initial)`;
    return `  ${count("a")}; ${count("b")}`;
  }

  private finish(lines: string[]): string {
    for (const s of ["a", "b"] as const) {
      if (!this.graphs[s].complete) lines.push(`  Note: ${this.names[s]}'s graph is incomplete (its search stopped early): states it lacks may just be unexplored.`);
    }
    return lines.join("\n");
  }
}

const otherSide = (s: GraphSide): GraphSide => (s === "a" ? "b" : "a");

function stepOf(edge: GraphEdge): GraphStep {
  return { ...(edge.action !== undefined ? { action: edge.action } : {}), ...(edge.self !== undefined ? { self: edge.self } : {}) };
}

function sameStepAs(x: GraphStep, y: GraphStep): boolean {
  return x.action === y.action && (x.self === undefined || y.self === undefined || x.self === y.self);
}

function stepText(s: GraphStep): string {
  if (s.action === undefined) return "(an unnamed step)";
  return s.self !== undefined ? `${s.action}(${s.self})` : s.action;
}

function differingVars(x: Record<string, TlaValue>, y: Record<string, TlaValue>): number {
  const names = new Set([...Object.keys(x), ...Object.keys(y)]);
  let n = 0;
  for (const name of names) {
    const vx = x[name];
    const vy = y[name];
    if (!vx || !vy || printTla(vx) !== printTla(vy)) n++;
  }
  return n;
}

function listState(vars: Record<string, TlaValue>): string {
  const width = Math.max(...Object.keys(vars).map((n) => n.length), 1);
  return Object.entries(vars)
    .map(([n, v]) => `    ${n.padEnd(width)} = ${printTla(v)}`)
    .join("\n");
}

const depthText = (d: number): string => (d === Infinity ? "reached from no initial state" : `depth ${d}`);
const reportedDepth = (d: number): number => (d === Infinity ? -1 : d);
