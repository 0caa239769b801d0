// Issue #11: scenarios built from a shared base by spreads (read statically, nested, later
// properties overriding earlier ones); constants whose values are sets or sequences of values;
// initial ByPid maps whose value each process picks independently (`[ProcSet -> S]`).
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
  // A choice deeper in the callback is not a function from the ids to the values: rejected.
  c("initByPidOneOfNested", {
    state: "m: ByPid<{ a: Int<0, 1> }>", init: "{ m: byPid(() => ({ a: /*@*/oneOf(range(0, 1)) })) }", constants: W2,
    processes: `w: processSet("W", function* (self, s) {
      yield "a";
    }),`,
  }, diag("TSLA046")),
  c("initOneOfInArray", { state: "q: Int<0, 1>[]", init: "{ q: [/*@*/oneOf(range(0, 1))] }", body: "s.q = [];" }, diag("TSLA046")),
];
