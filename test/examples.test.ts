// The example protocols (spec-src/examples): golden files, and real model checking.
//
// (a) Golden: compiling each example gives exactly the files under test/golden/<protocol>/.
//     Refresh them with `UPDATE_GOLDEN=1 npx mocha test/examples.test.ts` and review the diff.
// (b) TLC: every generated module parses in SANY; for every scenario, the generated spec and an
//     independent hand-written spec (test/fixtures/handwritten/<protocol>/) give the same verdict per
//     property, the same scenario verdict (incl. deadlock) and the same number of reachable states.
// (c) The embedded engine gives the same verdicts and state counts as TLC (known gaps are listed).
// (d) The verdicts match each scenario's `expect`.
//
// Per-property verdicts: TLC stops at the first violation, so when a scenario's model is violated each
// property is checked in a model of its own, derived from the scenario's model (same SPECIFICATION
// and CONSTANTS, one INVARIANT or PROPERTY, no deadlock check), and the reachable state count comes
// from a model with no properties and no deadlock check (so it does not depend on where a violation
// stops the search). When the scenario's model holds, it gives both. A witness is checked with its
// own model: TLC reports its negation violated exactly when the witness holds.
import { expect } from "chai";
import { execa } from "execa";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runEmbedded } from "../tools/checker/embedded/run.ts";
import { trackRun, untrackRun, type TrackedRun } from "../tools/checker/tlc/cleanupOnExit.ts";
import { discoverTlc, type TlcInstallation } from "../tools/checker/tlc/discover.ts";
import { runTlc } from "../tools/checker/tlc/run.ts";
import type { CheckRequest, CheckResult } from "../tools/checker/types.ts";
import { compileFile, REPO_ROOT, type CompiledProtocol } from "../tools/compiler/index.ts";
import type { IrProperty, IrScenario } from "../tools/compiler/ir.ts";
import { requireTlc } from "./helpers/tlc.ts";

const EXAMPLES_DIR = "spec-src/examples";
const GOLDEN_DIR = path.join(REPO_ROOT, "test/golden");
const HANDWRITTEN_DIR = path.join(REPO_ROOT, "test/fixtures/handwritten");
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === "1";

/**
 * Scenarios in which TLC must report a deadlock. A scenario's `expect` can only name properties, so
 * the expected deadlocks are listed here (see the report: the language has no way to say it yet).
 */


/**
 * Runs where the embedded engine is known not to agree with TLC, keyed `protocol/scenario/what`
 * (`what` is a property name, `scenario` or `reachableStates`), with the reason. Empty: it agrees on all.
 */
const EMBEDDED_GAPS: Record<string, string> = {};

type PropVerdict = "holds" | "violated" | "error";

interface ScenarioOutcome {
  /** The scenario's own model: all its properties, deadlock checking as the scenario says. */
  scenario: CheckResult;
  /** No properties, no deadlock check: the whole reachable state space. */
  reachable: CheckResult;
  properties: Map<string, { verdict: PropVerdict; result: CheckResult }>;
}

type Engine = (req: CheckRequest) => Promise<CheckResult>;

interface Example {
  name: string;
  file: string;
  compiled?: CompiledProtocol;
  error?: unknown;
}

const examples: Example[] = fs
  .readdirSync(path.join(REPO_ROOT, EXAMPLES_DIR))
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .map((f) => {
    const file = `${EXAMPLES_DIR}/${f}`;
    const name = path.basename(f, ".ts");
    try {
      return { name, file, compiled: compileFile(file) };
    } catch (error) {
      return { name, file, error };
    }
  });

/** Scenarios whose own `expect` says TLC must find a deadlock. */
const EXPECTED_DEADLOCKS = new Set(
  examples.flatMap((ex) => (ex.compiled?.ir.scenarios ?? []).filter((s) => s.expect.deadlock === "violated").map((s) => `${ex.name}/${s.name}`)),
);

function compiledOf(ex: Example): CompiledProtocol {
  if (!ex.compiled) throw ex.error;
  return ex.compiled;
}

// ---- files ----

function listFiles(dir: string, rel = ""): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), path.join(rel, e.name)) : [path.join(rel, e.name)]))
    .sort();
}

function writeFiles(root: string, files: Array<{ path: string; text: string }>): void {
  for (const f of files) {
    const p = path.join(root, f.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.text);
  }
}

/** The scenario's model without its properties and deadlock setting: SPECIFICATION and CONSTANTS. */
function baseModel(cfgText: string): string {
  const kept = cfgText.split("\n").filter((l) => !/^\s*(INVARIANTS?|PROPERTY|PROPERTIES|CHECK_DEADLOCK)\b/.test(l));
  while (kept.length && kept[kept.length - 1]!.trim() === "") kept.pop();
  return kept.join("\n") + "\n";
}

/** A copy of `models/<scenario>.cfg` checking one thing; returns its path. */
function derivedModel(dir: string, scenario: string, suffix: string, lines: string[]): string {
  const base = baseModel(fs.readFileSync(path.join(dir, `${scenario}.cfg`), "utf8"));
  const file = path.join(dir, `${scenario}.only-${suffix}.cfg`);
  fs.writeFileSync(file, base + [...lines, "CHECK_DEADLOCK FALSE", ""].join("\n"));
  return file;
}

// ---- running ----

const PARALLEL = Math.max(1, Math.min(4, os.cpus().length));

/** At most PARALLEL engine runs at a time across the whole file. */
let running = 0;
const waiting: Array<() => void> = [];
function limited(engine: Engine): Engine {
  return async (req) => {
    if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await engine(req);
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
const tlc = limited(runTlc);
const embedded = limited((req) => runEmbedded(req));

/** `EXAMPLES_VERBOSE=1` prints each scenario's verdicts and state counts. */
const VERBOSE = process.env.EXAMPLES_VERBOSE === "1";

function describeResult(r: CheckResult): string {
  if (r.verdict === "error") return `error (${r.error?.kind}: ${r.error?.message})`;
  if (r.verdict === "violated") return `violated (${r.violation?.kind}${r.violation?.name ? ` ${r.violation.name}` : ""})`;
  return "holds";
}

/**
 * Checks one scenario of a spec: its own model, the reachable state space, and each property alone.
 * `operatorOf` names a property's operator in this spec (the generated and hand-written specs use the
 * TS name for invariants and temporal properties; witnesses have their own models in both).
 */
async function checkScenario(
  engine: Engine,
  dir: string,
  tlaFile: string,
  scenario: IrScenario,
  properties: IrProperty[],
  operatorOf: (p: IrProperty) => string,
): Promise<ScenarioOutcome> {
  const chosen = properties.filter((p) => scenario.properties.includes(p.tsName));
  const req = (cfgFile: string, checkDeadlock: boolean): CheckRequest => ({ tlaFile, cfgFile, checkDeadlock, workers: 1, timeoutSeconds: 300 });
  const scenarioRun = await engine(req(path.join(dir, `${scenario.name}.cfg`), scenario.deadlock));
  // When the scenario's own model holds, TLC has explored every reachable state and found every
  // invariant and temporal property true: only the witnesses need runs of their own.
  const allHold = scenarioRun.verdict === "holds";
  const alone = chosen.filter((p) => p.kind === "witness" || !allHold);
  const tasks: Array<() => Promise<CheckResult>> = [
    ...(allHold ? [] : [() => engine(req(derivedModel(dir, scenario.name, "reachable", []), false))]),
    ...alone.map((p) => () => {
      if (p.kind === "witness") return engine(req(path.join(dir, `${scenario.name}.witness.${p.tsName}.cfg`), false));
      const line = `${p.kind === "invariant" ? "INVARIANT" : "PROPERTY"} ${operatorOf(p)}`;
      return engine(req(derivedModel(dir, scenario.name, p.tsName, [line]), false));
    }),
  ];
  const results = await Promise.all(tasks.map((task) => task()));
  const reachable = allHold ? scenarioRun : results.shift()!;
  const props = new Map<string, { verdict: PropVerdict; result: CheckResult }>();
  for (const p of chosen) {
    const i = alone.indexOf(p);
    const result = i < 0 ? scenarioRun : results[i]!;
    let verdict: PropVerdict = result.verdict;
    if (p.kind === "witness") {
      // The witness's model asks TLC to find a state satisfying it: "violated" means it was found.
      verdict = result.verdict === "violated" && result.violation?.kind === "invariant" ? "holds" : result.verdict === "holds" ? "violated" : "error";
    }
    props.set(p.tsName, { verdict, result });
  }
  return { scenario: scenarioRun, reachable, properties: props };
}

function summary(o: ScenarioOutcome): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {
    scenario: o.scenario.verdict === "violated" ? `violated (${o.scenario.violation?.kind})` : o.scenario.verdict,
    reachableStates: o.reachable.verdict === "holds" ? o.reachable.stats.distinctStates : describeResult(o.reachable),
  };
  for (const [name, p] of o.properties) out[name] = p.verdict === "error" ? describeResult(p.result) : p.verdict;
  return out;
}

/** The hand-written module of a protocol: the one .tla file in its folder. */
function handwrittenModule(protocol: string): string {
  const dir = path.join(HANDWRITTEN_DIR, protocol);
  const tla = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".tla")) : [];
  if (tla.length !== 1) throw new Error(`test/fixtures/handwritten/${protocol}/ must hold exactly one .tla module (found ${tla.length})`);
  return tla[0]!;
}

async function tlcAvailable(): Promise<boolean> {
  try {
    await discoverTlc();
    return true;
  } catch {
    return false;
  }
}

async function sany(inst: TlcInstallation, dir: string, file: string): Promise<{ ok: boolean; output: string }> {
  const r = await execa(inst.javaPath!, [`-Djava.io.tmpdir=${dir}`, "-cp", inst.jarPath!, "tla2sany.SANY", file], {
    cwd: dir,
    reject: false,
    all: true,
    timeout: 120_000,
    stdin: "ignore",
  });
  const output = r.all ?? "";
  // SANY exits with 0 even when it reports semantic errors: read its output too.
  const ok = r.exitCode === 0 && !/Semantic errors|\*\*\* ?Parse Error|Fatal errors|\*\*\* Errors:/.test(output);
  return { ok, output };
}

/** The scenario's own model is violated exactly when a property in it is, or by an expected deadlock. */
function expectScenarioVerdict(key: string, o: ScenarioOutcome, properties: IrProperty[]): void {
  const anyViolated = properties.some((p) => p.kind !== "witness" && o.properties.get(p.tsName)?.verdict === "violated");
  if (EXPECTED_DEADLOCKS.has(key)) {
    expect(describeResult(o.scenario), `${key}: the scenario's model`).to.equal("violated (deadlock)");
  } else if (anyViolated) {
    expect(o.scenario.verdict, `${key}: the scenario's model`).to.equal("violated");
    expect(o.scenario.violation?.kind).to.be.oneOf(["invariant", "property"]);
  } else {
    expect(describeResult(o.scenario), `${key}: the scenario's model`).to.equal("holds");
  }
}

// ---- (a) golden files ----

describe("examples: golden files", () => {
  for (const ex of examples) {
    it(`${ex.name} compiles to exactly test/golden/${ex.name}/`, () => {
      const compiled = compiledOf(ex);
      const dir = path.join(GOLDEN_DIR, compiled.name);
      if (UPDATE_GOLDEN) {
        fs.rmSync(dir, { recursive: true, force: true });
        writeFiles(GOLDEN_DIR, compiled.files);
      }
      const actual = compiled.files.map((f) => f.path).sort();
      const committed = listFiles(dir).map((f) => path.join(compiled.name, f));
      expect(actual, "generated files (refresh with UPDATE_GOLDEN=1)").to.deep.equal(committed);
      for (const f of compiled.files) {
        expect(f.text, `${f.path} differs from test/golden (refresh with UPDATE_GOLDEN=1)`).to.equal(fs.readFileSync(path.join(GOLDEN_DIR, f.path), "utf8"));
      }
    });
  }

  it("has no golden folder without an example", () => {
    const folders = fs.existsSync(GOLDEN_DIR) ? fs.readdirSync(GOLDEN_DIR) : [];
    if (UPDATE_GOLDEN) {
      for (const f of folders) if (!examples.some((e) => e.name === f)) fs.rmSync(path.join(GOLDEN_DIR, f), { recursive: true });
    }
    const remaining = fs.existsSync(GOLDEN_DIR) ? fs.readdirSync(GOLDEN_DIR).sort() : [];
    expect(remaining).to.deep.equal(examples.map((e) => e.name).sort());
  });

  it("every example has a hand-written spec and a model for each of its generated models", () => {
    for (const ex of examples) {
      const compiled = compiledOf(ex);
      handwrittenModule(ex.name);
      const have = fs.readdirSync(path.join(HANDWRITTEN_DIR, ex.name)).filter((f) => f.endsWith(".cfg")).sort();
      expect(have, `test/fixtures/handwritten/${ex.name}/`).to.deep.equal(compiled.models.map((m) => m.file).sort());
    }
  });

  it("every scenario of every example states the verdicts it expects", () => {
    for (const ex of examples) {
      for (const sc of compiledOf(ex).ir.scenarios) {
        expect(Object.keys(sc.expect), `${ex.name}/${sc.name}`).to.not.be.empty;
      }
    }
  });
});

// ---- (b), (c), (d): model checking ----

for (const ex of examples) {
  describe(`examples: ${ex.name} model checked`, function () {
    let tmp = "";
    let tracked: TrackedRun | undefined;
    let genDir = "";
    let handDir = "";
    let genModule = "";
    let handModule = "";
    const tlcOutcomes = new Map<string, Promise<{ generated: ScenarioOutcome; handwritten: ScenarioOutcome }>>();
    const scenarios = ex.compiled?.ir.scenarios ?? [];

    before(async function () {
      const compiled = compiledOf(ex);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), `ts2tla-example-${ex.name}-`));
      tracked = trackRun(tmp); // removed even if the run is interrupted
      genDir = path.join(tmp, "generated");
      handDir = path.join(tmp, "handwritten");
      writeFiles(genDir, compiled.files.map((f) => ({ path: path.basename(f.path), text: f.text })));
      fs.cpSync(path.join(HANDWRITTEN_DIR, ex.name), handDir, { recursive: true });
      genModule = path.join(genDir, path.basename(compiled.moduleFile));
      handModule = path.join(handDir, handwrittenModule(ex.name));
      // Start every scenario's TLC runs now (at most PARALLEL at a time); the tests wait for theirs.
      if (await tlcAvailable()) for (const sc of scenarios) tlcOutcome(sc).catch(() => undefined);
    });

    after(() => {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      if (tracked) untrackRun(tracked);
    });

    /** TLC on both specs for one scenario, run once and shared by the tests below. */
    const tlcOutcome = (sc: IrScenario) => {
      let p = tlcOutcomes.get(sc.name);
      if (!p) {
        const props = compiledOf(ex).ir.properties;
        p = (async () => {
          const [generated, handwritten] = await Promise.all([
            checkScenario(tlc, genDir, genModule, sc, props, (q) => q.tlaName),
            checkScenario(tlc, handDir, handModule, sc, props, (q) => q.tsName),
          ]);
          return { generated, handwritten };
        })();
        tlcOutcomes.set(sc.name, p);
      }
      return p;
    };

    it("the generated and the hand-written modules parse in SANY", async function () {
      const inst = await requireTlc(this);
      if (!inst.jarPath || !inst.javaPath) this.skip(); // a `tlc` wrapper script: no jar to run SANY from
      for (const file of [genModule, handModule]) {
        const r = await sany(inst, path.dirname(file), path.basename(file));
        expect(r.ok, `SANY on ${path.basename(file)}:\n${r.output}`).to.equal(true);
      }
    });

    for (const sc of scenarios) {
      it(`${sc.name}: TLC gives the generated and the hand-written spec the same verdicts and state counts`, async function () {
        await requireTlc(this);
        const { generated, handwritten } = await tlcOutcome(sc);
        const g = summary(generated);
        const h = summary(handwritten);
        if (VERBOSE) console.log(`        TLC ${ex.name}/${sc.name}: ${JSON.stringify(g)}`);
        expect(g, "generated vs hand-written (left: generated)").to.deep.equal(h);
        expect(generated.reachable.verdict, describeResult(generated.reachable)).to.equal("holds");
        if (generated.scenario.verdict === "holds") {
          expect(generated.scenario.stats.distinctStates).to.equal(handwritten.scenario.stats.distinctStates);
        }
      });

      it(`${sc.name}: TLC's verdicts are the ones the scenario expects`, async function () {
        await requireTlc(this);
        const { generated } = await tlcOutcome(sc);
        for (const [prop, want] of Object.entries(sc.expect)) {
          if (prop === "deadlock") continue; // checked by expectScenarioVerdict
          const got = generated.properties.get(prop);
          expect(got?.verdict, `${prop}: ${got ? describeResult(got.result) : "not checked"}`).to.equal(want);
        }
        for (const [name, p] of generated.properties) expect(p.verdict, `${name}: ${describeResult(p.result)}`).to.not.equal("error");
        expectScenarioVerdict(`${ex.name}/${sc.name}`, generated, compiledOf(ex).ir.properties);
      });

      it(`${sc.name}: the embedded engine agrees with TLC and the scenario's expect`, async function () {
        const props = compiledOf(ex).ir.properties;
        const outcome = await checkScenario(embedded, genDir, genModule, sc, props, (q) => q.tlaName);
        const e = summary(outcome);
        if (VERBOSE) console.log(`        embedded ${ex.name}/${sc.name}: ${JSON.stringify(e)}`);
        const gaps = Object.keys(EMBEDDED_GAPS).filter((k) => k.startsWith(`${ex.name}/${sc.name}/`));
        for (const k of gaps) delete e[k.split("/")[2]!];
        // Without TLC, compare with the expected verdicts alone.
        for (const [prop, want] of Object.entries(sc.expect)) {
          if (prop in e) expect(e[prop], `${prop} (embedded)`).to.equal(want);
        }
        if (!gaps.some((k) => k.endsWith("/scenario"))) expectScenarioVerdict(`${ex.name}/${sc.name}`, outcome, props);
        if (!(await tlcAvailable())) return;
        const t = summary((await tlcOutcome(sc)).generated);
        for (const k of gaps) delete t[k.split("/")[2]!];
        expect(e, "embedded vs TLC (left: embedded)").to.deep.equal(t);
      });
    }
  });
}
