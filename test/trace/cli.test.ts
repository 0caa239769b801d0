// `ts2tla trace FILE --protocol NAME` (runTrace): a saved run in each format, and exit 2 with one
// line and a hint for bad input.
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runTrace, type TraceCliOptions } from "../../tools/cli/trace.ts";
import { itfProblems } from "../helpers/itf.ts";
import { TRACE_RUNS_DIR } from "../helpers/traceRuns.ts";

const run = (name: string) => path.join(TRACE_RUNS_DIR, `${name}.stdout.txt`);

async function cli(opts: TraceCliOptions, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const status = await runTrace(opts, args);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe("ts2tla trace", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "ts2tla-trace-cli-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("shows a saved run as text", async () => {
    const r = await cli({ protocol: "twoPhase" }, [run("twoPhase-consistent")]);
    expect(r.stderr).to.equal("");
    expect(r.status).to.equal(0);
    expect(r.stdout).to.match(/^✗ twoPhase · buggyCoordinator · invariant consistent violated\n/);
    expect(r.stdout).to.not.include("\x1b["); // not a terminal here
  });

  it("writes JSON, ITF, Markdown and HTML, to a file with --out", async () => {
    const json = await cli({ protocol: "liveness", scenario: "blinkingLight", format: "json" }, [run("liveness-carsCross")]);
    expect(json.status).to.equal(0);
    expect(JSON.parse(json.stdout).property.name).to.equal("carsCross");
    const itfFile = path.join(dir, "t.itf.json");
    const itf = await cli({ protocol: "liveness", scenario: "blinkingLight", format: "itf", out: itfFile }, [run("liveness-carsCross")]);
    expect(itf.stdout).to.equal("");
    expect(itfProblems(JSON.parse(readFileSync(itfFile, "utf8")))).to.deep.equal([]);
    expect((await cli({ protocol: "deadlock", scenario: "oppositeOrder", format: "md" }, [run("deadlock-deadlock")])).stdout).to.match(/^## ✗ deadlock · oppositeOrder · deadlock/);
    expect((await cli({ protocol: "deadlock", scenario: "oppositeOrder", format: "html" }, [run("deadlock-deadlock")])).stdout).to.match(/^<!doctype html>/);
  });

  it("exits 2 with one line and a hint on bad input", async () => {
    const garbled = path.join(dir, "garbled.txt");
    writeFileSync(garbled, readFileSync(run("twoPhase-consistent"), "utf8").replaceAll("participant_vote", "participant_ballot"));
    const cases: Array<[TraceCliOptions, string[], RegExp]> = [
      [{ protocol: "twoPhase" }, [garbled], /^ts2tla: .*garbled\.txt: the trace takes action participant_ballot, which is not a step of protocol twoPhase\n  hint: .+\n$/],
      [{ protocol: "deadlock" }, [run("twoPhase-consistent")], /it is not a trace of protocol deadlock/],
      [{ protocol: "twoPhase" }, [path.join(dir, "missing.txt")], /^ts2tla: cannot read .*missing\.txt: no such file\n$/],
      [{ protocol: "nope" }, [run("twoPhase-consistent")], /^ts2tla: unknown protocol 'nope'; known: /],
      [{}, [run("twoPhase-consistent")], /needs --protocol NAME/],
      [{ protocol: "twoPhase" }, [], /needs the file of a saved TLC run/],
      [{ protocol: "twoPhase", format: "pdf" }, [run("twoPhase-consistent")], /--format must be one of text, md, html, json, itf/],
      [{ protocol: "twoPhase", scenario: "nope" }, [run("twoPhase-consistent")], /protocol twoPhase has no scenario nope/],
    ];
    for (const [opts, args, message] of cases) {
      const r = await cli(opts, args);
      expect(r.status, r.stderr).to.equal(2);
      expect(r.stdout).to.equal("");
      expect(r.stderr).to.match(message);
    }
  });
});
