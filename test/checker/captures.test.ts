// The result mapping (events + exit code + dump files → CheckResult) on every situation captured from
// real TLC runs: the current build (tlc-captures/out) and the pinned v1.7.4 (tlc-captures/out-v1.7.4).
import { expect } from "chai";
import path from "node:path";
import { readFileSync } from "node:fs";
import { projectAsJsonDump } from "../../tools/checker/lossyView.ts";
import { Code } from "../../tools/checker/tlc/codes.ts";
import { parseProgress } from "../../tools/checker/tlc/messageText.ts";
import { messagesOf, parseToolOutput } from "../../tools/checker/tlc/toolOutput.ts";
import type { CheckResult, CheckStats, TlaValue } from "../../tools/checker/types.ts";
import { CURRENT, interpretCapture, readCapture, V174 } from "../helpers/captures.ts";

const int = (value: number): TlaValue => ({ kind: "int", value });

function result(dir: string, name: string, opts: { withJson?: boolean } = {}): CheckResult {
  return interpretCapture(readCapture(dir, name), opts);
}

function xs(r: CheckResult): TlaValue[] {
  return r.counterexample!.states.map((s) => s.vars.x!);
}

describe("TLC results from captured runs (current TLC)", () => {
  it("success (Ok): holds, with statistics and version", () => {
    const r = result(CURRENT, "Ok.tool");
    expect(r).to.deep.equal({
      engine: "tlc",
      engineVersion: "TLC2 Version 2026.11.25.105715",
      verdict: "holds",
      exitCode: 0,
      stats: { distinctStates: 12, statesGenerated: 19, depth: 6, seconds: 0.731 },
    });
  });

  it("invariant violated in a later state (Inv): name, stats, counterexample from the JSON dump", () => {
    const r = result(CURRENT, "Inv.tool");
    expect(r.verdict).to.equal("violated");
    expect(r.violation).to.deep.equal({ kind: "invariant", name: "Small", message: "Invariant Small is violated." });
    expect(r.stats).to.deep.equal({ distinctStates: 4, statesGenerated: 6, depth: 4, seconds: 0.52 });
    expect(r.exitCode).to.equal(12);
    expect(r.counterexample!.source).to.equal("json-dump");
    expect(xs(r)).to.deep.equal([int(0), int(1), int(2), int(3)]);
    expect(r.counterexample!.states[3]!.vars.y).to.deep.equal({ kind: "record", fields: { a: int(6), b: { kind: "str", value: "s" } } });
    expect(r.counterexample!.loop).to.equal(undefined);
  });

  it("invariant violated in an initial state (InitInv, Values)", () => {
    const r = result(CURRENT, "InitInv.tool");
    expect(r.violation).to.deep.equal({ kind: "invariant", name: "Pos", message: "Invariant Pos is violated by the initial state" });
    expect(r.counterexample).to.deep.equal({ source: "json-dump", states: [{ index: 1, vars: { x: int(1) } }] });
    expect(r.stats).to.deep.equal({ seconds: 0.456 });
    const v = result(CURRENT, "Values.tool");
    expect(v.violation?.name).to.equal("Inv");
    expect(v.counterexample!.states).to.have.length(1);
  });

  it("liveness violated with a lasso (Lasso): back to state 3", () => {
    const r = result(CURRENT, "Lasso.tool");
    expect(r.violation).to.deep.equal({ kind: "property", name: "ReachFour", message: "Temporal property ReachFour was violated." });
    expect(r.counterexample!.states.map((s) => s.vars.s)).to.deep.equal([int(0), int(1), int(2), int(3), int(1)]);
    expect(r.counterexample!.loop).to.include({ kind: "back-to-state", toIndex: 3 });
    expect(r.stats).to.deep.include({ distinctStates: 5, statesGenerated: 6, depth: 5 });
  });

  it("deadlock (Dead)", () => {
    const r = result(CURRENT, "Dead.tool");
    expect(r.violation).to.deep.equal({ kind: "deadlock", message: "Deadlock reached." });
    expect(xs(r)).to.deep.equal([int(0), int(1), int(2)]);
    expect(r.exitCode).to.equal(11);
  });

  it("action property violated (ActProp)", () => {
    const r = result(CURRENT, "ActProp.tool");
    expect(r.violation).to.deep.equal({ kind: "action-property", name: "Monotone", message: "Action property Monotone is violated." });
    expect(xs(r)).to.deep.equal([int(0), int(1), int(2), int(3), int(0)]);
  });

  it("Assert failed (Assert): the message, the text trace, the printed lines kept apart", () => {
    const r = result(CURRENT, "Assert.tool");
    expect(r.violation).to.deep.equal({ kind: "assert", message: "Assert failed: x got too big" });
    expect(r.counterexample!.source).to.equal("tool-text");
    expect(xs(r)).to.deep.equal([int(0), int(1), int(2)]);
    expect(r.printed).to.deep.equal(Array(3).fill(['<<"visiting", 0>>', '<<"visiting", 1>>']).flat());
    const withUserFile = interpretCapture({
      ...readCapture(CURRENT, "Assert.userFile.tool"),
      userOutput: readFileSync(path.join(CURRENT, "Assert.tool.userFile.txt"), "utf8"),
    });
    expect(withUserFile.violation?.kind).to.equal("assert");
    expect(withUserFile.printed).to.have.length(6);
  });

  it("ASSUME false (Assume) is a violation; an ASSUME that fails to evaluate (AssumeErr) is an error", () => {
    const r = result(CURRENT, "Assume.tool");
    expect(r.verdict).to.equal("violated");
    expect(r.violation).to.deep.equal({ kind: "assume", message: "Assumption line 4, col 21 to line 4, col 25 of module Assume is false." });
    expect(r.counterexample).to.equal(undefined);
    const e = result(CURRENT, "AssumeErr.tool");
    expect(e.verdict).to.equal("error");
    expect(e.error!.kind).to.equal("runtime-error");
    expect(e.error!.message).to.match(/Evaluating assumption line 4, col 8 .* failed\. .*Cannot cast tlc2\.value\.impl\.ModelValue/);
    expect(e.error!.message).to.not.include("\n");
    expect(e.exitCode).to.equal(10);
  });

  it("runtime errors (Eval, Eval2, Eval3, InvEval): one-line message with location, trace when there is one", () => {
    const eval1 = result(CURRENT, "Eval.tool");
    expect(eval1.error).to.include({ kind: "runtime-error" });
    expect(eval1.error!.message).to.equal(
      "TLC could not evaluate the spec: Attempted to apply function: (0 :> 0 @@ 1 :> 10 @@ 2 :> 20) to argument 11, which is not in the domain of the function. (module Eval, line 6, column 14)",
    );
    expect(eval1.error!.hint).to.be.a("string").and.not.include("\n");
    expect(eval1.error!.detail).to.include("Line 6, column 14 to line 6, column 21 in Eval");
    expect(xs(eval1)).to.deep.equal([int(0), int(10)]);
    const eval2 = result(CURRENT, "Eval2.tool");
    expect(eval2.error!.message).to.match(/Cannot cast tlc2\.value\.impl\.StringValue to tlc2\.value\.impl\.IntValue \(module Eval2, line 5, column 14\)$/);
    expect(xs(eval2)).to.deep.equal([int(0)]);
    const eval3 = result(CURRENT, "Eval3.tool");
    expect(eval3.error!.message).to.match(/CHOOSE x \\in S: P, but no element of S satisfied P\..*\(module Eval3, line 4, column 13\)$/);
    expect(eval3.counterexample).to.equal(undefined);
    expect(eval3.stats).to.deep.include({ distinctStates: 0, statesGenerated: 0, depth: 0 });
    const inv = result(CURRENT, "InvEval.tool");
    expect(inv.error!.message).to.match(/^TLC could not evaluate the spec: Evaluating invariant Bad failed\. Attempted to apply function/);
    expect(xs(inv)).to.deep.equal([int(0), int(1), int(2)]);
    expect(inv.exitCode).to.equal(76);
  });

  it("parse and semantic errors carry SANY's detail", () => {
    const p = result(CURRENT, "Parse.tool");
    expect(p.error).to.include({ kind: "parse-error", message: 'Parse error in module Parse, line 5, column 20: unexpected "1" (expected ==== or more Module body)' });
    expect(p.error!.detail).to.include("***Parse Error***").and.not.include("Parsing file");
    const s = result(CURRENT, "Sem.tool");
    expect(s.error).to.include({ kind: "semantic-error", message: "Semantic error in module Sem, line 5, column 18: Unknown operator: `undefinedThing'." });
    expect(s.error!.detail).to.include("Semantic errors:");
  });

  it("config error (CfgErr) and a bad command-line option (BadOption)", () => {
    const c = result(CURRENT, "CfgErr.tool");
    expect(c.error).to.include({ kind: "config-error", message: "The model (.cfg) is wrong: The constant parameter N is not assigned a value by the configuration file." });
    expect(c.exitCode).to.equal(151);
    const b = result(CURRENT, "BadOption.tool");
    expect(b.error).to.include({ kind: "unsupported", message: "TLC rejected its command line: unrecognized option: -bogus" });
  });

  it("progress over a long run (Big): grouped numbers, final statistics", () => {
    const capture = readCapture(CURRENT, "Big.tool");
    const progress = messagesOf(parseToolOutput(capture.stdout))
      .filter((m) => m.code === Code.PROGRESS)
      .map((m) => parseProgress(m.text));
    expect(progress.slice(0, 2)).to.deep.equal([
      { depth: 2449, statesGenerated: 5994083, distinctStates: 2999489, queue: 2448 },
      { depth: 3394, statesGenerated: 9919466, distinctStates: 4962197, queue: 1609 },
    ]);
    const r = interpretCapture(capture);
    expect(r.verdict).to.equal("holds");
    expect(r.stats).to.deep.include({ distinctStates: 6255001, statesGenerated: 12505002, depth: 5001 });
  });

  it("coverage output (Cov) does not disturb the verdict or statistics", () => {
    const r = result(CURRENT, "Cov.tool");
    expect(r.verdict).to.equal("holds");
    expect(r.stats).to.deep.include({ distinctStates: 12, statesGenerated: 19, depth: 6 });
    expect(r.warnings).to.equal(undefined);
  });

  it("simulation (-simulate) and -continue runs", () => {
    const sim = result(CURRENT, "Inv.simulate.tool");
    expect(sim.violation?.name).to.equal("Small");
    expect(sim.stats).to.deep.include({ statesGenerated: 88, depth: 14 });
    expect(sim.stats.distinctStates).to.equal(undefined);
    const cont = result(CURRENT, "Inv.continue.tool");
    expect(cont.exitCode).to.equal(0);
    expect(cont.verdict).to.equal("violated");
    expect(cont.counterexample!.states).to.have.length(4);
  });

  it("a TLC warning becomes a warning, not an error (no -XX:+UseParallelGC)", () => {
    const r = result(CURRENT, "Warning-noParallelGC.tool");
    expect(r.verdict).to.equal("holds");
    expect(r.warnings).to.have.length(1);
    expect(r.warnings![0]).to.match(/UseParallelGC/);
  });

  it("falls back to the text trace, with a warning, when the JSON dump is unreadable", () => {
    const capture = readCapture(CURRENT, "Inv.tool");
    const r = interpretCapture({ ...capture, jsonDump: '{"something":"else"}' });
    expect(r.counterexample!.source).to.equal("tool-text");
    expect(r.warnings![0]).to.match(/Could not read TLC's JSON trace \(unknown -dumpTrace json shape/);
  });

  it("reports an exit code without an explaining message as an error", () => {
    const r = interpretCapture({ stdout: "", exitCode: 153, stderr: "Exception in thread main\n" });
    expect(r.verdict).to.equal("error");
    expect(r.error).to.include({ kind: "crash", message: "TLC exited with code 153 (system error) without the message that explains it" });
    expect(r.error!.detail).to.equal("Exception in thread main");
    expect(interpretCapture({ stdout: "" }).error!.message).to.equal("TLC ended without reporting a result");
  });

  it("recognises out-of-memory from the JVM's text", () => {
    const r = interpretCapture({ stdout: "", exitCode: 255, stderr: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n' });
    expect(r.error).to.include({ kind: "out-of-memory", message: "TLC ran out of memory" });
    expect(r.error!.hint).to.match(/heap/);
  });

  it("recognises a full disk: while writing states (a 1000 message), or while unpacking modules (then SANY fails too)", () => {
    // As TLC printed them with its run directory on a tiny tmpfs (test/checker/faults.test.ts).
    const states = [
      "@!@!@STARTMSG 1000:1 @!@!@",
      "TLC threw an unexpected exception.",
      "This was probably caused by an error in the spec or model.",
      "See the User Output or TLC Console for clues to what happened.",
      "The exception was a java.io.IOException",
      ": No space left on device",
      "@!@!@ENDMSG 1000 @!@!@",
      "",
    ].join("\n");
    const modules = [
      "@!@!@STARTMSG 2220:0 @!@!@",
      "Starting SANY...",
      "@!@!@ENDMSG 2220 @!@!@",
      "Parsing file <run>/jtmp/tlc-1/TLC.tla (jar:file:<jar>!/tla2sany/StandardModules/TLC.tla)",
      "Lexical error at line 122, column 64.  Encountered: <EOF> after : \"\"",
      "Could not parse module TLC from file TLC.tla",
      "@!@!@STARTMSG 2219:0 @!@!@",
      "SANY finished.",
      "@!@!@ENDMSG 2219 @!@!@",
      "@!@!@STARTMSG 3002:1 @!@!@",
      "Parsing or semantic analysis failed.",
      "@!@!@ENDMSG 3002 @!@!@",
      "",
    ].join("\n");
    const stderr = "java.io.IOException: No space left on device\n\tat java.base/java.io.FileOutputStream.writeBytes(Native Method)\n";
    for (const r of [interpretCapture({ stdout: states, exitCode: 255 }), interpretCapture({ stdout: modules, exitCode: 150, stderr })]) {
      expect(r.verdict).to.equal("error");
      expect(r.error).to.include({ kind: "disk-full", message: "TLC ran out of disk space: no space left on device" });
      expect(r.error!.hint).to.match(/TMPDIR/);
      expect(r.error!.detail).to.include("No space left on device");
    }
  });
});

describe("TLC results from captured runs (TLC v1.7.4, no JSON dump)", () => {
  const STATS: Record<string, Partial<CheckStats>> = {
    Ok: { distinctStates: 12, statesGenerated: 19, depth: 6 },
    Inv: { distinctStates: 4, statesGenerated: 6, depth: 4 },
    Dead: { distinctStates: 3, statesGenerated: 3, depth: 3 },
    ActProp: { distinctStates: 4, statesGenerated: 5, depth: 4 },
    Lasso: { distinctStates: 5, statesGenerated: 6, depth: 5 },
  };

  it("reads the version and the statistics", () => {
    for (const [name, stats] of Object.entries(STATS)) {
      const r = result(V174, `${name}.tool`);
      expect(r.engineVersion, name).to.equal("TLC2 Version 2.19 of 08 August 2024");
      expect(r.stats, name).to.deep.include(stats);
    }
  });

  it("gives the same verdicts as the current TLC, except that 2.19 does not name violated temporal properties", () => {
    const expected: Record<string, [string, string | undefined, string | undefined]> = {
      Ok: ["holds", undefined, undefined],
      Inv: ["violated", "invariant", "Small"],
      InitInv: ["violated", "invariant", "Pos"],
      Lasso: ["violated", "property", undefined],
      Dead: ["violated", "deadlock", undefined],
      ActProp: ["violated", "action-property", "Monotone"],
      Assert: ["violated", "assert", undefined],
      Assume: ["violated", "assume", undefined],
      Values: ["violated", "invariant", "Inv"],
      Eval: ["error", "runtime-error", undefined],
      Parse: ["error", "parse-error", undefined],
      Sem: ["error", "semantic-error", undefined],
      CfgErr: ["error", "config-error", undefined],
    };
    for (const [name, [verdict, kind, property]] of Object.entries(expected)) {
      const r = result(V174, `${name}.tool`);
      expect([r.verdict, r.violation?.kind ?? r.error?.kind, r.violation?.name], name).to.deep.equal([verdict, kind, property]);
      const now = result(CURRENT, `${name}.tool`);
      expect([now.verdict, now.violation?.kind ?? now.error?.kind], name).to.deep.equal([verdict, kind]);
      if (name !== "Lasso") expect(now.violation?.name, name).to.equal(property);
      if (r.error) expect(r.error.message, name).to.equal(now.error!.message);
    }
    expect(result(V174, "Lasso.tool").violation?.message).to.equal("Temporal properties were violated.");
  });

  it("reads counterexamples from the text that match the current TLC's JSON dumps", () => {
    for (const name of ["Inv", "InitInv", "Lasso", "Dead", "ActProp", "Values"]) {
      const old = result(V174, `${name}.tool`).counterexample!;
      const now = result(CURRENT, `${name}.tool`).counterexample!;
      expect(old.source, name).to.equal("tool-text");
      expect(now.source, name).to.equal("json-dump");
      expect({ ...projectAsJsonDump(old), source: "-" }, name).to.deep.equal({ ...projectAsJsonDump(now), source: "-" });
    }
  });
});
