// Our own specs (test/fixtures/tlc-specs) as recorded from real TLC runs made by runTlc itself
// (test/fixtures/tlc-runs, re-recorded with test/helpers/captureTlcRuns.ts). These run anywhere; the
// TLC tier (tlcTier.test.ts) re-runs the same specs live and compares with these recordings.
import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { TlaValue } from "../../tools/checker/types.ts";
import { OURS, readCapture, recordedRun as recorded } from "../helpers/captures.ts";
import { SPEC_RUNS } from "../helpers/tlcSpecs.ts";

const int = (value: number): TlaValue => ({ kind: "int", value });
const str = (value: string): TlaValue => ({ kind: "str", value });

describe("recorded TLC runs of our specs", () => {
  it("were made with the flags the runner uses", () => {
    const args = readFileSync(path.join(OURS, "Race.args.txt"), "utf8").trim().split("\n");
    expect(args.slice(0, 4)).to.deep.equal(["-XX:+UseParallelGC", "-Duser.language=en", "-Duser.country=US", "-Djava.io.tmpdir=<run>/jtmp"]);
    const tlc = args.slice(args.indexOf("tlc2.TLC") + 1);
    expect(tlc).to.deep.equal([
      "-tool", "-metadir", "<run>/meta", "-noGenerateSpecTE", "-workers", "1", "-config", "Race.cfg",
      "-userFile", "<run>/user-output.txt", "-dumpTrace", "json", "<run>/trace.json", "-fp", "0", "-seed", "0", "Race.tla",
    ]);
    expect(readFileSync(path.join(OURS, "Stuck.nodeadlock.args.txt"), "utf8")).to.include("\n-deadlock\n");
    expect(readFileSync(path.join(OURS, "Stuck.args.txt"), "utf8")).to.not.include("-deadlock");
  });

  it("cover every spec run of the list", () => {
    for (const run of SPEC_RUNS) expect(() => readCapture(OURS, run.name), run.name).to.not.throw();
  });

  it("Counter holds", () => {
    const r = recorded("Counter");
    expect(r.verdict).to.equal("holds");
    expect(r.stats).to.deep.include({ distinctStates: 15, statesGenerated: 21, depth: 9 });
    expect(r.printed).to.equal(undefined);
  });

  it("Race violates AtMostOne after Enter(a), Enter(b)", () => {
    const r = recorded("Race");
    expect(r.violation).to.deep.equal({ kind: "invariant", name: "AtMostOne", message: "Invariant AtMostOne is violated." });
    expect(r.stats).to.deep.include({ distinctStates: 5, statesGenerated: 6, depth: 3 });
    const ce = r.counterexample!;
    expect(ce.source).to.equal("json-dump");
    expect(ce.states.map((s) => s.vars.count)).to.deep.equal([int(0), int(1), int(2)]);
    expect(ce.states[1]!.action).to.deep.equal({ name: "Enter", params: { p: str("a") }, location: { module: "Race", line: 8, col: 13, endLine: 10, endCol: 33 } });
    expect(ce.states[2]!.action!.params).to.deep.equal({ p: str("b") });
  });

  it("Stutter violates AllFinish by stuttering after four states", () => {
    const r = recorded("Stutter");
    expect(r.violation).to.deep.include({ kind: "property", name: "AllFinish" });
    expect(r.counterexample!.states).to.have.length(4);
    expect(r.counterexample!.loop).to.deep.equal({ kind: "stuttering" });
    expect(r.counterexample!.states[3]!.vars.done).to.deep.equal({ kind: "record", fields: { p1: int(1), p2: int(2) } });
  });

  it("Cycle violates ReachesHome with a lasso back to the initial state", () => {
    const r = recorded("Cycle");
    expect(r.violation).to.deep.include({ kind: "property", name: "ReachesHome" });
    expect(r.stats).to.deep.include({ distinctStates: 6, statesGenerated: 7, depth: 6 });
    const ce = r.counterexample!;
    expect(ce.states.map((s) => [s.vars.holder, s.vars.hops])).to.deep.equal([
      [str("p1"), int(0)],
      [str("p2"), int(1)],
      [str("p1"), int(2)],
      [str("p2"), int(0)],
      [str("p1"), int(1)],
      [str("p2"), int(2)],
    ]);
    expect(ce.loop).to.deep.include({ kind: "back-to-state", toIndex: 1 });
    const loop = ce.loop!;
    expect(loop.kind === "back-to-state" && loop.action?.params).to.deep.equal({ from: str("p2"), to: str("p1") });
  });

  it("Stuck deadlocks; without deadlock checking it holds", () => {
    const r = recorded("Stuck");
    expect(r.violation).to.deep.equal({ kind: "deadlock", message: "Deadlock reached." });
    expect(r.counterexample!.states.map((s) => s.action?.name)).to.deep.equal([undefined, "TakeFirst", "TakeSecond"]);
    const off = recorded("Stuck.nodeadlock");
    expect(off.verdict).to.equal("holds");
    expect(off.stats).to.deep.include({ distinctStates: 6, statesGenerated: 7, depth: 3 });
  });

  it("MC_Layered (two modules) violates NotAllServed; actions are located in LayeredBase", () => {
    const r = recorded("MC_Layered");
    expect(r.violation).to.deep.include({ kind: "invariant", name: "NotAllServed" });
    expect(r.stats).to.deep.include({ distinctStates: 32, statesGenerated: 47, depth: 7 });
    expect(r.counterexample!.states.map((s) => s.action?.name)).to.deep.equal([undefined, "Arrive", "Arrive", "Serve", "Arrive", "Serve", "Serve"]);
    expect(r.counterexample!.states[1]!.action!.location!.module).to.equal("LayeredBase");
  });

  it("Rich violates StepSmall with many value shapes", () => {
    const r = recorded("Rich");
    expect(r.violation).to.deep.include({ kind: "invariant", name: "StepSmall" });
    const last = r.counterexample!.states[2]!.vars;
    expect(last.txt).to.deep.equal(str("tab\there"));
    expect(last.neg).to.deep.equal(int(-6));
    expect(last.log).to.deep.equal({
      kind: "seq",
      elems: [
        { kind: "record", fields: { who: str("A"), at: int(0) } },
        { kind: "record", fields: { who: str("A"), at: int(1) } },
      ],
    });
  });

  it("Broken is a semantic error; DivZero a runtime error with its trace", () => {
    expect(recorded("Broken").error).to.include({
      kind: "semantic-error",
      message: "Semantic error in module Broken, line 5, column 18: Unknown operator: `missingOperator'.",
    });
    const d = recorded("DivZero");
    expect(d.exitCode).to.equal(255);
    expect(d.error).to.include({ kind: "runtime-error", message: "TLC could not evaluate the spec: The second argument of \\div is 0. (module DivZero, line 5, column 14)" });
    expect(d.counterexample!.states.map((s) => s.vars.x)).to.deep.equal([int(2), int(1)]);
  });

  it("Hog runs out of memory with a 32m heap (TLC reports it as a 1000 message reading \"Java heap space\")", () => {
    const r = recorded("Hog");
    expect(readFileSync(path.join(OURS, "Hog.args.txt"), "utf8")).to.include("\n-Xmx32m\n");
    expect(r.exitCode).to.equal(75);
    expect(r.verdict).to.equal("error");
    expect(r.error).to.include({ kind: "out-of-memory", message: "TLC ran out of memory" });
    expect(r.error!.detail).to.equal("Java heap space");
  });
});
