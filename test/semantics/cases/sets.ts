// Sets against sequences: spreads, new Set(set), [...set], .length of a set; index access on
// per-process maps with a literal id; two process sets over the same ids; module-level state changed
// by a top-level statement; short-circuit where the right operand would fail.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "sets, sequences, maps, module state, short-circuit";
const c = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: G, snippet, expect });
const ST = "t: Set<Int<0, 3>>; u: Set<Int<0, 3>>; q: Int<0, 3>[]; n: Int<0, 4>; done: boolean";
const S = (body: string, check: string, init = "{ t: new Set([1]), u: new Set(), q: [], n: 0, done: false }"): Snippet => ({ state: ST, init, body: `${body}\ns.done = true;`, props: { value: `invariant((s) => !s.done || (${check}))` } });
const W2 = { constants: { decl: "W: PidSet", values: `{ W: ["w1", "w2"] }` } };

export const SETS: Case[] = [
  // [...set] is rejected even when the set has one element (the compiler cannot know); its
  // order-free uses are translated: .length, .includes, .some, .every.
  c("spreadSingletonSet", S(`s.q = /*@*/[...s.t];`, "s.q.length === 1 && s.q[0] === 1"), diag("TSLA103", { message: /order/ })),
  c("spreadSetOrder", S(`s.q = /*@*/[...s.t];`, "s.q.length === 2", "{ t: new Set([2, 1]), u: new Set(), q: [], n: 0, done: false }"), diag(/TSLA\d{3}/, { message: /order|set/i })),
  c("spreadSetLength", S(`s.n = [...s.t].length;`, "s.n === 2", "{ t: new Set([2, 1]), u: new Set(), q: [], n: 0, done: false }")),
  c("spreadSetLengthMixed", S(`
      s.q = [3];
      s.n = [0, ...s.t, ...s.q].length;`, "s.n === 3")),
  c("spreadSetIncludes", S(`s.n = [...s.t, 3].includes(1) && ![...s.t].includes(2) ? 1 : 0;`, "s.n === 1")),
  c("spreadSetSomeEvery", S(`s.n = [...s.t].some((x) => x === 1) && [...s.t, ...s.q].every((x) => x < 2) ? 1 : 0;`, "s.n === 1")),
  c("spreadSetIndexOf", S(`s.n = /*@*/[...s.t].indexOf(1);`, "s.n === 0"), diag("TSLA103", { message: /order/ })),
  c("spreadSetIntoSet", S(`s.u = new Set([...s.t, 3]);`, "s.u.size === 2 && s.u.has(3) && s.t.size === 1")),
  c("newSetOfSet", S(`
      s.u = new Set(s.t);
      s.u.add(2);`, "s.u.size === 2 && s.t.size === 1")),
  c("newSetOfArrayDuplicates", S(`
      s.q = [2, 2, 1];
      s.u = new Set(s.q);
      s.n = s.u.size;`, "s.n === 2 && s.q.length === 3")),
  c("newSetEmpty", S(`s.t = new Set();`, "s.t.size === 0")),
  c("setLength", S(`s.n = s.t./*@*/length;`, "true"), diag("TSLA001")),
  c("setSize", S(`s.n = s.t.size;`, "s.n === 1")),
  c("setAddDuplicate", S(`
      s.t.add(1);
      s.n = s.t.size;`, "s.n === 1")),
  c("setDeleteMissing", S(`
      s.t.delete(3);
      s.n = s.t.size;`, "s.n === 1")),
  c("setClear", S(`s.t.clear();`, "s.t.size === 0")),
  c("setOfDuplicates", S(`s.u = setOf(1, 1, 2);`, "s.u.size === 2")),
  c("setAnyAll", S(`s.n = any(s.t, (x) => x > 0) && all(s.t, (x) => x < 2) ? 3 : 0;`, "s.n === 3")),
  c("setFromRange", S(`s.u = range(1, 3);`, "s.u.size === 3 && s.u.has(3)")),
  c("arraySpreadConcat", S(`
      s.q = [1, 2];
      s.q = [...s.q, ...s.q.slice(1), 3];`, "s.q.length === 4 && s.q[2] === 2 && s.q[3] === 3")),
  c("arrayConcat", S(`
      s.q = [1];
      s.q = s.q.concat([2, 3]);`, "s.q.length === 3 && s.q[2] === 3")),
  c("arrayFilterMap", S(`
      s.q = [1, 2, 3];
      s.q = s.q.filter((x) => x !== 2).map((x) => x - 1);`, "s.q.length === 2 && s.q[0] === 0 && s.q[1] === 2")),
  c("arraySomeEveryEmpty", S(`s.n = !s.q.some((x) => x > 0) && s.q.every((x) => x > 5) ? 1 : 0;`, "s.n === 1")),
  c("arrayWithDuplicatesLength", S(`
      s.q.push(1);
      s.q.push(1);
      s.n = s.q.length;`, "s.n === 2")),
  // oneOf over an array picks one of its elements (TLA+: Elems(q)); over [] the step cannot run.
  c("oneOfArray", S(`
      s.q = [1, 2, 2];
      const v = oneOf(s.q);
      s.n = v === 2 ? 2 : 1;`, "s.n === 1 || s.n === 2")),
  c("oneOfLetReassigned", S(`
      let v = oneOf(s.t);
      v = v === 1 ? 2 : 3;
      s.n = v === 2 ? 2 : 0;`, "s.n === 2")),
  c("oneOfEmptyArray", S(`
      const v = oneOf(s.q);
      s.n = v + 1;`, "false")),
  // A process-id local where it is dead holds the process's own id in both engines.
  c("pidLocalKeptAcrossStep", { state: "who: Pid | null", init: "{ who: null }", ...W2, processes: `
      worker: processSet("W", function* (self, s) {
        yield "a";
        const me: Pid = self;
        yield "b";
        s.who = me;
      }),`, props: { someone: "witness((s) => s.who !== null)" } }),
  // Per-process maps indexed by a literal id.
  c("mapLiteralId", { state: "m: ByPid<Int<0, 2>>; n: Int<0, 2>", init: "{ m: byPid(() => 0), n: 0 }", ...W2, processes: `
      worker: processSet("W", function* (self, s) {
        yield "a";
        s.m[self] = 1;
        s.n = s.m["w1"]!;
      }),`, props: { read: "witness((s) => s.n === 1)" } }),
  c("mapLiteralIdWrite", { state: "m: ByPid<Int<0, 2>>", init: "{ m: byPid(() => 0) }", ...W2, processes: `
      worker: processSet("W", function* (self, s) {
        yield "a";
        s.m["w2"] = 2;
      }),`, props: { w1Kept: "invariant((s) => s.m[\"w1\"] === 0)" } }),
  c("mapUnknownLiteralId", { state: "m: ByPid<Int<0, 2>>; n: Int<0, 2>", init: "{ m: byPid(() => 1), n: 0 }", ...W2, processes: `
      worker: processSet("W", function* (self, s) {
        yield "a";
        s.n = s.m["w9"]!;
      }),` }, run({ TypeOK: "violated" })),
  c("mapOfSingleProcess", { state: "m: ByPid<Int<0, 2>>; n: Int<0, 2>", init: "{ m: byPid(() => 0), n: 0 }", body: `
      s.m["main"] = 2;
      s.n = s.m[self]!;`, props: { two: "witness((s) => s.n === 2)" } }),
  c("mapAcrossTwoSets", { state: "m: ByPid<Int<0, 2>>", init: "{ m: byPid(() => 0) }", constants: { decl: "A: PidSet; B: PidSet", values: `{ A: ["a1"], B: ["b1"] }` }, processes: `
      alpha: processSet("A", function* (self, s) {
        yield "a";
        s.m["b1"] = 1;
      }),
      beta: processSet("B", function* (self, s) {
        yield "b";
        s.m["a1"] = 2;
      }),`, props: { both: "witness((s) => s.m[\"a1\"] === 2 && s.m[\"b1\"] === 1)" } }),
  // Two process sets over the same ids: rejected (one pc per id).
  c("twoSetsSameIds", { state: "n: Int<0, 2>", init: "{ n: 0 }", constants: { decl: "A: PidSet; B: PidSet", values: `{ A: ["p1"], B: [/*@*/"p1"] }` }, processes: `
      alpha: processSet("A", function* (self, s) {
        yield "a";
        s.n = 1;
      }),
      beta: processSet("B", function* (self, s) {
        yield "b";
        s.n = 2;
      }),` }, diag("TSLA021")),
  c("twoSetsDisjoint", { state: "n: Int<0, 2>", init: "{ n: 0 }", constants: { decl: "A: PidSet; B: PidSet", values: `{ A: ["p1"], B: ["p2"] }` }, processes: `
      alpha: processSet("A", function* (self, s) {
        yield "a";
        s.n = 1;
      }),
      beta: processSet("B", function* (self, s) {
        yield "b";
        s.n = 2;
      }),`, props: { two: "witness((s) => s.n === 2)" } }),
  // Module-level values: constants are fine, changing them at the top level or in a step is not.
  c("moduleConst", { top: "const LIMIT = 2;", state: "n: Int<0, 2>", init: "{ n: 0 }", body: `s.n = LIMIT;`, props: { two: "witness((s) => s.n === 2)" } }),
  c("moduleConstArray", { top: "const START: readonly Int<0, 3>[] = [1, 2];", state: "q: Int<0, 3>[]", init: "{ q: [] }", body: `s.q = [...START];`, props: { two: "witness((s) => s.q.length === 2)" } }),
  c("moduleArrayPushedAtTop", { top: "const START: Int<0, 3>[] = [1];\n/*@*/START.push(2);", state: "q: Int<0, 3>[]", init: "{ q: [] }", body: `s.q = [...START];` }, diag(/TSLA\d{3}/)),
  c("moduleLetReassignedAtTop", { top: "let LIMIT = 1;\n/*@*/LIMIT = 2;", state: "n: Int<0, 2>", init: "{ n: 0 }", body: `s.n = LIMIT;` }, diag(/TSLA\d{3}/)),
  c("moduleArrayPushedInStep", { top: "const SEEN: Int<0, 3>[] = [];", state: "n: Int<0, 3>", init: "{ n: 0 }", body: `
      /*@*/SEEN.push(1);
      s.n = SEEN.length;` }, diag(/TSLA\d{3}/)),
  c("moduleRecordChangedAtTop", { top: "const CFG = { max: 1 };\n/*@*/CFG.max = 2;", state: "n: Int<0, 2>", init: "{ n: 0 }", body: `s.n = CFG.max;` }, diag(/TSLA\d{3}/)),
  // Short-circuit: the right operand would read past the end.
  c("shortCircuitAnd", { state: "q: Int<0, 3>[]; b: boolean", init: "{ q: [], b: true }", body: `s.b = s.q.length > 0 && s.q[0] === 1;`, props: { isFalse: "witness((s) => !s.b)" } }),
  c("shortCircuitAndStored", { state: "q: Int<0, 3>[]; n: Int<0, 3>", init: "{ q: [], n: 0 }", body: `if (s.q.length > 0 && s.q[0]! > 0) s.n = s.q[0]!;`, props: { zero: "invariant((s) => s.n === 0)" } }),
  c("shortCircuitOr", { state: "q: Int<0, 3>[]; b: boolean", init: "{ q: [], b: false }", body: `s.b = s.q.length === 0 || s.q[0]! > 1;`, props: { isTrue: "witness((s) => s.b)" } }),
  c("shortCircuitTernary", { state: "q: Int<0, 3>[]; n: Int<0, 3>", init: "{ q: [], n: 1 }", body: `s.n = s.q.length > 0 ? s.q[0]! : 0;`, props: { zero: "witness((s) => s.n === 0)" } }),
  c("shortCircuitNull", { state: "who: Pid | null; m: ByPid<Int<0, 2>>; b: boolean", init: "{ who: null, m: byPid(() => 1), b: true }", body: `s.b = s.who !== null && s.m[s.who] === 1;`, props: { isFalse: "witness((s) => !s.b)" } }),
  c("shortCircuitInWhen", { state: "q: Int<0, 3>[]; n: Int<0, 3>", init: "{ q: [], n: 0 }", body: `
      when(s.q.length === 0 || s.q[0] === 9);
      s.n = 1;`, props: { ran: "witness((s) => s.n === 1)" } }),
  c("shortCircuitInInvariant", { state: "q: Int<0, 3>[]", init: "{ q: [] }", body: `s.q.push(2);`, props: { head: "invariant((s) => s.q.length === 0 || s.q[0] === 2)" } }),
  c("shortCircuitAtOnEmpty", { state: "q: Int<0, 3>[]; b: boolean", init: "{ q: [], b: true }", body: `s.b = s.q.length > 0 && s.q.at(-1) === 0;`, props: { isFalse: "witness((s) => !s.b)" } }),
];
