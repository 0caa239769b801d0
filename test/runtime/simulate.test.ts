// Random simulation of every example scenario (and the kitchen sink): no crash, invariants hold where
// the scenario expects them to, known violations are found, the same seed gives the same run; and
// the `ts2tla simulate` command's output and exit statuses.
import { expect } from "chai";
import { runSimulate } from "../../tools/cli/simulate.ts";
import { simulateRuntime, type SimulationResult } from "../../tools/runtime/index.ts";
import { allScenarios, captureOutput, FIXTURES, KITCHEN_SINK, runtimeOf } from "./helpers.ts";

const SEEDS = [1, 2, 3];

describe("runtime: simulation", function () {
  this.timeout(120_000);

  describe("every example scenario, a few seeds", () => {
    for (const { file, compiled, scenario } of allScenarios()) {
      it(`${compiled.name} ${scenario}`, async () => {
        const rt = await runtimeOf(file, scenario);
        const expectations = compiled.ir.scenarios.find((s) => s.name === scenario)!.expect;
        for (const seed of SEEDS) {
          const r = simulateRuntime(rt, { steps: 60, seed });
          const where = `${compiled.name} ${scenario} seed ${seed}`;
          expect(r.states.length, where).to.be.greaterThan(0);
          expect(r.states.length, where).to.be.at.most(61);
          if (r.violation) {
            expect(r.violation.invariant, `${where}: TypeOK never fails`).to.not.equal("TypeOK");
            expect(expectations[r.violation.invariant], `${where}: ${r.violation.invariant} is violated, the scenario does not expect that`).to.equal("violated");
            expect(r.stop).to.equal("invariant-violated");
          }
          if (r.stop === "terminated") expect(Object.values(r.states.at(-1)!.pc).every((l) => l === "Done"), where).to.equal(true);
          if (r.stop === "step-limit") expect(r.states.length, where).to.equal(61);
        }
      });
    }
  });

  it("gives the same run for the same seed, and other runs for other seeds", async () => {
    const rt = await runtimeOf("spec-src/examples/twoPhase.ts", "threeRMs");
    const a = JSON.stringify(simulateRuntime(rt, { steps: 30, seed: 42 }));
    const b = JSON.stringify(simulateRuntime(rt, { steps: 30, seed: 42 }));
    expect(a).to.equal(b);
    const runs = new Set([1, 2, 3, 4, 5, 6].map((seed) => JSON.stringify(simulateRuntime(rt, { steps: 30, seed }).states)));
    expect(runs.size).to.be.greaterThan(1);
  });

  /** The first seed in 1..n whose run violates an invariant. */
  function firstViolation(run: (seed: number) => SimulationResult, n: number): SimulationResult | undefined {
    for (let seed = 1; seed <= n; seed++) {
      const r = run(seed);
      if (r.violation) return r;
    }
    return undefined;
  }

  it("finds the deadly embrace of deadlock.ts (noDeadlyEmbrace is violated)", async () => {
    const rt = await runtimeOf("spec-src/examples/deadlock.ts", "oppositeOrderLiveness");
    const r = firstViolation((seed) => simulateRuntime(rt, { steps: 20, seed }), 20);
    expect(r, "some seed in 1..20 finds it").to.exist;
    expect(r!.violation!.invariant).to.equal("noDeadlyEmbrace");
    expect(r!.states.at(-1)!.s).to.deep.equal({ owner: { A: "alice", B: "bob" } });
  });

  it("finds the buggy coordinator of twoPhase.ts", async () => {
    const rt = await runtimeOf("spec-src/examples/twoPhase.ts", "buggyCoordinator");
    const r = firstViolation((seed) => simulateRuntime(rt, { steps: 30, seed }), 100);
    expect(r, "some seed in 1..100 finds it").to.exist;
    expect(["consistent", "commitNeedsUnanimity"]).to.include(r!.violation!.invariant);
  });

  it("stops at a deadlock, and says whether the scenario checks for deadlocks", async () => {
    const rt = await runtimeOf("spec-src/examples/deadlock.ts", "oppositeOrder");
    const runs = [...Array(20).keys()].map((i) => simulateRuntime(rt, { steps: 50, seed: i + 1 }));
    const stuck = runs.find((r) => r.stop === "deadlock");
    expect(stuck, "some seed in 1..20 ends in the deadlock").to.exist;
    expect(stuck!.deadlockChecked).to.equal(true);
    expect(stuck!.states.at(-1)!.pc).to.deep.equal({ alice: "takeB", bob: "takeSecond" });
  });

  it("stops when every process is done, and records witnesses", async () => {
    const rt = await runtimeOf("spec-src/examples/boundedQueue.ts", "single");
    const r = simulateRuntime(rt, { steps: 100, seed: 1 });
    expect(r.stop).to.equal("terminated");
    expect(r.states.at(-1)!.s).to.deep.include({ produced: 3, consumed: 3 });
    expect(r.witnesses.queueGetsFull).to.be.a("number");
    expect(r.invariants).to.deep.equal(["TypeOK", "withinCapacity", "noItemLost", "fifo"]);
  });

  it("reports a TypeOK violation when a value leaves its type", async () => {
    const rt = await runtimeOf(`${FIXTURES}/overflow.ts`, "only");
    const r = simulateRuntime(rt, { steps: 10, seed: 1 });
    expect(r.violation).to.deep.equal({ invariant: "TypeOK", kind: "invariant", state: 3, message: "s.n: 3 is outside 0..2" });
  });

  it("checks action properties on every step: the step into the state where it fails", async () => {
    const rt = await runtimeOf(`${FIXTURES}/wrapAround.ts`, "only");
    const r = simulateRuntime(rt, { steps: 10, seed: 1 });
    expect(r.actions).to.deep.equal(["neverDown"]);
    expect(r.stop).to.equal("invariant-violated");
    expect(r.states.map((st) => (st.s as { n: number }).n)).to.deep.equal([0, 1, 2, 0]);
    expect(r.violation).to.deep.equal({ invariant: "neverDown", kind: "action", state: 3, message: "neverDown is false on the step into state #3" });
  });

  describe("ts2tla simulate", () => {
    const sim = (args: string[], opts: Record<string, string | boolean> = {}) => captureOutput(() => runSimulate(opts, args));

    it("prints the run and exits 0 when the invariants hold", async () => {
      const { value, stdout } = await sim(["spec-src/examples/mutex.ts"], { scenario: "two", steps: "6", seed: "3" });
      expect(value).to.equal(0);
      const lines = stdout.trimEnd().split("\n");
      expect(lines[0]).to.equal("simulate mutex, scenario two: seed 3, at most 6 steps");
      expect(lines[1]).to.match(/^ {2}#0 +initial +s = \{ holder: null \}$/);
      expect(stdout).to.match(/#1 +w\d acquire +s\.holder = "w\d"/);
      expect(stdout).to.include("stopped after 6 steps (the step limit)");
      expect(stdout).to.include("invariants held in all 7 states: TypeOK, mutualExclusion");
    });

    it("exits 1 and shows the state when an invariant is violated", async () => {
      const rt = await runtimeOf("spec-src/examples/deadlock.ts", "oppositeOrderLiveness");
      const seed = firstViolation((k) => simulateRuntime(rt, { seed: k }), 20)?.seed;
      expect(seed, "some seed in 1..20 violates noDeadlyEmbrace").to.be.a("number");
      const { value, stdout } = await sim(["spec-src/examples/deadlock.ts"], { scenario: "oppositeOrderLiveness", seed: String(seed) });
      expect(value).to.equal(1);
      expect(stdout).to.match(/INVARIANT VIOLATED in state #\d+: noDeadlyEmbrace/);
      expect(stdout).to.include('s = { owner: { A: "alice", B: "bob" } }');
    });

    it("exits 1 and names the step when an action property fails", async () => {
      const { value, stdout } = await sim([`${FIXTURES}/wrapAround.ts`], { scenario: "only", steps: "10", seed: "1" });
      expect(value).to.equal(1);
      expect(stdout).to.include("ACTION PROPERTY VIOLATED on the step into state #3: neverDown: neverDown is false on the step into state #3");
    });

    it("prints JSON with --json (sets as arrays)", async () => {
      const { value, stdout } = await sim([KITCHEN_SINK], { scenario: "small", steps: "12", seed: "5", json: true });
      expect(value).to.equal(0);
      const r = JSON.parse(stdout) as SimulationResult;
      expect(r.protocol).to.equal("kitchenSink");
      expect(r.seed).to.equal(5);
      expect(r.states.length).to.be.greaterThan(1);
      expect((r.states[0]!.s as { seen: unknown }).seen).to.deep.equal([]);
      expect(r.states[1]!.step).to.have.keys("pid", "process", "label", "choices", "picks");
    });

    it("exits 2 on bad input", async () => {
      const cases: Array<[string[], Record<string, string>, RegExp]> = [
        [[], {}, /name the protocol/],
        [["spec-src/examples/mutex.ts"], { steps: "-1" }, /--steps/],
        [["spec-src/examples/mutex.ts"], { seed: "x" }, /--seed/],
        [["spec-src/examples/mutex.ts"], {}, /several scenarios; pick one with --scenario \(two, three\)/],
        [["spec-src/examples/mutex.ts"], { scenario: "nine" }, /unknown scenario 'nine' of mutex; known: two, three/],
        [["spec-src/examples/nothing.ts"], { scenario: "two" }, /no such file/],
        [["test/fixtures/invalid/division.ts"], {}, /TSLA/],
      ];
      for (const [args, opts, message] of cases) {
        const { value, stderr } = await sim(args, opts);
        expect(value, `${args.join(" ")} ${JSON.stringify(opts)}`).to.equal(2);
        expect(stderr).to.match(message);
      }
    });
  });
});
