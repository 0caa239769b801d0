// The TS engine (tools/checker/ts) on every scenario of every example protocol and of DAX:
//   - every verdict is what the scenario's `expect` says, every witness is reached, and every
//     counterexample is a real behaviour of the TypeScript (read back step by step, independently
//     of the engine, see test/helpers/lasso.ts): a safety trace ends in the first state that breaks
//     the invariant (or has no step), a temporal one is a lasso that violates the property and is fair;
//   - (TLC tier) TLC on the generated TLA+ and the TS engine on the TypeScript agree: crossCheck finds
//     no problem, and both graphs have TLC's number of distinct states;
//   - (TLC tier) a safety counterexample of the TS engine is as short as TLC's (both search breadth
//     first, so both are shortest).
// big-v5.13 (16,000 states) runs too: about 5 s on the TS engine, under a minute with TLC (DAX_BIG=0 leaves it to the TS engine).
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { engineRuntime } from "../../tools/checker/ts/run.ts";
import { compileFile, REPO_ROOT, type CompiledProtocol } from "../../tools/compiler/index.ts";
import type { ProtocolRuntime } from "../../tools/runtime/runtime.ts";
import { crossCheck } from "../../tools/verify/crossCheck.ts";
import { checkScenario, type ScenarioReport } from "../../tools/verify/scenario.ts";
import { lassoViolates, statePredicate, unfairness, walkTrace } from "../helpers/lasso.ts";
import { requireTlc } from "../helpers/tlc.ts";

const EXAMPLES_DIR = "spec-src/examples";
const files = [
  ...fs
    .readdirSync(path.join(REPO_ROOT, EXAMPLES_DIR))
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => `${EXAMPLES_DIR}/${f}`),
  "spec-src/dax/dax.ts",
];
const protocols: CompiledProtocol[] = files.map((f) => compileFile(f));
const cases = protocols.flatMap((c) => c.ir.scenarios.map((s) => ({ c, scenario: s.name, key: `${c.name}/${s.name}` })));
const TLC_SKIPPED = new Set(process.env.DAX_BIG === "0" ? ["dax/big-v5.13"] : []);

/** One run per scenario and engine, shared by the tests below (the TS engine keeps its graph: the cross-check needs it). */
const memo = new Map<string, Promise<ScenarioReport>>();
function run(c: CompiledProtocol, scenario: string, engine: "ts" | "tlc"): Promise<ScenarioReport> {
  const key = `${engine} ${c.name}/${scenario}`;
  let r = memo.get(key);
  if (!r) {
    r = checkScenario(c, scenario, { engine, keepGraph: true, ...(engine === "tlc" ? { workers: 1, timeoutSeconds: 600 } : {}) });
    memo.set(key, r);
  }
  return r;
}

function irProperty(c: CompiledProtocol, tsName: string) {
  const p = c.ir.properties.find((x) => x.tsName === tsName);
  if (!p) throw new Error(`no property ${tsName}`);
  return p;
}

/** Every counterexample of the report, read back through the TypeScript. */
function checkCounterexamples(c: CompiledProtocol, rt: ProtocolRuntime, r: ScenarioReport): void {
  for (const p of r.properties.filter((x) => x.verdict === "violated")) {
    const what = `${r.scenario} ${p.name}`;
    const cx = p.counterexample;
    expect(cx, `${what}: a counterexample`).to.not.equal(undefined);
    expect(cx!.source).to.equal("ts");
    const w = walkTrace(rt, cx!);
    const last = w.states[w.states.length - 1]!;
    if (p.kind === "temporal") {
      expect(cx!.loop, `${what}: a temporal counterexample is a lasso`).to.not.equal(undefined);
      expect(lassoViolates(rt, irProperty(c, p.name), w), `${what}: the lasso violates the property`).to.equal(true);
      expect(unfairness(rt, w), `${what}: the lasso is fair`).to.deep.equal([]);
      continue;
    }
    expect(cx!.loop, `${what}: a safety counterexample has no loop`).to.equal(undefined);
    if (p.kind === "deadlock") {
      expect(rt.allSuccessors(last), `${what}: no step from the last state`).to.have.length(0);
      expect(rt.isTerminated(last), `${what}: a deadlock, not the end`).to.equal(false);
      w.states.slice(0, -1).forEach((st, i) => expect(rt.allSuccessors(st).length, `${what}: state ${i + 1} has a step`).to.be.greaterThan(0));
    } else if (p.kind === "typeOK") {
      expect(rt.encode(last).problems, `${what}: the last state is outside its types`).to.not.deep.equal([]);
    } else {
      const pred = statePredicate(rt, irProperty(c, p.name));
      expect(rt.evaluate(pred, last), `${what}: the last state breaks the invariant`).to.equal(false);
      w.states.slice(0, -1).forEach((st, i) => expect(rt.evaluate(pred, st), `${what}: state ${i + 1} keeps it`).to.equal(true));
    }
  }
}

describe("TS engine: every example and DAX scenario", function () {
  this.timeout(300_000);

  for (const { c, scenario, key } of cases) {
    it(`${key}: every verdict as expected, every witness reached, every counterexample a real (and fair) behaviour`, async () => {
      const r = await run(c, scenario, "ts");
      expect(r.error, r.error?.message).to.equal(undefined);
      expect(r.engine).to.equal("ts");
      expect(r.surprises).to.deep.equal([]);
      expect(r.completeStats?.distinctStates, "the engine explored every state").to.be.a("number");
      const s = c.ir.scenarios.find((x) => x.name === scenario)!;
      for (const p of r.properties) {
        expect(p.verdict, `${p.name}`).to.be.oneOf(["holds", "violated"]);
        expect(p.verdict, `${p.name}: expected ${s.expect[p.name] ?? "holds"}`).to.equal(s.expect[p.name] ?? "holds");
      }
      // Every `expect` entry got its verdict (properties, deadlock, witnesses).
      for (const [name, verdict] of Object.entries(s.expect)) {
        const got = r.properties.find((p) => p.name === name)?.verdict ?? (r.witnesses.find((w) => w.name === name)?.reached ? "holds" : undefined);
        expect(got, `${name}`).to.equal(verdict);
      }
      expect(r.witnesses.map((w) => w.name)).to.have.members(c.ir.properties.filter((p) => p.kind === "witness" && s.properties.includes(p.tsName)).map((p) => p.tsName));
      for (const w of r.witnesses) expect(w.reached, `witness ${w.name}`).to.equal(true);
      checkCounterexamples(c, await engineRuntime(c, scenario), r);
    });
  }

  it("covers violated invariants, deadlocks and temporal properties with both loop shapes", async () => {
    const reports = await Promise.all(cases.map(({ c, scenario }) => run(c, scenario, "ts")));
    const violated = reports.flatMap((r) => r.properties.filter((p) => p.verdict === "violated"));
    expect(violated.filter((p) => p.kind === "invariant").length).to.be.at.least(3);
    expect(violated.filter((p) => p.kind === "deadlock").length).to.be.at.least(1);
    const loops = violated.filter((p) => p.kind === "temporal").map((p) => p.counterexample?.loop?.kind);
    expect(loops).to.include("stuttering").and.to.include("back-to-state");
  });
});

describe("TS engine against TLC (TLC tier)", function () {
  this.timeout(900_000);

  before(async function () {
    await requireTlc(this);
  });

  for (const { c, scenario, key } of cases) {
    it(`${key}: crossCheck finds no problem; both graphs have TLC's distinct states`, async function () {
      if (TLC_SKIPPED.has(key)) {
        console.log(`      ${key} skipped with TLC: DAX_BIG=0`);
        this.skip();
      }
      const tlc = await run(c, scenario, "tlc");
      const ts = await run(c, scenario, "ts");
      expect(tlc.error, tlc.error?.message).to.equal(undefined);
      expect(tlc.surprises).to.deep.equal([]);
      const x = crossCheck(c, tlc, ts);
      expect(x.problems, x.summary).to.deep.equal([]);
      expect(x.summary).to.match(/agree on every verdict and on all \d+ reachable states/);
      const distinct = tlc.completeStats?.distinctStates;
      expect(distinct, "a TLC run explored every state").to.be.a("number");
      expect(tlc.graph?.states.length, "TLC's graph").to.equal(distinct);
      expect(ts.graph?.states.length, "the TS engine's graph").to.equal(distinct);
      expect(ts.completeStats?.distinctStates).to.equal(distinct);
      // Every verdict, one by one (crossCheck compares them too; this says which one differs).
      expect(ts.properties.map((p) => `${p.name} ${p.verdict}`).sort()).to.deep.equal(tlc.properties.map((p) => `${p.name} ${p.verdict}`).sort());
      expect(ts.witnesses.map((w) => `${w.name} ${w.reached}`).sort()).to.deep.equal(tlc.witnesses.map((w) => `${w.name} ${w.reached}`).sort());
    });
  }

  it("a safety counterexample of the TS engine is as short as TLC's (breadth first: shortest)", async () => {
    let compared = 0;
    for (const { c, scenario, key } of cases) {
      if (TLC_SKIPPED.has(key)) continue;
      const ts = await run(c, scenario, "ts");
      for (const p of ts.properties.filter((x) => x.verdict === "violated" && x.kind !== "temporal")) {
        const theirs = (await run(c, scenario, "tlc")).properties.find((x) => x.name === p.name);
        expect(theirs?.verdict, `${key} ${p.name} on TLC`).to.equal("violated");
        expect(theirs?.counterexample, `${key} ${p.name}: TLC's counterexample`).to.not.equal(undefined);
        expect(p.counterexample!.states.length, `${key} ${p.name}: trace length`).to.equal(theirs!.counterexample!.states.length);
        compared++;
      }
    }
    // deadlock/oppositeOrder (deadlock), deadlock/oppositeOrderLiveness (noDeadlyEmbrace),
    // twoPhase/buggyCoordinator (consistent, commitNeedsUnanimity).
    expect(compared).to.be.at.least(4);
  });
});
