// Differential test of the compiler: for every example scenario, the states reachable by running the
// TypeScript (breadth first over every process and every choice sequence) are exactly as many as the
// distinct states a model checker finds in the generated TLA+. A disagreement means the TLA+ does not
// do what the TS does. Scenarios with more than MAX_STATES states are skipped.
//
// The embedded engine checks every scenario; TLC (when installed) the largest one (TLC takes seconds
// to start), or all of them with TS2TLA_RUNTIME_TLC_ALL=1.
import { expect } from "chai";
import type { CheckResult } from "../../tools/checker/types.ts";
import type { CompiledProtocol } from "../../tools/compiler/index.ts";
import { exploreStates, type ExploreResult } from "../../tools/runtime/index.ts";
import { requireTlc } from "../helpers/tlc.ts";
import { allScenarios, checkModel, EVERYTHING, exploredOf, KITCHEN_SINK, runtimeOf } from "./helpers.ts";

const MAX_STATES = 20_000;
const TLC_SCENARIOS = new Set(["twoPhase threeRMs"]);

/** Runs `jobs` with at most `n` at a time; the results in order. */
function limited<T>(n: number): (job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (job) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

function describeDisagreement(name: string, engine: string, checker: CheckResult, runtime: ExploreResult): string {
  return (
    `${name}: the TS runtime reaches ${runtime.distinctStates} distinct states, ${engine} ${checker.stats.distinctStates} ` +
    `(runtime: ${runtime.nodes} generator states, ${runtime.transitions} transitions, depth ${runtime.depth}; ` +
    `checker depth ${checker.stats.depth ?? "?"}${checker.error ? `, error ${checker.error.message}` : ""}). ` +
    "The generated TLA+ and the TS disagree: likely a compiler bug."
  );
}

describe("runtime: reachable states, TS runtime vs model checkers", function () {
  this.timeout(300_000);
  const scenarios = allScenarios();
  const embedded = new Map<string, Promise<CheckResult>>();
  const queue = limited<CheckResult>(2);
  const nameOf = (c: CompiledProtocol, s: string) => `${c.name} ${s}`;

  before(() => {
    for (const { compiled, scenario } of scenarios) embedded.set(nameOf(compiled, scenario), queue(() => checkModel(compiled, scenario, EVERYTHING, "embedded")));
  });

  describe("embedded engine", () => {
    for (const { file, compiled, scenario } of scenarios) {
      const name = nameOf(compiled, scenario);
      it(name, async function () {
        const rt = await runtimeOf(file, scenario);
        const explored = exploredOf(rt, MAX_STATES);
        if (!explored.complete) this.skip();
        if (rt.localsReadable) expect(explored.unknownLocals, "every process local is read").to.deep.equal([]);
        const checker = await embedded.get(name)!;
        expect(checker.verdict, checker.error?.message).to.equal("holds");
        expect(explored.distinctStates, describeDisagreement(name, "the embedded engine", checker, explored)).to.equal(checker.stats.distinctStates);
      });
    }
  });

  describe("reading every generator variable (not relying on the compiler's analysis of cross-step locals)", () => {
    const picked = [
      { file: "spec-src/examples/boundedQueue.ts", scenario: "crowd" },
      { file: "spec-src/examples/twoPhase.ts", scenario: "buggyCoordinator" },
      { file: KITCHEN_SINK, scenario: "strict" },
    ];
    for (const { file, scenario } of picked) {
      it(`${file.split("/").pop()} ${scenario}`, async function () {
        const rt = await runtimeOf(file, scenario, { scopes: "all" });
        if (!rt.localsReadable) this.skip();
        const explored = exploreStates(rt, { maxStates: MAX_STATES });
        const checker = await embedded.get(nameOf(rt.compiled, scenario))!;
        expect(explored.distinctStates, describeDisagreement(`${rt.compiled.name} ${scenario}`, "the embedded engine", checker, explored)).to.equal(checker.stats.distinctStates);
      });
    }
  });

  describe("TLC", () => {
    const all = process.env.TS2TLA_RUNTIME_TLC_ALL === "1";
    const chosen = scenarios.filter(({ compiled, scenario }) => all || TLC_SCENARIOS.has(nameOf(compiled, scenario)));
    const tlc = new Map<string, Promise<CheckResult>>();

    before(async function () {
      await requireTlc(this);
      const tlcQueue = limited<CheckResult>(2);
      for (const { compiled, scenario } of chosen) tlc.set(nameOf(compiled, scenario), tlcQueue(() => checkModel(compiled, scenario, EVERYTHING, "tlc")));
    });

    for (const { file, compiled, scenario } of chosen) {
      const name = nameOf(compiled, scenario);
      it(name, async function () {
        const rt = await runtimeOf(file, scenario);
        const explored = exploredOf(rt, MAX_STATES);
        if (!explored.complete) this.skip();
        const checker = await tlc.get(name)!;
        expect(checker.verdict, checker.error?.message).to.equal("holds");
        expect(explored.distinctStates, describeDisagreement(name, "TLC", checker, explored)).to.equal(checker.stats.distinctStates);
      });
    }
  });
});
