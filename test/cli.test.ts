// The ts2tla command line, run as users run it: a child process with its exit status and output.
import { expect } from "chai";
import { Ajv } from "ajv";
import { execa } from "execa";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT, LANG_FILE } from "../tools/compiler/index.ts";
import { itfProblems } from "./helpers/itf.ts";
import { requireTlc } from "./helpers/tlc.ts";

const BIN = path.join(REPO_ROOT, "bin/ts2tla.mjs");

function ts2tla(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  return execa("node", [BIN, ...args], { cwd: opts.cwd ?? REPO_ROOT, env: { NO_COLOR: "1", ...opts.env }, reject: false, all: true });
}

function expectNoStackTrace(text: string): void {
  expect(text).not.to.match(/\n\s+at .+:\d+:\d+\)?\n/);
}

describe("cli", function () {
  it("--help lists every command, and each command's help names each of its options", async () => {
    const r = await ts2tla(["--help"]);
    expect(r.exitCode).to.equal(0);
    for (const c of ["gen", "list", "check", "doctor", "tlc install"]) expect(r.stdout).to.include(`  ${c}`);
    const check = await ts2tla(["check", "--help"]);
    for (const o of ["--scenario", "--all", "--engine", "--json", "--format", "--out", "--workers", "--timeout", "--trace-source", "--heap", "--memory", "--jobs", "--shard", "--no-replay"]) {
      expect(check.stdout).to.include(o);
    }
    expect((await ts2tla(["gen", "--help"])).stdout).to.include("--check");
  });

  it("rejects unknown commands and flags with exit 2 and one line, no stack trace", async () => {
    for (const args of [["frobnicate"], ["check", "--bogus"], ["check", "mutex", "--engine", "warp"], ["check"], ["gen", "extra"]]) {
      const r = await ts2tla(args);
      expect(r.exitCode, args.join(" ")).to.equal(2);
      expect(r.stderr).to.match(/^ts2tla: /);
      expectNoStackTrace(r.all ?? "");
    }
  });

  it("takes only each command's own flags, and suggests the nearest one", async () => {
    const cases: Array<[string[], string]> = [
      [["check", "mutex", "--scenari", "two"], "ts2tla: check: unknown option --scenari; did you mean --scenario?"],
      [["gen", "--json"], "ts2tla: gen does not take --json (it takes --check)"],
      [["simulate", "mutex", "--engine", "ts"], "ts2tla: simulate does not take --engine (it takes --scenario, --steps, --seed, --runs, --json)"],
      [["trace", "x.txt", "--protocl", "mutex"], "ts2tla: trace: unknown option --protocl; did you mean --protocol?"],
    ];
    for (const [args, line] of cases) {
      const r = await ts2tla(args);
      expect(r.exitCode, args.join(" ")).to.equal(2);
      expect(r.stderr.split("\n")[0], args.join(" ")).to.equal(line);
      expectNoStackTrace(r.all ?? "");
    }
  });

  it("--out into a missing folder is one line and exit 2 before any check; a written file is named once", async () => {
    const missing = path.join(os.tmpdir(), `ts2tla-no-such-${process.pid}`, "report.txt");
    const bad = await ts2tla(["check", "mutex", "-s", "two", "--engine", "ts", "--out", missing]);
    expect(bad.exitCode).to.equal(2);
    expect(bad.stderr).to.equal(`ts2tla: cannot write --out ${missing}: no such folder`);
    expectNoStackTrace(bad.all ?? "");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-out-"));
    try {
      const file = path.join(dir, "report.txt");
      const ok = await ts2tla(["check", "mutex", "-s", "two", "--engine", "ts", "--out", file]);
      expect(ok.exitCode).to.equal(0);
      expect(ok.stderr.split("\n").filter((l) => l.includes(file))).to.deep.equal([`wrote ${file}`]);
      expect(fs.readFileSync(file, "utf8")).to.match(/^mutex two \[ts\]: all properties hold/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names unknown protocols and scenarios with what is known", async () => {
    const p = await ts2tla(["check", "nosuch"]);
    expect(p.exitCode).to.equal(2);
    expect(p.stderr).to.include("unknown protocol 'nosuch'").and.include("mutex");
    const s = await ts2tla(["check", "mutex", "--scenario", "nope"]);
    expect(s.exitCode).to.equal(2);
    expect(s.stderr).to.include("unknown scenario 'nope'").and.include("two");
  });

  it("lists protocols and scenarios", async () => {
    const r = await ts2tla(["list", "--json"]);
    expect(r.exitCode).to.equal(0);
    const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { protocol: string; scenarios: Array<{ name: string }> });
    const mutex = rows.find((x) => x.protocol === "mutex")!;
    expect(mutex.scenarios.map((s) => s.name)).to.include("two");
  });

  it("gen --check passes on the committed generated/", async () => {
    const r = await ts2tla(["gen", "--check"]);
    expect(r.stderr).to.equal("");
    expect(r.exitCode).to.equal(0);
  });

  describe("in a project of its own", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-cli-"));
      fs.mkdirSync(path.join(dir, "spec-src"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const protocolText = (body: string) => `import { protocol, processSet, when, type Pid, type PidSet } from ${JSON.stringify(LANG_FILE)};
interface State { holder: Pid | null }
interface Constants { Workers: PidSet }
export default protocol<State, Constants>({
  init: () => ({ holder: null }),
  processes: {
    worker: processSet("Workers", function* (self, s) {
${body}
    }),
  },
  scenarios: { two: { constants: { Workers: ["w1", "w2"] } } },
});
`;

    it("gen reports a compile error as file:line:col, exit 2, and writes nothing", async () => {
      fs.writeFileSync(path.join(dir, "spec-src", "bad.ts"), protocolText(`      yield "a";\n      yield "a";`));
      const r = await ts2tla(["gen"], { cwd: dir });
      expect(r.exitCode).to.equal(2);
      expect(r.stderr).to.match(/^spec-src\/bad\.ts:9:13: TSLA034 step label `a` is used twice in process `worker`\n  hint: /);
      expectNoStackTrace(r.all ?? "");
      expect(fs.readdirSync(dir)).to.deep.equal(["spec-src"]);
    });

    it("a diagnostic on a terminal (TS2TLA_CODE_FRAME=1) shows its source line with a caret under the construct, after file:line:col", async () => {
      fs.writeFileSync(path.join(dir, "spec-src", "bad.ts"), protocolText(`      yield "a";\n      yield "a";`));
      const r = await ts2tla(["gen"], { cwd: dir, env: { TS2TLA_CODE_FRAME: "1" } });
      expect(r.exitCode).to.equal(2);
      const lines = r.stderr.split("\n");
      expect(lines[0]).to.match(/^spec-src\/bad\.ts:9:13: TSLA034 /);
      expect(lines[1]).to.equal(`  9 |       yield "a";`);
      expect(lines[2]).to.equal(`    |             ^^^`);
      expect(lines[3]).to.match(/^  hint: /);
      const plain = await ts2tla(["gen"], { cwd: dir, env: { TS2TLA_CODE_FRAME: "0" } });
      expect(plain.stderr.split("\n")[1]).to.match(/^  hint: /);
    });

    it("gen writes generated/<protocol>/ and is idempotent", async () => {
      fs.writeFileSync(path.join(dir, "spec-src", "ok.ts"), protocolText(`      yield "a";\n      when(s.holder === null);\n      s.holder = self;`));
      const first = await ts2tla(["gen"], { cwd: dir });
      expect(first.exitCode, first.all).to.equal(0);
      expect(fs.readdirSync(path.join(dir, "generated", "ok")).sort()).to.deep.equal(["Ok.map.json", "Ok.tla", "two.cfg"]);
      const second = await ts2tla(["gen"], { cwd: dir });
      expect(second.stdout).to.include("all up to date");
    });

    it("check replays counterexamples even where .ts files are CommonJS (no \"type\": \"module\")", async () => {
      fs.writeFileSync(
        path.join(dir, "spec-src", "grab.ts"),
        protocolText(`      yield "a";\n      if (nondet()) s.holder = self;`)
          .replace("import { protocol,", "import { protocol, nondet, invariant,")
          .replace("  scenarios: { two: { constants: { Workers: [\"w1\", \"w2\"] } } },", '  properties: { nobody: invariant((s) => s.holder === null) },\n  scenarios: { two: { constants: { Workers: ["w1", "w2"] }, expect: { nobody: "violated" } } },'),
      );
      const r = await ts2tla(["check", "grab", "--engine", "embedded"], { cwd: dir });
      expect(r.exitCode, r.all).to.equal(0);
      expect(r.stdout).to.match(/nobody: violated \(expected violated\)\n +its counterexample replays in the TypeScript \(2 states match\)/);
      expectNoStackTrace(r.all ?? "");
    });

    it("check --engine tlc with TLC missing exits 3 with the cause and what to do", async () => {
      fs.writeFileSync(path.join(dir, "spec-src", "ok.ts"), protocolText(`      yield "a";`));
      const r = await ts2tla(["check", "ok", "--engine", "tlc"], { cwd: dir, env: { TLA2TOOLS_JAR: path.join(dir, "missing.jar") } });
      expect(r.exitCode).to.equal(3);
      expect(r.stderr).to.include("missing.jar").and.include("hint:");
      expectNoStackTrace(r.all ?? "");
    });
  });

  it("check --engine embedded --json prints one object per scenario", async () => {
    const r = await ts2tla(["check", "mutex", "--engine", "embedded", "--json"]);
    expect(r.exitCode, r.all).to.equal(0);
    const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((x) => x.scenario)).to.deep.equal(["two", "three"]);
    for (const row of rows) {
      expect(row).to.include({ protocol: "mutex", engine: "embedded", verdict: "holds", violatedProperty: null });
      expect((row.statistics as { completeDistinctStates: number }).completeDistinctStates).to.be.greaterThan(0);
    }
  });

  it("simulate --runs stops at the first walk that violates a property and names its seed, which replays it alone", async () => {
    const many = await ts2tla(["simulate", "twoPhase", "--scenario", "buggyCoordinator", "--runs", "200", "--seed", "1", "--steps", "20"]);
    expect(many.exitCode, many.all).to.equal(1);
    const m = /^walk (\d+) of 200 \(seed (\d+)\) violates a property; the first \d+ did not:\n/.exec(many.stdout);
    expect(m, many.stdout.slice(0, 200)).to.not.equal(null);
    expect(Number(m![2])).to.equal(Number(m![1]));
    const one = await ts2tla(["simulate", "twoPhase", "--scenario", "buggyCoordinator", "--seed", m![2]!, "--steps", "20"]);
    expect(one.exitCode).to.equal(1);
    expect(many.stdout.slice(m![0].length)).to.equal(one.stdout);
    const none = await ts2tla(["simulate", "mutex", "--scenario", "two", "--runs", "5", "--seed", "3", "--steps", "10"]);
    expect(none.exitCode, none.all).to.equal(0);
    expect(none.stdout).to.match(/^5 walks \(seeds 3\.\.7\) found no violation; the last one:\nsimulate mutex, scenario two: seed 7,/);
  });

  it("a text run of several scenarios ends with a summary table, one row per scenario", async () => {
    const r = await ts2tla(["check", "mutex", "--engine", "ts"]);
    expect(r.exitCode, r.all).to.equal(0);
    const tail = r.stdout.trimEnd().split("\n").slice(-4);
    expect(tail[0]).to.equal("Summary");
    expect(tail[1]).to.match(/^  protocol\s+scenario\s+engine\s+verdict\s+distinct states\s+depth\s+time$/);
    expect(tail[2]).to.match(/^  mutex\s+two\s+ts\s+all properties hold\s+5\s+3\s+[\d.]+ s$/);
    expect(tail[3]).to.match(/^  mutex\s+three\s+ts\s+all properties hold\s+7\s+3\s+[\d.]+ s$/);
    const one = await ts2tla(["check", "mutex", "--scenario", "two", "--engine", "ts"]);
    expect(one.stdout).to.not.include("Summary");
  });

  it("check --json gives each counterexample decoded (traces, by property, valid against trace.schema.json) besides the raw one", async () => {
    const r = await ts2tla(["check", "twoPhase", "--scenario", "buggyCoordinator", "--engine", "ts", "--json"]);
    const row = JSON.parse(r.stdout.trim()) as { counterexample: unknown; traces: Record<string, { property: { name: string } }> };
    expect(row.counterexample).to.not.equal(null);
    expect(Object.keys(row.traces).sort()).to.deep.equal(["commitNeedsUnanimity", "consistent"]);
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "tools/trace/trace.schema.json"), "utf8"));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    for (const [name, t] of Object.entries(row.traces)) {
      expect(validate(t), JSON.stringify(validate.errors)).to.equal(true);
      expect(t.property.name).to.equal(name);
    }
  });

  it("check --format itf writes one JSON document: a valid ITF trace, or an array of them for several counterexamples", async () => {
    const several = await ts2tla(["check", "twoPhase", "--scenario", "buggyCoordinator", "--engine", "ts", "--format", "itf"]);
    const traces = JSON.parse(several.stdout) as unknown[];
    expect(traces).to.be.an("array").with.length(2);
    for (const t of traces) expect(itfProblems(t)).to.deep.equal([]);
    expect(traces.map((t) => (t as { "#meta": { property: string } })["#meta"].property).sort()).to.deep.equal(["commitNeedsUnanimity", "consistent"]);
    const one = await ts2tla(["check", "deadlock", "--scenario", "oppositeOrder", "--engine", "ts", "--format", "itf"]);
    expect(itfProblems(JSON.parse(one.stdout)), one.all).to.deep.equal([]);
  });

  describe("with TLC", function () {
    before(async function () {
      await requireTlc(this);
    });

    it("reports a deadlock with its counterexample, as the scenario expects", async () => {
      const r = await ts2tla(["check", "deadlock", "--scenario", "oppositeOrder", "--engine", "tlc", "--json"]);
      const row = JSON.parse(r.stdout.trim()) as { verdict: string; violatedProperty: string; counterexample: { states: unknown[] }; surprises: string[] };
      expect(row.verdict).to.equal("violated");
      expect(row.violatedProperty).to.equal("deadlock");
      expect(row.counterexample.states.length).to.be.greaterThan(1);
      expect(r.exitCode).to.equal(row.surprises.length ? 1 : 0);
    });

    it("--engine both agrees on the mutex scenarios", async () => {
      const r = await ts2tla(["check", "mutex", "--engine", "both"]);
      expect(r.stderr).not.to.include("disagree");
      expect(r.exitCode, r.all).to.equal(0);
    });
  });
});
