// ts2tla check beyond one engine run: counterexamples replayed through the TypeScript by default,
// scenarios checked in parallel (--jobs), a memory cap per run (--memory).
import { expect } from "chai";
import { execa } from "execa";
import path from "node:path";
import { compileFile, REPO_ROOT } from "../tools/compiler/index.ts";
import { checkScenario, type ScenarioReport } from "../tools/verify/scenario.ts";
import { replayReports, translationBugs } from "../tools/verify/replay.ts";
import { inParallel } from "../tools/verify/parallel.ts";
import { formatSize, heapUnderCap, parseSize } from "../tools/checker/memoryLimit.ts";
import { renderText } from "../tools/report/scenarioReport.ts";
import { requireTlc } from "./helpers/tlc.ts";

const BIN = path.join(REPO_ROOT, "bin/ts2tla.mjs");
const ts2tla = (args: string[]) => execa("node", [BIN, ...args], { cwd: REPO_ROOT, env: { NO_COLOR: "1" }, reject: false });
const jsonRows = (stdout: string) => stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, any>);

describe("check: replaying counterexamples through the TypeScript", function () {
  this.timeout(120_000);
  const twoPhase = compileFile("spec-src/examples/twoPhase.ts");
  let report: ScenarioReport;

  before(async () => {
    report = await checkScenario(twoPhase, "buggyCoordinator", { engine: "embedded" });
    expect(report.properties.some((p) => p.counterexample), "the scenario has a counterexample").to.equal(true);
  });

  it("replays every counterexample of a report, and all of them match", async () => {
    const r = structuredClone(report);
    await replayReports(twoPhase, [r], REPO_ROOT);
    for (const p of r.properties.filter((p) => p.counterexample)) {
      expect(p.replay?.ok, `${p.name}: ${JSON.stringify(p.replay)}`).to.equal(true);
      expect(p.replay?.ok === true && p.replay.states).to.equal(p.counterexample!.states.length + (p.counterexample!.loop?.kind === "back-to-state" ? 1 : 0));
    }
    expect(translationBugs(r)).to.deep.equal([]);
    expect(renderText(r)).to.match(/its counterexample replays in the TypeScript \(\d+ states match\)/);
  });

  it("reports a counterexample the TypeScript cannot reproduce as a translation bug, both states side by side", async () => {
    const r = structuredClone(report);
    const p = r.properties.find((p) => p.counterexample && p.counterexample.states.length >= 3)!;
    p.counterexample!.states[2]!.vars.decision = { kind: "str", value: "abort" };
    await replayReports(twoPhase, [r], REPO_ROOT);
    expect(p.replay?.ok).to.equal(false);
    const [bug, ...more] = translationBugs(r);
    expect(more).to.deep.equal([]);
    expect(bug).to.match(new RegExp(`^twoPhase buggyCoordinator: translation bug: the counterexample of ${p.name} does not replay in the TypeScript at state 3: `));
    const text = renderText(r);
    expect(text).to.match(/FAIL {3}translation bug: .* at state 3/);
    // The closest TS successor: tm's commit (only decision differs) or its nondet() abort (only the
    // inbox differs; tm's dead local is 0 after both).
    expect(text).to.match(/! (decision +TLA\+: "abort"|inbox +TLA\+: <<>>)\n +TS {2}: /);
  });

  it("CLI: replays by default (in the JSON too); --no-replay does not", async () => {
    const on = jsonRows((await ts2tla(["check", "twoPhase", "-s", "buggyCoordinator", "--engine", "embedded", "--json"])).stdout)[0]!;
    const replays = Object.values(on.properties as Record<string, { replay?: { ok: boolean } }>).filter((p) => p.replay);
    expect(replays.length).to.be.greaterThan(0);
    for (const p of replays) expect(p.replay!.ok).to.equal(true);
    const off = await ts2tla(["check", "twoPhase", "-s", "buggyCoordinator", "--engine", "embedded", "--no-replay"]);
    expect(off.stdout).to.include("buggyCoordinator").and.not.include("replays in the TypeScript");
  });
});

describe("check --jobs: scenarios in parallel", function () {
  this.timeout(120_000);

  it("runs at most N jobs at once and gives results in item order, failures included", async () => {
    let running = 0;
    let peak = 0;
    const results = inParallel([30, 5, 20, 1, 10], 2, async (ms) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      if (ms === 1) throw new Error("one failed");
      return ms * 2;
    });
    const settled = await Promise.allSettled(results);
    expect(peak).to.equal(2);
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).to.deep.equal([60, 10, 40, "one failed", 20]);
  });

  it("CLI: --jobs 3 gives the same results, in the same order, as one at a time", async () => {
    const summary = (stdout: string) => jsonRows(stdout).map((r) => `${r.protocol} ${r.scenario} ${r.verdict} ${r.statistics.completeDistinctStates}`);
    const one = await ts2tla(["check", "boundedQueue", "--engine", "embedded", "--json"]);
    const three = await ts2tla(["check", "boundedQueue", "--engine", "embedded", "--json", "--jobs", "3"]);
    expect(three.exitCode).to.equal(one.exitCode);
    expect(summary(three.stdout)).to.deep.equal(summary(one.stdout));
    expect(summary(one.stdout).length).to.be.greaterThan(1);
  });

  it("CLI: --shard K/N splits the scenarios into N interleaved slices that cover them all once", async () => {
    const scenarios = async (extra: string[]) =>
      jsonRows((await ts2tla(["check", "boundedQueue", "--engine", "embedded", "--json", "--no-replay", ...extra])).stdout).map((r) => r.scenario as string);
    const all = await scenarios([]);
    const slices = [await scenarios(["--shard", "1/2"]), await scenarios(["--shard", "2/2"])];
    expect(slices[0]!.length).to.be.greaterThan(0);
    expect([...slices[0]!, ...slices[1]!].sort()).to.deep.equal([...all].sort());
    expect(slices[0]!.filter((s) => slices[1]!.includes(s))).to.deep.equal([]);
  });

  it("CLI: rejects a bad --jobs, --memory or --shard with exit 2", async () => {
    for (const bad of [["--jobs", "0"], ["--jobs", "x"], ["--memory", "lots"], ["--shard", "3/2"], ["--shard", "0/2"], ["--shard", "half"]]) {
      const r = await ts2tla(["check", "mutex", ...bad]);
      expect(r.exitCode, bad.join(" ")).to.equal(2);
      expect(r.stderr).to.match(/^ts2tla: --(jobs|memory|shard) takes/);
    }
  });
});

describe("check --memory: a memory cap per run", function () {
  this.timeout(300_000);

  it("reads sizes, and gives TLC 60% of the cap as heap", () => {
    expect(parseSize("512m")).to.equal(512 * 2 ** 20);
    expect(parseSize("2G")).to.equal(2 * 2 ** 30);
    expect(parseSize("100k")).to.equal(100 * 1024);
    expect(parseSize("0")).to.equal(null);
    expect(parseSize("4 gigs")).to.equal(null);
    expect(formatSize(2 * 2 ** 30)).to.equal("2g");
    expect(heapUnderCap(2 ** 30)).to.equal("614m");
  });

  it("embedded engine: a run that grows past the cap is stopped as out of memory, exit 3, no verdict", async () => {
    const r = await ts2tla(["check", "dax", "-s", "seed-v5.13", "--engine", "embedded", "--memory", "8m", "--json"]);
    expect(r.exitCode, r.stderr).to.equal(3);
    const row = jsonRows(r.stdout)[0]!;
    expect(row.verdict).to.equal("error");
    expect(row.error.kind).to.equal("out-of-memory");
    expect(row.error.message).to.match(/^The embedded engine used \d+m of memory, over the cap of 8m, and was stopped$/);
  });

  it("TLC: a run whose JVM grows past the cap is stopped as out of memory, exit 3, no verdict", async function () {
    await requireTlc(this);
    const r = await ts2tla(["check", "dax", "-s", "seed-v5.13", "--engine", "tlc", "--memory", "48m", "--json"]);
    expect(r.exitCode, r.stderr).to.equal(3);
    const row = jsonRows(r.stdout)[0]!;
    expect(row.verdict).to.equal("error");
    expect(row.error.kind).to.equal("out-of-memory");
    expect(row.error.message).to.match(/^TLC used \d+m of memory, over the cap of 48m, and was stopped$/);
  });

  it("TLC: a run within its cap gets its verdict", async function () {
    await requireTlc(this);
    const r = await ts2tla(["check", "mutex", "-s", "two", "--engine", "tlc", "--memory", "2g", "--json"]);
    expect(r.exitCode, r.stderr).to.equal(0);
    expect(jsonRows(r.stdout)[0]!.verdict).to.equal("holds");
  });
});
