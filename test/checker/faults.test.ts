// Faults of a TLC run, met through the command line as users meet them (issue #6): TLC killed mid-run,
// out of memory, a full disk under its temp directory, a jar that is not TLC, Java missing. Each gives
// exit status 3 with its cause and a hint on stdout/stderr, no verdict, and nothing left behind: every
// run gets a private, empty TMPDIR (where ts2tla's model files, TLC's run directory, its metadir and
// the JVM's java.io.tmpdir all live) that must be empty again afterwards, and no `states/` appears.
// Under `--engine auto`, a TLC that cannot start falls back to the embedded engine with a note; a TLC
// that started and then failed is an error, never replaced by another engine's verdict.
// Skipped (with one line saying why) where TLC is not installed.
import { expect } from "chai";
import { execa, type ResultPromise } from "execa";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../../tools/compiler/index.ts";
import type { TlcInstallation } from "../../tools/checker/tlc/discover.ts";
import { alive, requireTlc } from "../helpers/tlc.ts";

const BIN = path.join(REPO_ROOT, "bin/ts2tla.mjs");
/** A scenario that runs long enough to be killed, and needs more than a tiny heap (about 10 s of TLC). */
const LONG = ["dax", "-s", "big-v5.13"];
const SMALL = ["mutex", "-s", "two"];

type Env = Record<string, string | undefined>;

interface JsonRow {
  engine: string;
  verdict: string;
  violatedProperty: string | null;
  properties: Record<string, { verdict: string }>;
  witnesses: Record<string, string>;
  error: { kind: string; message: string; hint?: string } | null;
}

/** The CLI as a child process, with TMPDIR set to `tmp`; `env` values that are undefined are removed. */
function ts2tla(args: string[], tmp: string, env: Env = {}): ResultPromise<{ all: true; reject: false; extendEnv: false }> {
  const full: Env = { ...process.env, NO_COLOR: "1", TSX_DISABLE_CACHE: "1", TMPDIR: tmp, ...env };
  for (const [k, v] of Object.entries(full)) if (v === undefined) delete full[k];
  return execa(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: full, extendEnv: false, reject: false, all: true });
}

/** The one line that names the cause, and the hint line right after it (text output). */
function expectCauseWithHint(all: string, cause: RegExp): void {
  const lines = all.split("\n");
  const at = lines.findIndex((l) => cause.test(l));
  expect(at, `no line matching ${cause} in:\n${all}`).to.be.at.least(0);
  expect(lines.slice(at + 1).some((l) => /^\s*hint: \S/.test(l)), `no hint after the cause in:\n${all}`).to.equal(true);
}

/** Nothing in the output claims a verdict. */
function expectNoVerdict(all: string): void {
  expect(all).to.not.match(/all properties hold|: (holds|violated)\b|\bviolated\b|witness \S+: (reached|unreachable)/);
}

function expectJsonError(stdout: string, kind: string, message: RegExp): JsonRow {
  const rows = stdout.trim().split("\n").map((l) => JSON.parse(l) as JsonRow);
  expect(rows).to.have.length(1);
  const row = rows[0]!;
  expect(row.verdict).to.equal("error");
  expect(row.violatedProperty).to.equal(null);
  expect(Object.values(row.properties).map((p) => p.verdict)).to.not.include.members(["holds", "violated"]);
  expect(row.witnesses).to.deep.equal({});
  expect(row.error).to.include({ kind });
  expect(row.error!.message).to.match(message);
  expect(row.error!.hint).to.be.a("string").and.not.equal("");
  return row;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function waitFor<T>(find: () => T | undefined, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined || Date.now() > end) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The pid of the TLC (java) process whose command line mentions `dir`. */
function tlcProcessIn(dir: string): number | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmd.includes("tlc2.TLC") && cmd.some((a) => a.includes(dir))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** True once TLC has written states into a metadir under `dir` (exploration has started). */
function statesWritten(dir: string): true | undefined {
  for (const run of readdirSync(dir).filter((d) => d.startsWith("ts2tla-tlc-"))) {
    try {
      const meta = path.join(dir, run, "meta");
      for (const stamp of readdirSync(meta)) if (readdirSync(path.join(meta, stamp)).some((f) => f.endsWith(".fp"))) return true;
    } catch {
      // not there yet
    }
  }
  return undefined;
}

describe("TLC faults through the CLI", function () {
  this.timeout(120_000);
  let inst: TlcInstallation;
  let work: string;
  let tmp: string;
  const statesBefore = existsSync(path.join(REPO_ROOT, "states"));

  before(async function () {
    inst = await requireTlc(this);
    work = mkdtempSync(path.join(tmpdir(), "ts2tla-faults-test-"));
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });
  beforeEach(function () {
    if (!work) return;
    tmp = path.join(work, `tmp-${this.currentTest!.title.replace(/\W+/g, "-").slice(0, 40)}`);
    mkdirSync(tmp);
  });
  afterEach(() => {
    if (!tmp || !existsSync(tmp)) return;
    expect(readdirSync(tmp), "left behind in TMPDIR").to.deep.equal([]);
    expect(existsSync(path.join(REPO_ROOT, "states")), "states/ in the repository").to.equal(statesBefore);
  });

  it("out of memory (--heap 16m): exit 3, 'TLC ran out of memory' with a hint, no verdict; under --engine auto too, not another engine's verdict", async () => {
    const [r, auto] = await Promise.all([
      ts2tla(["check", ...LONG, "--engine", "tlc", "--heap", "16m"], tmp),
      ts2tla(["check", ...LONG, "--engine", "auto", "--heap", "16m", "--json"], tmp),
    ]);
    expect(r.exitCode, r.all).to.equal(3);
    expectCauseWithHint(r.all, /^dax big-v5\.13 \[tlc\]: error: TLC ran out of memory$/);
    expectNoVerdict(r.all);
    // auto: TLC was found and started, so its failure is the result.
    expect(auto.exitCode, auto.all).to.equal(3);
    const row = expectJsonError(auto.stdout, "out-of-memory", /^TLC ran out of memory$/);
    expect(row.engine).to.equal("tlc");
  });

  it("full disk under TMPDIR (a tiny tmpfs): exit 3, 'no space left on device' with a hint, whether TLC fills it with states, its modules or ts2tla with the model", async function () {
    const tlaKb = 4 * Math.ceil(statSync(path.join(REPO_ROOT, "generated/dax/Dax.tla")).size / 4096);
    // The model files take the .tla twice (ts2tla's copy and TLC's run directory); TLC then unpacks its
    // standard modules (some 40k) next to them, and writes states.
    const sizes = [
      { size: 2 * tlaKb + 96, stage: "states", json: false },
      { size: 2 * tlaKb + 32, stage: "modules", json: true },
      { size: Math.floor(tlaKb / 2), stage: "model", json: true },
    ];
    const mount = (size: number) => execa("mount", ["-t", "tmpfs", "-o", `size=${size}k`, "tmpfs", tmp], { reject: false, all: true });
    const first = await mount(sizes[0]!.size);
    if (first.exitCode !== 0) {
      console.log(`      full-disk fault skipped: cannot mount a tmpfs here (${first.all?.trim().split("\n")[0] || `exit ${first.exitCode}`})`);
      this.skip();
    }
    try {
      for (const [i, { size, stage, json }] of sizes.entries()) {
        if (i > 0) expect((await mount(size)).exitCode).to.equal(0);
        try {
          const r = await ts2tla(["check", ...LONG, "--engine", "tlc", ...(json ? ["--json"] : [])], tmp);
          expect(r.exitCode, `${stage}: ${r.all}`).to.equal(3);
          const cause = stage === "model" ? "Could not write the model in" : "TLC ran out of disk space in";
          if (json) {
            const row = expectJsonError(r.stdout, "disk-full", new RegExp(`^${cause} .*: no space left on device$`));
            expect(row.error!.message).to.include(tmp);
          } else {
            expectCauseWithHint(r.all, new RegExp(`^dax big-v5\\.13 \\[tlc\\]: error: ${cause} ${escape(tmp)}: no space left on device$`));
            expectNoVerdict(r.all);
            const states = /^\s+([\d,]+) distinct states/m.exec(r.stdout)?.[1];
            expect(Number(states?.replace(/,/g, "")), `TLC was exploring when the disk filled up: ${r.stdout}`).to.be.greaterThan(0);
          }
          expect(readdirSync(tmp), `${stage}: left behind`).to.deep.equal([]);
        } finally {
          await execa("umount", [tmp]);
        }
      }
    } finally {
      await execa("umount", [tmp], { reject: false });
    }
  });

  it("a jar that is not TLC (an empty zip, a text file): exit 3 naming the jar; --engine auto falls back to the TS engine and says why", async () => {
    const jars = path.join(work, "jars");
    mkdirSync(jars, { recursive: true });
    const zip = path.join(jars, "empty.jar");
    writeFileSync(zip, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Array<number>(18).fill(0)])); // an empty zip archive
    const text = path.join(jars, "text.jar");
    writeFileSync(text, "not a jar\n");
    const [a, b, auto] = await Promise.all([
      ts2tla(["check", ...SMALL, "--engine", "tlc"], tmp, { TLA2TOOLS_JAR: zip }),
      ts2tla(["check", ...SMALL, "--engine", "tlc", "--json"], tmp, { TLA2TOOLS_JAR: text }),
      ts2tla(["check", ...SMALL, "--engine", "auto"], tmp, { TLA2TOOLS_JAR: zip }),
    ]);
    for (const [r, jar] of [[a, zip], [b, text]] as const) {
      expect(r.exitCode, r.all).to.equal(3);
      expect(r.stdout, "no report on stdout").to.equal("");
      expect(r.stderr).to.match(new RegExp(`^ts2tla: ${escape(jar)} does not run TLC \\(.+\\)\\n  hint: Point TLA2TOOLS_JAR at a tla2tools.jar`));
      expectNoVerdict(r.all);
    }
    // auto: TLC is not usable, so the TS engine checks, and the note says so.
    expect(auto.exitCode, auto.all).to.equal(0);
    expect(auto.stderr).to.include(`engine: the TS engine (TLC not usable: ${zip} does not run TLC`);
    expect(auto.stdout).to.match(/^mutex two \[ts\]: all properties hold$/m);
  });

  it("Java missing (no java on PATH, JAVA_HOME unset or without java): exit 3 'Java not found'; discovery uses JAVA_HOME; auto falls back with a note", async () => {
    const bin = path.join(work, "empty-bin");
    mkdirSync(bin, { recursive: true });
    const noJava = { PATH: bin, JAVA_HOME: undefined, TLA2TOOLS_JAR: inst.jarPath };
    const javaHome = path.dirname(path.dirname(realpathSync(inst.javaPath!)));
    const [unset, wrongHome, viaHome, auto] = await Promise.all([
      ts2tla(["check", ...SMALL, "--engine", "tlc"], tmp, noJava),
      ts2tla(["check", ...SMALL, "--engine", "tlc", "--json"], tmp, { ...noJava, JAVA_HOME: bin }),
      ts2tla(["check", ...SMALL, "--engine", "tlc", "--json"], tmp, { ...noJava, JAVA_HOME: javaHome }),
      ts2tla(["check", ...SMALL, "--engine", "auto"], tmp, noJava),
    ]);
    expect(unset.exitCode, unset.all).to.equal(3);
    expect(unset.stderr).to.equal("ts2tla: Java not found: JAVA_HOME unset and no java on PATH\n  hint: Install Java 11 or later and put it on PATH, or set JAVA_HOME");
    expect(wrongHome.exitCode, wrongHome.all).to.equal(3);
    expect(wrongHome.stderr).to.match(/^ts2tla: Java not found: no java in JAVA_HOME \(.*empty-bin\/bin\) and no java on PATH\n  hint: /);
    for (const r of [unset, wrongHome]) {
      expect(r.stdout).to.equal("");
      expectNoVerdict(r.all);
    }
    // With JAVA_HOME right, TLC runs although PATH has no java.
    expect(viaHome.exitCode, viaHome.all).to.equal(0);
    expect(JSON.parse(viaHome.stdout.trim())).to.include({ engine: "tlc", verdict: "holds" });
    expect(auto.exitCode, auto.all).to.equal(0);
    expect(auto.stderr).to.include("engine: the TS engine (TLC not usable: Java not found");
    expect(auto.stderr).to.include("npx ts2tla tlc install");
    expect(auto.stdout).to.match(/^mutex two \[ts\]: all properties hold$/m);
  });

  it("TLC killed (SIGKILL) mid-run: exit 3 'killed' with a hint, no verdict, its run directory and JVM perf file gone", async () => {
    const child = ts2tla(["check", ...LONG, "--engine", "tlc"], tmp);
    const pid = await waitFor(() => (statesWritten(tmp) ? tlcProcessIn(tmp) : undefined), 60_000);
    if (pid === undefined) {
      child.kill("SIGKILL");
      expect.fail(`TLC never started exploring under ${tmp}: ${(await child).all}`);
    }
    process.kill(pid, "SIGKILL");
    const r = await child;
    expect(r.exitCode, r.all).to.equal(3);
    expectCauseWithHint(r.all, /^dax big-v5\.13 \[tlc\]: error: TLC was killed by SIGKILL before it finished$/);
    expectNoVerdict(r.all);
    expect(alive(pid)).to.equal(false);
    expect(existsSync(path.join("/tmp", `hsperfdata_${userInfo().username}`, String(pid))), "the JVM's hsperfdata file").to.equal(false);
  });
});
