// Reading saved TLC runs (test/fixtures/trace-runs: real -tool output and -dumpTrace json files of the
// examples, recorded by test/helpers/traceRuns.ts): both forms give the same Trace; broken, cut,
// garbled or foreign input gives a TraceError with a one-line message and a hint, never a crash.
import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { probeFor } from "../../tools/trace/compiled.ts";
import { TraceError, type TraceErrorCode } from "../../tools/trace/errors.ts";
import { loadTrace, type LoadTraceOptions } from "../../tools/trace/fromRun.ts";
import { readTlcRun } from "../../tools/trace/load.ts";
import type { Trace } from "../../tools/trace/types.ts";
import { CASES, compiled, TRACE_RUNS_DIR, type ViolationCase } from "../helpers/traceRuns.ts";

const fixture = (name: string, kind: "stdout.txt" | "trace.json") => readFileSync(path.join(TRACE_RUNS_DIR, `${name}.${kind}`), "utf8");
const caseNamed = (name: string) => CASES.find((k) => k.name === name)!;
const mapOf = (k: ViolationCase) => compiled(k.file).sourceMap;
const withEngine = (k: ViolationCase, scenario?: string): LoadTraceOptions => ({ ...(scenario ? { scenario } : {}), probeFor: (s) => probeFor(compiled(k.file), s) });

function failure(fn: () => unknown): TraceError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TraceError) return e;
    throw e;
  }
  expect.fail("expected a TraceError");
}

function expectError(fn: () => unknown, code: TraceErrorCode, message: RegExp): TraceError {
  const e = failure(fn);
  expect(e.code).to.equal(code);
  expect(e.message).to.match(message);
  expect(e.message).to.not.include("\n");
  expect(e.hint).to.be.a("string").and.not.equal("");
  return e;
}

/** What must agree between two decodes of one counterexample. */
const shape = (t: Trace) => t.steps.map((s) => ({ n: s.n, actor: s.actor, label: s.label, at: s.at, state: s.state, changes: s.changes }));

describe("reading saved TLC runs", function () {
  this.timeout(120_000);

  for (const k of CASES) {
    it(`reads ${k.name} from the -tool output and from the -dumpTrace json file alike`, () => {
      const fromText = loadTrace(fixture(k.name, "stdout.txt"), mapOf(k), withEngine(k, k.scenario));
      const fromJson = loadTrace(fixture(k.name, "trace.json"), mapOf(k), withEngine(k, k.scenario));
      expect(fromText.source).to.equal("tool-text");
      expect(fromJson.source).to.equal("json-dump");
      expect(shape(fromJson)).to.deep.equal(shape(fromText));
      expect(fromJson.loop?.kind).to.equal(fromText.loop?.kind);
      expect(fromText.property.name).to.equal(k.property);
      expect(fromText.warnings).to.deep.equal([]);
      expect(fromText.steps.slice(1).every((s) => s.actorFrom === "action")).to.equal(true);
    });
  }

  it("names the property of a JSON dump (which does not say) from the last state, with the engine", () => {
    const calm = caseNamed("counter-calm");
    const t = loadTrace(fixture(calm.name, "trace.json"), mapOf(calm), withEngine(calm, calm.scenario));
    expect(t.property.name).to.equal("calm");
    expect(t.warnings[0]).to.equal("the input names no property; calm is false in the last state");
    const dl = caseNamed("deadlock-deadlock");
    expect(loadTrace(fixture(dl.name, "trace.json"), mapOf(dl), withEngine(dl, dl.scenario)).property.kind).to.equal("deadlock");
    const bikes = caseNamed("liveness-bikesCross");
    const bikesTrace = loadTrace(fixture(bikes.name, "trace.json"), mapOf(bikes), withEngine(bikes, bikes.scenario));
    expect(bikesTrace.property.name).to.equal("bikesCross");
    expect(bikesTrace.explanation.bindings).to.deep.equal([{ name: "p", value: { kind: "pid", value: "bike1" } }]);
    const cars = caseNamed("liveness-carsCross");
    const lasso = loadTrace(fixture(cars.name, "trace.json"), mapOf(cars), withEngine(cars, cars.scenario));
    expect(lasso.property.name).to.equal("carsCross");
    expect(lasso.warnings[0]).to.equal("the input names no property; the lasso violates carsCross");
    expect(lasso.explanation.headline).to.match(/^carsCross \(spec-src\/examples\/liveness\.ts:60:5\) is violated for p = "car1": car1 waits forever at step carWaits/);
    const unnamed = loadTrace(fixture(cars.name, "trace.json"), mapOf(cars), { scenario: cars.scenario });
    expect(unnamed.property.kind).to.equal("temporal");
    expect(unnamed.explanation.headline).to.match(/^A temporal property is violated: car1 waits forever at step carWaits/);
  });

  it("tells the scenario from the process ids when only one scenario has them", () => {
    const k = caseNamed("twoPhase-consistent");
    expect(loadTrace(fixture(k.name, "stdout.txt"), mapOf(k), withEngine(k)).scenario).to.equal("buggyCoordinator");
    const dl = caseNamed("deadlock-deadlock");
    const t = loadTrace(fixture(dl.name, "stdout.txt"), mapOf(dl), withEngine(dl));
    expect(t.scenario).to.equal(undefined);
    expect(t.warnings.at(-1)).to.match(/pass --scenario/);
  });

  it("reads a run without the engine", () => {
    const k = caseNamed("liveness-carsCross");
    const t = loadTrace(fixture(k.name, "stdout.txt"), mapOf(k), { scenario: k.scenario });
    expect(t.explanation.evidence).to.equal("trace");
    expect(t.explanation.processes.find((f) => f.id === "car1")?.status).to.equal("idle");
  });

  describe("bad input", () => {
    const k = caseNamed("twoPhase-consistent");
    const map = mapOf(k);
    const stdout = fixture(k.name, "stdout.txt");
    const json = fixture(k.name, "trace.json");

    it("an empty file, garbage, or TLC output without -tool", () => {
      expectError(() => readTlcRun("", map), "unknown-format", /empty/);
      expectError(() => readTlcRun("\u0000\u0001garbage \u00ff", map), "unknown-format", /neither TLC -tool output nor a -dumpTrace json file/);
      const plain = "TLC2 Version 2.19 of 08 August 2024\nError: Invariant consistent is violated.\nState 1: <Initial predicate>\n/\\ x = 1\n";
      expectError(() => readTlcRun(plain, map), "unknown-format", /without -tool/);
    });

    it("a JSON dump cut short, of an unknown shape, or of the unsupported 2022 format", () => {
      expectError(() => readTlcRun(json.slice(0, json.length / 2), map), "unreadable", /cut short or not JSON/);
      expectError(() => readTlcRun('{"foo": 1}', map), "unknown-format", /unknown -dumpTrace json shape/);
      expectError(() => readTlcRun("[]", map), "unknown-format", /bare array/);
    });

    it("-tool output of a run that found nothing, or failed", () => {
      const ok = "@!@!@STARTMSG 2193:0 @!@!@\nModel checking completed. No error has been found.\n@!@!@ENDMSG 2193 @!@!@\n";
      expectError(() => readTlcRun(ok, map), "no-counterexample", /found no error/);
      const cut = stdout.slice(0, stdout.indexOf("@!@!@STARTMSG 2110"));
      expectError(() => readTlcRun(cut, map), "no-counterexample", /did not finish with a counterexample/);
    });

    it("-tool output cut in the middle of the trace", () => {
      const at = stdout.indexOf("@!@!@STARTMSG 2217", stdout.indexOf("@!@!@STARTMSG 2217") + 10);
      const cut = stdout.slice(0, at + 60);
      const e = failure(() => readTlcRun(cut, map));
      expect(e.code).to.equal("unreadable");
    });

    it("a run of another protocol, or of another version of this one", () => {
      const other = caseNamed("deadlock-deadlock");
      expectError(() => readTlcRun(fixture(other.name, "stdout.txt"), map), "protocol-mismatch", /has variable owner, which twoPhase does not and lacks variables .*: it is not a trace of protocol twoPhase/);
      expectError(() => readTlcRun(stdout.replaceAll("participant_vote", "participant_ballot"), map), "protocol-mismatch", /takes action participant_ballot, which is not a step of protocol twoPhase/);
      expectError(() => readTlcRun(json.replaceAll('"learn"', '"listen"'), map), "protocol-mismatch", /at step "listen"/);
    });

    it("never crashes on any cut of any saved run", () => {
      let traces = 0;
      let errors = 0;
      for (const c of CASES) {
        for (const text of [fixture(c.name, "stdout.txt"), fixture(c.name, "trace.json")]) {
          for (let i = 1; i < 40; i++) {
            const cut = text.slice(0, Math.floor((text.length * i) / 40));
            try {
              loadTrace(cut, mapOf(c), { scenario: c.scenario });
              traces++;
            } catch (e) {
              if (!(e instanceof TraceError)) throw new Error(`${c.name} cut at ${cut.length}: ${(e as Error).stack}`);
              expect(e.message).to.not.include("\n");
              errors++;
            }
          }
        }
      }
      expect(errors).to.be.greaterThan(0);
      expect(traces + errors).to.equal(CASES.length * 2 * 39);
    });

    it("never crashes on garbled values", () => {
      const garbled = [
        stdout.replace(/"working"/, '"work'),
        stdout.replace(/\/\\ rm = /, "/\\ rm == "),
        stdout.replace(/<<>>/, "<<"),
        json.replace(/"prepared"/, "{}"),
        json.replace(/"r1"/g, "42"),
      ];
      for (const text of garbled) {
        try {
          const t = loadTrace(text, map, { scenario: k.scenario });
          expect(t.steps.length).to.be.greaterThan(0);
        } catch (e) {
          if (!(e instanceof TraceError)) throw e;
        }
      }
    });
  });
});
