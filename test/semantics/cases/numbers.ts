// Numbers: Int<Lo, Hi> bounds on state and locals (out of range is a TypeOK violation in every
// engine), fractions (rejected), numeric separators, huge values (TLC's integers are 32-bit).
// Precedence: unary ! in calls, isIn, comparisons inside ===, literals either side of a comparison
// with a process id.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const N = "numbers";
const PR = "precedence";
const c = (group: string) => (name: string, snippet: Snippet, expect: Expectation): Case => ({ name, group, snippet, expect });
const n = c(N);
const p = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: PR, snippet, expect });
const BOOLS = { state: "n: Int<0, 2>; f: boolean; g: boolean; b: boolean; done: boolean; q: Int<0, 2>[]; t: Set<Int<0, 2>>", init: "{ n: 0, f: false, g: true, b: false, done: false, q: [1], t: new Set([1]) }" };
/** Sets b from an expression (after done, b must equal `want`). */
const B = (expr: string, want: boolean, pre = ""): Snippet => ({ ...BOOLS, body: `${pre}\ns.b = ${expr};\ns.done = true;`, props: { value: `invariant((s) => !s.done || s.b === ${want})` } });

export const NUMBERS: Case[] = [
  n("intAtUpperBound", { state: "n: Int<0, 2>", init: "{ n: 0 }", processes: `
      main: process(function* (self, s) {
        for (;;) {
          yield "a";
          if (s.n === 2) return;
          s.n = s.n + 1;
        }
      }),` }, run({}, { states: 4 })),
  n("intPastUpperBound", { state: "n: Int<0, 2>", init: "{ n: 0 }", processes: `
      main: process(function* (self, s) {
        for (;;) {
          yield "a";
          if (s.n === 3) return;
          s.n = s.n + 1;
        }
      }),` }, run({ TypeOK: "violated" }, { states: 5 })),
  n("intBelowLowerBound", { state: "n: Int<0, 2>", init: "{ n: 0 }", body: `s.n = s.n - 1;` }, run({ TypeOK: "violated" })),
  n("intNegativeRange", { state: "n: Int<-2, -1>", init: "{ n: -1 }", body: `s.n = s.n - 1;`, props: { low: "witness((s) => s.n === -2)" } }, run()),
  n("intNegativeRangePast", { state: "n: Int<-2, -1>", init: "{ n: -2 }", body: `s.n = -s.n;` }, run({ TypeOK: "violated" })),
  n("intRecordFieldPast", { state: "r: { f: Int<0, 1> }", init: "{ r: { f: 1 } }", body: `s.r.f += 1;` }, run({ TypeOK: "violated" })),
  n("intArrayElementPast", { state: "q: Int<0, 1>[]", init: "{ q: [1] }", body: `s.q[0] = s.q[0]! + 1;` }, run({ TypeOK: "violated" })),
  n("intPushPast", { state: "q: Int<0, 1>[]", init: "{ q: [] }", body: `s.q.push(2);` }, run({ TypeOK: "violated" })),
  n("intMapPast", { state: "m: ByPid<Int<0, 1>>", init: "{ m: byPid(() => 1) }", body: `s.m[self] = 2;` }, run({ TypeOK: "violated" })),
  n("intSetElementPast", { state: "t: Set<Int<0, 1>>", init: "{ t: new Set() }", body: `s.t.add(2);` }, run({ TypeOK: "violated" })),
  n("intLocalPastBound", { state: "n: Int<0, 1>", init: "{ n: 0 }", body: `
      let k: Int<0, 1> = 1;
      k = k + 1;
      yield "b";
      s.n = k;` }, run({ TypeOK: "violated" })),
  n("intLocalAtBound", { state: "n: Int<0, 1>", init: "{ n: 0 }", body: `
      let k: Int<0, 1> = 0;
      k = k + 1;
      yield "b";
      s.n = k;`, props: { one: "witness((s) => s.n === 1)" } }, run()),
  n("intLocalBelowBound", { state: "n: Int<0, 1>", init: "{ n: 0 }", body: `
      let k: Int<0, 1> = 0;
      k = k - 1;
      yield "b";
      s.n = k;` }, run({ TypeOK: "violated" })),
  n("intConstantBound", { state: "n: Int<1, 3>", init: "{ n: 1 }", constants: { decl: "N: Int<1, 3>", values: "{ N: 3 }" }, processes: `
      main: process(function* (self, s, c) {
        yield "a";
        s.n = c.N;
      }),`, props: { three: "witness((s) => s.n === 3)" } }, run()),
  n("fractionLiteral", { state: "n: Int<0, 2>", init: "{ n: 0 }", body: `s.n = /*@*/0.5;` }, diag(/TSLA\d{3}/, { message: /fraction|integer|0\.5/i })),
  n("fractionInComparison", { state: "n: Int<0, 2>; b: boolean", init: "{ n: 1, b: false }", body: `s.b = s.n < /*@*/1.5;` }, diag(/TSLA\d{3}/, { message: /fraction|integer|1\.5/i })),
  n("fractionInInit", { state: "n: Int<0, 2>", init: "{ n: /*@*/0.25 }", body: `s.n = 1;` }, diag(/TSLA\d{3}/, { message: /fraction|integer|0\.25/i })),
  n("integerWithDot", { state: "n: Int<0, 2>", init: "{ n: 0 }", body: `s.n = 1.0;`, props: { one: "witness((s) => s.n === 1)" } }, run()),
  n("numericSeparator", { state: "n: Int<0, 2000>", init: "{ n: 0 }", body: `s.n = 1_000;`, props: { thousand: "invariant((s) => s.n === 0 || s.n === 1000)" } }, run()),
  n("numericSeparatorCompare", { state: "n: Int<0, 2000>; b: boolean", init: "{ n: 1_500, b: false }", body: `s.b = s.n > 1_0_0_0;`, props: { big: "witness((s) => s.b)" } }, run()),
  n("numericSeparatorType", { state: "n: Int<0, 1_000>", init: "{ n: 999 }", body: `s.n = s.n + 1;`, props: { top: "witness((s) => s.n === 1000)" } }, run()),
  n("hexLiteral", { state: "n: Int<0, 20>", init: "{ n: 0 }", body: `s.n = 0x10;`, props: { sixteen: "witness((s) => s.n === 16)" } }, run()),
  n("exponentLiteral", { state: "n: Int<0, 2000>", init: "{ n: 0 }", body: `s.n = 1e3;`, props: { thousand: "witness((s) => s.n === 1000)" } }, run()),
  n("largestTlcInt", { state: "n: Int<0, 2147483647>", init: "{ n: 0 }", body: `s.n = 2147483647;`, props: { max: "witness((s) => s.n === 2147483647)" } }, run()),
  n("hugeLiteral", { state: "n: Int<0, 1>; b: boolean", init: "{ n: 0, b: false }", body: `s.b = s.n < /*@*/9007199254740993;` }, diag(/TSLA\d{3}/, { message: /huge|large|integer|range|safe|9007199254740993/i })),
  n("hugeTypeBound", { state: "/*@*/n: Int<0, 3000000000>", init: "{ n: 0 }", body: `s.n = 1;` }, diag(/TSLA\d{3}/, { message: /huge|large|integer|range|3000000000/i })),
  n("negativeLiteralBounds", { state: "n: Int<-1, 1>", init: "{ n: 1 }", body: `s.n = -1;`, props: { low: "witness((s) => s.n === -1)" } }, run()),
  n("unaryMinusOfState", { state: "n: Int<-2, 2>", init: "{ n: 2 }", body: `s.n = -s.n;`, props: { neg: "witness((s) => s.n === -2)" } }, run()),
  n("mathAbsMinMax", { state: "n: Int<-3, 3>; m: Int<-3, 3>", init: "{ n: -3, m: 0 }", body: `s.m = Math.min(Math.abs(s.n), 2) - Math.max(s.n, -1);`, props: { three: "witness((s) => s.m === 3)" } }, run()),
  // Arithmetic whose result may leave TLC's integers by its operands' types: TLC would stop with an overflow.
  n("productMayOverflow", { state: "a: Int<0, 100000>; b: Int<0, 100000>; n: Int<0, 1>", init: "{ a: 0, b: 0, n: 0 }", body: `s.n = /*@*/s.a * s.b > 5 ? 1 : 0;` }, diag("TSLA101", { message: /as large as 10000000000/ })),
  n("sumMayOverflow", { state: "a: Int<0, 2000000000>; n: Int<0, 1>", init: "{ a: 0, n: 0 }", body: `s.n = /*@*/s.a + s.a > 5 ? 1 : 0;` }, diag("TSLA101")),
  n("compoundSumMayOverflow", { state: "a: Int<0, 2000000000>", init: "{ a: 0 }", body: `/*@*/s.a += s.a;` }, diag("TSLA101", { message: /s\.a \+= s\.a.*as large as 4000000000/ })),
  n("compoundProductMayOverflow", { state: "a: Int<-100000, 0>; b: Int<0, 100000>", init: "{ a: 0, b: 0 }", body: `/*@*/s.a *= s.b;` }, diag("TSLA101", { message: /as small as -10000000000/ })),
  n("incrementMayOverflow", { state: "a: Int<0, 2147483647>", init: "{ a: 0 }", body: `/*@*/s.a++;` }, diag("TSLA101", { message: /as large as 2147483648/ })),
  n("decrementMayOverflow", { state: "a: Int<-2147483647, 0>", init: "{ a: 0 }", body: `/*@*/--s.a;` }, diag("TSLA101", { message: /as small as -2147483648/ })),
  n("incrementWithinRange", { state: "a: Int<0, 2147483646>", init: "{ a: 2147483645 }", body: `s.a++;\ns.a -= 1;\ns.a += 1;`, props: { top: "witness((s) => s.a === 2147483646)" } }, run()),
  n("sumNearTheLimit", { state: "a: Int<0, 1000000000>; n: Int<0, 1>", init: "{ a: 1000000000, n: 0 }", body: `s.n = s.a + s.a > 2000000000 ? 0 : 1;`, props: { one: "witness((s) => s.n === 1)" } }, run()),
  n("intermediateOutOfRange", { state: "n: Int<0, 2>; m: Int<0, 2>", init: "{ n: 2, m: 0 }", body: `s.m = s.n + 5 - 6;`, props: { one: "witness((s) => s.m === 1)" } }, run()),
];

export const PRECEDENCE: Case[] = [
  p("notOfIsIn", B("!isIn(s.n, setOf(1, 2))", true)),
  p("notOfIncludes", B("!s.q.includes(1)", false)),
  p("notOfHas", B("!s.t.has(2)", true)),
  p("notArgOfCall", B("isIn(!s.f, setOf(true))", true)),
  p("notArgOfMathMax", { ...BOOLS, body: `s.n = Math.max(!s.f ? 1 : 0, 0);\ns.done = true;`, props: { value: "invariant((s) => !s.done || s.n === 1)" } }),
  p("notInWhen", { ...BOOLS, body: `when(!isIn(s.n, setOf(1)));\ns.b = true;`, props: { value: "witness((s) => s.b)" } }),
  p("isInOfSum", B("isIn(s.n + 1, setOf(1, 2))", true)),
  p("isInOfComparison", B("isIn(s.n < 1, setOf(true))", true)),
  p("isInOfTernary", B("isIn(s.f ? 2 : 0, setOf(0))", true)),
  p("comparisonEqBool", B("s.n > 0 === s.f", true)),
  p("comparisonNeqBool", B("s.f !== s.n >= 1", false)),
  p("comparisonBothSides", B("(s.n < 1) === (s.g === true)", true)),
  p("notOfEqualityEq", B("!(s.n === 0) === s.f", true)),
  p("sumEqAnd", B("s.n + 1 === 1 && !s.f", true)),
  p("orAndMix", B("s.f || s.g && !s.f", true)),
  p("ternaryInEquality", B("s.n === (s.f ? 1 : 0)", true)),
  p("arithmeticPrecedence", { ...BOOLS, state: "n: Int<-9, 9>; f: boolean; g: boolean; b: boolean; done: boolean; q: Int<0, 2>[]; t: Set<Int<0, 2>>", body: `s.n = 1 + 2 * 3 - 4 % 3;\ns.done = true;`, props: { value: "invariant((s) => !s.done || s.n === 6)" } }),
  p("unaryMinusMod", { state: "a: Int<-3, 3>; n: Int<-3, 3>; done: boolean", init: "{ a: 3, n: 0, done: false }", body: `s.n = -s.a % 2;\ns.done = true;`, props: { value: "invariant((s) => !s.done || s.n === -1)" } }),
  p("pidLiteralRight", { state: "who: Pid | null; b: boolean", init: "{ who: null, b: false }", processes: `
      worker: processSet("W", function* (self, s) {
        yield "a";
        if (self === "w1") s.b = true;
      }),`, constants: { decl: "W: PidSet", values: `{ W: ["w1", "w2"] }` }, props: { value: "witness((s) => s.b)" } }),
  p("pidLiteralLeft", { state: "who: Pid | null; b: boolean", init: "{ who: null, b: false }", processes: `
      worker: processSet("W", function* (self, s) {
        yield "a";
        if ("w2" === self) s.who = self;
      }),`, constants: { decl: "W: PidSet", values: `{ W: ["w1", "w2"] }` }, props: { value: "invariant((s) => s.who === null || s.who === \"w2\")" } }),
  p("pidLiteralNotEqualState", { state: "who: Pid | null; b: boolean", init: "{ who: null, b: false }", processes: `
      worker: processSet("W", function* (self, s) {
        yield "a";
        s.who = self;
        s.b = "w1" !== s.who;
      }),`, constants: { decl: "W: PidSet", values: `{ W: ["w1", "w2"] }` }, props: { value: "witness((s) => s.b)" } }),
  p("pidLiteralUnknownId", { state: "b: boolean", init: "{ b: false }", processes: `
      worker: processSet("W", function* (self, s) {
        yield "a";
        s.b = self === "w3";
      }),`, constants: { decl: "W: PidSet", values: `{ W: ["w1"] }` }, props: { never: "invariant((s) => !s.b)" } }),
  p("pidSingleProcessName", { state: "who: Pid | null", init: "{ who: null }", body: `if ("main" === self) s.who = self;`, props: { value: "witness((s) => s.who === \"main\")" } }),
  p("pidNullLeft", { state: "who: Pid | null; b: boolean", init: "{ who: null, b: false }", body: `s.b = null === s.who;`, props: { value: "witness((s) => s.b)" } }),
];
