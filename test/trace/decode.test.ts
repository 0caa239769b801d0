// Decoding real counterexamples of the examples, found by the embedded engine (no TLC needed): who
// took which TS step where, the loop, the explanation, the JSON against the published schema, the
// ITF against the ITF rules, and the same Trace from a lossy JSON-dump view of the counterexample.
import { expect } from "chai";
import { Ajv } from "ajv";
import { readFileSync } from "node:fs";
import { projectAsJsonDump } from "../../tools/checker/lossyView.ts";
import { probeFor } from "../../tools/trace/compiled.ts";
import { decodeTrace } from "../../tools/trace/decode.ts";
import { toItf } from "../../tools/trace/render/itf.ts";
import { renderJson } from "../../tools/trace/render/json.ts";
import type { Trace } from "../../tools/trace/types.ts";
import { itfProblems } from "../helpers/itf.ts";
import { CASES, runCase, type CaseRun } from "../helpers/traceRuns.ts";

const schema = JSON.parse(readFileSync(new URL("../../tools/trace/trace.schema.json", import.meta.url), "utf8"));
const validateTrace = new Ajv({ allErrors: true, strict: true }).compile(schema);

function decode(run: CaseRun, engine = true, cx = run.result.counterexample!): Trace {
  const probe = engine ? probeFor(run.compiled, run.case.scenario) : undefined;
  return decodeTrace(cx, run.compiled.sourceMap, { scenario: run.case.scenario, property: run.case.property, violationKind: run.result.violation?.kind }, probe ? { probe } : {});
}

/** `n actor label` per step, for compact assertions. */
function story(t: Trace): string[] {
  return t.steps.slice(1).map((s) => `${s.n} ${s.actor?.id ?? "?"} ${s.label ?? "?"}${s.wakes ? ` wakes ${s.wakes.join(",")}` : ""}`);
}

describe("trace decoding (embedded engine)", function () {
  this.timeout(120_000);
  const runs = new Map<string, CaseRun>();

  before(async () => {
    for (const k of CASES) runs.set(k.name, await runCase(k, "embedded"));
  });

  it("finds a counterexample for every case", () => {
    for (const [name, r] of runs) {
      expect(r.result.verdict, name).to.equal("violated");
      expect(r.result.counterexample, name).to.exist;
    }
  });

  it("names each step's process, TS label, file:line and statement", () => {
    const t = decode(runs.get("twoPhase-consistent")!);
    expect(t.processes.map((p) => `${p.id}:${p.process}`)).to.deep.equal(["r1:participant", "r2:participant", "tm:tm"]);
    const vote = t.steps[1]!;
    expect(vote.actor?.process).to.equal("participant");
    expect(vote.actorFrom).to.equal("inferred"); // the embedded engine does not name actions
    expect(vote.label).to.equal("vote");
    expect(vote.operator).to.equal("participant_vote");
    expect(vote.at).to.deep.equal({ file: "spec-src/examples/twoPhase.ts", line: 75, col: 7 });
    expect(vote.statement).to.equal('const v = oneOf(setOf<Vote>("yes", "no"));');
    expect(t.warnings).to.deep.equal([]);
  });

  it("keeps state in TS terms: s.<field>, <pid>.<local>, arrays, ByPid maps, null", () => {
    const t = decode(runs.get("twoPhase-consistent")!);
    expect(t.variables.map((v) => v.name)).to.deep.equal(["s.rm", "s.inbox", "s.decision", "tm.yesVotes"]);
    expect(t.steps[0]!.state.values["s.decision"]).to.deep.equal({ kind: "null" });
    expect(t.steps[0]!.state.values["s.inbox"]).to.deep.equal({ kind: "array", items: [] });
    expect(t.steps[0]!.state.pc).to.deep.equal({ r1: "vote", r2: "vote", tm: "collect" });
    const changes = t.steps[1]!.changes.map((c) => (c.kind === "value" ? `${c.op} ${c.path}` : `${c.pid} -> ${c.to}`));
    expect(changes).to.deep.equal(["changed s.rm.r1", "added s.inbox[0]", "r1 -> learn"]);
  });

  it("explains a broken invariant: its instance and location, from the engine", () => {
    const t = decode(runs.get("twoPhase-consistent")!);
    const inv = t.explanation.invariant!;
    expect(inv.evaluated).to.equal(true);
    expect(inv.bindings?.map((b) => b.name)).to.deep.equal(["p", "q"]);
    expect(t.explanation.headline).to.match(/^Invariant consistent \(spec-src\/examples\/twoPhase\.ts:109:5\) is false after step \d+ for p = "r\d", q = "r\d": `!\(s\.rm\[p\] === "committed" && s\.rm\[q\] === "aborted"\)` is false\.$/);
    expect(inv.source).to.match(/^consistent: invariant\(/);
  });

  it("names the false part of a disjunction's quantifier, in the TS", () => {
    const t = decode(runs.get("twoPhase-unanimity")!);
    expect(t.explanation.invariant?.bindings?.[0]?.name).to.equal("p");
    expect(t.explanation.headline).to.match(/commitNeedsUnanimity .* is false after step \d+ for p = "r\d"/);
  });

  it("explains a deadlock: who waits at which step", () => {
    const t = decode(runs.get("deadlock-deadlock")!);
    expect(t.property.kind).to.equal("deadlock");
    expect(t.explanation.headline).to.equal("Deadlock after step 2: alice waits at takeB and bob waits at takeSecond, and no process can take a step.");
    expect(t.explanation.processes.map((f) => f.status)).to.deep.equal(["blocked", "blocked"]);
    expect(t.steps[2]!.enabled).to.deep.equal([]);
  });

  it("explains a lasso: the loop, the starved process, the running one, and the wakes", () => {
    const t = decode(runs.get("liveness-carsCross")!);
    expect(t.loop?.kind).to.equal("back-to-step");
    const loop = t.explanation.loop!;
    expect(loop.stuttering).to.equal(false);
    expect(loop.repeats).to.deep.equal([{ id: "light", labels: ["turnRed", "turnGreen"] }]);
    const car = t.explanation.processes.find((f) => f.id === "car1")!;
    expect(car.status).to.equal("starved");
    expect(car.at).to.equal("carWaits");
    expect(t.explanation.headline).to.match(/^carsCross \(spec-src\/examples\/liveness\.ts:60:5\) is violated for p = "car1": car1 waits forever at step carWaits, while light keeps running/);
    expect(t.explanation.bindings).to.deep.equal([{ name: "p", value: { kind: "pid", value: "car1" } }]);
    expect(story(t)[0]).to.match(/^1 light turnGreen wakes car1,truck1,bike1$/);
    expect(t.loop?.kind === "back-to-step" && t.loop.closing.wakes).to.deep.equal(["car1"]);
  });

  it("explains stuttering: the unfair process that is never scheduled, and the blocked ones", () => {
    const bikes = decode(runs.get("liveness-bikesCross")!);
    expect(bikes.loop).to.deep.equal({ kind: "stuttering" });
    const bike = bikes.explanation.processes.find((f) => f.id === "bike1")!;
    expect(bike.status).to.equal("starved");
    expect(bike.text).to.match(/bike has no fairness/);
    const locks = decode(runs.get("deadlock-locksFreed")!);
    expect(locks.explanation.processes.map((f) => f.status)).to.deep.equal(["blocked", "blocked"]);
    expect(locks.explanation.details).to.include("Nothing can wake alice and bob: no process can take a step any more.");
  });

  it("explains from the trace alone when there is no engine", () => {
    const t = decode(runs.get("deadlock-locksFreed")!, false);
    expect(t.explanation.evidence).to.equal("trace");
    expect(t.steps.every((s) => s.enabled === undefined)).to.equal(true);
    expect(t.explanation.processes.map((f) => f.status)).to.deep.equal(["blocked", "blocked"]);
    expect(t.explanation.details.at(-1)).to.match(/not evaluated/);
  });

  it("decodes the lossy JSON-dump view of a counterexample to the same TS states", () => {
    for (const [name, r] of runs) {
      const exact = decode(r, false);
      const lossy = decode(r, false, projectAsJsonDump(r.result.counterexample!));
      expect(lossy.steps.map((s) => s.state), name).to.deep.equal(exact.steps.map((s) => s.state));
      expect(lossy.warnings, name).to.deep.equal(exact.warnings);
    }
  });

  it("asks the engine who moved when no step pointer moved and the engine names no action", () => {
    const r = runs.get("counter-typeOK")!;
    const blind = decode(r, false);
    expect(blind.warnings).to.deep.equal([1, 2, 3].map((n) => `step ${n}: cannot tell which process took this step`));
    expect(blind.steps[1]!.actor).to.equal(undefined);
    const t = decode(r);
    expect(t.warnings).to.deep.equal([]);
    expect(story(t)).to.deep.equal(["1 t1 tick", "2 t1 tick", "3 t1 tick"]);
    expect(t.explanation.headline).to.equal("The type invariant TypeOK is false after step 3: s.count is not of its type, `Int<0, 2>`.");
  });

  it("names the false conjunct of an invariant in the TS", () => {
    const t = decode(runs.get("counter-calm")!);
    expect(t.explanation.invariant?.part).to.deep.equal({ text: "!s.stopped", language: "ts", index: 2, of: 3 });
  });

  it("writes JSON that the published schema accepts", () => {
    for (const [name, r] of runs) {
      for (const engine of [true, false]) {
        const json = JSON.parse(renderJson(decode(r, engine)));
        expect(validateTrace(json), `${name}: ${JSON.stringify(validateTrace.errors)}`).to.equal(true);
      }
    }
    expect(validateTrace({ format: "ts2tla-trace" })).to.equal(false);
  });

  it("writes ITF that follows the ITF rules, with ITF encodings", () => {
    for (const [name, r] of runs) {
      const itf = toItf(decode(r));
      expect(itfProblems(JSON.parse(JSON.stringify(itf))), name).to.deep.equal([]);
    }
    const itf = toItf(decode(runs.get("twoPhase-consistent")!));
    expect(itf.vars).to.deep.equal(["rm", "inbox", "decision", "pc", "tm_yesVotes"]);
    const s0 = itf.states[0]!;
    expect(s0.rm).to.deep.equal({ "#map": [["r1", "working"], ["r2", "working"], ["tm", "working"]] });
    expect(s0.tm_yesVotes).to.deep.equal({ "#map": [["tm", { "#bigint": "0" }]] });
    expect(s0.decision).to.equal("Null");
    expect(itf.loop).to.equal(undefined);
    const lasso = toItf(decode(runs.get("liveness-carsCross")!));
    expect(lasso.loop).to.equal(3);
    expect(lasso.states[0]!.crossed).to.deep.equal({ "#set": [] });
    expect(toItf(decode(runs.get("liveness-bikesCross")!)).loop).to.equal(3);
  });

  it("rejects broken ITF", () => {
    expect(itfProblems({ vars: ["x"], states: [{ "#meta": { index: 0 } }] })).to.deep.equal(["state 0 does not define variable x"]);
    expect(itfProblems({ vars: ["x"], states: [{ x: { "#bigint": "1.5" } }] })).to.not.deep.equal([]);
    expect(itfProblems({ vars: ["x"], states: [{ x: 1 }], loop: 2 })).to.deep.equal(["loop 2 is not the index of a state"]);
    expect(itfProblems({ vars: ["x"], states: [{ x: { "#map": [[1]] } }] })).to.not.deep.equal([]);
  });
});
