// The runtime itself: initial states, atomic steps that block without a trace, choice enumeration,
// generators rebuilt by replay, `at`/`done` in properties, process locals, the TLA+ encoding.
import { expect } from "chai";
import { invariant } from "../../tools/lang/index.ts";
import { printTla } from "../../tools/runtime/tlaValues.ts";
import { ProtocolRuntime, RuntimeSetupError, StepError, type RtState } from "../../tools/runtime/index.ts";
import { compiledOf, FIXTURES, runtimeOf } from "./helpers.ts";

const MUTEX = "spec-src/examples/mutex.ts";
const TWO_PHASE = "spec-src/examples/twoPhase.ts";
const TOKEN_RING = "spec-src/conformance/tokenRing.ts";

function only<T>(xs: T[], what: string): T {
  expect(xs, what).to.have.length(1);
  return xs[0]!;
}

function tla(rt: ProtocolRuntime, st: RtState, v: string): string {
  return printTla(rt.encode(st).vars[v]!);
}

describe("runtime: running a protocol's TypeScript", function () {
  this.timeout(60_000);

  it("builds the initial state from init(constants) and runs each process to its first yield", async () => {
    const rt = await runtimeOf(MUTEX, "two");
    const init = only(rt.initialStates(), "initial states");
    expect(init.s).to.deep.equal({ holder: null });
    expect(init.pc).to.deep.equal({ w1: "acquire", w2: "acquire" });
    expect(rt.pids).to.deep.equal(["w1", "w2"]);
    expect(rt.constants.Workers).to.be.instanceOf(Set);
  });

  it("gives single processes their own name as id, and byPid covers every process id", async () => {
    const rt = await runtimeOf(TWO_PHASE, "threeRMs");
    const init = only(rt.initialStates(), "initial states");
    expect(rt.pids).to.deep.equal(["r1", "r2", "r3", "tm"]);
    expect((init.s as { rm: object }).rm).to.deep.equal({ r1: "working", r2: "working", r3: "working", tm: "working" });
  });

  it("runs a step atomically: a blocked step has no successor and leaves no trace", async () => {
    const rt = await runtimeOf(MUTEX, "two");
    const init = only(rt.initialStates(), "initial states");
    const w1 = only(rt.successors(init, "w1"), "w1 acquires");
    expect(w1.state.s).to.deep.equal({ holder: "w1" });
    expect(w1.state.pc).to.deep.equal({ w1: "critical", w2: "acquire" });
    const before = JSON.stringify(w1.state);
    expect(rt.successors(w1.state, "w2"), "w2 blocks on the held lock").to.deep.equal([]);
    expect(JSON.stringify(w1.state)).to.equal(before);
    expect(init.s, "the initial state is untouched").to.deep.equal({ holder: null });
  });

  it("rebuilds a process's generator after a blocked attempt, by replaying its steps", async () => {
    const rt = await runtimeOf(MUTEX, "two");
    let st = only(rt.initialStates(), "initial states");
    st = only(rt.successors(st, "w1"), "w1 acquire").state;
    expect(rt.successors(st, "w2")).to.have.length(0);
    st = only(rt.successors(st, "w1"), "w1 critical").state;
    expect(rt.successors(st, "w2")).to.have.length(0);
    st = only(rt.successors(st, "w1"), "w1 release").state;
    const w2 = only(rt.successors(st, "w2"), "w2 acquire after the release");
    expect(w2.state.s).to.deep.equal({ holder: "w2" });
    expect(w2.state.pc).to.deep.equal({ w1: "acquire", w2: "critical" });
  });

  it("enumerates every choice sequence of a step (oneOf, nondet) and drops the blocked ones", async () => {
    const rt = await runtimeOf(TWO_PHASE, "threeRMs");
    const init = only(rt.initialStates(), "initial states");
    const votes = rt.successors(init, "r1");
    expect(votes.map((v) => v.picks)).to.deep.equal([['oneOf = "yes"'], ['oneOf = "no"']]);
    expect(votes.map((v) => (v.state.s as { rm: Record<string, string> }).rm.r1)).to.deep.equal(["prepared", "aborted"]);
    // tm: nondet() = true aborts; nondet() = false waits for a vote, and the inbox is empty.
    const collect = only(rt.successors(init, "tm"), "tm's only enabled choice");
    expect(collect.picks).to.deep.equal(["nondet() = true"]);
    expect(collect.state.pc.tm).to.equal("Done");
    const afterVote = votes[0]!.state;
    expect(rt.successors(afterVote, "tm").map((x) => x.picks)).to.deep.equal([["nondet() = true"], ["nondet() = false"]]);
  });

  it("answers at() and done() in properties from the runtime's pc", async () => {
    const rt = await runtimeOf(MUTEX, "two");
    const init = only(rt.initialStates(), "initial states");
    const inCritical = only(rt.successors(init, "w1"), "w1 acquires").state;
    const props = rt.decl.properties!;
    const mutex = props.mutualExclusion as { pred: (s: unknown, c: unknown) => boolean };
    const someone = props.someoneInCritical as { pred: (s: unknown, c: unknown) => boolean };
    expect(rt.evaluate(mutex.pred, init)).to.equal(true);
    expect(rt.evaluate(someone.pred, init)).to.equal(false);
    expect(rt.evaluate(someone.pred, inCritical)).to.equal(true);
    const free = invariant((s: { holder: string | null }) => s.holder === null) as { pred: (s: unknown, c: unknown) => boolean };
    expect(rt.evaluate(free.pred, inCritical)).to.equal(false);
  });

  it("reads process locals while the process runs and after it is done", async function () {
    const rt = await runtimeOf(TWO_PHASE, "buggyCoordinator");
    if (!rt.localsReadable) this.skip();
    let st = only(rt.initialStates(), "initial states");
    expect(st.locals.tm).to.deep.equal({ yesVotes: 0 });
    st = rt.successors(st, "r1")[0]!.state; // votes yes
    const commit = rt.successors(st, "tm").find((x) => x.picks[0] === "nondet() = false")!;
    expect(commit.state.pc.tm).to.equal("Done");
    expect((commit.state.s as { decision: string }).decision).to.equal("commit");
    expect(commit.state.locals.tm, "captured when the generator returned").to.deep.equal({ yesVotes: 1 });
    // Dead once the process is done: encoded as its default, as the TLA+ resets it.
    expect(tla(rt, commit.state, "tm_yesVotes")).to.equal("(tm :> 0)");
  });

  it("encodes a state in TLA+ terms: records, sequences, functions on process ids, Null, model values", async () => {
    const rt = await runtimeOf(TWO_PHASE, "buggyCoordinator");
    const init = only(rt.initialStates(), "initial states");
    const voted = rt.successors(init, "r2")[0]!.state;
    expect(tla(rt, voted, "rm")).to.equal('(r1 :> "working" @@ r2 :> "prepared" @@ tm :> "working")');
    expect(tla(rt, voted, "inbox")).to.equal('<<[from |-> r2, vote |-> "yes"]>>');
    expect(tla(rt, voted, "decision")).to.equal("Null");
    expect(tla(rt, voted, "pc")).to.equal('(r1 :> "vote" @@ r2 :> "learn" @@ tm :> "collect")');
    expect(rt.encode(voted).problems).to.deep.equal([]);
  });

  it("reports values outside their type (the runtime's TypeOK)", async () => {
    const rt = await runtimeOf(`${FIXTURES}/overflow.ts`, "only");
    let st = only(rt.initialStates(), "initial states");
    for (let i = 0; i < 3; i++) st = only(rt.successors(st, "counter"), "inc").state;
    expect(rt.encode(st).problems).to.deep.equal(["s.n: 3 is outside 0..2"]);
  });

  it("reports a step that throws as a StepError naming the process and the step", async () => {
    const rt = await runtimeOf(`${FIXTURES}/throws.ts`, "only");
    let st = only(rt.initialStates(), "initial states");
    st = only(rt.successors(st, "taker"), "first take").state;
    expect(() => rt.successors(st, "taker")).to.throw(StepError, /step take of taker failed: .*reading 'v'/);
  });

  it("checks a computed scenario constant against the TypeScript: a value the function does not give is a setup error", async () => {
    const compiled = compiledOf(TOKEN_RING);
    const rt = await ProtocolRuntime.fromCompiled(compiled, "TokenRing");
    expect([...(rt.constants.Nodes as Set<number>)]).to.deep.equal([0, 1, 2, 3, 4, 5]);
    expect(rt.selves).to.deep.equal([0, 1, 2, 3, 4, 5]);
    const tampered = structuredClone(compiled.ir);
    const scenario = tampered.scenarios.find((x) => x.name === "TokenRing")!;
    scenario.constants.Nodes = { kind: "set", elems: [0, 1, 2, 3, 4] };
    let error: unknown;
    await ProtocolRuntime.fromCompiled({ ...compiled, ir: tampered }, "TokenRing").catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(RuntimeSetupError);
    expect((error as Error).message).to.match(/constant Nodes is Set \{0, 1, 2, 3, 4, 5\} in the TypeScript but Set \{0, 1, 2, 3, 4\} in the model: a compiler bug/);
  });
});
