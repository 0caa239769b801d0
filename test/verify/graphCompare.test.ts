// The state-graph cross-check between two engines, on small hand-built graphs (and one real TLC dump).
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { GraphEdge, StateGraph } from "../../tools/checker/stateGraph.ts";
import { parseTlcStateDump } from "../../tools/checker/tlc/stateDump.ts";
import type { TlaValue } from "../../tools/checker/types.ts";
import type { EncType } from "../../tools/runtime/tlaValues.ts";
import { compileFile } from "../../tools/compiler/index.ts";
import { disagreementText } from "../../tools/verify/disagreementText.ts";
import { compareStateGraphs, type GraphDisagreement } from "../../tools/verify/graphCompare.ts";

const int = (value: number): TlaValue => ({ kind: "int", value });
const mv = (name: string): TlaValue => ({ kind: "modelValue", name });
const str = (value: string): TlaValue => ({ kind: "str", value });
const pcOf = (p: string, q: string): TlaValue => ({ kind: "fn", entries: [[mv("p"), str(p)], [mv("q"), str(q)]] });

const TYPES: Record<string, EncType> = {
  x: { k: "int", lo: 0, hi: 9 },
  pc: { k: "byPid", value: { k: "lits", values: ["a", "b", "Done"] } },
};
const NAMES = { a: "TLC", b: "TS" };

type S = [x: number, pcP: string, pcQ: string];
/** A graph from states `[x, pc[p], pc[q]]` (the first `initial` of them initial) and steps `[from, to, action, self]`. */
function graph(states: S[], edges: Array<[number, number, string, string?]>, initial = 1, complete = true): StateGraph {
  return {
    states: states.map(([x, p, q], i) => ({ vars: { x: int(x), pc: pcOf(p, q) }, initial: i < initial })),
    edges: edges.map(([from, to, action, self]): GraphEdge => ({ from, to, action, ...(self ? { self } : {}) })),
    complete,
  };
}

// 0 --p--> 1 --q--> 2, and 0 --q--> 3
const BASE: S[] = [
  [0, "a", "a"],
  [1, "b", "a"],
  [2, "b", "b"],
  [1, "a", "b"],
];
const BASE_EDGES: Array<[number, number, string, string?]> = [
  [0, 1, "step_a", "p"],
  [1, 2, "step_a", "q"],
  [0, 3, "step_a", "q"],
];

describe("state graph comparison", () => {
  it("finds nothing between equal graphs, whatever the state order or the printing", () => {
    const a = graph(BASE, BASE_EDGES);
    expect(compareStateGraphs(a, a, TYPES, NAMES)).to.equal(undefined);
    // The same graph with the states in another order, and pc as a record keyed by process (JSON-dump style).
    const shuffled: StateGraph = {
      states: [3, 0, 2, 1].map((i) => {
        const [x, p, q] = BASE[i]!;
        return { vars: { pc: { kind: "record", fields: { p: str(p), q: str(q) } }, x: int(x) }, initial: i === 0 };
      }),
      edges: [
        { from: 1, to: 3, action: "step_a", self: "p" },
        { from: 3, to: 2, action: "step_a", self: "q" },
        { from: 1, to: 0, action: "step_a", self: "q" },
      ],
      complete: true,
    };
    expect(compareStateGraphs(a, shuffled, TYPES, NAMES)).to.equal(undefined);
  });

  it("reports a state only one side reaches, with its predecessor, the step and the other side's closest state", () => {
    const a = graph(BASE, BASE_EDGES);
    // TS's step_a(q) from state 1 goes wrong: x becomes 3 instead of 2.
    const b = graph([...BASE.slice(0, 2), [3, "b", "b"], BASE[3]!], BASE_EDGES);
    const d = compareStateGraphs(a, b, TYPES, NAMES)!;
    expect(d).to.include({ kind: "reachable-states", side: "a", depth: 2 });
    expect(d.state).to.deep.equal({ x: int(2), pc: pcOf("b", "b") });
    expect(d.predecessor).to.deep.equal({ x: int(1), pc: pcOf("b", "a") });
    expect(d.step).to.deep.equal({ action: "step_a", self: "q" });
    expect(d.closest).to.deep.equal({ state: { x: int(3), pc: pcOf("b", "b") }, step: { action: "step_a", self: "q" } });
    expect(d.text).to.include("TLC and TS disagree on the reachable states: TLC reaches a state that TS does not.");
    expect(d.text).to.include("TLC's step step_a(q)");
    expect(d.text).to.include("TS's closest successor (by step_a(q))");
    expect(d.text).to.match(/! x +TLC: 2\n +TS : 3/);
    expect(d.text).to.match(/\n {4}pc = \(p :> "b" @@ q :> "b"\)/);
  });

  it("reports a difference between sets of equal size", () => {
    const a = graph(BASE, BASE_EDGES);
    const b = graph([...BASE.slice(0, 3), [5, "a", "b"]], BASE_EDGES);
    expect(a.states.length).to.equal(b.states.length);
    const d = compareStateGraphs(a, b, TYPES, NAMES)!;
    // Both sides have a state the other lacks at depth 1: the one of side a is reported.
    expect(d).to.include({ kind: "reachable-states", side: "a", depth: 1 });
    expect(d.state).to.deep.equal({ x: int(1), pc: pcOf("a", "b") });
    expect(d.closest!.state).to.deep.equal({ x: int(5), pc: pcOf("a", "b") });
    expect(compareStateGraphs(b, a, TYPES, NAMES)!.state).to.deep.equal({ x: int(5), pc: pcOf("a", "b") });
  });

  it("reports the shallowest difference, whichever side has it", () => {
    const a = graph([...BASE, [9, "Done", "b"]], [...BASE_EDGES, [2, 4, "step_b", "p"]]); // extra state at depth 3
    const b = graph([...BASE, [7, "a", "Done"]], [...BASE_EDGES, [3, 4, "step_b", "q"]]); // extra state at depth 2
    const d = compareStateGraphs(a, b, TYPES, NAMES)!;
    expect(d).to.include({ side: "b", depth: 2 });
    expect(d.text).to.include("TS reaches a state that TLC does not");
    expect(d.closest).to.equal(undefined); // TLC has no step from state 3
    expect(d.text).to.include("TLC has no step from there");
  });

  it("reports different initial states", () => {
    const a = graph(BASE, BASE_EDGES);
    const b = graph([[0, "a", "b"], ...BASE.slice(1)], BASE_EDGES);
    const d = compareStateGraphs(a, b, TYPES, NAMES)!;
    expect(d).to.include({ kind: "initial-states", side: "a", depth: 0 });
    expect(d.predecessor).to.equal(undefined);
    expect(d.closest!.state).to.deep.equal({ x: int(0), pc: pcOf("a", "b") });
    expect(d.text).to.include("disagree on the initial states: TLC has one that TS does not");
    // A second initial state on one side only is a difference too, even when the reachable sets agree.
    const twoInitial = graph(BASE, BASE_EDGES, 2);
    expect(compareStateGraphs(a, twoInitial, TYPES, NAMES)).to.include({ kind: "initial-states", side: "b" });
  });

  it("reports a variable only one side has as a difference, not a crash", () => {
    const a = graph(BASE, BASE_EDGES);
    const b = graph(BASE, BASE_EDGES);
    delete b.states[0]!.vars.x;
    const d = compareStateGraphs(a, b, TYPES, NAMES)!;
    expect(d).to.include({ kind: "initial-states", side: "a" });
    expect(d.text).to.match(/! x +TLC: 0\n +TS : \(missing\)/);
  });

  it("reports variables the protocol does not declare", () => {
    const a = graph(BASE, BASE_EDGES);
    const b = graph(BASE, BASE_EDGES);
    b.states[2]!.vars.ghost = int(1);
    const d = compareStateGraphs(a, b, TYPES, NAMES)!;
    expect(d).to.include({ kind: "unknown-variables", side: "b", depth: 2 });
    expect(d.unknownVars).to.deep.equal(["ghost"]);
    expect(d.text).to.include("TS's states have variables the protocol does not declare: ghost");
  });

  it("says when a graph is incomplete", () => {
    const a = graph(BASE, BASE_EDGES);
    const b = graph(BASE.slice(0, 3), BASE_EDGES.slice(0, 2), 1, false);
    const d = compareStateGraphs(a, b, TYPES, NAMES)!;
    expect(d.state).to.deep.equal({ x: int(1), pc: pcOf("a", "b") });
    expect(d.text).to.include("Note: TS's graph is incomplete");
  });

  it("finds a state missing from a real TLC graph", () => {
    const text = readFileSync(fileURLToPath(new URL("../fixtures/tlc-dumps/mutex-two.dot", import.meta.url)), "utf8");
    const tlc = parseTlcStateDump(text, { complete: true });
    const types: Record<string, EncType> = {
      holder: { k: "union", members: [{ k: "null" }, { k: "pid" }] },
      pc: { k: "byPid", value: { k: "lits", values: ["acquire", "critical", "release", "Done"] } },
    };
    expect(compareStateGraphs(tlc, tlc, types, NAMES)).to.equal(undefined);
    // The other engine never lets w2 into the critical section.
    const lacking: StateGraph = { ...tlc, edges: tlc.edges.filter((e) => !(e.action === "worker_critical" && e.self === "w2")) };
    lacking.states = lacking.states.filter((_, i) => lacking.edges.some((e) => e.to === i) || tlc.states[i]!.initial);
    const keep = tlc.states.map((s) => lacking.states.indexOf(s));
    lacking.edges = lacking.edges.filter((e) => keep[e.from]! >= 0 && keep[e.to]! >= 0).map((e) => ({ ...e, from: keep[e.from]!, to: keep[e.to]! }));
    const d = compareStateGraphs(tlc, lacking, types, NAMES)!;
    expect(d).to.include({ kind: "reachable-states", side: "a", depth: 2 });
    expect(d.step).to.deep.equal({ action: "worker_critical", self: "w2" });
    expect(d.state.pc).to.deep.equal({ kind: "fn", entries: [[mv("w1"), str("acquire")], [mv("w2"), str("release")]] });
    expect(d.closest).to.equal(undefined);
  });
});

describe("disagreementText", () => {
  it("shows a local of no process (an empty process set) as its variable, not as nothing", () => {
    const c = compileFile("spec-src/dax/dax.ts");
    const d: GraphDisagreement = { kind: "initial-states", side: "a", state: { pmd_fault_key: { kind: "seq", elems: [] } }, depth: 0, closest: { state: {} }, text: "" };
    const text = disagreementText(d, c.sourceMap, NAMES);
    expect(text).to.match(/! pmd_fault_key \(a local of no process\)\s+TLC: +\[\]\n\s+TS: +\(missing\)/);
  });
});
