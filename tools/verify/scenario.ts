// Checks one scenario of a compiled protocol: a verdict for every property, the deadlock check and
// every witness, from as few checker runs as it can (one when everything holds).
import fs from "node:fs";
import path from "node:path";
import type { CheckError, CheckResult, CheckStats, Counterexample, EngineName, Violation } from "../checker/types.ts";
import { moduleText, type CompiledProtocol } from "../compiler/compiled.ts";
import { modelText, scenarioPurpose, vacuousProperties, type ModelPurpose } from "../compiler/emit/cfg.ts";
import { withTempDir } from "./tempdir.ts";
import { diskFullError, isNoSpace } from "../checker/diskFull.ts";
import { attributeToSource } from "./compilerBug.ts";
import type { ReplayCheck } from "./replay.ts";
import type { StateGraph } from "../checker/stateGraph.ts";
import { runTsEngine, stateGraphOf } from "../checker/ts/run.ts";
import type { IrScenario } from "../compiler/ir.ts";

export type PropertyVerdict = "holds" | "violated" | "unknown";

export interface PropertyReport {
  /** TS name of the property; `TypeOK` and `deadlock` for the built-in checks. */
  name: string;
  kind: "invariant" | "temporal" | "action" | "typeOK" | "deadlock";
  verdict: PropertyVerdict;
  expected?: "holds" | "violated";
  violation?: Violation;
  counterexample?: Counterexample;
  /** The counterexample replayed through the protocol's TypeScript (see replay.ts). */
  replay?: ReplayCheck;
  /** Holds because it quantifies over this process set, empty in the scenario (not given to the checker). */
  vacuousOver?: string;
}

export interface WitnessReport {
  name: string;
  reached: boolean | undefined;
  stats?: CheckStats;
}

export interface ScenarioReport {
  protocol: string;
  scenario: string;
  engine: EngineName;
  engineVersion?: string;
  verdict: "holds" | "violated" | "error";
  /** The first violated property, as the JSON shape names it. */
  violatedProperty?: string;
  properties: PropertyReport[];
  witnesses: WitnessReport[];
  /** Statistics of the scenario's first run (all properties together). */
  stats: CheckStats;
  /** Statistics of a run that explored the whole state space (no violation stopped it), if any. */
  completeStats?: CheckStats;
  runs: number;
  error?: CheckError;
  /** Verdicts that differ from the scenario's `expect`, or violations nobody expected. */
  surprises: string[];
  /** Every reachable state and step (a run that explored everything), when asked for: the cross-check compares them. */
  graph?: StateGraph;
  warnings?: string[];
}

export interface ScenarioOptions {
  engine: EngineName;
  workers?: number | "auto";
  timeoutSeconds?: number;
  traceSource?: "auto" | "json" | "text";
  heap?: string;
  memoryLimit?: number;
  onProgress?: (p: import("../checker/types.ts").Progress) => void;
  signal?: AbortSignal;
  /** Keep the state graph of a run that explored everything in the report (TLC: `-dump`). */
  keepGraph?: boolean;
  /** Folder the protocol's file is relative to (the TS engine loads it as a program). */
  cwd?: string;
}

type MainPurpose = Extract<ModelPurpose, { kind: "properties" }>;

export async function checkScenario(c: CompiledProtocol, scenarioName: string, opts: ScenarioOptions): Promise<ScenarioReport> {
  const scenario = c.ir.scenarios.find((s) => s.name === scenarioName);
  if (!scenario) throw new Error(`unknown scenario ${scenarioName}`);
  if (opts.engine === "ts") return checkScenarioTs(c, scenario, opts);
  const tsNameOf = new Map(c.ir.properties.map((p) => [p.tlaName, p.tsName]));
  const expectOf = (name: string) => scenario.expect[name];

  return withTempDir("ts2tla-check", async (dir) => {
    const tlaFile = path.join(dir, `${c.ir.module}.tla`);
    let runs = 0;
    const run = async (purpose: ModelPurpose): Promise<CheckResult> => {
      const cfgFile = path.join(dir, `run${++runs}.cfg`);
      try {
        if (runs === 1) fs.writeFileSync(tlaFile, moduleText(c));
        fs.writeFileSync(cfgFile, modelText(c.ir, scenario, purpose));
      } catch (e) {
        if (!isNoSpace(e)) throw e;
        return { engine: opts.engine, verdict: "error", stats: { seconds: 0 }, error: diskFullError("Could not write the model", path.dirname(dir)) };
      }
      // Loaded when used: the TLC runner and the embedded engine are not needed by the TS engine.
      const { checkWith } = await import("../checker/index.ts");
      return checkWith(opts.engine, {
        tlaFile,
        cfgFile,
        checkDeadlock: purpose.kind === "properties" ? purpose.deadlock : false,
        workers: opts.workers,
        timeoutSeconds: opts.timeoutSeconds,
        traceSource: opts.traceSource,
        heap: opts.heap,
        memoryLimit: opts.memoryLimit,
        onProgress: opts.onProgress,
        signal: opts.signal,
        dumpStates: opts.keepGraph === true && purpose.kind === "properties",
      });
    };

    const full = scenarioPurpose(c.ir, scenario);
    const reports = new Map<string, PropertyReport>();
    const record = (name: string, kind: PropertyReport["kind"], verdict: PropertyVerdict, result?: CheckResult): void => {
      reports.set(name, { name, kind, verdict, expected: expectOf(name), violation: result?.violation, counterexample: result?.counterexample });
    };
    const propertyKind = (tlaName: string): "temporal" | "action" => (c.ir.properties.find((p) => p.tlaName === tlaName)?.kind === "action" ? "action" : "temporal");
    let pending: MainPurpose = full;
    let first: CheckResult | undefined;
    let complete: CheckResult | undefined;
    let error: CheckError | undefined;
    let engineVersion: string | undefined;

    for (;;) {
      const result = await run(pending);
      first ??= result;
      engineVersion ??= result.engineVersion;
      if (result.verdict === "error") {
        error = result.error;
        break;
      }
      if (result.verdict === "holds") {
        complete = result;
        for (const inv of pending.invariants) record(displayName(inv, tsNameOf), inv === "TypeOK" ? "typeOK" : "invariant", "holds");
        for (const p of pending.properties) record(displayName(p, tsNameOf), propertyKind(p), "holds");
        if (pending.deadlock) record("deadlock", "deadlock", "holds");
        break;
      }
      const v = result.violation!;
      const next = { ...pending };
      if (v.kind === "deadlock") {
        record("deadlock", "deadlock", "violated", result);
        next.deadlock = false;
      } else if (v.kind === "invariant" && v.name && pending.invariants.includes(v.name)) {
        record(displayName(v.name, tsNameOf), v.name === "TypeOK" ? "typeOK" : "invariant", "violated", result);
        next.invariants = pending.invariants.filter((i) => i !== v.name);
      } else if (v.kind === "action-property" && v.name && pending.properties.includes(v.name)) {
        record(displayName(v.name, tsNameOf), "action", "violated", result);
        next.properties = pending.properties.filter((p) => p !== v.name);
      } else if ((v.kind === "property" || (v.kind === "invariant" && v.name && pending.properties.includes(v.name))) && (pending.properties.length === 1 || (v.name && pending.properties.includes(v.name)))) {
        const name = pending.properties.length === 1 ? pending.properties[0]! : v.name!;
        record(displayName(name, tsNameOf), propertyKind(name), "violated", result);
        next.properties = pending.properties.filter((p) => p !== name);
      } else if (v.kind === "property") {
        // TLC does not say which of several temporal properties failed: check them one by one.
        next.properties = [];
        for (const p of pending.properties) {
          const single = await run({ kind: "properties", invariants: [], properties: [p], deadlock: false });
          if (single.verdict === "error") {
            error = single.error;
            break;
          }
          record(displayName(p, tsNameOf), propertyKind(p), single.verdict === "holds" ? "holds" : "violated", single);
        }
        if (error) break;
      } else if (v.kind === "assert") {
        // The generated TLA+ asserts only where the TypeScript fails too (JsPut, JsIdx: an array index that JS cannot take).
        error = { kind: "runtime-error", message: `the TLA+ failed: ${v.message}`, hint: "fix the protocol: JavaScript fails there too (check the index against the array's length)" };
        break;
      } else {
        error = { kind: "crash", message: `the checker reported ${v.kind}: ${v.message}`, hint: "this protocol's generated TLA+ does not use ASSUME; report it as a ts2tla bug" };
        break;
      }
      pending = next;
      if (!pending.deadlock && pending.invariants.length === 0 && pending.properties.length === 0) break;
    }

    const witnesses: WitnessReport[] = [];
    if (!error) {
      for (const w of c.ir.properties.filter((p) => p.kind === "witness" && scenario.properties.includes(p.tsName))) {
        const r = await run({ kind: "witness", witness: w.tlaName });
        if (r.verdict === "error") {
          error = r.error;
          break;
        }
        witnesses.push({ name: w.tsName, reached: r.verdict === "violated", stats: r.stats });
      }
    }

    const properties = [...reports.values(), ...(error ? [] : vacuousReports(c, scenario))];
    const violated = properties.find((p) => p.verdict === "violated");
    const surprises = surprisesOf(scenario, properties, witnesses, error !== undefined);
    return {
      protocol: c.name,
      scenario: scenario.name,
      engine: opts.engine,
      engineVersion,
      verdict: error ? "error" : violated ? "violated" : "holds",
      violatedProperty: violated?.name,
      properties,
      witnesses,
      stats: first?.stats ?? { seconds: 0 },
      completeStats: complete?.stats,
      runs,
      error: error && attributeToSource(c, error),
      surprises,
      ...(complete?.stateGraph ? { graph: complete.stateGraph } : {}),
      ...(first?.warnings?.length ? { warnings: first.warnings } : {}),
    };
  });
}

/** One run of the TS engine gives every verdict and every witness. */
async function checkScenarioTs(c: CompiledProtocol, scenario: IrScenario, opts: ScenarioOptions): Promise<ScenarioReport> {
  const out = await runTsEngine({
    compiled: c,
    scenario: scenario.name,
    cwd: opts.cwd,
    timeoutSeconds: opts.timeoutSeconds,
    memoryLimit: opts.memoryLimit,
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  const tsNameOf = new Map(c.ir.properties.map((p) => [p.tlaName, p.tsName]));
  // A run that failed reports no verdict, not even those it had found before it stopped.
  const checks = out.error ? [] : out.checks;
  const properties: PropertyReport[] = checks.map((k) => ({
    name: displayName(k.name, tsNameOf),
    kind: k.kind,
    verdict: k.verdict,
    expected: scenario.expect[displayName(k.name, tsNameOf)],
    ...(k.violation ? { violation: k.violation } : {}),
    ...(k.counterexample ? { counterexample: k.counterexample } : {}),
  }));
  if (!out.error) properties.push(...vacuousReports(c, scenario));
  const witnesses: WitnessReport[] = out.error ? [] : [...out.witnesses].map(([name, reached]) => ({ name: displayName(name, tsNameOf), reached, stats: out.stats }));
  const error = out.error;
  const violated = properties.find((p) => p.verdict === "violated");
  return {
    protocol: c.name,
    scenario: scenario.name,
    engine: "ts",
    engineVersion: out.engineVersion,
    verdict: error ? "error" : violated ? "violated" : "holds",
    violatedProperty: violated?.name,
    properties,
    witnesses,
    stats: out.stats,
    ...(out.complete ? { completeStats: out.stats } : {}),
    runs: 1,
    ...(error ? { error } : {}),
    surprises: surprisesOf(scenario, properties, witnesses, error !== undefined),
    ...(opts.keepGraph && out.graph?.complete ? { graph: stateGraphOf(out.graph) } : {}),
    ...(out.warnings.length ? { warnings: out.warnings } : {}),
  };
}

/** The properties over a process set that is empty in the scenario: they hold, and no checker is asked. */
function vacuousReports(c: CompiledProtocol, scenario: IrScenario): PropertyReport[] {
  const tsNameOf = new Map(c.ir.properties.map((p) => [p.tlaName, p.tsName]));
  return [...vacuousProperties(c.ir, scenario)].map(([tlaName, set]) => {
    const name = displayName(tlaName, tsNameOf);
    return { name, kind: "temporal", verdict: "holds", expected: scenario.expect[name], vacuousOver: set };
  });
}

function surprisesOf(scenario: IrScenario, properties: PropertyReport[], witnesses: WitnessReport[], failed: boolean): string[] {
  const surprises: string[] = [];
  for (const p of properties) {
    const expected = p.expected ?? (p.verdict === "violated" ? "holds" : undefined);
    if (expected && expected !== p.verdict && p.verdict !== "unknown") surprises.push(`${p.name}: ${p.verdict}, expected ${expected}`);
  }
  for (const w of witnesses) {
    const expected = scenario.expect[w.name];
    if (expected === "violated" && w.reached) surprises.push(`witness ${w.name} is reached, expected unreachable`);
    if (expected !== "violated" && w.reached === false) surprises.push(`witness ${w.name} is unreachable: the scenario's "holds" verdicts may be vacuous`);
  }
  for (const [name, exp] of Object.entries(scenario.expect)) {
    if (!properties.some((p) => p.name === name) && !witnesses.some((w) => w.name === name) && !failed) surprises.push(`${name}: not checked, expected ${exp}`);
  }
  return surprises;
}

function displayName(tla: string, tsNameOf: Map<string, string>): string {
  return tsNameOf.get(tla) ?? tla;
}
