// undefined and NaN inside a step, and JavaScript's truthiness. An array read outside its elements
// (or of an id a ByPid map lacks) is undefined; arithmetic on it is NaN. JS computes on with both
// (`undefined < 3` and `NaN === NaN` are false, `!undefined` is true), and tests any value in `if`,
// `while`, `when`, `?:`, `!`, `&&`, `||` (0, "", null, undefined and NaN are false there): the TLA+
// must compute the same. Kept in the state, undefined and NaN are in no type (TypeOK fails).
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "undefined, NaN and truthiness";
const c = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: G, snippet, expect });
const ST = "q: Int<0, 3>[]; bs: boolean[]; n: Int<0, 3>; b: boolean; x: Int<0, 3> | null; r: { f: Int<0, 3> } | null; h: Pid | null; done: boolean";
const INIT = "{ q: [1, 2], bs: [true], n: 0, b: false, x: null, r: null, h: null, done: false }";
/** The body, then `check` must hold once it ran. */
const U = (body: string, check: string, top?: string): Snippet => ({
  state: ST,
  init: INIT,
  body: `${body}\ns.done = true;`,
  props: { value: `invariant((s) => !s.done || (${check}))` },
  ...(top ? { top } : {}),
});
const TYPE_OK_BROKEN = run({ TypeOK: "violated" });

export const TRUTHINESS: Case[] = [
  // undefined and NaN in comparisons: false, as in JS (TLC would stop on `Undefined < 3`).
  c("undefinedLessIsFalse", U(`s.b = s.q[5]! < 3 || s.q[5]! >= 3;`, "!s.b")),
  c("undefinedOrderingInIf", U(`if (s.q[-1]! > 0) s.n = 1;\nelse s.n = 2;`, "s.n === 2")),
  c("nanLessIsFalse", U(`const v = s.q[5]! + 1;\ns.b = v < 10 || v >= 10;`, "!s.b")),
  c("nanNotEqualToItself", U(`const v = s.q[5]! * 2;\ns.b = v === v;`, "!s.b")),
  c("nanNotEqualIsTrue", U(`const v = s.q[5]! - 1;\ns.b = v !== v;`, "s.b")),
  c("undefinedEqualsUndefined", U(`s.b = s.q[5] === s.q[6];`, "s.b")),
  c("inRangeArithmeticUnchanged", U(`s.n = s.q[1]! + 1;`, "s.n === 3")),
  // Kept in the state: in no type.
  c("nanStored", U(`s.n = s.q[5]! + 1;`, "true"), TYPE_OK_BROKEN),
  c("nanFromMinStored", U(`s.n = Math.min(s.q[5]!, 1);`, "true"), TYPE_OK_BROKEN),
  c("nanFromFloorStored", U(`s.n = Math.floor(s.q[5]! / 2);`, "true"), TYPE_OK_BROKEN),
  c("nanCompoundPastEnd", U(`s.q[2] += 1;`, "true"), TYPE_OK_BROKEN),
  c("undefinedIncrementPastEnd", U(`s.q[2]++;`, "true"), TYPE_OK_BROKEN),
  // Truthiness of undefined and of booleans that may be undefined.
  c("notUndefinedIsTrue", U(`s.b = !s.q[5];`, "s.b")),
  c("undefinedBooleanInIf", U(`if (s.bs[3]!) s.n = 1;\nelse s.n = 2;`, "s.n === 2")),
  c("notUndefinedBoolean", U(`s.b = !s.bs[3];`, "s.b")),
  c("definedBooleanInIf", U(`if (s.bs[0]!) s.n = 1;\nelse s.n = 2;`, "s.n === 1")),
  // Truthiness of numbers, nullable values, records and ids.
  c("zeroIsFalse", U(`if (s.n) s.b = true;`, "!s.b")),
  c("twoIsTrue", U(`s.n = 2;\nif (s.n) s.b = true;`, "s.b")),
  c("numberInTernary", U(`s.b = s.n ? true : false;`, "!s.b")),
  c("notNumber", U(`s.b = !s.n;`, "s.b")),
  c("nullableZeroIsFalse", U(`s.x = 0;\nif (s.x) s.b = true;`, "!s.b")),
  c("nullableNullIsFalse", U(`if (s.x) s.b = true;`, "!s.b")),
  c("nullableThreeIsTrue", U(`s.x = 3;\nif (s.x) s.b = true;`, "s.b")),
  c("recordOrNull", U(`if (s.r) s.n = 1;\ns.r = { f: 0 };\nif (s.r) s.b = true;`, "s.b && s.n === 0")),
  c("pidOrNull", U(`s.b = !s.h;\ns.h = self;\nwhen(!!s.h);`, "s.b")),
  c("lengthInIf", U(`if (s.q.length) s.b = true;`, "s.b")),
  // && and || give an operand in JS (not a boolean).
  c("andGivesAnOperand", U(`s.x = s.r && s.r.f;`, "s.x === null")),
  c("andGivesTheRight", U(`s.r = { f: 2 };\ns.x = s.r && s.r.f;`, "s.x === 2")),
  c("orGivesTheRight", U(`s.n = s.x || 3;`, "s.n === 3")),
  c("orOfBooleans", U(`s.b = s.bs[0]! || s.b;`, "s.b")),
  c("andInCondition", U(`if (s.r && s.r.f > 0) s.n = 1;\nelse s.n = 2;`, "s.n === 2")),
  // An undefined argument goes into the helper's body, where its comparison is false.
  c("helperGetsUndefined", U(`s.b = big(s.q[5]!);`, "!s.b", "function big(v: Int<0, 3>): boolean {\n  return v > 1;\n}")),
  c("helperGetsDefined", U(`s.b = big(s.q[1]!);`, "s.b", "function big(v: Int<0, 3>): boolean {\n  return v > 1;\n}")),
  // Callbacks whose result JS tests: some, every, filter, any, all.
  c("someOverUndefinedBooleans", U(`s.b = s.q.some((i) => s.bs[i]!);`, "!s.b")),
  c("everyOverNumbers", U(`s.b = s.q.every((x) => x);`, "s.b")),
  c("filterByNumber", U(`s.q = s.q.filter((x) => x - 1);`, "s.q.length === 1 && s.q[0] === 2")),
  c("anyOverMaybeUndefined", U(`s.b = any(setOf(1, 5), (i) => s.q[i]! > 1);`, "s.b")),
  c("allOverMaybeUndefined", U(`s.b = all(setOf(1, 5), (i) => s.q[i]! > 1);`, "!s.b")),
  // Inside a branch TS proves unreachable a value has no type at all (never): nothing to test.
  c("unreachableBranchTruthiness", U(`if (s.b && !s.b) s.b = !s.b;`, "!s.b")),
  // Values whose falsy members TLC cannot compare: rejected.
  // A type that mixes kinds is rejected where it is declared: TLC cannot compare 0 with FALSE or "none"
  // (in TypeOK, and in any ===), where JS just says false.
  c("mixedKindsTruthiness", { state: "/*@*/m: boolean | Int<0, 2>; n: Int<0, 2>", init: "{ m: 0, n: 0 }", body: `if (s.m) s.n = 1;` }, diag("TSLA011", { message: /mixes boolean and number/ })),
  c("numberOrString", { state: `/*@*/x: Int<0, 3> | "none"`, init: `{ x: "none" }`, body: `s.x = 2;` }, diag("TSLA011", { message: /mixes number and string/ })),
];
