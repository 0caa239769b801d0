// Locals are kept as state only where they are live: a dead local is reset to its default, so states
// that differ only in a dead local are one state (what the TS keeps). `states` pins the count.
import { run, type Case, type Snippet } from "../../helpers/semantics.ts";

const G = "locals kept only where live";
const c = (name: string, snippet: Snippet, states: number): Case => ({ name, group: G, snippet, expect: run({}, { states }) });
const ONE_TWO = "oneOf(setOf<Int<0, 2>>(1, 2))";

export const LIVENESS: Case[] = [
  // A callback before later steps (ts-morph stopped the walk for labels and locals at the first
  // function): the steps after it are labels, k is kept. a (k=1|2) → b → c → Done: 1 + 2 + 2 + 2.
  c("callbackBeforeLaterSteps", { state: "n: Int<0, 2>; m: Int<0, 2>", init: "{ n: 0, m: 0 }", body: `
      const k: Int<0, 2> = oneOf(filterSet(setOf<Int<0, 2>>(0, 1, 2), (x) => x > 0));
      yield "b";
      s.n = 1;
      yield "c";
      s.m = k;` }, 7),
  // a (k=0) → b (k=1 | k=2) → c (k dead) → Done: 1 + 2 + 1 + 1.
  c("deadAfterLastRead", { state: "n: Int<0, 2>; m: Int<0, 2>", init: "{ n: 0, m: 0 }", body: `
      let k: Int<0, 2> = ${ONE_TWO};
      yield "b";
      s.n = k > 0 ? 1 : 0;
      yield "c";
      s.m = 1;` }, 5),
  // Still live at c: 1 + 2 + 2 + 2.
  c("liveUntilLastStep", { state: "n: Int<0, 2>; m: Int<0, 2>", init: "{ n: 0, m: 0 }", body: `
      let k: Int<0, 2> = ${ONE_TWO};
      yield "b";
      s.n = 1;
      yield "c";
      s.m = k;` }, 7),
  // Live at c on one path only (read in a branch): still live there: 1 + 2 + 2 + 2.
  c("liveInBranchOnly", { state: "n: Int<0, 2>; f: boolean", init: "{ n: 0, f: false }", body: `
      let k: Int<0, 2> = ${ONE_TWO};
      yield "b";
      s.f = true;
      yield "c";
      if (s.f) s.n = k;` }, 7),
  // A return in a branch: Done with k dead either way: 1 + 2 + 1.
  c("returnInBranch", { state: "n: Int<0, 2>", init: "{ n: 0 }", body: `
      let k: Int<0, 2> = ${ONE_TWO};
      yield "b";
      if (k === 1) {
        s.n = 1;
        return;
      }
      s.n = 1;` }, 4),
  // A return in a branch, the other path reads k a step later: a 1, b 2, after b: Done (n=0) or c (k=2), then Done (n=2).
  c("returnInBranchOtherLive", { state: "n: Int<0, 2>", init: "{ n: 0 }", body: `
      let k: Int<0, 2> = ${ONE_TWO};
      yield "b";
      if (k === 1) return;
      yield "c";
      s.n = k;` }, 6),
  // A let moved into a branch: a 1; b (k=1|2) 2 or c (n=0) 1; c (n=1) 1; Done (n=0|1) 2.
  c("letMovedIntoBranch", { state: "n: Int<0, 2>; m: Int<0, 2>", init: "{ n: 0, m: 0 }", body: `
      let k: Int<0, 2> = 0;
      if (nondet()) {
        const v = ${ONE_TWO};
        k = v;
        yield "b";
        s.n = k > 0 ? 1 : 0;
      }
      yield "c";
      s.m = 1;` }, 7),
  // Overwritten before it is read: dead at b. a 1, b 1, Done 1.
  c("overwrittenBeforeRead", { state: "n: Int<0, 2>", init: "{ n: 0 }", body: `
      let k: Int<0, 2> = ${ONE_TWO};
      yield "b";
      k = 0;
      s.n = k;` }, 3),
  // Declared in a loop body, read in the next step of the same iteration: a (n=0), a (n=1, k dead), b × (k=1|2) × (n=0|1).
  c("loopLocalPerIteration", { state: "n: Int<0, 2>", init: "{ n: 0 }", processes: `
      main: process(function* (self, s) {
        for (;;) {
          yield "a";
          let k: Int<0, 2> = ${ONE_TWO};
          yield "b";
          s.n = k > 0 ? 1 : 0;
        }
      }),` }, 6),
  // A counter read by the loop condition: live until the loop ends. a0 (k=0), a (k=0|1), b (k dead), Done.
  c("loopCounterLive", { state: "n: Int<0, 3>", init: "{ n: 0 }", processes: `
      main: process(function* (self, s) {
        let k: Int<0, 3> = 0;
        yield "a0";
        while (k < 2) {
          yield "a";
          k = k + 1;
        }
        yield "b";
        s.n = 3;
      }),` }, 5),
  // A value only used within its step is no state at all: a 1, Done (n=1|2) 2.
  c("stepLocalNotState", { state: "n: Int<0, 2>", init: "{ n: 0 }", body: `
      const k = ${ONE_TWO};
      s.n = k;` }, 3),
  // Two processes with a dead local each: each in a, b (k=1|2), c or Done: 5 × 5, n = 0 exactly when neither has passed b.
  c("deadLocalTwoProcesses", { state: "n: Int<0, 2>", init: "{ n: 0 }", ...{ constants: { decl: "W: PidSet", values: `{ W: ["w1", "w2"] }` } }, processes: `
      worker: processSet("W", function* (self, s) {
        yield "a";
        let k: Int<0, 2> = ${ONE_TWO};
        yield "b";
        s.n = k > 0 ? 1 : 0;
        yield "c";
      }),` }, 25),
  // A local read in a later step only by a condition: live. a 1, b 2, c 2 (k kept), Done (n=1|2) 2.
  c("liveReadByCondition", { state: "n: Int<0, 2>", init: "{ n: 0 }", body: `
      let k: Int<0, 2> = ${ONE_TWO};
      yield "b";
      yield "c";
      s.n = k === 1 ? 1 : 2;` }, 7),
  // Assigned on one branch only, read later on both: live where read. a 1, b (k=0|1) 2, Done (n=0|1) 2.
  c("assignedOnOneBranch", { state: "n: Int<0, 2>", init: "{ n: 0 }", body: `
      let k: Int<0, 2> = 0;
      if (nondet()) k = 1;
      yield "b";
      s.n = k;` }, 5),
  // Dead after a break out of the loop: a 1, b (k=1|2) 2, then the loop ends: c 1, Done 1.
  c("deadAfterBreak", { state: "n: Int<0, 2>", init: "{ n: 0 }", processes: `
      main: process(function* (self, s) {
        let k: Int<0, 2> = 0;
        for (;;) {
          yield "a";
          const v = ${ONE_TWO};
          k = v;
          yield "b";
          if (k > 0) break;
        }
        yield "c";
        s.n = 1;
      }),` }, 5),
];
