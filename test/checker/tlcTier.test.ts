// The TLC tier: real TLC runs. Skipped (with one line saying why) where TLC is not installed.
import { expect } from "chai";
import { execa } from "execa";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { doctorReport } from "../../tools/checker/doctor.ts";
import { checkWith } from "../../tools/checker/index.ts";
import { projectAsJsonDump } from "../../tools/checker/lossyView.ts";
import { discoverTlc, TlcSetupError, type TlcInstallation } from "../../tools/checker/tlc/discover.ts";
import { runTlc } from "../../tools/checker/tlc/run.ts";
import type { CheckRequest, CheckResult, Progress } from "../../tools/checker/types.ts";
import { recordedRun } from "../helpers/captures.ts";
import { alive, requireTlc } from "../helpers/tlc.ts";
import { requestFor, SPEC_RUNS, SPECS_DIR, type SpecRun } from "../helpers/tlcSpecs.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));

/** What a live run must share with the recorded one: everything but time and TLC's build. */
function comparable(r: CheckResult): Partial<CheckResult> {
  const { stats, engineVersion: _v, warnings: _w, ...rest } = r;
  const { seconds: _s, ...counts } = stats;
  return { ...rest, stats: { ...counts, seconds: 0 } };
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

const forever = (): CheckRequest => ({ tlaFile: path.join(SPECS_DIR, "Forever.tla"), cfgFile: path.join(SPECS_DIR, "Forever.cfg"), checkDeadlock: true });

describe("TLC tier", function () {
  this.timeout(120_000);
  let inst: TlcInstallation;
  let work: string;

  before(async function () {
    inst = await requireTlc(this);
    work = mkdtempSync(path.join(tmpdir(), "ts2tla-tier-test-"));
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function freshDir(name: string): string {
    const dir = path.join(work, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  it("detects TLC's features and version", async () => {
    expect(inst.supportsDumpTraceJson).to.equal(inst.options.includes("-dumpTrace"));
    expect(inst.options).to.include.members(["-tool", "-config", "-workers", "-metadir", "-deadlock"]);
    expect(inst.version).to.match(/Version/);
    expect(await discoverTlc()).to.deep.equal(inst);
  });

  it("rejects a file that is not a TLC jar", async () => {
    const fake = path.join(freshDir("fake"), "tla2tools.jar");
    writeFileSync(fake, "not a jar");
    let error: unknown;
    try {
      await discoverTlc({ env: { ...process.env, TLA2TOOLS_JAR: fake } });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(TlcSetupError);
    expect((error as TlcSetupError).kind).to.equal("tlc-missing");
    expect((error as TlcSetupError).message).to.match(/does not run TLC/);
  });

  it("runs our specs, four at a time in parallel, with the recorded results and nothing left behind", async () => {
    const specs = freshDir("specs");
    cpSync(SPECS_DIR, specs, { recursive: true });
    const before = readdirSync(specs).sort();
    const tempRoot = freshDir("runs");
    const statesBefore = existsSync(path.join(process.cwd(), "states"));
    const runDirs = new Set<string>();

    const check = (run: SpecRun) =>
      runTlc(requestFor(run, specs), { installation: inst, tempRoot, onSpawn: (_pid, dir) => runDirs.add(dir) }).then((r) => [run, r] as const);
    // Four lanes, each taking the next spec as soon as its previous run ends: four TLCs at any time.
    const queue = [...SPEC_RUNS];
    const results: Array<readonly [SpecRun, CheckResult]> = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let run = queue.shift(); run; run = queue.shift()) results.push(await check(run));
      }),
    );

    for (const [run, live] of results) {
      expect(live.engine).to.equal("tlc");
      expect(live.stats.seconds).to.be.greaterThan(0);
      expect(comparable(live), run.name).to.deep.equal(comparable(recordedRun(run.name)));
    }
    expect(runDirs.size).to.equal(SPEC_RUNS.length);
    expect(readdirSync(tempRoot)).to.deep.equal([]);
    expect(readdirSync(specs).sort()).to.deep.equal(before);
    expect(existsSync(path.join(process.cwd(), "states"))).to.equal(statesBefore);
  });

  it("reads the counterexample from the text when asked (traceSource: text), equal to the JSON one", async () => {
    const text = await checkWith("tlc", { ...requestFor(SPEC_RUNS.find((r) => r.name === "Cycle")!), traceSource: "text" });
    const json = recordedRun("Cycle");
    expect(text.counterexample!.source).to.equal("tool-text");
    expect(json.counterexample!.source).to.equal("json-dump");
    expect(text.violation).to.deep.equal(json.violation);
    expect({ ...projectAsJsonDump(text.counterexample!), source: "-" }).to.deep.equal({ ...projectAsJsonDump(json.counterexample!), source: "-" });
  });

  it("reports a module missing from extraModules as a semantic error", async () => {
    const run = SPEC_RUNS.find((r) => r.name === "MC_Layered")!;
    const r = await runTlc({ ...requestFor(run), extraModules: [] }, { installation: inst });
    expect(r.verdict).to.equal("error");
    expect(r.error).to.include({ kind: "semantic-error" });
    expect(r.error!.message).to.match(/LayeredBase/);
  });

  it("uses a tlc wrapper script on PATH when there is no jar to be found", async () => {
    const bin = freshDir("bin");
    writeFileSync(path.join(bin, "tlc"), `#!/bin/sh\nexec "${inst.javaPath}" -cp "${inst.jarPath}" tlc2.TLC "$@"\n`);
    chmodSync(path.join(bin, "tlc"), 0o755);
    const env = { PATH: `${bin}${path.delimiter}${process.env.PATH}`, HOME: freshDir("home"), XDG_CACHE_HOME: freshDir("cache") };
    const wrapped = await discoverTlc({ env });
    expect(wrapped).to.include({ tlcCommand: path.join(bin, "tlc"), source: "PATH", supportsDumpTraceJson: inst.supportsDumpTraceJson });
    const r = await runTlc(requestFor(SPEC_RUNS.find((s) => s.name === "Race")!), { env });
    expect(comparable(r)).to.deep.equal(comparable(recordedRun("Race")));
  });

  it("timeout: a long run is stopped, reported as timeout, and its directory removed", async () => {
    const tempRoot = freshDir("timeout");
    let pid = 0;
    const r = await runTlc({ ...forever(), timeoutSeconds: 1 }, { installation: inst, tempRoot, onSpawn: (p) => (pid = p) });
    expect(r.verdict).to.equal("error");
    expect(r.error!.kind).to.equal("timeout");
    expect(r.error!.message).to.equal("TLC did not finish within 1 s and was stopped");
    expect(r.violation).to.equal(undefined);
    expect(readdirSync(tempRoot)).to.deep.equal([]);
    expect(await waitUntil(() => !alive(pid), 5000)).to.equal(true);
  });

  it("killed: TLC killed with SIGKILL mid-run gives killed and no verdict, after live progress", async () => {
    const tempRoot = freshDir("killed");
    const progress: Progress[] = [];
    let pid = 0;
    const r = await runTlc(
      {
        ...forever(),
        onProgress: (p) => {
          progress.push(p);
          if (progress.length === 1) process.kill(pid, "SIGKILL");
        },
      },
      { installation: inst, tempRoot, progressIntervalSeconds: 1, onSpawn: (p) => (pid = p) },
    );
    expect(r.verdict).to.equal("error");
    expect(r.violation).to.equal(undefined);
    expect(r.error).to.include({ kind: "killed", message: "TLC was killed by SIGKILL before it finished" });
    expect(progress[0]!.distinctStates).to.be.greaterThan(0);
    expect(progress[0]!.statesGenerated).to.be.at.least(progress[0]!.distinctStates);
    expect(progress[0]!.seconds).to.be.greaterThan(0);
    expect(readdirSync(tempRoot)).to.deep.equal([]);
  });

  it("cancelled: an AbortSignal stops TLC and the run directory is removed", async () => {
    const tempRoot = freshDir("abort");
    const controller = new AbortController();
    let pid = 0;
    const r = await runTlc(
      { ...forever(), signal: controller.signal },
      {
        installation: inst,
        tempRoot,
        onSpawn: (p) => {
          pid = p;
          setTimeout(() => controller.abort(), 500);
        },
      },
    );
    expect(r.error).to.include({ kind: "killed", message: "The check was cancelled before TLC finished" });
    expect(readdirSync(tempRoot)).to.deep.equal([]);
    expect(await waitUntil(() => !alive(pid), 5000)).to.equal(true);
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} to the Node process mid-run kills TLC, removes the run directory and ends Node by the signal`, async () => {
      const tempRoot = freshDir(`signal-${signal}`);
      const child = execa("node", ["--import", "tsx", "test/helpers/runTlcChild.ts", tempRoot, JSON.stringify(inst)], { cwd: REPO, reject: false });
      let out = "";
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      expect(await waitUntil(() => /spawned/.test(out), 60_000), `child output: ${out}`).to.equal(true);
      const [, pid, runDir] = /spawned (\d+) (\S+)/.exec(out)!;
      await new Promise((r) => setTimeout(r, 1000));
      expect(alive(Number(pid))).to.equal(true);
      expect(existsSync(path.join(runDir!, "Forever.tla"))).to.equal(true);
      child.kill(signal);
      const r = await child;
      expect(r.signal).to.equal(signal);
      expect(out).to.not.include("finished");
      expect(existsSync(runDir!)).to.equal(false);
      expect(readdirSync(tempRoot)).to.deep.equal([]);
      expect(await waitUntil(() => !alive(Number(pid)), 5000)).to.equal(true);
    });
  }

  it("doctor reports Java, TLC and the embedded engine", async () => {
    const report = await doctorReport();
    expect(report.java).to.include({ ok: true });
    expect(report.java.version).to.match(/^\d+/);
    expect(report.tlc).to.include({ ok: true, supportsDumpTraceJson: inst.supportsDumpTraceJson, version: inst.version });
    expect(report.tlc.path).to.equal(inst.jarPath ?? inst.tlcCommand);
    expect(report.embedded.ok).to.equal(true);
    expect(report.embedded.version).to.match(/^\d+\.\d+\.\d+$/);
  });
});
