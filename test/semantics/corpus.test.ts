// The semantics corpus (issue #10): small valid protocols, each pinned down one of two ways.
//   - a diagnostic: the compiler rejects the construct with this code at this position;
//   - a run: the TS engine (on the TypeScript), the runtime itself (exhaustive exploration and random
//     `simulate` walks) and TLC (on the generated TLA+) give the same verdicts, the expected ones, and
//     reach the same states (TLC against the TS engine by the state-graph comparison of the
//     cross-check; the runtime's exploration against the TS engine by the states' values; every state
//     of a walk is one the TS engine reaches, and a walk that stops on a violation stops on one the
//     TS engine reports); or, for `run({}, { error })`, all three stop with a run-time error whose
//     message matches (JS does something the state cannot hold, e.g. q[-1] = v).
// The cases are in ./cases/*.ts, one file per class of the issue. The TLC part is a suite of its own
// that skips with one line when TLC is absent; the rest runs without it.
// Alone: npx mocha --no-config --node-option import=tsx --timeout 600000 test/semantics/corpus.test.ts
import { expect } from "chai";
import { createProject } from "../../tools/compiler/index.ts";
import { checkScenario, type ScenarioReport } from "../../tools/verify/scenario.ts";
import { crossCheck } from "../../tools/verify/crossCheck.ts";
import { CaseFolder, compileCase, expectedVerdicts, numbered, reportVerdicts, runtimeOutcome, stateKey, type Case, type CompileOutcome } from "../helpers/semantics.ts";
import { requireTlc } from "../helpers/tlc.ts";
import { CASES } from "./cases/index.ts";

const SCENARIO = "run";
const MAX_STATES = 5_000;

describe("semantics corpus", function () {
  this.timeout(120_000);
  const project = createProject();
  let folder: CaseFolder | undefined;
  /** Per run case: the compile and the TS engine's report, for the TLC suite. */
  const done = new Map<string, { compiled: CompileOutcome; ts: ScenarioReport }>();

  before(() => {
    folder = new CaseFolder();
    const names = new Set<string>();
    for (const c of CASES) {
      if (!/^[a-z][A-Za-z0-9]*$/.test(c.name)) throw new Error(`case name ${c.name}: letters and digits, starting lower-case`);
      if (names.has(c.name)) throw new Error(`case ${c.name} twice`);
      names.add(c.name);
    }
  });
  after(() => folder?.remove());

  it(`has at least 150 cases (${CASES.length})`, () => {
    expect(CASES.length).to.be.at.least(150);
  });

  async function tsRun(c: Case): Promise<{ compiled: CompileOutcome; ts: ScenarioReport }> {
    const known = done.get(c.name);
    if (known) return known;
    const compiled = compileCase(project, folder!, c);
    if (!compiled.ok) expect.fail(`diagnostics, expected none:\n${compiled.diagnostics.map((d) => `${d.line}:${d.col}: ${d.code} ${d.message}`).join("\n")}\n${numbered(compiled.text)}`);
    const ts = await checkScenario(compiled.compiled, SCENARIO, { engine: "ts", keepGraph: true, timeoutSeconds: 60 });
    const entry = { compiled, ts };
    done.set(c.name, entry);
    return entry;
  }

  for (const group of [...new Set(CASES.map((c) => c.group))]) {
    describe(group, () => {
      for (const c of CASES.filter((x) => x.group === group)) {
        const e = c.expect;
        if ("diagnostic" in e) {
          it(`${c.name}: ${typeof e.diagnostic === "string" ? e.diagnostic : "a diagnostic"}`, () => {
            const out = compileCase(project, folder!, c);
            if (out.ok) expect.fail(`compiled without a diagnostic, expected ${String(e.diagnostic)}\n${numbered(out.text)}`);
            const d = out.diagnostics[0]!;
            const line = e.line ?? out.line;
            const col = e.col ?? out.col;
            const got = `${d.line}:${d.col}: ${d.code} ${d.message}`;
            const where = `\n${numbered(out.text)}`;
            if (typeof e.diagnostic === "string") expect(d.code, `${got}${where}`).to.equal(e.diagnostic);
            else expect(`${d.code} ${d.message}`, `${got}${where}`).to.match(e.diagnostic);
            if (e.message) expect(d.message, `${got}${where}`).to.match(e.message);
            if (line !== undefined) expect(`${d.line}:${d.col}`, `${got} (expected at ${line}:${col})${where}`).to.equal(`${line}:${col}`);
          });
        } else {
          it(`${c.name}: the TS engine and the runtime agree${e.error ? " (a run-time error)" : Object.keys(e.verdicts).length ? ` (${Object.entries(e.verdicts).map(([k, v]) => `${k} ${v}`).join(", ")})` : ""}`, async () => {
            const { compiled, ts } = await tsRun(c);
            if (!compiled.ok) return;
            const where = `\n${numbered(compiled.text)}`;
            if (e.error) {
              // Every engine stops with a run-time error: the TS engine, and the runtime's own exploration.
              expect(ts.error?.kind, `the TS engine's error (${ts.error?.message})${where}`).to.equal("runtime-error");
              expect(ts.error!.message, where).to.match(e.error);
              const rt = await runtimeOutcome(compiled.compiled, SCENARIO, { maxStates: MAX_STATES, walks: 0, steps: 0 });
              expect(rt.errors.join("; "), `the runtime's exploration reaches the error${where}`).to.match(e.error);
              return;
            }
            expect(ts.error, `the TS engine failed: ${ts.error?.message}${where}`).to.equal(undefined);
            const want = expectedVerdicts(compiled.compiled, SCENARIO, e.verdicts);
            expect(reportVerdicts(ts), `the TS engine's verdicts${where}`).to.deep.equal(want);
            expect(ts.graph, `the TS engine explored every state${where}`).to.not.equal(undefined);
            const tsKeys = new Set(ts.graph!.states.map((s) => stateKey(s.vars)));
            if (e.states !== undefined) expect(tsKeys.size, `distinct states${where}`).to.equal(e.states);

            const rt = await runtimeOutcome(compiled.compiled, SCENARIO, { maxStates: MAX_STATES, walks: 3, steps: 20 });
            expect(rt.complete, `the runtime explored every state${where}`).to.equal(true);
            const onlyRt = [...rt.keys].filter((k) => !tsKeys.has(k));
            const onlyTs = [...tsKeys].filter((k) => !rt.keys.has(k));
            expect({ onlyRuntime: onlyRt.slice(0, 3), onlyTsEngine: onlyTs.slice(0, 3) }, `reachable states: the runtime ${rt.keys.size}, the TS engine ${tsKeys.size}${where}`).to.deep.equal({ onlyRuntime: [], onlyTsEngine: [] });
            const tsv = reportVerdicts(ts);
            for (const [name, v] of Object.entries(rt.verdicts)) expect(v, `the runtime's verdict on ${name} (TS engine: ${tsv[name]})${where}`).to.equal(tsv[name]);
            for (const w of rt.walks) {
              const stray = w.keys.find((k) => !tsKeys.has(k));
              expect(stray, `simulate seed ${w.seed} reaches a state the TS engine does not${where}`).to.equal(undefined);
              if (w.violation) expect(tsv[w.violation], `simulate seed ${w.seed} stops on ${w.violation}${where}`).to.equal("violated");
            }
          });
        }
      }
    });
  }

  describe("on TLC (the TLA+ against the TS engine)", function () {
    const savedToolOptions = process.env.JAVA_TOOL_OPTIONS;
    before(async function () {
      await requireTlc(this);
      // Speed only, for these tiny models (one JVM per TLC run, most of which is the JVM starting):
      // the client compiler alone. Unset again afterwards.
      if (savedToolOptions === undefined) process.env.JAVA_TOOL_OPTIONS = "-XX:TieredStopAtLevel=1";
    });
    after(() => {
      if (savedToolOptions === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    });
    const runCases = CASES.filter((x) => "run" in x.expect);
    type TlcRun = { compiled: Extract<CompileOutcome, { ok: true }>; ts: ScenarioReport; tlc: ScenarioReport; witnesses: Set<string> };
    const tlcRuns = new Map<string, Promise<TlcRun | { failed: unknown }>>();
    /**
     * TLC on a case's TLA+, witnesses left out (the TS engine and the runtime check them; one TLC run
     * each would double the time, and the state-graph comparison covers the states they are about).
     */
    async function runTlc(c: Case): Promise<TlcRun> {
      const { compiled, ts } = await tsRun(c);
      if (!compiled.ok) throw new Error("not compiled");
      const ir = compiled.compiled.ir;
      const witnesses = new Set(ir.properties.filter((p) => p.kind === "witness").map((p) => p.tsName));
      const narrowed = { ...compiled.compiled, ir: { ...ir, scenarios: ir.scenarios.map((s) => ({ ...s, properties: s.properties.filter((p) => !witnesses.has(p)) })) } };
      const tlc = await checkScenario(narrowed, SCENARIO, { engine: "tlc", keepGraph: true, workers: 1, timeoutSeconds: 120 });
      return { compiled, ts, tlc, witnesses };
    }
    /** The run of case `i`, with the next case's started alongside: most of a run is a JVM starting, and two overlap well on two cores. */
    async function tlcOf(i: number): Promise<TlcRun> {
      for (const c of runCases.slice(i, i + 2)) {
        if (!tlcRuns.has(c.name)) tlcRuns.set(c.name, runTlc(c).catch((failed: unknown) => ({ failed })));
      }
      const r = await tlcRuns.get(runCases[i]!.name)!;
      if ("failed" in r) throw r.failed;
      return r;
    }
    runCases.forEach((c, i) => {
      it(`${c.name}: TLC agrees`, async () => {
        const { compiled, ts, tlc, witnesses } = await tlcOf(i);
        const where = `\n${numbered(compiled.text)}`;
        const e = c.expect as Extract<Case["expect"], { run: true }>;
        if (e.error) {
          expect(tlc.error?.kind, `TLC's error (${tlc.error?.message})${where}`).to.equal("runtime-error");
          expect(tlc.error!.message, where).to.match(e.error);
          return;
        }
        expect(tlc.error, `TLC failed: ${tlc.error?.message}${where}`).to.equal(undefined);
        const want = Object.fromEntries(Object.entries(expectedVerdicts(compiled.compiled, SCENARIO, e.verdicts)).filter(([k]) => !witnesses.has(k)));
        expect(reportVerdicts(tlc), `TLC's verdicts${where}`).to.deep.equal(want);
        const x = crossCheck(compiled.compiled, tlc, ts);
        expect(x.problems, `${x.problems.join("\n")}${where}`).to.deep.equal([]);
        expect(x.summary, where).to.match(/agree on every verdict and on all \d+ reachable states/);
      });
    });
  });
});
