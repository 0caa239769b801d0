// Trace replay: real counterexamples (embedded engine; TLC runs saved as fixtures, from both the JSON
// dump and the -tool text; live TLC) run through the TypeScript runtime step by step, and corrupted
// traces reported as mismatches with both states side by side.
import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { interpretTlcOutput } from "../../tools/checker/tlc/result.ts";
import { parseToolOutput } from "../../tools/checker/tlc/toolOutput.ts";
import type { Counterexample, TlaValue } from "../../tools/checker/types.ts";
import type { CompiledProtocol } from "../../tools/compiler/index.ts";
import { replayCounterexample, replayWithRuntime, type ReplayResult } from "../../tools/runtime/index.ts";
import { requireTlc } from "../helpers/tlc.ts";
import { CASES, TRACE_RUNS_DIR } from "../helpers/traceRuns.ts";
import { allScenarios, checkModel, compiledOf, FIXTURES, KITCHEN_SINK, onlyProperty, runtimeOf } from "./helpers.ts";

function expectOk(r: ReplayResult, what: string): void {
  if (!r.ok) expect.fail(`${what}: trace state ${r.step}: ${r.message}\n${r.diff}`);
}

const clone = <T>(v: T): T => structuredClone(v);

/** The violations the scenarios expect (`expect: { p: "violated" }`), and the ones they show without saying. */
function violations(): Array<{ file: string; compiled: CompiledProtocol; scenario: string; property: string }> {
  const unstated: Record<string, string[]> = {
    "deadlock oppositeOrder": ["deadlock"],
    "kitchenSink strict": ["clientsFinish", "janitorSweeps"],
  };
  return allScenarios().flatMap(({ file, compiled, scenario }) => {
    const expected = compiled.ir.scenarios.find((s) => s.name === scenario)!.expect;
    const props = [...new Set([...Object.keys(expected).filter((p) => expected[p] === "violated"), ...(unstated[`${compiled.name} ${scenario}`] ?? [])])];
    return props.map((property) => ({ file, compiled, scenario, property }));
  });
}

describe("runtime: replaying counterexamples", function () {
  this.timeout(300_000);

  describe("embedded engine: every violation of every example scenario", () => {
    for (const { file, compiled, scenario, property } of violations()) {
      it(`${compiled.name} ${scenario} ${property}`, async () => {
        const result = await checkModel(compiled, scenario, onlyProperty(compiled, property), "embedded");
        expect(result.verdict, result.error?.message).to.equal("violated");
        const r = replayWithRuntime(await runtimeOf(file, scenario), result.counterexample!);
        expectOk(r, `${compiled.name} ${scenario} ${property}`);
        expect(r.ok && r.skipped, "every variable compared").to.deep.equal([]);
      });
    }

    it("replays the TypeOK violation of a value leaving its type", async () => {
      const c = compiledOf(`${FIXTURES}/overflow.ts`);
      const result = await checkModel(c, "only", onlyProperty(c, "TypeOK"), "embedded");
      expect(result.verdict).to.equal("violated");
      expectOk(await replayCounterexample(c, "only", result.counterexample!), "overflow TypeOK");
    });
  });

  describe("TLC runs saved as fixtures (test/fixtures/trace-runs)", () => {
    for (const k of CASES) {
      it(k.name, async function () {
        const stdoutFile = path.join(TRACE_RUNS_DIR, `${k.name}.stdout.txt`);
        const jsonFile = path.join(TRACE_RUNS_DIR, `${k.name}.trace.json`);
        if (!existsSync(stdoutFile)) this.skip();
        const events = parseToolOutput(readFileSync(stdoutFile, "utf8"));
        const fromText = interpretTlcOutput({ events }).counterexample;
        expect(fromText, "a counterexample in the -tool text").to.exist;
        expect(fromText!.source).to.equal("tool-text");
        const rt = await runtimeOf(k.file, k.scenario);
        const r = replayWithRuntime(rt, fromText!);
        expectOk(r, `${k.name} (-tool text)`);
        if (fromText!.loop?.kind === "back-to-state") expect(r.ok && r.notes.join("\n")).to.match(/the loop back to state \d+ is a step of the TypeScript protocol/);
        if (existsSync(jsonFile)) {
          const fromJson = interpretTlcOutput({ events, jsonDump: readFileSync(jsonFile, "utf8") }).counterexample;
          expect(fromJson!.source).to.equal("json-dump");
          expectOk(replayWithRuntime(rt, fromJson!), `${k.name} (JSON dump)`);
        }
      });
    }
  });

  describe("live TLC", () => {
    // The saved runs above cover the examples; this one has process locals and a lasso.
    const cases: Array<{ file: string; scenario: string; property: string }> = [{ file: KITCHEN_SINK, scenario: "strict", property: "clientsFinish" }];
    const runs = new Map<string, Promise<Counterexample | string>>();

    before(async function () {
      await requireTlc(this);
      for (const k of cases) {
        const c = compiledOf(k.file);
        runs.set(
          k.property,
          checkModel(c, k.scenario, onlyProperty(c, k.property), "tlc").then((r) => r.counterexample ?? `${r.verdict}: ${r.error?.message ?? "no counterexample"}`),
        );
      }
    });

    for (const k of cases) {
      it(`${compiledOf(k.file).name} ${k.scenario} ${k.property}`, async () => {
        const cx = await runs.get(k.property)!;
        if (typeof cx === "string") expect.fail(`TLC: ${cx}`);
        const r = await replayCounterexample(compiledOf(k.file), k.scenario, cx);
        expectOk(r, k.property);
        expect(r.ok && r.skipped, "every variable compared").to.deep.equal([]);
      });
    }
  });

  describe("mismatches", () => {
    let cx: Counterexample;
    let lasso: Counterexample;

    before(async () => {
      const c = compiledOf("spec-src/examples/twoPhase.ts");
      cx = (await checkModel(c, "buggyCoordinator", onlyProperty(c, "consistent"), "embedded")).counterexample!;
      const l = compiledOf("spec-src/examples/liveness.ts");
      lasso = (await checkModel(l, "blinkingLight", onlyProperty(l, "carsCross"), "embedded")).counterexample!;
      expect(cx.states.length).to.be.greaterThan(3);
      expect(lasso.loop?.kind).to.equal("back-to-state");
    });

    const setVar = (cx: Counterexample, index: number, name: string, value: TlaValue): Counterexample => {
      const out = clone(cx);
      out.states[index - 1]!.vars[name] = value;
      return out;
    };

    it("reports a corrupted state as a mismatch at that state, with both states side by side", async () => {
      const rt = await runtimeOf("spec-src/examples/twoPhase.ts", "buggyCoordinator");
      const bad = setVar(cx, 3, "decision", { kind: "str", value: "abort" });
      const r = replayWithRuntime(rt, bad);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.step).to.equal(3);
      expect(r.message).to.match(/no run of any step from state 2 gives the checker's state 3/);
      expect(r.expected.decision).to.equal('"abort"');
      expect(r.actual?.decision).to.not.equal('"abort"');
      expect(r.diff).to.match(/! decision +TLA\+: "abort"\n +TS {2}: Null\n/);
      expect(r.diff).to.match(/^ {4}rm +=/m);
    });

    it("reports a corrupted initial state", async () => {
      const rt = await runtimeOf("spec-src/examples/twoPhase.ts", "buggyCoordinator");
      const r = replayWithRuntime(rt, setVar(cx, 1, "inbox", { kind: "seq", elems: [{ kind: "record", fields: { from: { kind: "modelValue", name: "r1" }, vote: { kind: "str", value: "yes" } } }] }));
      expect(r.ok).to.equal(false);
      if (!r.ok) {
        expect(r.step).to.equal(1);
        expect(r.message).to.match(/not an initial state/);
      }
    });

    it("reports a step that the named process cannot take", async () => {
      const rt = await runtimeOf("spec-src/examples/twoPhase.ts", "buggyCoordinator");
      const bad = clone(cx);
      // State 2 claims the coordinator moved, but the trace shows a participant's vote.
      bad.states[1]!.action = { name: "tm_collect", params: { self: { kind: "modelValue", name: "tm" } } };
      const r = replayWithRuntime(rt, bad);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.step).to.equal(2);
    });

    it("checks the loop's closing step of a liveness counterexample", async () => {
      const rt = await runtimeOf("spec-src/examples/liveness.ts", "blinkingLight");
      expectOk(replayWithRuntime(rt, lasso), "the real lasso");
      const bad = clone(lasso);
      bad.loop = { kind: "back-to-state", toIndex: 1 };
      const r = replayWithRuntime(rt, bad);
      expect(r.ok).to.equal(false);
      if (!r.ok) {
        expect(r.step).to.equal(1);
        expect(r.message).to.match(/closing step .* back to state 1 is not a step of the TypeScript protocol/);
      }
    });

    it("skips process locals it cannot read, and says so", async () => {
      const rt = await runtimeOf("spec-src/examples/twoPhase.ts", "buggyCoordinator", { probe: false });
      const r = replayWithRuntime(rt, cx);
      expectOk(r, "without the inspector");
      if (r.ok) {
        expect(r.skipped).to.deep.equal(["tm_yesVotes[tm]"]);
        expect(r.notes.join("\n")).to.match(/not compared: tm_yesVotes\[tm\] \(process locals: the inspector is not available/);
      }
      const withLocals = await runtimeOf("spec-src/examples/twoPhase.ts", "buggyCoordinator");
      if (!withLocals.localsReadable) return;
      const last = cx.states.length;
      const wrongLocal = setVar(cx, last, "tm_yesVotes", { kind: "fn", entries: [[{ kind: "modelValue", name: "tm" }, { kind: "int", value: 3 }]] });
      const bad = replayWithRuntime(withLocals, wrongLocal);
      expect(bad.ok, "a wrong local is a mismatch when locals are readable").to.equal(false);
    });
  });
});
