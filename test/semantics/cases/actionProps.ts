// Action properties (issue #11): `action((before, after, c) => condition)` is `[][condition]_vars`,
// checked on every step that changes some variable (the state, a process's step, a kept local) and
// never on a step that changes nothing. The runtime's walks test the same condition on the TS values,
// so a step the TLA+ tests differently from the TypeScript shows up as a verdict that differs.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "action properties";
const c = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: G, snippet, expect });
const UP = { up: "action((b, a) => a.n >= b.n)" };

export const ACTION_PROPS: Case[] = [
  c("actionHolds", { state: "n: Int<0, 3>", init: "{ n: 0 }", body: `
      s.n = 1;
      yield "b";
      s.n = 2;`, props: UP }),
  c("actionViolated", { state: "n: Int<0, 3>", init: "{ n: 0 }", body: `
      s.n = 2;
      yield "b";
      s.n = 1;`, props: UP }, run({ up: "violated" })),
  // The first step only moves main from a to b: a step all the same (its step changes), so `n` must differ.
  c("actionStepThatChangesOnlyTheStep", { state: "n: Int<0, 3>", init: "{ n: 0 }", body: `
      yield "b";
      s.n = 1;`, props: { changes: "action((b, a) => a.n !== b.n)" } }, run({ changes: "violated" })),
  // From n = 1 the loop's step changes nothing: a stuttering step, not tested.
  c("actionStutteringStepNotTested", { state: "n: Int<0, 3>", init: "{ n: 0 }", processes: `
      main: process(function* (self, s) {
        for (;;) {
          yield "a";
          s.n = 1;
        }
      }),`, props: { changes: "action((b, a) => a.n !== b.n)" } }),
  // Reading a nondeterministic choice's result and a constant.
  c("actionWithConstant", { state: "n: Int<0, 3>", init: "{ n: 0 }", constants: { decl: "Step: Int<1, 2>", values: "{ Step: 2 }" }, body: `
      s.n = oneOf(setOf<Int<0, 3>>(1, 2));`, props: { byStep: "action((b, a, c) => a.n - b.n <= c.Step)", byOne: "action((b, a) => a.n - b.n <= 1)" } }, run({ byOne: "violated" })),
  // Nested values: arrays and records before and after, compared by value.
  c("actionArraysAndRecords", { state: "q: Int<0, 3>[]; r: { f: Int<0, 3>; g: boolean }", init: "{ q: [], r: { f: 0, g: false } }", body: `
      s.q.push(1);
      yield "b";
      s.r.g = true;
      yield "c";
      s.q.push(2);`, props: { grows: "action((b, a) => a.q.length >= b.q.length && (b.q.length === 0 || a.q[0] === b.q[0]))", fKept: "action((b, a) => a.r.f === b.r.f)", sameR: "action((b, a) => a.r.g === b.r.g)" } }, run({ sameR: "violated" })),
  c("actionNotAnArrow", { state: "n: Int<0, 3>", init: "{ n: 0 }", top: "function up(b: { n: number }, a: { n: number }): boolean {\n  return a.n >= b.n;\n}", body: `
      s.n = 1;`, props: { up: "action(/*@*/up)" } }, diag("TSLA041")),
];
