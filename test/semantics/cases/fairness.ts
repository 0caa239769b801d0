// Fairness per alternative (issue #11): `if (nondet({ fairness }))` makes each branch of the step a
// fair action of its own (`WF_vars`/`SF_vars` of the step narrowed to that branch). The same protocol
// with a plain `nondet()` gets the other verdict: weak fairness of the whole step is kept by taking
// one branch for ever. Both engines (and TLC in its tier) must agree on each.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "fairness per alternative";
const c = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: G, snippet, expect });

const ST = "n: Int<0, 1>; hit: boolean";
const INIT = "{ n: 0, hit: false }";
const HITS = { hits: "temporal(eventually((s) => s.hit))" };

/** A loop whose one step toggles n or sets hit, by `cond` (a nondet call). */
const toggleOrHit = (cond: string, hit = "s.hit = true;") => `
      main: process(function* (self, s) {
        for (;;) {
          yield "a";
          if (${cond}) {
            s.n = s.n === 0 ? 1 : 0;
          } else {
            ${hit}
          }
        }
      }),`;

export const FAIRNESS: Case[] = [
  c("alternativesPlainNondet", { state: ST, init: INIT, processes: toggleOrHit("nondet()"), props: HITS }, run({ hits: "violated" })),
  c("alternativesWeak", { state: ST, init: INIT, processes: toggleOrHit('nondet({ fairness: "weak" })'), props: HITS }),
  // The else-branch is enabled only while n = 0, which the then-branch toggles: weak is not enough.
  c("alternativesWeakNotEnough", { state: ST, init: INIT, processes: toggleOrHit('nondet({ fairness: "weak" })', "when(s.n === 0);\n            s.hit = true;"), props: HITS }, run({ hits: "violated" })),
  c("alternativesStrong", { state: ST, init: INIT, processes: toggleOrHit('nondet({ fairness: "strong" })', "when(s.n === 0);\n            s.hit = true;"), props: HITS }),
  // Under a choice made first: with k = 2 the step resets n without reaching the nondet. That path is
  // a step of neither branch: the else-branch, enabled in every state (by k = 1), is never taken on
  // the cycle n = 0 -> 1 -> 0 (toggle, reset), so that cycle is unfair and hit is reached.
  c("alternativesUnderChoice", { state: ST, init: INIT, processes: `
      main: process(function* (self, s) {
        for (;;) {
          yield "a";
          const k = oneOf(setOf<Int<1, 2>>(1, 2));
          if (k === 2) {
            s.n = 0;
          } else if (nondet({ fairness: "weak" })) {
            s.n = 1;
          } else {
            s.hit = true;
          }
        }
      }),`, props: HITS }),
  // Two processes: each one's alternatives are its own.
  c("alternativesPerProcess", { state: "n: Int<0, 1>; hits: Set<Pid>", init: "{ n: 0, hits: new Set() }", constants: { decl: "W: PidSet", values: `{ W: ["w1", "w2"] }` }, processes: `
      worker: processSet("W", function* (self, s) {
        for (;;) {
          yield "a";
          if (nondet({ fairness: "weak" })) s.n = s.n === 0 ? 1 : 0;
          else s.hits.add(self);
        }
      }),`, props: { everyoneHits: `temporal(forAll("W", (p) => eventually((s) => s.hits.has(p))))` } }),
  // A scenario's fairness for a process instead of its own.
  c("scenarioFairnessDefault", { state: ST, init: INIT, body: "s.hit = true;", props: HITS }),
  c("scenarioFairnessNone", { state: ST, init: INIT, body: "s.hit = true;", props: HITS, scenario: 'fairness: { main: "none" }' }, run({ hits: "violated" })),
  // main is enabled only while the toggler leaves n at 0: weak fairness (its own) is not enough, strong is.
  ...(["weak", "strong"] as const).map((kind) =>
    c(`scenarioFairness${kind === "weak" ? "Weak" : "Strong"}`, { state: ST, init: INIT, processes: `
      toggler: process(function* (self, s) {
        for (;;) {
          yield "t";
          s.n = s.n === 0 ? 1 : 0;
        }
      }),
      main: process(function* (self, s) {
        yield "a";
        when(s.n === 0);
        s.hit = true;
      }),`, props: HITS, scenario: `fairness: { main: "${kind}" }` }, run(kind === "weak" ? { hits: "violated" } : {})),
  ),
  c("scenarioFairnessUnknownProcess", { state: ST, init: INIT, body: "s.hit = true;", props: HITS, scenario: 'fairness: { /*@*/worker: "none" }' }, diag("TSLA021", { message: /not a process/ })),
  c("alternativesBadFairness", { state: ST, init: INIT, processes: toggleOrHit('nondet(/*@*/{ fairness: "fast" } as never)'), props: HITS }, diag("TSLA046")),
  c("alternativesTwoInOneStep", { state: ST, init: INIT, processes: `
      main: process(function* (self, s) {
        yield "a";
        if (nondet({ fairness: "weak" })) s.n = 1;
        if (/*@*/nondet({ fairness: "weak" })) s.hit = true;
      }),`, props: HITS }, diag("TSLA046", { message: /already has its fair alternatives/ })),
];
