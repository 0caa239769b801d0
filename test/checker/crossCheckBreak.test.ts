// The cross-check catches a translation bug that no verdict shows (TLC tier). The generated TLA+ of
// one step is broken on purpose (testHooks.alterModule: the module text handed to TLC, never
// generated/), in a scenario whose properties all still hold under the break, as TLC confirms here;
// the verdicts of TLC and of the TS engine (which runs the TypeScript) agree, and only the comparison
// of the two state graphs finds the bug, naming the state, its predecessor and the step.
//   - mutex/two: the acquire step is enabled for one chosen worker only. TLC fails to reach the
//     states where the other worker holds the lock (3 states instead of 5).
//   - twoPhase/threeRMs: a vote goes out with a permuted sender (`from`, which nothing reads). TLC
//     reaches states the TS never does, exactly as many (1,304): verdicts and counts all agree.
import { expect } from "chai";
import type { TlaValue } from "../../tools/checker/types.ts";
import { compileFile, moduleText, testHooks, type CompiledProtocol } from "../../tools/compiler/index.ts";
import { compareEngines } from "../../tools/verify/compare.ts";
import { crossCheck } from "../../tools/verify/crossCheck.ts";
import { scenarioVarTypes } from "../../tools/runtime/tlaValues.ts";
import { compareStateGraphs } from "../../tools/verify/graphCompare.ts";
import { checkScenario, type ScenarioReport } from "../../tools/verify/scenario.ts";
import { requireTlc } from "../helpers/tlc.ts";

/** Replaces `from` by `to`, once, inside the definition of `operator` (up to the next blank line). */
function alterStep(text: string, operator: string, from: string, to: string): string {
  const start = text.indexOf(`\n${operator}(self) ==\n`);
  if (start < 0) throw new Error(`no operator ${operator} in the module`);
  const end = text.indexOf("\n\n", start + 1);
  const body = text.slice(start, end);
  if (body.split(from).length !== 2) throw new Error(`${operator} does not contain ${JSON.stringify(from)} exactly once:\n${body}`);
  return text.slice(0, start) + body.replace(from, to) + text.slice(end);
}

const mv = (v: TlaValue | undefined): string | undefined => (v?.kind === "modelValue" ? v.name : v?.kind === "str" ? v.value : undefined);

/** TLC on the broken module, the TS engine on the TypeScript; the hook is reset whatever happens. */
async function runBroken(c: CompiledProtocol, scenario: string, alter: (text: string) => string): Promise<{ tlc: ScenarioReport; ts: ScenarioReport; tla: string }> {
  const original = moduleText(c);
  testHooks.alterModule = (text, compiled) => (compiled === c ? alter(text) : text);
  try {
    const tla = moduleText(c);
    expect(tla, "the break changes the module").to.not.equal(original);
    const tlc = await checkScenario(c, scenario, { engine: "tlc", keepGraph: true, workers: 1 });
    const ts = await checkScenario(c, scenario, { engine: "ts", keepGraph: true });
    return { tlc, ts, tla };
  } finally {
    testHooks.alterModule = undefined;
  }
}

/** Every property and witness gets the same verdict from both, and it is the scenario's `expect`. */
function verdictsAgree(tlc: ScenarioReport, ts: ScenarioReport): void {
  expect(tlc.error, tlc.error?.message).to.equal(undefined);
  expect(tlc.surprises, "every property still holds under the break").to.deep.equal([]);
  expect(ts.surprises).to.deep.equal([]);
  expect(tlc.verdict).to.equal("holds");
  expect(ts.verdict).to.equal("holds");
  expect(tlc.properties.map((p) => `${p.name} ${p.verdict}`).sort()).to.deep.equal(ts.properties.map((p) => `${p.name} ${p.verdict}`).sort());
  expect(tlc.witnesses.map((w) => `${w.name} ${w.reached}`).sort()).to.deep.equal(ts.witnesses.map((w) => `${w.name} ${w.reached}`).sort());
  expect(tlc.witnesses.length).to.be.greaterThan(0);
}

describe("crossCheck catches a broken translation that the verdicts do not (TLC tier)", function () {
  this.timeout(300_000);

  before(async function () {
    await requireTlc(this);
  });

  afterEach(() => {
    testHooks.alterModule = undefined;
  });

  it("mutex/two: acquire enabled for one worker only: TLC misses the other's states; crossCheck names the first, its predecessor and the step", async () => {
    const c = compileFile("spec-src/examples/mutex.ts");
    const { tlc, ts, tla } = await runBroken(c, "two", (text) => alterStep(text, "worker_acquire", "/\\ holder = Null\n", "/\\ holder = Null\n    /\\ self = CHOOSE w \\in Workers : TRUE\n"));
    expect(tla).to.include("/\\ self = CHOOSE w \\in Workers : TRUE");
    expect(moduleText(c), "the hook is reset").to.not.include("CHOOSE w");
    verdictsAgree(tlc, ts);
    expect(tlc.completeStats?.distinctStates).to.equal(3);
    expect(ts.completeStats?.distinctStates).to.equal(5);

    // TLC's graph: only the chosen worker ever holds the lock.
    const holders = new Set(tlc.graph!.states.map((s) => mv(s.vars.holder)));
    expect(holders.size).to.equal(2);
    const chosen = [...holders].find((h) => h !== "Null")!;
    const other = ["w1", "w2"].find((w) => w !== chosen)!;

    const d = compareStateGraphs(tlc.graph!, ts.graph!, scenarioVarTypes(c.ir, c.ir.scenarios.find((s) => s.name === "two")!), { a: "TLC", b: "the TS engine" });
    expect(d?.kind).to.equal("reachable-states");
    expect(d?.side, "the TS engine has the state").to.equal("b");
    expect(d?.depth).to.equal(1);
    expect(mv(d?.state.holder)).to.equal(other);
    expect(mv(d?.predecessor?.holder), "from the initial state").to.equal("Null");
    expect(d?.step).to.deep.equal({ action: "worker_acquire", self: other });

    const x = crossCheck(c, tlc, ts);
    expect(x.problems.some((p) => /distinct states tlc=3, ts=5/.test(p)), x.problems.join("\n")).to.equal(true);
    const bug = x.problems.find((p) => p.includes("translation bug"));
    expect(bug, x.problems.join("\n")).to.not.equal(undefined);
    expect(bug).to.include("The TS engine reaches a state that TLC does not (1 step from an initial state)");
    expect(bug).to.match(/From this state, which both reach:\n\s+s\.holder = null/);
    expect(bug).to.include(`takes the step ${other} · acquire (spec-src/examples/mutex.ts:`);
    // The state side by side with TLC's closest: the same step by the chosen worker.
    expect(bug).to.match(new RegExp(`! s\\.holder\\s+the TS engine: "${other}"\\n\\s+TLC:\\s+"${chosen}"`));
    expect(x.summary).to.include("disagree");
  });

  it("twoPhase/threeRMs: votes sent with a permuted sender: as many states, every verdict and count agree, only the graphs differ", async () => {
    const c = compileFile("spec-src/examples/twoPhase.ts");
    const derangement = "(CHOOSE f \\in [RMs -> RMs] : \\A x, y \\in RMs : f[x] # x /\\ (x # y => f[x] # f[y]))[self]";
    const { tlc, ts } = await runBroken(c, "threeRMs", (text) => alterStep(text, "participant_vote", "[from |-> self,", `[from |-> ${derangement},`));
    verdictsAgree(tlc, ts);
    expect(tlc.completeStats?.distinctStates).to.equal(1136);
    expect(compareEngines(tlc, ts), "verdicts, witnesses and distinct-state counts agree").to.deep.equal([]);

    const d = compareStateGraphs(tlc.graph!, ts.graph!, scenarioVarTypes(c.ir, c.ir.scenarios.find((s) => s.name === "threeRMs")!), { a: "TLC", b: "the TS engine" });
    expect(d?.kind).to.equal("reachable-states");
    expect(d?.side, "TLC has the state").to.equal("a");
    expect(d?.depth).to.equal(1);
    expect(d?.step?.action).to.equal("participant_vote");
    const voter = d!.step!.self!;
    expect(["r1", "r2", "r3"]).to.include(voter);
    const sender = (s: Record<string, TlaValue>) => {
      const inbox = s.inbox as Extract<TlaValue, { kind: "seq" }>;
      expect(inbox.elems).to.have.length(1);
      return mv((inbox.elems[0] as Extract<TlaValue, { kind: "record" }>).fields.from);
    };
    expect(sender(d!.state), "TLC's vote names another RM").to.not.equal(voter);
    expect(d?.closest?.step).to.deep.equal({ action: "participant_vote", self: voter });
    expect(sender(d!.closest!.state), "the TS engine's vote names the voter").to.equal(voter);
    expect((d!.predecessor!.inbox as Extract<TlaValue, { kind: "seq" }>).elems, "from the initial state").to.have.length(0);

    const x = crossCheck(c, tlc, ts);
    expect(x.problems, "one problem: the graphs").to.have.length(1);
    expect(x.problems[0]).to.include("translation bug: the state graphs differ (TLC: 1136 states, the TS engine: 1136)");
    expect(x.problems[0]).to.include("TLC reaches a state that the TS engine does not (1 step from an initial state)");
    expect(x.problems[0]).to.include("From this state, which both reach:");
    expect(x.problems[0]).to.include(`takes the step ${voter} · vote (spec-src/examples/twoPhase.ts:`);
    expect(x.problems[0]).to.match(/! s\.inbox\s+TLC:/);
  });

  it("mutex/two: acquire fails to evaluate in TLC: a run-time error the TS engine never meets is a disagreement, not a skipped check", async () => {
    const c = compileFile("spec-src/examples/mutex.ts");
    const { tlc, ts } = await runBroken(c, "two", (text) => alterStep(text, "worker_acquire", "/\\ holder = Null\n", "/\\ holder = Null\n    /\\ Assert(FALSE, \"broken on purpose\")\n"));
    expect(tlc.verdict).to.equal("error");
    expect(tlc.error?.kind, tlc.error?.message).to.equal("runtime-error");
    expect(ts.verdict).to.equal("holds");
    const x = crossCheck(c, tlc, ts);
    expect(x.problems, x.summary).to.have.length(1);
    expect(x.problems[0]).to.match(/TLC stops on a run-time error \(.*broken on purpose.*\) that the TS engine never meets/);
    expect(x.summary).to.include("disagree");
  });

  it("without the break, mutex/two cross-checks clean", async () => {
    const c = compileFile("spec-src/examples/mutex.ts");
    const tlc = await checkScenario(c, "two", { engine: "tlc", keepGraph: true, workers: 1 });
    const ts = await checkScenario(c, "two", { engine: "ts", keepGraph: true });
    expect(tlc.completeStats?.distinctStates).to.equal(5);
    expect(crossCheck(c, tlc, ts).problems).to.deep.equal([]);
  });
});
