// Sets of records, arrays and sets (issue #11): a JS Set tells equal records apart, a ValueSet compares
// its elements by value as TLA+ does, and keeps a frozen copy of each. In the state, in constants and
// through the set functions; record constants and sequences of records. Diagnostics: a plain Set of
// records, a write through an element read from a ValueSet, a constant element given twice.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "sets of records (ValueSet), record constants";
const c = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: G, snippet, expect });

const MSG = "{ from: Int<0, 2>; n: Int<0, 2> }";
const ST = `msgs: ValueSet<${MSG}>; k: Int<0, 9>; done: boolean`;
const V = (body: string, check: string, init = "{ msgs: new ValueSet(), k: 0, done: false }", top?: string): Snippet => ({
  state: ST,
  init,
  body: `${body}\ns.done = true;`,
  props: { value: `invariant((s) => !s.done || (${check}))` },
  ...(top ? { top } : {}),
});

export const VALUE_SETS: Case[] = [
  c("addEqualRecordsOnce", V(`
      s.msgs.add({ from: 1, n: 2 });
      s.msgs.add({ n: 2, from: 1 });
      s.k = s.msgs.size;`, "s.k === 1")),
  c("hasAndDeleteByValue", V(`
      s.msgs.add({ from: 1, n: 2 });
      s.k = s.msgs.has({ from: 1, n: 2 }) ? 1 : 0;
      s.msgs.delete({ from: 1, n: 2 });`, "s.k === 1 && s.msgs.size === 0")),
  c("initialElements", V(`s.k = s.msgs.size + (s.msgs.has({ from: 0, n: 0 }) ? 3 : 0);`, "s.k === 5", "{ msgs: new ValueSet([{ from: 0, n: 0 }, { from: 1, n: 1 }, { from: 0, n: 0 }]), k: 0, done: false }")),
  // add keeps a copy: changing the record afterwards does not change the set's element (as in TLA+).
  c("addKeepsACopy", V(`
      const m = { from: 0 as Int<0, 2>, n: 0 as Int<0, 2> };
      s.msgs.add(m);
      s.k = s.msgs.size;`, "s.k === 1 && s.msgs.has({ from: 0, n: 0 })")),
  c("oneOfElement", V(`
      const m = oneOf(s.msgs);
      s.k = m.from + m.n;`, "s.k === 1 || s.k === 4", "{ msgs: new ValueSet([{ from: 0, n: 1 }, { from: 2, n: 2 }]), k: 0, done: false }")),
  c("writeThroughElement", V(`
      const m = oneOf(s.msgs);
      /*@*/m.n = 2;`, "true", "{ msgs: new ValueSet([{ from: 0, n: 1 }]), k: 0, done: false }"), diag("TSLA084")),
  c("setFunctionsOnValueSets", V(`
      const swapped = mapSet(s.msgs, (m) => ({ from: m.n, n: m.from }));
      const both = union(s.msgs, swapped);
      s.k = both.size + filterSet(both, (m) => m.from === 0).size + intersection(s.msgs, swapped).size + difference(both, s.msgs).size;`,
      // {0,1},{1,0} and {2,2}: both = 3 elements, 1 with from 0, intersection {2,2}, difference {1,0}
      "s.k === 3 + 1 + 1 + 1", "{ msgs: new ValueSet([{ from: 0, n: 1 }, { from: 2, n: 2 }]), k: 0, done: false }")),
  c("mapSetToEqualRecords", V(`s.msgs = mapSet(s.msgs, (m) => ({ from: 0, n: m.n - m.n }));`, "s.msgs.size === 1", "{ msgs: new ValueSet([{ from: 0, n: 1 }, { from: 2, n: 2 }]), k: 0, done: false }")),
  c("equalsOnValueSets", V(`s.k = equals(s.msgs, new ValueSet([{ from: 2, n: 2 }, { from: 0, n: 1 }])) ? 1 : 2;`, "s.k === 1", "{ msgs: new ValueSet([{ from: 0, n: 1 }, { from: 2, n: 2 }]), k: 0, done: false }")),
  c("setsOfSets", {
    state: "groups: ValueSet<ReadonlySet<Int<0, 2>>>; k: Int<0, 9>; done: boolean",
    init: "{ groups: new ValueSet(), k: 0, done: false }",
    body: `
      s.groups.add(new Set([1, 2]));
      s.groups.add(new Set([2, 1]));
      s.groups.add(new Set());
      s.k = s.groups.size + (s.groups.has(new Set([2, 1])) ? 3 : 0);
      s.done = true;`,
    props: { value: "invariant((s) => !s.done || s.k === 5)" },
  }),
  c("setsOfArrays", {
    state: "paths: ValueSet<readonly Int<0, 2>[]>; k: Int<0, 9>; done: boolean",
    init: "{ paths: new ValueSet(), k: 0, done: false }",
    body: `
      s.paths.add([1, 2]);
      s.paths.add([2, 1]);
      s.paths.add([1, 2]);
      s.k = s.paths.size;
      s.done = true;`,
    props: { value: "invariant((s) => !s.done || s.k === 2)" },
  }),
  // isIn on a ValueSet finds a record by value, as has() does (it was TSLA081).
  c("isInByValue", V(`s.k = isIn({ from: 2, n: 2 }, s.msgs) ? 1 : 2;`, "s.k === 1", "{ msgs: new ValueSet([{ from: 0, n: 1 }, { from: 2, n: 2 }]), k: 0, done: false }")),
  c("plainSetOfRecords", {
    state: `msgs: Set<${MSG}>`,
    init: "{ msgs: new Set() }",
    body: "s.msgs.add({ from: 0, n: 0 });",
  }, diag("TSLA082")),
  c("newPlainSetOfRecords", V(`s.k = /*@*/new Set([{ from: 0, n: 0 }]).size;`, "true"), diag("TSLA082")),
  // A ValueSet constant: its elements are records, each once; a step chooses among them.
  c("valueSetConstant", {
    state: "k: Int<0, 9>; done: boolean",
    init: "{ k: 0, done: false }",
    constants: { decl: "Edges: ReadonlyValueSet<{ a: Int<0, 2>; b: Int<0, 2> }>", values: "{ Edges: [{ a: 0, b: 1 }, { a: 1, b: 2 }] }" },
    body: `
      const e = oneOf(c.Edges);
      s.k = e.a + e.b + (c.Edges.has({ a: 1, b: 2 }) ? 4 : 0);
      s.done = true;`,
    props: { value: "invariant((s) => !s.done || s.k === 5 || s.k === 7)", seven: "witness((s) => s.k === 7)" },
  }),
  c("valueSetConstantTwice", {
    state: "k: Int<0, 9>",
    init: "{ k: 0 }",
    constants: { decl: "Edges: ReadonlyValueSet<{ a: Int<0, 2>; b: Int<0, 2> }>", values: "{ Edges: [{ a: 0, b: 1 }, /*@*/{ b: 1, a: 0 }] }" },
    body: "s.k = c.Edges.size;",
  }, diag(/TSLA\d{3}/, { message: /twice/ })),
  c("recordConstant", {
    state: "k: Int<0, 9>; done: boolean",
    init: "{ k: 0, done: false }",
    constants: { decl: "Bounds: { lo: Int<0, 3>; hi: Int<0, 3>; names: readonly (\"x\" | \"y\")[] }", values: '{ Bounds: { lo: 1, hi: 3, names: ["y", "x"] } }' },
    body: `
      s.k = c.Bounds.hi - c.Bounds.lo + c.Bounds.names.length + (c.Bounds.names[0] === "y" ? 4 : 0);
      s.done = true;`,
    props: { value: "invariant((s) => !s.done || s.k === 8)" },
  }),
  c("sequenceOfRecordsConstant", {
    state: "k: Int<0, 9>; done: boolean",
    init: "{ k: 0, done: false }",
    constants: { decl: "Plan: readonly { at: Int<0, 3>; go: boolean }[]", values: "{ Plan: [{ at: 2, go: true }, { at: 1, go: false }] }" },
    body: `
      s.k = c.Plan[0]!.at + (c.Plan[1]!.go ? 0 : 5);
      s.done = true;`,
    props: { value: "invariant((s) => !s.done || s.k === 7)" },
  }),
  c("recordConstantWrongField", {
    state: "k: Int<0, 3>",
    init: "{ k: 0 }",
    constants: { decl: "Bounds: { lo: Int<0, 3>; hi: Int<0, 3> }", values: "{ Bounds: { lo: 1, /*@*/high: 3 } }" },
    body: "s.k = c.Bounds.lo;",
  }, diag(/TSLA\d{3}/)),
  // A ValueSet in a property: has() by value.
  c("valueSetInProperty", V(`s.msgs.add({ from: 2, n: 1 });`, "s.msgs.has({ from: 2, n: 1 }) && !s.msgs.has({ from: 1, n: 2 })")),
  // A protocol's own class named ValueSet is not the language's: not translated as a set.
  {
    name: "ownClassNamedValueSet",
    group: G,
    src: `import { process, protocol, type Int } from "ts2tla";

class ValueSet<T> {
  items: T[] = [];
}

interface State {
  msgs: ValueSet<Int<0, 2>>;
}

export default protocol<State>({
  init: () => ({ msgs: /*@*/new ValueSet() }),
  processes: {
    main: process(function* (self, s) {
      yield "a";
      s.msgs.items.push(1);
    }),
  },
  properties: {},
  scenarios: { run: { constants: {}, deadlock: false } },
});
`,
    expect: diag("TSLA041", { message: /new ValueSet/ }),
  },
];
