// Maps on a constant set (issue #11): `FnOn<"K", V>` is the TLA+ function `[K -> V]` on the constant
// set K (strings, integers or model values that are not processes), built in init with
// `fnOn(c.K, (k) => ...)`; with a choice in the callback, the initial states are every such function.
// Diagnostics: a type that names no set constant, fnOn on another set than its type's, fnOn in a step.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "maps on a constant set (FnOn)";
const c = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: G, snippet, expect });

const KEYS = { decl: 'Keys: ReadonlySet<"x" | "y" | "z">', values: '{ Keys: ["x", "y", "z"] }' };

export const FN_ON: Case[] = [
  // Every function Keys -> 0..1 (8 initial states); a step raises one entry to 2 (the key, and the other
  // two entries: 3 * 4 states after it).
  c("everyFunctionOnStrings", {
    state: 'm: FnOn<"Keys", Int<0, 2>>; done: boolean',
    initFn: "(c) => ({ m: fnOn(c.Keys, () => oneOf(range(0, 1))), done: false })",
    constants: KEYS,
    body: `
      const k = oneOf(c.Keys);
      s.m[k] = 2;
      s.done = s.m["x"] === 2;`,
    props: {
      inRange: "invariant((s, c) => all(c.Keys, (k) => s.m[k]! <= 2))",
      allZeroAtStart: "witness((s, c) => all(c.Keys, (k) => s.m[k] === 0))",
      xRaised: "witness((s) => s.done)",
      // Its counterexample is a trace through string keys, which the TS replays.
      neverTwo: "invariant((s, c) => all(c.Keys, (k) => s.m[k] !== 2))",
    },
  }, run({ neverTwo: "violated" }, { states: 8 + 3 * 4 })),
  // The value chosen depends on the key: m[v] in 0..v for v in 0..2 (1 * 2 * 3 initial states).
  c("choiceDependsOnTheKey", {
    state: 'm: FnOn<"Vals", Int<0, 2>>',
    initFn: "(c) => ({ m: fnOn(c.Vals, (v) => oneOf(range(0, v))) })",
    constants: { decl: "Vals: ReadonlySet<Int<0, 2>>", values: "{ Vals: [0, 1, 2] }" },
    body: "s.m[0] = 0;",
    props: { bounded: "invariant((s, c) => all(c.Vals, (v) => s.m[v]! <= v))" },
  }, run({}, { states: 6 + 6 })),
  // Model values that are not processes: a literal key names the model value.
  c("onModelValues", {
    state: 'seen: FnOn<"Items", boolean>; k: Int<0, 3>',
    initFn: "(c) => ({ seen: fnOn(c.Items, (i) => i === \"b\"), k: 0 })",
    constants: { decl: "Items: PidSet", values: '{ Items: ["a", "b", "c"] }' },
    body: `
      s.seen["a"] = true;
      s.k = filterSet(c.Items, (i) => s.seen[i] === true).size;`,
    props: { two: "invariant((s) => s.k === 0 || s.k === 2)", counted: "witness((s) => s.k === 2)" },
  }),
  // A loop over the set changes every entry.
  c("loopOverItsSet", {
    state: 'm: FnOn<"Keys", Int<0, 3>>; done: boolean',
    initFn: '(c) => ({ m: fnOn(c.Keys, (k) => (k === "y" ? 1 : 0)), done: false })',
    constants: KEYS,
    body: `
      for (const k of c.Keys) s.m[k] += 2;
      s.done = true;`,
    props: { raised: 'invariant((s) => s.done === (s.m["x"] === 2) && s.done === (s.m["y"] === 3) && s.done === (s.m["z"] === 2))' },
  }),
  c("unknownDomain", {
    state: 'm: FnOn<"Nope", boolean>',
    initFn: "(c) => ({ m: fnOn(c.Keys, () => false) })",
    constants: KEYS,
    body: "s.m[\"x\"] = true;",
  }, diag("TSLA011", { message: /Nope/ })),
  c("fnOnAnotherSet", {
    state: 'm: FnOn<"Keys", boolean>',
    initFn: "(c) => ({ m: fnOn(/*@*/c.Other, () => false) })",
    constants: { decl: 'Keys: ReadonlySet<"x" | "y">; Other: ReadonlySet<"x" | "y">', values: '{ Keys: ["x", "y"], Other: ["x"] }' },
    body: "s.m[\"x\"] = true;",
  }, diag("TSLA046", { message: /c\.Keys/ })),
  c("fnOnInAStep", {
    state: 'm: FnOn<"Keys", boolean>',
    initFn: "(c) => ({ m: fnOn(c.Keys, () => false) })",
    constants: KEYS,
    body: "s.m = /*@*/fnOn(c.Keys, () => true);",
  }, diag("TSLA046")),
];
