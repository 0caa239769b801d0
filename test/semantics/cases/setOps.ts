// The set functions of ts2tla (issue #11): union, intersection, difference, isSubsetOf,
// isSupersetOf, isDisjointFrom, filterSet, mapSet, pick. Each run case tries every pair of subsets
// a, b of {0, 1, 2} (chosen with nondet in the first step) and checks the result against a definition
// by membership, so the TypeScript, the runtime and TLC are compared on all of these inputs: empty
// sets, overlapping and disjoint ones, subsets. Diagnostics: pick on values without an agreed order,
// the ES2024 Set methods, arrays as arguments, mapSet giving objects or undefined.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "set functions";
const c = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: G, snippet, expect });

const ST = "a: Set<Int<0, 3>>; b: Set<Int<0, 3>>; r: Set<Int<0, 3>>; k: boolean; n: Int<0, 3>; done: boolean";
const INIT = "{ a: new Set(), b: new Set(), r: new Set(), k: false, n: 0, done: false }";
/** Every pair of subsets a, b of {0, 1, 2}. */
const CHOOSE_AB = `
if (nondet()) s.a.add(0);
if (nondet()) s.a.add(1);
if (nondet()) s.a.add(2);
if (nondet()) s.b.add(0);
if (nondet()) s.b.add(1);
if (nondet()) s.b.add(2);
yield "b";`;
/** `op` on every pair a, b; `check` holds once it ran; optional witnesses. */
const AB = (op: string, check: string, witnesses: Record<string, string> = {}): Snippet => ({
  state: ST,
  init: INIT,
  body: `${CHOOSE_AB}\n${op}\ns.done = true;`,
  props: { value: `invariant((s) => !s.done || (${check}))`, ...Object.fromEntries(Object.entries(witnesses).map(([n, w]) => [n, `witness((s) => s.done && (${w}))`])) },
});
/** `v` ranges over 0..3: r holds exactly the v with `member`. */
const exactly = (member: string): string => `all(range(0, 3), (v) => s.r.has(v) === (${member}))`;
const BOTH_K = { isTrue: "s.k", isFalse: "!s.k" };

/** A single step on given a (and other fields). */
const ONE = (init: string, op: string, check: string): Snippet => ({
  state: ST,
  init: `{ a: ${init}, b: new Set(), r: new Set(), k: false, n: 0, done: false }`,
  body: `${op}\ns.done = true;`,
  props: { value: `invariant((s) => !s.done || (${check}))` },
});

/** One step from the initial state; `check` holds once it ran. */
const N = (op: string, check: string, witnesses: Record<string, string> = {}): Snippet => ({
  state: ST,
  init: INIT,
  body: `${op}\ns.done = true;`,
  props: { value: `invariant((s) => !s.done || (${check}))`, ...Object.fromEntries(Object.entries(witnesses).map(([n, w]) => [n, `witness((s) => ${w})`])) },
});

export const SET_OPS: Case[] = [
  // subsets(a): every subset, a ValueSet of sets (SUBSET a); chosen from with oneOf.
  c("subsetsOfEverySet", AB(`
      const all = subsets(s.a);
      s.r = new Set(oneOf(filterSet(all, (x) => isSubsetOf(s.b, x) || x.size === 0)));
      s.n = Math.min(all.size, 3) as Int<0, 3>;
      s.k = all.has(new Set()) && all.has(s.a);`,
    "s.k && isSubsetOf(s.r, s.a) && (s.r.size === 0 || isSubsetOf(s.b, s.r)) && s.n === (s.a.size === 0 ? 1 : s.a.size === 1 ? 2 : 3)", { eight: "s.a.size === 3 && s.n === 3" })),
  c("unionOfTwo", AB(`s.r = union(s.a, s.b);`, exactly("s.a.has(v) || s.b.has(v)"), { empty: "s.r.size === 0", full: "s.r.size === 3" })),
  c("unionOfThreeAndNone", AB(`
      s.r = union(s.a, s.b, setOf(3));
      s.k = union().size === 0 && union(s.a).size === s.a.size;`, `s.k && ${exactly("s.a.has(v) || s.b.has(v) || v === 3")}`)),
  c("unionIsNewSet", AB(`
      s.r = union(s.a);
      s.r.add(3);`, `!s.a.has(3) && ${exactly("s.a.has(v) || v === 3")}`)),
  c("intersectionOfTwo", AB(`s.r = intersection(s.a, s.b);`, exactly("s.a.has(v) && s.b.has(v)"), { empty: "s.r.size === 0 && s.a.size > 0 && s.b.size > 0", some: "s.r.size === 2" })),
  c("differenceOfTwo", AB(`s.r = difference(s.a, s.b);`, exactly("s.a.has(v) && !s.b.has(v)"), { empty: "s.r.size === 0 && s.a.size > 0", same: "s.r.size === 3" })),
  c("isSubsetOfAll", AB(`s.k = isSubsetOf(s.a, s.b);`, "s.k === all(s.a, (v) => s.b.has(v))", { ...BOTH_K, emptyIn: "s.k && s.a.size === 0", equal: "s.k && s.a.size === 3" })),
  c("isSupersetOfAll", AB(`s.k = isSupersetOf(s.a, s.b);`, "s.k === all(s.b, (v) => s.a.has(v))", BOTH_K)),
  c("isDisjointFromAll", AB(`s.k = isDisjointFrom(s.a, s.b);`, "s.k === !any(s.a, (v) => s.b.has(v))", BOTH_K)),
  c("filterSetReadsState", AB(`s.r = filterSet(s.a, (x) => x !== 1 && !s.b.has(x));`, exactly("s.a.has(v) && v !== 1 && !s.b.has(v)"))),
  c("filterSetBlockBody", AB(`
      s.r = filterSet(s.a, (x) => {
        if (x === 0) return true;
        return s.b.has(x);
      });`, exactly("s.a.has(v) && (v === 0 || s.b.has(v))"))),
  // Two elements map to one value: it counts once in both languages.
  c("mapSetDuplicates", AB(`s.r = mapSet(s.a, (x) => (x === 2 ? 0 : x));`, `${exactly("(s.a.has(v) && v !== 2) || (v === 0 && s.a.has(2))")} && s.r.size <= s.a.size`, { collapsed: "s.a.size === 3 && s.r.size === 2" })),
  c("mapSetArithmetic", AB(`s.r = mapSet(s.a, (x) => x + 1);`, exactly("v > 0 && s.a.has(v - 1)"))),
  // A set of booleans: {(x \in b) : x \in a} (not the filter {x \in b : x \in a}).
  c("mapSetMembership", {
    state: "a: Set<Int<0, 3>>; b: Set<Int<0, 3>>; bs: Set<boolean>; done: boolean",
    init: "{ a: new Set(), b: new Set(), bs: new Set(), done: false }",
    body: `${CHOOSE_AB}\ns.bs = mapSet(s.a, (x) => isIn(x, s.b));\ns.done = true;`,
    props: {
      value: "invariant((s) => !s.done || (s.bs.has(true) === any(s.a, (x) => s.b.has(x)) && s.bs.has(false) === any(s.a, (x) => !s.b.has(x))))",
      both: "witness((s) => s.done && s.bs.size === 2)",
    },
  }),
  c("pickSingleton", ONE("setOf(2)", `s.n = pick(s.a);`, "s.n === 2")),
  c("pickLeast", AB(`
      when(s.a.size > 0);
      s.n = pick(s.a);`, "s.a.has(s.n) && all(s.a, (v) => s.n <= v)", { two: "s.n === 2" })),
  c("pickNegative", {
    state: "t: Set<-1 | 2 | 3>; n: Int<-1, 3>; done: boolean",
    init: "{ t: new Set([3, -1, 2]), n: 0, done: false }",
    body: `s.n = pick(s.t);\ns.done = true;`,
    props: { value: "invariant((s) => !s.done || s.n === -1)" },
  }),
  c("pickOfUnion", AB(`
      when(s.a.size > 0 || s.b.size > 0);
      s.n = pick(union(s.a, s.b));`, "(s.a.has(s.n) || s.b.has(s.n)) && all(union(s.a, s.b), (v) => s.n <= v)")),
  c("pickEmpty", ONE("new Set()", `s.n = pick(s.a);`, "true"), run({}, { error: /pick\(\): the set is empty/ })),
  c("pickEmptyAfterFilter", AB(`s.n = pick(filterSet(s.a, (x) => x > 5));`, "true"), run({}, { error: /pick\(\): the set is empty/ })),
  // In a property, in a helper (a TLA+ operator) and in init.
  c("setFunctionsInProperty", { ...AB(`s.r = union(s.a);`, "isSubsetOf(intersection(s.a, s.b), union(s.a, s.b)) && isDisjointFrom(difference(s.a, s.b), s.b)"), props: {
    value: "invariant((s) => isSubsetOf(intersection(s.a, s.b), union(s.a, s.b)) && isDisjointFrom(difference(s.a, s.b), s.b))",
    least: "invariant((s) => s.a.size === 0 || pick(s.a) <= 2)",
  } }),
  c("setFunctionsInHelper", { ...AB(`s.r = common(s.a, s.b);`, exactly("s.a.has(v) && s.b.has(v) && v > 0")), top: `
      function common(x: ReadonlySet<Int<0, 3>>, y: ReadonlySet<Int<0, 3>>): Set<Int<0, 3>> {
        return filterSet(intersection(x, y), (v) => v > 0);
      }` }),
  c("setFunctionsInInit", {
    state: "a: Set<Int<0, 3>>; n: Int<0, 3>",
    init: "{ a: union(setOf(1), difference(range(0, 3), setOf(0, 1))), n: pick(mapSet(range(1, 2), (x) => x + 1)) }",
    body: `s.n = pick(s.a);`,
    props: { value: "invariant((s) => s.a.size === 3 && !s.a.has(0) && (s.n === 2 || s.n === 1))" },
  }),

  // Rejected.
  c("pickPids", { state: "n: Int<0, 1>", init: "{ n: 0 }", processes: `
      main: process(function* (self, s, c) {
        yield "a";
        const w = pick(/*@*/c.W);
        s.n = w === "w1" ? 1 : 0;
      }),`, constants: { decl: "W: PidSet", values: `{ W: ["w1", "w2"] }` } }, diag("TSLA087", { message: /process ids/ })),
  c("pickStrings", { state: `t: Set<"x" | "y">; v: "x" | "y"`, init: `{ t: new Set(["y", "x"]), v: "x" }`, body: `s.v = pick(/*@*/s.t);` }, diag("TSLA087", { message: /strings/ })),
  c("pickBooleans", { state: `t: Set<boolean>; v: boolean`, init: `{ t: new Set([true]), v: false }`, body: `s.v = pick(/*@*/s.t);` }, diag("TSLA087", { message: /booleans/ })),
  c("es2024Union", AB(`s.r = s.a./*@*/union(s.b);`, "true"), diag("TSLA088", { message: /ES2024/ })),
  c("es2024IsSubsetOf", AB(`s.k = s.a./*@*/isSubsetOf(s.b);`, "true"), diag("TSLA088")),
  // Arrays are not sets: the signatures take Sets (new Set(q) makes one), a type error otherwise.
  c("unionOfArray", { state: "q: Int<0, 3>[]; r: Set<Int<0, 3>>", init: "{ q: [1], r: new Set() }", body: `s.r = union(/*@*/s.q, s.r);` }, diag("TSLA001")),
  c("mapSetToRecords", ONE("setOf(1)", `s.n = mapSet(s.a, /*@*/(x) => ({ f: x })).size;`, "true"), diag("TSLA082")),
  // oneOf(values) inside a statement: `\E v \in values : ...` around the statement, where JS always evaluates it.
  c("oneOfInAssignment", N(`s.n = oneOf(range(0, 2)) + 1;`, "s.n >= 1", { one: "s.n === 1", three: "s.n === 3" })),
  c("oneOfTwiceInStatement", N(`s.n = oneOf(range(0, 1)) + oneOf(setOf(0, 2));`, "s.n <= 3", { zero: "s.done && s.n === 0", three: "s.n === 3" })),
  c("oneOfInPush", { state: "q: Int<0, 3>[]; done: boolean", init: "{ q: [0], done: false }", body: `s.q.push(oneOf([1, 2, 2]));\ns.done = true;`, props: { value: "invariant((s) => !s.done || (s.q.length === 2 && s.q[1]! >= 1))", two: "witness((s) => s.q[1] === 2)", one: "witness((s) => s.q[1] === 1)" } }),
  c("oneOfInIf", N(`
      if (oneOf([true, false])) s.n = 1;
      else s.n = 2;`, "s.n === 1 || s.n === 2", { one: "s.n === 1", two: "s.n === 2" })),
  c("oneOfInWhen", N(`
      when(oneOf(range(0, 3)) > 2);
      s.n = 3;`, "s.n === 3")),
  c("oneOfInDeclaration", N(`
      const y = 2 * oneOf(range(0, 1));
      s.n = y + 1;`, "s.n === 1 || s.n === 3", { one: "s.n === 1", three: "s.n === 3" })),
  c("oneOfReadsStateBefore", N(`
      s.a = setOf(2);
      s.n = oneOf(union(s.a, setOf(1)));
      s.a.add(3);`, "s.n === 1 || s.n === 2", { one: "s.n === 1", two: "s.n === 2" })),
  c("oneOfEmptyBlocks", N(`s.n = oneOf(filterSet(range(0, 3), (x) => x > 5));`, "false", { moved: "s.done" }), run({ moved: "unreached" })),
  c("oneOfUnderAnd", N(`s.k = s.n > 0 && /*@*/oneOf([true, false]);`, "true"), diag("TSLA046")),
  c("oneOfInTernaryBranch", N(`s.n = s.k ? /*@*/oneOf(range(0, 1)) : 2;`, "true"), diag("TSLA046")),
  c("oneOfInCallback", N(`s.k = all(range(0, 1), (x) => x === /*@*/oneOf(range(0, 1)));`, "true"), diag("TSLA046")),
  c("mapSetUndefined", { state: "q: Int<0, 3>[]; a: Set<Int<0, 3>>; r: Set<Int<0, 3>>", init: "{ q: [1], a: new Set([0, 1]), r: new Set() }", body: `s.r = mapSet(s.a, /*@*/(x) => s.q[x]!);` }, diag("TSLA089")),
];
