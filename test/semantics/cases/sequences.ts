// JS edge semantics of arrays and arithmetic: q[i] past the end and before the start, at(),
// slice/splice out of range or negative, shift/pop on empty and their values, indexOf's -1 used as an
// index, length assignment, q[q.length] = x, % and Math.floor(a / b) with negative operands. An
// out-of-range read is `undefined` (the model value Undefined): stored in the state, a TypeOK
// violation in every engine.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "JS edge semantics";
const c = (name: string, snippet: Snippet, expect: Expectation): Case => ({ name, group: G, snippet, expect });
/** q = [1, 2], n and the result r. */
const Q = (body: string, props: Record<string, string> = {}, init = "[1, 2]"): Snippet => ({ state: "q: Int<0, 3>[]; n: Int<0, 3>", init: `{ q: ${init}, n: 0 }`, body, props });
const P = (body: string, props: Record<string, string> = {}, init = "[1, 2]"): Snippet => ({ state: "q: Int<0, 3>[]; p: Int<0, 3>[]", init: `{ q: ${init}, p: [0] }`, body, props });
const TYPE_OK_BROKEN = run({ TypeOK: "violated" });
/** q[i] = v with i < 0: JS adds a property, not an element; both engines stop with a run-time error. */
const RUN_ERROR = run({}, { error: /negative|property/ });
/** Arithmetic on a state value a (set first, so nothing is folded away) into n. */
const A = (a: number, expr: string, want: number, b = "Int<-3, 3>"): Snippet => ({
  state: `a: Int<-8, 8>; b: ${b}; n: Int<-8, 8>; done: boolean`,
  init: "{ a: 0, b: 1, n: 0, done: false }",
  body: `s.a = ${a};\n${expr}\ns.done = true;`,
  props: { value: `invariant((s) => !s.done || s.n === ${want})` },
});

export const SEQUENCES: Case[] = [
  // A helper's rest parameter is an array of the remaining arguments (was an operator of one parameter
  // called with three: a "compiler bug"); a spread array is passed as it is.
  c("restParameter", {
    top: "function total(...xs: Int<0, 3>[]): number { return xs.length + (xs.length > 0 ? xs[0]! : 0); }",
    state: "q: Int<0, 3>[]; n: Int<0, 9>; m: Int<0, 9>",
    init: "{ q: [2, 2], n: 0, m: 0 }",
    body: "s.n = total(3, 1, 2) as Int<0, 9>;\ns.m = total(...s.q) as Int<0, 9>;",
    props: { value: "invariant((s) => (s.n === 0 && s.m === 0) || (s.n === 6 && s.m === 4))" },
  }, run()),
  // isIn on an array is membership among its elements (it was `x \in <<...>>`, which TLC cannot evaluate).
  c("isInArray", Q(`s.n = isIn(2, s.q) ? (isIn(3, s.q) ? 3 : 1) : 2;`, { one: "invariant((s) => s.n === 0 || s.n === 1)" }), run()),
  // A TS tuple is a sequence: read and written by position, compared by value in a ValueSet.
  c("tuples", {
    top: "type Pos = readonly [Int<0, 3>, Int<0, 4>];",
    state: "p: Pos; seen: ValueSet<Pos>; n: Int<0, 9>",
    init: "{ p: [0, 0], seen: new ValueSet<Pos>([[0, 0]]), n: 0 }",
    body: `
      const next: Pos = [Math.min(s.p[0] + 1, 3) as Int<0, 3>, s.p[1]];
      s.p = next;
      s.seen.add([1, 0]);
      s.seen.add([next[0], next[1]]);
      s.n = s.seen.size + s.p[0];`,
    props: { moved: "invariant((s) => s.n === 0 || (s.n === 3 && s.p[0] === 1 && s.seen.has([1, 0])))" },
  }, run()),
  // TypeOK checks a sequence's elements against one set: a tuple of a number and a string cannot be one.
  c("tupleOfTwoKinds", { state: `/*@*/m: readonly [Int<0, 3>, "yes" | "no"]`, init: `{ m: [0, "yes"] }`, body: "s.m = [1, \"no\"];" }, diag("TSLA011", { message: /different kinds/ })),
  // A helper given values that may be undefined (array reads) is inlined, its arguments as LETs: on
  // one line, since a second definition on a line of its own inside `\E x \in S :` ended the step's
  // /\ list in SANY (a parse error).
  c("inlinedHelperTwoArguments", {
    ...Q(`
      s.n = oneOf(filterSet(setOf<Int<0, 3>>(0, 1, 2), (x) => bothPositive(s.q[x]! - 1, s.q[1]! - x)));`, { one: "invariant((s) => s.n <= 1)", ran: "witness((s) => s.n === 1)" }),
    top: "const bothPositive = (a: number, b: number): boolean => a > 0 && b > 0;",
  }, run()),
  c("defaultParameterLeftOut", {
    top: "function plus(a: Int<0, 3>, b: Int<0, 3> = 1): number { return a + b; }",
    state: "n: Int<0, 9>",
    init: "{ n: 0 }",
    body: "s.n = /*@*/plus(2) as Int<0, 9>;",
  }, diag("TSLA041", { message: /missing arguments/ })),
  // Index reads.
  c("indexLast", Q(`s.n = s.q[1]!;`, { two: "invariant((s) => s.n === 0 || s.n === 2)" }), run()),
  c("indexPastEnd", Q(`s.n = s.q[2]!;`), TYPE_OK_BROKEN),
  c("indexFarPastEnd", Q(`s.n = s.q[3]!;`), TYPE_OK_BROKEN),
  c("indexNegative", Q(`s.n = s.q[-1]!;`), TYPE_OK_BROKEN),
  c("indexEmpty", Q(`s.n = s.q[0]!;`, {}, "[]"), TYPE_OK_BROKEN),
  c("indexByStatePastEnd", { state: "q: Int<0, 3>[]; i: Int<0, 3>; n: Int<0, 3>", init: "{ q: [1], i: 0, n: 0 }", body: `
      s.i = 1;
      s.n = s.q[s.i]!;` }, TYPE_OK_BROKEN),
  c("indexPastEndCompared", { state: "q: Int<0, 3>[]; b: boolean", init: "{ q: [1], b: true }", body: `s.b = s.q[5] === 1;`, props: { falsy: "invariant((s) => !s.b || s.q.length === 1)", isFalse: "witness((s) => !s.b)" } }, run()),
  c("indexPastEndNotEqual", { state: "q: Int<0, 3>[]; b: boolean", init: "{ q: [], b: false }", body: `s.b = s.q[0] !== 0;`, props: { isTrue: "witness((s) => s.b)" } }, run()),
  c("indexPastEndIntoLocalUnused", Q(`
      const x = s.q[7];
      s.n = s.q.length;`, { two: "invariant((s) => s.n === 0 || s.n === 2)" }), run()),
  c("indexPastEndInRecord", { state: "q: Int<0, 3>[]; r: { f: Int<0, 3> }", init: "{ q: [], r: { f: 0 } }", body: `s.r = { f: s.q[0]! };` }, TYPE_OK_BROKEN),
  c("indexPastEndPushed", { state: "q: Int<0, 3>[]; p: Int<0, 3>[]", init: "{ q: [], p: [] }", body: `s.p.push(s.q[0]!);` }, TYPE_OK_BROKEN),
  // at().
  c("atNegative", Q(`s.n = s.q.at(-1)!;`, { two: "invariant((s) => s.n === 0 || s.n === 2)" }), run()),
  c("atMinusLength", Q(`s.n = s.q.at(-2)!;`, { one: "invariant((s) => s.n === 0 || s.n === 1)" }), run()),
  c("atBeforeStart", Q(`s.n = s.q.at(-3)!;`), TYPE_OK_BROKEN),
  c("atPastEnd", Q(`s.n = s.q.at(2)!;`), TYPE_OK_BROKEN),
  c("atEmpty", Q(`s.n = s.q.at(0)!;`, {}, "[]"), TYPE_OK_BROKEN),
  c("atZero", Q(`s.n = s.q.at(0)!;`, { one: "invariant((s) => s.n === 0 || s.n === 1)" }), run()),
  // slice.
  c("sliceNegativeStart", P(`s.p = s.q.slice(-1);`, { last: "invariant((s) => s.p.length === 1 && (s.p[0] === 0 || s.p[0] === 2))" }), run()),
  c("sliceEndPastLength", P(`s.p = s.q.slice(1, 10);`, { tail: "invariant((s) => s.p.length === 1 && (s.p[0] === 0 || s.p[0] === 2))" }), run()),
  c("sliceStartPastLength", P(`s.p = s.q.slice(5);`, { empty: "witness((s) => s.p.length === 0)" }), run()),
  c("sliceNegativeBoth", P(`s.p = s.q.slice(-5, -1);`, { first: "invariant((s) => s.p.length === 1 && (s.p[0] === 0 || s.p[0] === 1))" }), run()),
  c("sliceReversed", P(`s.p = s.q.slice(2, 1);`, { empty: "witness((s) => s.p.length === 0)" }), run()),
  c("sliceNoArgs", P(`s.p = s.q.slice();`, { copy: "invariant((s) => s.p.length === 1 || s.p.length === 2)" }), run()),
  c("sliceOfEmpty", P(`s.p = s.q.slice(-1, 3);`, { empty: "witness((s) => s.p.length === 0)" }, "[]"), run()),
  // splice(i, 1).
  c("spliceInRange", P(`s.q.splice(0, 1);`, { removed: "witness((s) => s.q.length === 1 && s.q[0] === 2)" }), run()),
  c("splicePastEnd", P(`s.q.splice(5, 1);`, { kept: "invariant((s) => s.q.length === 2)" }), run()),
  c("spliceNegative", P(`s.q.splice(-1, 1);`, { lastGone: "witness((s) => s.q.length === 1 && s.q[0] === 1)" }), run()),
  c("spliceFarNegative", P(`s.q.splice(-5, 1);`, { firstGone: "witness((s) => s.q.length === 1 && s.q[0] === 2)" }), run()),
  c("spliceEmpty", P(`s.q.splice(0, 1);`, { empty: "invariant((s) => s.q.length === 0)" }, "[]"), run()),
  // shift / pop: on empty they change nothing and return undefined.
  c("shiftEmpty", P(`s.q.shift();`, { empty: "invariant((s) => s.q.length === 0)" }, "[]"), run()),
  c("popEmpty", P(`s.q.pop();`, { empty: "invariant((s) => s.q.length === 0)" }, "[]"), run()),
  c("shiftValue", Q(`s.n = s.q.shift()!;`, { first: "invariant((s) => s.n === 0 || (s.n === 1 && s.q.length === 1))" }), run()),
  c("popValue", Q(`s.n = s.q.pop()!;`, { last: "invariant((s) => s.n === 0 || (s.n === 2 && s.q.length === 1))" }), run()),
  c("shiftValueEmpty", Q(`s.n = s.q.shift()!;`, {}, "[]"), TYPE_OK_BROKEN),
  c("popValueEmpty", Q(`s.n = s.q.pop()!;`, {}, "[]"), TYPE_OK_BROKEN),
  c("shiftValueCompared", { state: "q: Int<0, 3>[]; b: boolean", init: "{ q: [], b: true }", body: `s.b = /*@*/s.q.shift() === 0;` }, diag("TSLA041", { message: /shift/ })),
  c("popTwiceOnOne", Q(`
      s.q.pop();
      s.n = s.q.pop()!;`, {}, "[1]"), TYPE_OK_BROKEN),
  c("shiftInLocalThenLength", Q(`
      const x = s.q.shift();
      s.n = s.q.length;`, { zero: "invariant((s) => s.n === 0)" }, "[]"), run()),
  // indexOf's -1 used as an index.
  c("indexOfMissingAsIndex", Q(`s.n = s.q[s.q.indexOf(3)]!;`), TYPE_OK_BROKEN),
  c("indexOfFoundAsIndex", Q(`s.n = s.q[s.q.indexOf(2)]!;`, { two: "invariant((s) => s.n === 0 || s.n === 2)" }), run()),
  c("indexOfMissingSplice", P(`s.q.splice(s.q.indexOf(3), 1);`, { lastGone: "witness((s) => s.q.length === 1 && s.q[0] === 1)" }), run()),
  c("indexOfMissingWrite", P(`s.q[s.q.indexOf(3)] = 0;`), RUN_ERROR),
  // Writing at and past the end, length assignment.
  c("writeAtLength", P(`s.q[s.q.length] = 3;`, { appended: "witness((s) => s.q.length === 3 && s.q[2] === 3)" }), run()),
  c("writeAtLengthEmpty", P(`s.q[s.q.length] = 3;`, { appended: "witness((s) => s.q.length === 1)" }, "[]"), run()),
  c("writePastLength", P(`s.q[3] = 3;`), TYPE_OK_BROKEN),
  c("writeNegativeIndex", P(`s.q[/*@*/-1] = 3;`), diag("TSLA091")),
  c("lengthTruncate", P(`/*@*/s.q.length = 1;`), diag("TSLA090")),
  c("lengthZero", P(`/*@*/s.q.length = 0;`), diag("TSLA090")),
  c("lengthExtend", P(`/*@*/s.q.length = 3;`), diag("TSLA090")),
  c("lengthSame", P(`/*@*/s.q.length = s.q.length;`), diag("TSLA090")),
  // % and Math.floor(a / b): sign of the dividend, floor division.
  c("modNegativeDividend", A(-3, "s.n = s.a % 2;", -1), run()),
  c("modNegativeDivisor", A(7, "s.n = s.a % -2;", 1), run()),
  c("modBothNegative", A(-7, "s.n = s.a % -2;", -1), run()),
  c("modZeroDividend", A(0, "s.n = s.a % 3;", 0), run()),
  c("modNegativeExact", A(-4, "s.n = s.a % 2;", 0), run()),
  c("modByStateNegative", A(-5, "s.b = -3;\ns.n = s.a % s.b;", -2), run()),
  c("floorDivPositive", A(7, "s.n = Math.floor(s.a / 2);", 3), run()),
  c("floorDivNegativeDividend", A(-7, "s.n = Math.floor(s.a / 2);", -4), run()),
  c("floorDivNegativeDivisor", A(7, "s.n = Math.floor(s.a / -2);", -4), run()),
  c("floorDivBothNegative", A(-7, "s.n = Math.floor(s.a / -2);", 3), run()),
  c("floorDivNegativeExact", A(-6, "s.n = Math.floor(s.a / 2);", -3), run()),
  c("floorDivByState", A(-1, "s.b = 2;\ns.n = Math.floor(s.a / s.b);", -1, "Int<1, 3>"), run()),
  c("modByStateSetZero", A(5, "s.b = 0;\ns.n = s.a % /*@*/s.b;", 0, "Int<1, 3>"), diag("TSLA102")),
  c("modByMaybeZero", { state: "a: Int<0, 3>; b: Int<0, 2>; n: Int<0, 3>", init: "{ a: 3, b: 0, n: 0 }", body: `s.n = s.a % /*@*/s.b;` }, diag("TSLA102", { message: /zero|0/i })),
  c("floorDivByMaybeZero", { state: "a: Int<0, 3>; b: Int<0, 2>; n: Int<0, 3>", init: "{ a: 3, b: 1, n: 0 }", body: `s.n = Math.floor(s.a / /*@*/s.b);` }, diag("TSLA102", { message: /zero|0/i })),
  c("modByNonZeroRange", { state: "a: Int<0, 3>; b: Int<1, 2>; n: Int<0, 3>", init: "{ a: 3, b: 2, n: 0 }", body: `s.n = s.a % s.b;`, props: { one: "invariant((s) => s.n <= 1)" } }, run()),
  c("plainDivision", { state: "a: Int<0, 3>; n: Int<0, 3>", init: "{ a: 3, n: 0 }", body: `s.n = s.a /*@*// 2;` }, diag("TSLA041")),
];
