// Differential test of the compiler: for every example scenario, the states reachable by running the
// TypeScript (breadth first over every process and every choice sequence) are exactly as many as the
// distinct states a model checker finds in the generated TLA+. A disagreement means the TLA+ does not
// do what the TS does. Scenarios with more than MAX_STATES states are skipped.
//
// The embedded engine gives the number of states for every scenario. TLC (when installed) dumps its
// states, so the very same set of states is compared, for the largest scenario (TLC takes seconds to
// start), or for all of them with TS2TLA_RUNTIME_TLC_ALL=1.
import { expect } from "chai";
import type { CheckResult, TlaValue } from "../../tools/checker/types.ts";
import type { CompiledProtocol } from "../../tools/compiler/index.ts";
import { exploreStates, type ExploreResult } from "../../tools/runtime/index.ts";
import { EncodeProblems, normalizeChecker, printTla } from "../../tools/runtime/tlaValues.ts";
import { requireTlc } from "../helpers/tlc.ts";
import { allScenarios, checkModel, EVERYTHING, exploredOf, KITCHEN_SINK, runtimeOf, tlcReachableStates } from "./helpers.ts";

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

  describe("TLC: the very same states (TLC's state dump)", () => {
    const all = process.env.TS2TLA_RUNTIME_TLC_ALL === "1";
    const chosen = scenarios.filter(({ compiled, scenario }) => all || TLC_SCENARIOS.has(nameOf(compiled, scenario)));
    const dumps = new Map<string, Promise<Array<Record<string, TlaValue>>>>();

    before(async function () {
      const inst = await requireTlc(this);
      const tlcQueue = limited<Array<Record<string, TlaValue>>>(2);
      for (const { compiled, scenario } of chosen) dumps.set(nameOf(compiled, scenario), tlcQueue(() => tlcReachableStates(inst, compiled, scenario)));
    });

    for (const { file, compiled, scenario } of chosen) {
      const name = nameOf(compiled, scenario);
      it(name, async function () {
        const rt = await runtimeOf(file, scenario);
        const explored = exploreStates(rt, { maxStates: MAX_STATES, keepStates: true });
        if (!explored.complete) this.skip();
        const types = rt.varTypes();
        const names = Object.keys(types);
        const keyOf = (vars: Record<string, TlaValue>) => names.map((n) => `${n} = ${vars[n] ? printTla(vars[n]!) : "?"}`).join("\n");
        const ours = new Map(explored.states!.map((st) => [keyOf(rt.encode(st).vars), st]));
        const theirs = new Set<string>();
        for (const vars of await dumps.get(name)!) {
          const problems = new EncodeProblems();
          const norm = Object.fromEntries(names.map((n) => [n, normalizeChecker(vars[n]!, types[n]!, n, problems)]));
          expect(problems.list, "TLC's states have the protocol's types").to.deep.equal([]);
          theirs.add(keyOf(norm));
        }
        const onlyTlc = [...theirs].filter((k) => !ours.has(k));
        const onlyTs = [...ours.keys()].filter((k) => !theirs.has(k));
        const show = (ks: string[]) => ks.slice(0, 2).map((k) => k.replace(/^/gm, "      ")).join("\n      --\n");
        expect(
          onlyTlc.length + onlyTs.length,
          `${name}: TLC reaches ${theirs.size} states, the TS runtime ${ours.size}; ` +
            `${onlyTlc.length} only in TLC, e.g.\n${show(onlyTlc)}\n    ${onlyTs.length} only in the TS, e.g.\n${show(onlyTs)}\n    The generated TLA+ and the TS disagree: likely a compiler bug.`,
        ).to.equal(0);
        expect(ours.size).to.equal(explored.distinctStates);
      });
    }
  });
});
