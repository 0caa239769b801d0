// Liveness on the TS engine: small protocols (test/fixtures/liveness/) where weak, strong and no
// fairness give different verdicts, with fairness per process and per step, and every temporal form
// (always, eventually, leadsTo, alwaysEventually, eventuallyAlways, forAll). Each case states its
// verdict and a one-line hand argument; the TS engine must give it, and (TLC tier) so must TLC, with
// crossCheck finding no problem. Every counterexample is read back through the TypeScript
// (test/helpers/lasso.ts): a real behaviour, that violates the property, and is fair; and the lassos
// have the shape the argument says: stuttering where the system stops, a loop back where it cycles.
import { expect } from "chai";
import { engineRuntime } from "../../tools/checker/ts/run.ts";
import { compileFile, moduleText, REPO_ROOT, type CompiledProtocol } from "../../tools/compiler/index.ts";
import type { ProtocolRuntime } from "../../tools/runtime/runtime.ts";
import { crossCheck } from "../../tools/verify/crossCheck.ts";
import { checkScenario, type ScenarioReport } from "../../tools/verify/scenario.ts";
import { lassoViolates, unfairness, walkTrace, type WalkedTrace } from "../helpers/lasso.ts";
import { requireTlc } from "../helpers/tlc.ts";

type Shape = "stuttering" | "back-to-state";
interface Case {
  property: string;
  verdict: "holds" | "violated";
  /** The shape of the counterexample's loop (violated cases). */
  loop?: Shape;
  why: string;
}

const FIXTURES = "test/fixtures/liveness";

/** fixture → scenario → the expected verdict of every temporal property, with why. */
const CASES: Record<string, Record<string, Case[]>> = {
  blinker: {
    // The lamp blinks forever: each walker's `cross` is enabled at every switchOn, disabled at every switchOff.
    blinking: [
      { property: "weakCross", verdict: "violated", loop: "back-to-state", why: "WF: cross is never continuously enabled (the lamp keeps switching off), so the walker may miss every blink" },
      { property: "strongCross", verdict: "holds", why: "SF on the process: cross is enabled infinitely often, so it is taken" },
      { property: "stepStrongCross", verdict: "holds", why: "getReady is WF and always enabled; then SF on the cross step itself, enabled infinitely often" },
      { property: "unfairCross", verdict: "violated", loop: "back-to-state", why: "no fairness: nothing makes the walker step while the (WF) lamp blinks on forever" },
      { property: "lampOffAgain", verdict: "holds", why: "WF(lamp): switchOff is always enabled when on, and the lamp never ends" },
    ],
    // The lamp is switched on once and stays on: every `cross` is continuously enabled.
    steady: [
      { property: "weakCross", verdict: "holds", why: "cross stays enabled once the lamp is on: WF takes it" },
      { property: "strongCross", verdict: "holds", why: "SF is at least WF" },
      { property: "stepStrongCross", verdict: "holds", why: "getReady (WF) then cross (SF), both continuously enabled" },
      { property: "unfairCross", verdict: "violated", loop: "stuttering", why: "no fairness: even a continuously enabled step need not run; everything else stops" },
      { property: "lampOffAgain", verdict: "violated", loop: "stuttering", why: "the lamp ends on and nothing switches it off" },
    ],
  },
  phases: {
    // The dial turns 0 → 1 → 2 → 0 forever (knob is WF); the latches can act only at 2.
    turning: [
      { property: "neverLatchedAtZero", verdict: "violated", why: "always: the latch latches at 2, then the knob turns the dial to 0" },
      { property: "settlesAtZero", verdict: "violated", loop: "back-to-state", why: "eventuallyAlways: the dial keeps turning, it leaves 0 again and again" },
      { property: "latchStays", verdict: "holds", why: "the latch step's own SF: dial = 2 infinitely often, so it latches, and latched stays" },
      { property: "weakLatchStays", verdict: "violated", loop: "back-to-state", why: "WF(weakLatch): enabled only while dial = 2, never continuously, so it may never latch" },
      { property: "oneLeadsToZero", verdict: "holds", why: "leadsTo: turn is always enabled (WF), so dial 1 → 2 → 0" },
      { property: "notes", verdict: "holds", why: "note has its own WF and stays enabled until taken, though the process has no fairness" },
      { property: "relaxes", verdict: "violated", loop: "back-to-state", why: "relax has no fairness (the process's none), while the dial turns forever" },
    ],
    // The dial turns up to 2 and stops there.
    stopping: [
      { property: "neverLatchedAtZero", verdict: "holds", why: "latching needs dial = 2, after which the dial never moves again" },
      { property: "settlesAtZero", verdict: "violated", loop: "stuttering", why: "the dial stops at 2, the system stops" },
      { property: "latchStays", verdict: "holds", why: "dial = 2 for ever: latch is continuously enabled" },
      { property: "weakLatchStays", verdict: "holds", why: "dial = 2 for ever: weakLatch is continuously enabled, so WF suffices here" },
      { property: "oneLeadsToZero", verdict: "violated", loop: "stuttering", why: "from dial = 1 the dial goes to 2 and stops, never 0" },
      { property: "notes", verdict: "holds", why: "note's own WF, as above" },
      { property: "relaxes", verdict: "violated", loop: "stuttering", why: "relax is unfair: the system stops with only relax enabled" },
    ],
  },
  countdown: {
    once: [
      { property: "backToTwo", verdict: "violated", loop: "stuttering", why: "alwaysEventually: n goes 2, 1, 0 and the counter ends: every process is done" },
      { property: "reachesZero", verdict: "holds", why: "leadsTo: down is always enabled until n = 0 (WF)" },
    ],
  },
};

const compiled = new Map<string, CompiledProtocol>();
const runtimes = new Map<string, Promise<ProtocolRuntime>>();
const reports = new Map<string, Promise<ScenarioReport>>();

function protocolOf(fixture: string): CompiledProtocol {
  let c = compiled.get(fixture);
  if (!c) {
    c = compileFile(`${FIXTURES}/${fixture}.ts`, REPO_ROOT);
    compiled.set(fixture, c);
  }
  return c;
}

function runtimeOf(fixture: string, scenario: string): Promise<ProtocolRuntime> {
  const key = `${fixture}/${scenario}`;
  if (!runtimes.has(key)) runtimes.set(key, engineRuntime(protocolOf(fixture), scenario));
  return runtimes.get(key)!;
}

function report(fixture: string, scenario: string, engine: "ts" | "tlc"): Promise<ScenarioReport> {
  const key = `${engine} ${fixture}/${scenario}`;
  if (!reports.has(key)) reports.set(key, checkScenario(protocolOf(fixture), scenario, { engine, keepGraph: true, ...(engine === "tlc" ? { workers: 1 } : {}) }));
  return reports.get(key)!;
}

async function lasso(fixture: string, scenario: string, property: string): Promise<{ rt: ProtocolRuntime; w: WalkedTrace; r: ScenarioReport }> {
  const r = await report(fixture, scenario, "ts");
  const p = r.properties.find((x) => x.name === property)!;
  expect(p.verdict, `${property}`).to.equal("violated");
  const rt = await runtimeOf(fixture, scenario);
  return { rt, w: walkTrace(rt, p.counterexample!), r };
}

const irProperty = (fixture: string, name: string) => protocolOf(fixture).ir.properties.find((p) => p.tsName === name)!;
const crossed = (st: { s: unknown }): string[] => [...((st.s as { crossed: Set<string> }).crossed ?? [])].sort();

describe("TS engine: liveness under weak, strong and no fairness (test/fixtures/liveness)", function () {
  this.timeout(120_000);

  it("the fixtures use fairness per process and per step, and every temporal form", () => {
    const blinker = protocolOf("blinker").ir;
    const phases = protocolOf("phases").ir;
    const fairness = (ir: typeof blinker, name: string) => ir.processes.find((p) => p.name === name)!;
    expect(fairness(blinker, "weak").fairness).to.equal("weak");
    expect(fairness(blinker, "strong").fairness).to.equal("strong");
    expect(fairness(blinker, "unfair").fairness).to.equal("none");
    expect(fairness(blinker, "stepStrong").steps.map((s) => [s.label, s.fairness])).to.deep.equal([["getReady", undefined], ["cross", "strong"]]);
    expect(fairness(phases, "latch").steps.map((s) => s.fairness)).to.deep.equal(["strong"]);
    expect(fairness(phases, "noter").fairness).to.equal("none");
    expect(fairness(phases, "noter").steps.map((s) => [s.label, s.fairness])).to.deep.equal([["note", "weak"], ["relax", undefined]]);
    const text = ["blinker", "phases", "countdown"].map((f) => moduleText(protocolOf(f))).join("\n");
    expect(text).to.include("SF_vars(strong_next(self))").and.include("SF_vars(stepStrong_cross(self))").and.include("WF_vars(stepStrong_getReady(self))");
    expect(text).to.include("SF_vars(latch_latch(latch))").and.include("WF_vars(noter_note(noter))");
    expect(text).to.not.match(/F_vars\((unfair_|noter_relax|noter_next)/);
    // Each form, as the generated TLA+ writes it: [] <> ~> []<> <>[] and \A over a process set.
    for (const form of ["[](", "<>(", "~>", "[]<>(", "<>[](", "\\A p \\in Weak :"]) expect(text, form).to.include(form);
    for (const f of ["blinker", "phases", "countdown"]) {
      const ir = protocolOf(f).ir;
      const declared = ir.properties.filter((p) => p.kind === "temporal").map((p) => p.tsName);
      const cases = Object.values(CASES[f]!);
      for (const list of cases) expect(list.map((x) => x.property).sort(), `${f}: a verdict for every temporal property`).to.deep.equal([...declared].sort());
    }
  });

  for (const [fixture, scenarios] of Object.entries(CASES)) {
    for (const [scenario, list] of Object.entries(scenarios)) {
      for (const k of list) {
        it(`${fixture}/${scenario}: ${k.property} ${k.verdict} (${k.why})`, async () => {
          const r = await report(fixture, scenario, "ts");
          expect(r.error, r.error?.message).to.equal(undefined);
          const p = r.properties.find((x) => x.name === k.property);
          expect(p?.kind).to.equal("temporal");
          expect(p?.verdict).to.equal(k.verdict);
          if (k.verdict === "holds") {
            expect(p!.counterexample).to.equal(undefined);
            return;
          }
          const { rt, w } = await lasso(fixture, scenario, k.property);
          expect(lassoViolates(rt, irProperty(fixture, k.property), w), "the lasso violates the property").to.equal(true);
          expect(unfairness(rt, w), "the lasso is fair").to.deep.equal([]);
          if (k.loop) expect(p!.counterexample!.loop?.kind).to.equal(k.loop);
          else expect(p!.counterexample!.loop, "a lasso").to.not.equal(undefined);
        });
      }
    }
  }

  it("the same intermittently enabled step: violated under WF and none, holds under SF (per process or per step)", async () => {
    const r = await report("blinker", "blinking", "ts");
    const v = Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]));
    expect([v.weakCross, v.strongCross, v.stepStrongCross, v.unfairCross]).to.deep.equal(["violated", "holds", "holds", "violated"]);
    // Continuously enabled: WF suffices, no fairness still does not.
    const steady = Object.fromEntries((await report("blinker", "steady", "ts")).properties.map((p) => [p.name, p.verdict]));
    expect([steady.weakCross, steady.unfairCross]).to.deep.equal(["holds", "violated"]);
  });

  it("back-to-state where it cycles: the weak walker waits through a whole blink while the strong one has crossed", async () => {
    const { rt, w } = await lasso("blinker", "blinking", "weakCross");
    const loop = w.states.slice(w.loopStart);
    expect(w.loopStart).to.be.lessThan(w.states.length - 1);
    expect(new Set(loop.map((st) => (st.s as { on: boolean }).on)), "the loop has the lamp on and off").to.deep.equal(new Set([true, false]));
    for (const st of loop) {
      expect(crossed(st), "SF forced the strong walkers across before the loop").to.include.members(["s1", "t1"]);
      expect(crossed(st)).to.not.include("w1");
    }
    // The closing step is the lamp's; the weak walker takes no step in the loop.
    expect(w.steps[w.steps.length - 1]!.pid).to.equal("lamp");
    expect(w.steps.slice(w.loopStart).map((s) => s.pid)).to.not.include("w1");
    // The same lasso does not violate strongCross: the property evaluation tells them apart.
    expect(lassoViolates(rt, irProperty("blinker", "strongCross"), w)).to.equal(false);
    // And the reader rejects a trace the TypeScript does not do: the lamp's last state flipped.
    const cx = (await report("blinker", "blinking", "ts")).properties.find((p) => p.name === "weakCross")!.counterexample!;
    const tampered = structuredClone(cx);
    const last = tampered.states[tampered.states.length - 1]!;
    last.vars.on = { kind: "bool", value: !(last.vars.on as { value: boolean }).value };
    expect(() => walkTrace(rt, tampered)).to.throw(/does not lead there in the TypeScript/);
  });

  it("back-to-state where the dial cycles: the loop passes 0, 1 and 2", async () => {
    const { w } = await lasso("phases", "turning", "settlesAtZero");
    const dials = w.states.slice(w.loopStart).map((st) => (st.s as { dial: number }).dial);
    expect([...new Set(dials)].sort()).to.deep.equal([0, 1, 2]);
    expect(w.steps.slice(w.loopStart).every((s) => s.pid === "knob")).to.equal(true);
  });

  it("stuttering where the system stops: countdown ends, every process done", async () => {
    const { rt, w } = await lasso("countdown", "once", "backToTwo");
    const last = w.states[w.states.length - 1]!;
    expect(w.loopStart).to.equal(w.states.length - 1);
    expect(rt.isTerminated(last)).to.equal(true);
    expect((last.s as { n: number }).n).to.equal(0);
    expect(w.states.map((st) => (st.s as { n: number }).n)).to.deep.equal([2, 1, 0]);
  });

  it("stuttering with a continuously enabled unfair step: the system stops, only the unfair walker could move", async () => {
    const { rt, w } = await lasso("blinker", "steady", "unfairCross");
    const last = w.states[w.states.length - 1]!;
    expect((last.s as { on: boolean }).on).to.equal(true);
    expect(crossed(last)).to.deep.equal(["s1", "t1", "w1"]);
    expect(last.pc.lamp).to.equal("Done");
    expect(rt.successors(last, "u1").length, "the unfair walker's step is enabled").to.be.greaterThan(0);
    expect(rt.isTerminated(last)).to.equal(false);
    // The lasso reader is not vacuous: stutter instead at the first state where the lamp is on and
    // w1 still waits, and WF of w1 (and SF of s1) is broken.
    const at = w.states.findIndex((st) => (st.s as { on: boolean }).on && !crossed(st).includes("w1"));
    expect(at).to.be.at.least(0);
    const cut = { ...w, states: w.states.slice(0, at + 1), steps: w.steps.slice(0, at), loopStart: at };
    expect(unfairness(rt, cut).join("; ")).to.include("(w1)");
  });

  describe("against TLC (TLC tier)", function () {
    this.timeout(600_000);

    before(async function () {
      await requireTlc(this);
    });

    for (const [fixture, scenarios] of Object.entries(CASES)) {
      for (const [scenario, list] of Object.entries(scenarios)) {
        it(`${fixture}/${scenario}: TLC gives every verdict above, and crossCheck finds no problem`, async () => {
          const tlc = await report(fixture, scenario, "tlc");
          const ts = await report(fixture, scenario, "ts");
          expect(tlc.error, tlc.error?.message).to.equal(undefined);
          for (const k of list) {
            const p = tlc.properties.find((x) => x.name === k.property);
            expect(p?.verdict, `${k.property} on TLC`).to.equal(k.verdict);
            // TLC's lasso has the same shape (TLC reports `always` as an invariant: a finite trace).
            if (k.loop) expect(p!.counterexample?.loop?.kind, `${k.property}: TLC's loop`).to.equal(k.loop);
          }
          const x = crossCheck(protocolOf(fixture), tlc, ts);
          expect(x.problems, x.summary).to.deep.equal([]);
          expect(tlc.graph, "TLC's graph").to.not.equal(undefined);
          expect(ts.graph?.states.length).to.equal(tlc.graph!.states.length);
        });
      }
    }

    it("phases/turning: the always counterexample first breaks the predicate where TLC's shortest trace does", async () => {
      const tlc = (await report("phases", "turning", "tlc")).properties.find((p) => p.name === "neverLatchedAtZero")!;
      const { rt, w } = await lasso("phases", "turning", "neverLatchedAtZero");
      const d = rt.decl.properties!.neverLatchedAtZero as { formula: { pred: (s: unknown, c: unknown) => boolean } };
      const firstBad = w.states.findIndex((st) => !rt.evaluate(d.formula.pred, st));
      expect(firstBad + 1).to.equal(tlc.counterexample!.states.length);
    });
  });
});
