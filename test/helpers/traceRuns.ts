// Real counterexamples of the example protocols, for the trace tests: one checker run per violated
// property (just that property in the model), with TLC or the embedded engine. The TLC runs can be
// saved as fixtures (their -tool stdout and -dumpTrace json) for the tests that read saved runs:
//   npx tsx test/helpers/traceRuns.ts        (re-records test/fixtures/trace-runs/)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runEmbedded } from "../../tools/checker/embedded/run.ts";
import { runTlc, type RawTlcRun } from "../../tools/checker/tlc/run.ts";
import type { CheckResult, EngineName } from "../../tools/checker/types.ts";
import { modelText } from "../../tools/compiler/emit/cfg.ts";
import { compileFile, moduleText, type CompiledProtocol } from "../../tools/compiler/index.ts";

export const TRACE_RUNS_DIR = fileURLToPath(new URL("../fixtures/trace-runs/", import.meta.url));

export interface ViolationCase {
  /** Fixture and snapshot name. */
  name: string;
  file: string;
  scenario: string;
  /** TS name of the violated property, `TypeOK`, or `deadlock`. */
  property: string;
}

/** One case per kind of counterexample the examples produce. */
export const CASES: ViolationCase[] = [
  { name: "twoPhase-consistent", file: "spec-src/examples/twoPhase.ts", scenario: "buggyCoordinator", property: "consistent" },
  { name: "twoPhase-unanimity", file: "spec-src/examples/twoPhase.ts", scenario: "buggyCoordinator", property: "commitNeedsUnanimity" },
  { name: "deadlock-deadlock", file: "spec-src/examples/deadlock.ts", scenario: "oppositeOrder", property: "deadlock" },
  { name: "deadlock-embrace", file: "spec-src/examples/deadlock.ts", scenario: "oppositeOrderLiveness", property: "noDeadlyEmbrace" },
  { name: "deadlock-locksFreed", file: "spec-src/examples/deadlock.ts", scenario: "oppositeOrderLiveness", property: "locksFreedAgain" },
  { name: "liveness-carsCross", file: "spec-src/examples/liveness.ts", scenario: "blinkingLight", property: "carsCross" },
  { name: "liveness-bikesCross", file: "spec-src/examples/liveness.ts", scenario: "steadyLight", property: "bikesCross" },
  { name: "counter-calm", file: "test/fixtures/trace/counter.ts", scenario: "two", property: "calm" },
  { name: "counter-typeOK", file: "test/fixtures/trace/counter.ts", scenario: "two", property: "TypeOK" },
];

const compiledCache = new Map<string, CompiledProtocol>();
export function compiled(file: string): CompiledProtocol {
  let c = compiledCache.get(file);
  if (!c) compiledCache.set(file, (c = compileFile(file)));
  return c;
}

export interface CaseRun {
  case: ViolationCase;
  compiled: CompiledProtocol;
  result: CheckResult;
  raw?: RawTlcRun;
}

/** Check just the case's property (or deadlock) in the case's scenario. */
export async function runCase(k: ViolationCase, engine: EngineName, traceSource: "json" | "text" = "json"): Promise<CaseRun> {
  const c = compiled(k.file);
  const scenario = c.ir.scenarios.find((s) => s.name === k.scenario)!;
  const prop = c.ir.properties.find((p) => p.tsName === k.property);
  const deadlock = k.property === "deadlock";
  const purpose = {
    kind: "properties" as const,
    invariants: prop?.kind === "invariant" ? [prop.tlaName] : k.property === "TypeOK" ? ["TypeOK"] : [],
    properties: prop?.kind === "temporal" ? [prop.tlaName] : [],
    deadlock,
  };
  const dir = mkdtempSync(path.join(tmpdir(), "ts2tla-trace-test-"));
  try {
    const tlaFile = path.join(dir, `${c.ir.module}.tla`);
    const cfgFile = path.join(dir, "case.cfg");
    writeFileSync(tlaFile, moduleText(c));
    writeFileSync(cfgFile, modelText(c.ir, scenario, purpose));
    const req = { tlaFile, cfgFile, checkDeadlock: deadlock, traceSource };
    let raw: RawTlcRun | undefined;
    const result = engine === "tlc" ? await runTlc(req, { onRaw: (r) => (raw = r) }) : await runEmbedded(req);
    return raw ? { case: k, compiled: c, result, raw } : { case: k, compiled: c, result };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** TLC's stdout with the run directory (which varies) replaced, as saved in the fixtures. */
export function cleanStdout(raw: RawTlcRun): string {
  return raw.stdout.split(raw.runDir).join("<run>");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  mkdirSync(TRACE_RUNS_DIR, { recursive: true });
  for (const k of CASES) {
    const run = await runCase(k, "tlc");
    if (!run.raw || run.result.verdict !== "violated") throw new Error(`${k.name}: expected a violation, got ${run.result.verdict} ${run.result.error?.message ?? ""}`);
    writeFileSync(path.join(TRACE_RUNS_DIR, `${k.name}.stdout.txt`), cleanStdout(run.raw));
    if (run.raw.jsonDump !== undefined) writeFileSync(path.join(TRACE_RUNS_DIR, `${k.name}.trace.json`), run.raw.jsonDump);
    process.stdout.write(`recorded ${k.name}\n`);
  }
}
