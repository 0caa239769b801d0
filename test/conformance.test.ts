// Conformance (issue #11): models of the public tlaplus/Examples repository ported to the protocol
// language (spec-src/conformance/), checked with TLC against the figures the repository publishes.
//
// Each model's distinct states, states generated and result come from the manifest.json of its
// specification (path given per row; tlaplus/Examples at commit 32a32c7b0b97562da2dd4b2e55b7f81cd6fea2b9).
// A manifest gives no state counts for a model whose result is a "safety failure" (TLC stops at the
// violation, where the count depends on the search): for those the row pins the result, and the
// number of reachable states of the whole state space, which is *ours* (`reachable`, from TLC on the
// original spec without the violated invariant where that was run, see the row).
//
// TLC tier: without TLC the suite is skipped. Every model is also checked with the TS engine (the
// protocol's TypeScript run as a model checker), and crossCheck compares both state graphs.
import { expect } from "chai";
import { compileFile, type CompiledProtocol } from "../tools/compiler/index.ts";
import { crossCheck } from "../tools/verify/crossCheck.ts";
import { checkScenario, type ScenarioReport } from "../tools/verify/scenario.ts";
import { requireTlc } from "./helpers/tlc.ts";

interface Model {
  /** spec-src/conformance/<protocol>.ts */
  protocol: string;
  /** The scenario, named after the manifest's model. */
  scenario: string;
  /** The manifest the figures come from, and the model's path in it. */
  manifest: string;
  model: string;
  result: "success" | "safety failure";
  /** The manifest's distinctStates and totalStates, where it gives them. */
  distinctStates?: number;
  totalStates?: number;
  /** Safety failure: the invariant TLC finds violated. */
  violated?: string;
  /** Where the manifest gives no count: the reachable states of the whole space (ours). */
  reachable?: number;
}

const MODELS: Model[] = [
  // The manifest's figures: specifications/Prisoners/manifest.json
  { protocol: "prisoners", scenario: "Prisoners", manifest: "specifications/Prisoners/manifest.json", model: "Prisoners.cfg", result: "success", distinctStates: 214, totalStates: 860 },
  // specifications/SpanningTree/manifest.json
  { protocol: "spanTree", scenario: "SpanTree", manifest: "specifications/SpanningTree/manifest.json", model: "SpanTree.cfg", result: "success", distinctStates: 1236, totalStates: 10278 },
  // specifications/echo/manifest.json
  { protocol: "echo", scenario: "MCEcho", manifest: "specifications/echo/manifest.json", model: "MCEcho.cfg", result: "success", distinctStates: 75, totalStates: 116 },
  // specifications/nbacc_ray97/manifest.json
  { protocol: "nbacc", scenario: "nbacc_ray97", manifest: "specifications/nbacc_ray97/manifest.json", model: "nbacc_ray97.cfg", result: "success", distinctStates: 3016, totalStates: 49592 },
  // specifications/allocator/manifest.json
  { protocol: "simpleAllocator", scenario: "SimpleAllocator", manifest: "specifications/allocator/manifest.json", model: "SimpleAllocator.cfg", result: "success", distinctStates: 400, totalStates: 1633 },
  { protocol: "schedulingAllocator", scenario: "SchedulingAllocator", manifest: "specifications/allocator/manifest.json", model: "SchedulingAllocator.cfg", result: "success", distinctStates: 1690, totalStates: 5854 },
  { protocol: "allocatorImplementation", scenario: "AllocatorImplementation", manifest: "specifications/allocator/manifest.json", model: "AllocatorImplementation.cfg", result: "success", distinctStates: 17701, totalStates: 64414 },
  // specifications/ewd426/manifest.json
  { protocol: "tokenRing", scenario: "TokenRing", manifest: "specifications/ewd426/manifest.json", model: "TokenRing.cfg", result: "success", distinctStates: 46656, totalStates: 248832 },
  // specifications/Majority/manifest.json
  { protocol: "majority", scenario: "MCMajority", manifest: "specifications/Majority/manifest.json", model: "MCMajority.cfg", result: "success", distinctStates: 2733, totalStates: 3459 },
  // specifications/Chameneos/manifest.json
  { protocol: "chameneos", scenario: "Chameneos", manifest: "specifications/Chameneos/manifest.json", model: "Chameneos.cfg", result: "success", distinctStates: 34534, totalStates: 104697 },
  // specifications/CoffeeCan/manifest.json
  { protocol: "coffeeCan", scenario: "CoffeeCan100Beans", manifest: "specifications/CoffeeCan/manifest.json", model: "CoffeeCan100Beans.cfg", result: "success", distinctStates: 5150, totalStates: 20002 },
  // specifications/dijkstra-mutex/manifest.json: "success", no counts. Ours: 13,566; PlusCal keeps
  // `temp` in every state, this port only where it is read (TLC on the original, safety only: 90,882).
  { protocol: "dijkstraMutex", scenario: "LSpecModel", manifest: "specifications/dijkstra-mutex/manifest.json", model: "DijkstraMutex.toolbox/LSpec-model/MC.cfg", result: "success", reachable: 13566 },
  // specifications/DieHard/manifest.json ("safety failure"; reachable: TLC on DieHard.tla / MCDieHarder without NotSolved gives 16)
  { protocol: "dieHard", scenario: "DieHard", manifest: "specifications/DieHard/manifest.json", model: "DieHard.cfg", result: "safety failure", violated: "notSolved", reachable: 16 },
  { protocol: "dieHarder", scenario: "MCDieHarder", manifest: "specifications/DieHard/manifest.json", model: "MCDieHarder.cfg", result: "safety failure", violated: "notSolved", reachable: 16 },
  // specifications/MissionariesAndCannibals/manifest.json (reachable: TLC on the original without Solution gives 64)
  { protocol: "missionariesAndCannibals", scenario: "MissionariesAndCannibals", manifest: "specifications/MissionariesAndCannibals/manifest.json", model: "MissionariesAndCannibals.cfg", result: "safety failure", violated: "solution", reachable: 64 },
  // specifications/tower_of_hanoi/manifest.json (reachable: every legal placement, 3^D)
  { protocol: "hanoi", scenario: "Model_1", manifest: "specifications/tower_of_hanoi/manifest.json", model: "Hanoi.toolbox/Model_1/MC.cfg", result: "safety failure", violated: "notSolved", reachable: 243 },
  // specifications/N-Queens/manifest.json ("safety failure"; reachable: TLC on Queens.tla, N = 4, without NoSolutions gives 785)
  { protocol: "queens", scenario: "FourQueens", manifest: "specifications/N-Queens/manifest.json", model: "Queens.toolbox/FourQueens/MC.cfg", result: "safety failure", violated: "noSolutions", reachable: 785 },
  { protocol: "hanoi", scenario: "Hanoi_anim", manifest: "specifications/tower_of_hanoi/manifest.json", model: "Hanoi_anim.cfg", result: "safety failure", violated: "notSolved", reachable: 27 },
  // specifications/SlidingPuzzles/manifest.json ("safety failure"; reachable: TLC on SlidingPuzzles.tla without KlotskiGoal gives 25,955)
  { protocol: "slidingPuzzles", scenario: "SlidingPuzzles", manifest: "specifications/SlidingPuzzles/manifest.json", model: "SlidingPuzzles.cfg", result: "safety failure", violated: "klotskiGoal", reachable: 25955 },
];

const compiled = new Map<string, CompiledProtocol>();
function protocolOf(name: string): CompiledProtocol {
  let c = compiled.get(name);
  if (!c) {
    c = compileFile(`spec-src/conformance/${name}.ts`);
    compiled.set(name, c);
  }
  return c;
}

describe("conformance: tlaplus/Examples models (TLC tier)", function () {
  this.timeout(600_000);

  before(async function () {
    await requireTlc(this);
  });

  for (const m of MODELS) {
    it(`${m.protocol} ${m.scenario}: ${m.result}${m.distinctStates !== undefined ? `, ${m.distinctStates} distinct states` : ""} (${m.manifest}, ${m.model})`, async function () {
      const c = protocolOf(m.protocol);
      const tlc: ScenarioReport = await checkScenario(c, m.scenario, { engine: "tlc", workers: 1, timeoutSeconds: 300, keepGraph: true });
      expect(tlc.error, "TLC ran").to.equal(undefined);
      expect(tlc.surprises, "verdicts as the scenario expects").to.deep.equal([]);
      if (m.result === "success") {
        expect(tlc.verdict).to.equal("holds");
        if (m.distinctStates === undefined) expect(tlc.stats.distinctStates, "reachable states").to.equal(m.reachable);
        else {
          expect(tlc.stats.distinctStates, "distinct states").to.equal(m.distinctStates);
          expect(tlc.stats.statesGenerated, "states generated").to.equal(m.totalStates);
        }
      } else {
        expect(tlc.verdict).to.equal("violated");
        expect(tlc.violatedProperty).to.equal(m.violated);
        expect(tlc.properties.filter((p) => p.verdict === "violated").map((p) => p.name)).to.deep.equal([m.violated]);
        expect(tlc.completeStats?.distinctStates, "reachable states").to.equal(m.reachable);
      }
      const ts = await checkScenario(c, m.scenario, { engine: "ts", keepGraph: true });
      const x = crossCheck(c, tlc, ts);
      expect(x.problems, x.summary).to.deep.equal([]);
      expect(ts.graph?.states.length, "the TS engine's reachable states").to.equal(m.distinctStates ?? m.reachable);
    });
  }
});
