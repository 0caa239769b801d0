// `ts2tla check --engine ts` as users run it: the decoded counterexample, JSON, exit codes, and the
// run stopped by --timeout or --memory with no verdict.
import { expect } from "chai";
import { execa } from "execa";
import path from "node:path";
import { REPO_ROOT } from "../../tools/compiler/index.ts";

const BIN = path.join(REPO_ROOT, "bin/ts2tla.mjs");
const ts2tla = (args: string[]) => execa("node", [BIN, ...args], { cwd: REPO_ROOT, env: { NO_COLOR: "1" }, reject: false, all: true });

describe("check --engine ts", function () {
  this.timeout(300_000);

  it("prints the seed counterexample decoded into TS terms, the violation as the scenario expects: exit 0", async () => {
    const r = await ts2tla(["check", "dax", "-s", "seed-v5.12", "--engine", "ts"]);
    expect(r.exitCode, r.all).to.equal(0);
    expect(r.stderr).to.include("engine: the TS engine");
    expect(r.stdout).to.match(/^dax seed-v5\.12 \[ts\]: invalidatorsWoken violated \(expected\)$/m);
    expect(r.stdout).to.include("stutters forever");
    expect(r.stdout).to.match(/invalidate_|· (get_unlocked_entry|schedule|dax_invalidate_entry)/);
  });

  it("--json: one object per scenario, engine ts, one run, the whole space explored", async () => {
    const r = await ts2tla(["check", "mutex", "--engine", "ts", "--json"]);
    expect(r.exitCode, r.all).to.equal(0);
    const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { engine: string; verdict: string; statistics: { runs: number; complete: boolean } });
    expect(rows.map((x) => [x.engine, x.verdict, x.statistics.runs, x.statistics.complete])).to.deep.equal([
      ["ts", "holds", 1, true],
      ["ts", "holds", 1, true],
    ]);
  });

  it("--timeout stops the run: exit 3, 'did not finish', no verdict", async () => {
    const r = await ts2tla(["check", "dax", "-s", "big-v5.13", "--engine", "ts", "--timeout", "0.5", "--json"]);
    expect(r.exitCode, r.all).to.equal(3);
    const row = JSON.parse(r.stdout.trim()) as { verdict: string; error: { kind: string; message: string }; properties: object; witnesses: object };
    expect(row.verdict).to.equal("error");
    expect(row.properties).to.deep.equal({});
    expect(row.witnesses).to.deep.equal({});
    expect(row.error.kind).to.equal("timeout");
    expect(row.error.message).to.match(/^The TS engine did not finish within 0\.5 s and was stopped/);
  });

  it("--memory below what the process needs stops the run as out of memory: exit 3, no verdict", async () => {
    const r = await ts2tla(["check", "dax", "-s", "big-v5.13", "--engine", "ts", "--memory", "20m", "--json"]);
    expect(r.exitCode, r.all).to.equal(3);
    const row = JSON.parse(r.stdout.trim()) as { verdict: string; error: { kind: string; message: string } };
    expect(row.verdict).to.equal("error");
    expect(row.error.kind).to.equal("out-of-memory");
    expect(row.error.message).to.match(/^The TS engine went over the memory cap \(20 MiB\)/);
  });
});
