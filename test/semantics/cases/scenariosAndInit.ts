// Issue #11: scenarios built from a shared base by spreads (read statically, nested, later
// properties overriding earlier ones); constants whose values are sets or sequences of values;
// initial ByPid maps whose value each process picks independently (`[ProcSet -> S]`), choices inside
// records and `Array.from` callbacks, and block-bodied init functions that choose and test first.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "scenarios, constants, initial states";
const c = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: G, snippet, expect });
const file = (name: string, src: string, expect: Expectation = run()): Case => ({ name, group: G, src, expect });

/** A whole protocol whose process copies the constants N and Version into the state. */
const spreadFile = (top: string, scenarios: string): string => `import { invariant, process, protocol, witness, type Int } from "ts2tla";

interface State {
  n: Int<0, 3>;
  v: "v5.11" | "v5.12" | "none";
}

interface Constants {
  N: Int<0, 3>;
  Version: "v5.11" | "v5.12";
}
${top}
export default protocol<State, Constants>({
  init: () => ({ n: 0, v: "none" }),
  processes: {
    main: process(function* (self, s, c) {
      yield "a";
      s.n = c.N;
      s.v = c.Version;
    }),
  },
  properties: {
    copied: invariant((s, c) => s.v === "none" || (s.n === c.N && s.v === c.Version)),
    isV512: invariant((s) => s.v !== "v5.11"),
    isN3: invariant((s) => s.n !== 1 && s.n !== 2),
    reached: witness((s) => s.v === "v5.12"),
  },
  scenarios: {
${scenarios}
  },
});
`;

const BASE = `
const base = { constants: { N: 1, Version: "v5.11" }, deadlock: false } as const;
const override = { N: 3 } as const;
`;

const W2 = { decl: "W: PidSet", values: `{ W: ["w1", "w2"] }` };

export const SCENARIOS_AND_INIT: Case[] = [
  // An empty process set: none of its processes, the other one runs; `all` over it is true, and a
  // temporal property over it holds vacuously (left out of TLC's model, which refuses it). Its kept
  // local k is a function on no ids, which TLC prints as <<>>.
  c("emptyProcessSet", { state: "n: Int<0, 2>", init: "{ n: 0 }", constants: { decl: "W: PidSet", values: "{ W: [] }" }, processes: `
      worker: processSet("W", function* (self, s) {
        yield "a";
        const k: Int<0, 2> = 2;
        yield "b";
        s.n = k;
      }),
      main: process(function* (self, s) {
        yield "m";
        s.n = 1;
      }),`, props: {
    noneWorks: "invariant((s) => s.n !== 2)",
    noneDone: "invariant((s, c) => all(c.W, (p) => !done(p)))",
    workersFinish: `temporal(forAll("W", (p) => eventually(() => done(p))))`,
    mainFinishes: "temporal(eventually((s) => s.n === 1))",
  } }, run({}, { states: 2 })),
  // ---- scenarios from a shared base ----
  file("scenarioSpreadBase", spreadFile(BASE, `    base,
    run: { ...base, constants: { ...base.constants, Version: "v5.12", ...override } },`)),
  // Later properties override earlier ones, as in JS: here the base's N (1) wins over override.
  file("scenarioSpreadOrder", spreadFile(BASE, `    run: { ...base, constants: { ...override, ...base.constants, Version: "v5.12" }, properties: ["copied", "isV512", "reached"] },`)),
  file("scenarioSpreadNamed", spreadFile(`${BASE}const v512 = { ...base.constants, Version: "v5.12", N: 3 } as const;\n`, `    run: { ...base, constants: v512 },`)),
  file("scenarioSpreadCall", spreadFile(`${BASE}const mk = () => base;\n`, `    run: { .../*@*/mk(), constants: { N: 3, Version: "v5.12" } },`), diag("TSLA022")),
  file("scenarioSpreadLet", spreadFile(`\nlet /*@*/base = { constants: { N: 3, Version: "v5.12" }, deadlock: false } as const;\n`, `    run: { ...base },`), diag("TSLA104")),
  // A value the Constants type rejects is reported where it is written, in the base.
  file("scenarioSpreadBadValue", spreadFile(`\nconst base = { constants: { N: /*@*/7, Version: "v5.12" }, deadlock: false } as const;\n`, `    run: { ...base },`), diag("TSLA021", { message: /constants\.N/ })),
  file("scenarioSpreadUnknownKey", spreadFile(`\nconst base = { constants: { N: 3, Version: "v5.12" }, deadlock: false, /*@*/depth: 3 };\n`, `    run: { ...base } as never,`), diag("TSLA021", { message: /depth/ })),
  file("scenarioSpreadNotObject", spreadFile(`\nconst list = [3] as const;\nconst base = { constants: { N: 3, Version: "v5.12" }, deadlock: false };\n`, `    run: { ...base, constants: { ...base.constants, .../*@*/list } } as never,`), diag("TSLA066", { message: /object/ })),
  file("scenarioSpreadArray", spreadFile(`${BASE}const checked = ["copied", "isV512"] as const;\n`, `    run: { ...base, constants: { N: 3, Version: "v5.12" }, properties: [...checked, "isN3", "reached"] },`)),
  // An unknown property named in the shared base is reported there.
  file("scenarioSpreadUnknownExpect", spreadFile(`\nconst base = { constants: { N: 3, Version: "v5.12" }, expect: { /*@*/nope: "holds" } } as const;\n`, `    run: { ...base },`), diag("TSLA023")),
  // A top-level statement could change the const before the scenario is read: rejected there.
  file("scenarioSpreadChanged", spreadFile(`\nconst base = { constants: { N: 3, Version: "v5.12" }, deadlock: false };\n/*@*/base.constants.N = 1;\n`, `    run: { ...base } as never,`), diag("TSLA104")),

  // ---- constants that are sets or sequences of values ----
  c("setConstantInts", {
    state: "n: Int<0, 3>; done: boolean", init: "{ n: 0, done: false }", constants: { decl: "Ns: ReadonlySet<Int<0, 3>>", values: "{ Ns: [2, 1] }" },
    processes: `main: process(function* (self, s, c) {
      yield "a";
      const x = oneOf(c.Ns);
      s.n = x;
      s.done = true;
    }),`,
    props: { inNs: "invariant((s, c) => !s.done || c.Ns.has(s.n))", size: "invariant((s, c) => c.Ns.size === 2 && !c.Ns.has(0))", two: "witness((s) => s.n === 2)", one: "witness((s) => s.n === 1)" },
  }),
  c("setConstantStrings", {
    state: "t: \"a\" | \"b\" | \"c\" | \"none\"", init: "{ t: \"none\" }", constants: { decl: "Tags: ReadonlySet<\"a\" | \"b\" | \"c\">; Empty: ReadonlySet<Int<0, 1>>", values: "{ Tags: [\"a\", \"c\"], Empty: [] }" },
    processes: `main: process(function* (self, s, c) {
      yield "a";
      const t = oneOf(c.Tags);
      s.t = t;
    }),`,
    props: { tags: "invariant((s, c) => s.t !== \"b\" && c.Tags.has(\"c\") && c.Empty.size === 0)", c: "witness((s) => s.t === \"c\")" },
  }),
  c("seqConstant", {
    state: "n: Int<0, 3>; done: boolean", init: "{ n: 0, done: false }", constants: { decl: "Order: readonly Int<0, 3>[]; Flags: readonly boolean[]", values: "{ Order: [3, 1, 3], Flags: [true, false] }" },
    processes: `main: process(function* (self, s, c) {
      yield "a";
      s.n = c.Order[1];
      s.done = c.Flags[0];
    }),`,
    props: { order: "invariant((s, c) => c.Order.length === 3 && c.Order[0] === 3 && c.Order.indexOf(1) === 1 && (!s.done || s.n === 1))", finished: "witness((s) => s.done)" },
  }),
  c("setConstantDuplicate", { state: "n: Int<0, 3>", init: "{ n: 0 }", constants: { decl: "Ns: ReadonlySet<Int<0, 3>>", values: "{ Ns: [1, /*@*/1] }" }, body: "s.n = 1;" }, diag("TSLA021", { message: /appears twice/ })),
  c("setConstantOutOfRange", { state: "n: Int<0, 3>", init: "{ n: 0 }", constants: { decl: "Ns: ReadonlySet<Int<0, 3>>", values: "{ Ns: [1, /*@*/4] }" }, body: "s.n = 1;" }, diag("TSLA021", { message: /Ns\.1/ })),
  c("seqConstantPush", {
    state: "n: Int<0, 3>", init: "{ n: 0 }", constants: { decl: "Order: Int<0, 3>[]", values: "{ Order: [1] }" },
    processes: `main: process(function* (self, s, c) {
      yield "a";
      /*@*/c.Order.push(2);
    }),`,
  }, diag(/TSLA\d{3}/, { message: /constant/ })),
  c("setOfRecordsConstant", { state: "n: Int<0, 3>", init: "{ n: 0 }", constants: { decl: "Rs: ReadonlySet<{ a: Int<0, 1> }>", values: "{ Rs: [] }" }, body: "s.n = 1;" }, diag(/TSLA0(20|82)/)),
  c("setConstantAdd", {
    state: "n: Int<0, 3>", init: "{ n: 0 }", constants: { decl: "Ns: Set<Int<0, 3>>", values: "{ Ns: [1] }" },
    processes: `main: process(function* (self, s, c) {
      yield "a";
      /*@*/c.Ns.add(2);
    }),`,
  }, diag("TSLA042")),

  // ---- initial ByPid maps: each process picks independently ----
  c("initByPidOneOf", {
    state: "m: ByPid<Int<0, 2>>", init: "{ m: byPid(() => oneOf(range(0, 1))) }", constants: W2,
    processes: `w: processSet("W", function* (self, s) {
      yield "a";
      s.m[self] = 2;
    }),`,
    props: { differ: "witness((s) => s.m[\"w1\"] === 0 && s.m[\"w2\"] === 1)", same: "witness((s) => s.m[\"w1\"] === 1 && s.m[\"w2\"] === 1)" },
  }),
  c("initByPidOneOfArrayBlock", {
    state: "m: ByPid<\"x\" | \"y\">", init: "{ m: byPid(() => { return oneOf([\"x\", \"y\"] as const); }) }", constants: W2,
    processes: `w: processSet("W", function* (self, s) {
      yield "a";
    }),`,
    props: { differ: "witness((s) => s.m[\"w1\"] !== s.m[\"w2\"])" },
  }),
  // The values may depend on the process: w1 picks from {0}, every other process from {1, 2}.
  c("initByPidOneOfDependent", {
    state: "m: ByPid<Int<0, 2>>", init: "{ m: byPid((p) => oneOf(p === \"w1\" ? setOf(0) : setOf(1, 2))) }", constants: W2,
    processes: `w: processSet("W", function* (self, s) {
      yield "a";
    }),
    main: process(function* (self, s) {
      yield "b";
    }),`,
    props: { w1Zero: "invariant((s) => s.m[\"w1\"] === 0 && s.m[\"w2\"] !== 0)", both: "witness((s) => s.m[\"w2\"] === 2 && s.m[\"main\"] === 1)" },
  }),
  // A choice inside a record (in a byPid callback, in an array's callback) is the record set `[a : S, b : {e}]`.
  c("initByPidRecordChoice", {
    state: "m: ByPid<{ a: Int<0, 1>; b: Int<0, 2> }>", init: "{ m: byPid(() => ({ a: oneOf(range(0, 1)), b: 2 })) }", constants: W2,
    processes: `w: processSet("W", function* (self, s) {
      yield "a";
    }),`,
    props: { bIsTwo: "invariant((s) => s.m[\"w1\"]!.b === 2 && s.m[\"w2\"]!.b === 2)", differ: "witness((s) => s.m[\"w1\"]!.a !== s.m[\"w2\"]!.a)" },
  }, run({ bIsTwo: "holds", differ: "reached" }, { states: 16 })),
  // `Array.from({ length: n }, () => oneOf(S))`: every sequence of n values, `[1..n -> S]`.
  c("initArrayFromOneOf", {
    state: "q: Int<0, 2>[]", init: "{ q: Array.from({ length: 2 }, () => oneOf(range(0, 2))) }",
    props: { two: "invariant((s) => s.q.length === 2)", differ: "witness((s) => s.q[0] === 0 && s.q[1] === 2)" },
  }, run({ two: "holds", differ: "reached" }, { states: 18 })),
  // The length chosen too: `UNION {[1..k -> S] : k \in L}`; length 0 is the one empty array.
  c("initArrayFromOneOfLength", {
    state: "q: boolean[]", init: "{ q: Array.from({ length: oneOf(range(0, 2)) }, () => oneOf(setOf(false, true))) }",
    props: { short: "invariant((s) => s.q.length <= 2)", empty: "witness((s) => s.q.length === 0)" },
  }, run({ short: "holds", empty: "reached" }, { states: 14 })),
  c("initArrayFromRecords", {
    state: "q: { on: boolean; n: Int<0, 1> }[]", init: "{ q: Array.from({ length: 2 }, () => ({ on: oneOf(setOf(false, true)), n: 1 })) }",
    props: { ones: "invariant((s) => s.q.every((r) => r.n === 1))", mixed: "witness((s) => s.q[0]!.on && !s.q[1]!.on)" },
  }, run({ ones: "holds", mixed: "reached" }, { states: 8 })),
  // JS gives the callback (element, index): a choice that may depend on the index has no `[1..n -> S]` form.
  c("initArrayFromIndexed", { state: "q: Int<0, 2>[]", init: "{ q: Array.from({ length: 2 }, /*@*/(_, i) => oneOf(range(0, i))) }" }, diag("TSLA046")),
  // A block init chooses first, may block (`when`), and returns the fields (shorthand too).
  c("initBlockChoices", {
    state: "a: Int<0, 3>; b: Int<0, 3>",
    initFn: "() => {\n    const a = oneOf(range(0, 3));\n    const b = oneOf(range(a, 3));\n    when(a + b === 3);\n    return { a, b };\n  }",
    props: { sum: "invariant((s) => s.a + s.b === 3 && s.a <= s.b)", split: "witness((s) => s.a === 1)" },
  }, run({ sum: "holds", split: "reached" }, { states: 4 })),
  // `when` before a later choice, and a plain `const`, in the order JS runs them.
  c("initBlockWhenFirst", {
    state: "n: Int<0, 4>", constants: { decl: "K: Int<0, 2>", values: "{ K: 2 }" },
    initFn: "(c) => {\n    const top = c.K + 1;\n    when(c.K > 0);\n    const n = oneOf(range(1, top));\n    return { n };\n  }",
    props: { inRange: "invariant((s) => s.n >= 1 && s.n <= 3)", three: "witness((s) => s.n === 3)" },
  }, run({ inRange: "holds", three: "reached" }, { states: 6 })),
  c("initBlockStatement", {
    state: "n: Int<0, 4>",
    initFn: "() => {\n    const n = 1;\n    /*@*/if (n > 0) when(true);\n    return { n };\n  }",
  }, diag("TSLA065")),
  c("initOneOfInArray", { state: "q: Int<0, 1>[]", init: "{ q: [/*@*/oneOf(range(0, 1))] }", body: "s.q = [];" }, diag("TSLA046")),
];
