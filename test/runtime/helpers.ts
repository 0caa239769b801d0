// Shared by the runtime tests: the protocols they run, compiled once, and checker runs on them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { runEmbedded } from "../../tools/checker/embedded/run.ts";
import { tlcCommandLine, type TlcInstallation } from "../../tools/checker/tlc/discover.ts";
import { parseTlaValue } from "../../tools/checker/tlc/values.ts";
import { runTlc } from "../../tools/checker/tlc/run.ts";
import type { CheckResult, EngineName, TlaValue } from "../../tools/checker/types.ts";
import { modelText, type ModelPurpose } from "../../tools/compiler/emit/cfg.ts";
import { compileSourceFile, createProject, moduleText, REPO_ROOT, type CompiledProtocol } from "../../tools/compiler/index.ts";
import { exploreStates, ProtocolRuntime, type ExploreResult, type RuntimeOptions } from "../../tools/runtime/index.ts";

export const EXAMPLES_DIR = path.join(REPO_ROOT, "spec-src/examples");
export const KITCHEN_SINK = "test/fixtures/lang/kitchenSink.ts";
export const FIXTURES = "test/runtime/fixtures";

/** Every example protocol file (relative to the repository), then the kitchen-sink fixture. */
export function protocolFiles(): string[] {
  const examples = fs
    .readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => `spec-src/examples/${f}`);
  return [...examples, KITCHEN_SINK];
}

const compiledCache = new Map<string, CompiledProtocol>();
let project: ReturnType<typeof createProject> | undefined;

/** Compiled once, in one ts-morph project for all (half the type-checking work of one each). */
export function compiledOf(file: string): CompiledProtocol {
  let c = compiledCache.get(file);
  if (!c) {
    project ??= createProject();
    compiledCache.set(file, (c = compileSourceFile(project.addSourceFileAtPath(path.join(REPO_ROOT, file)))));
  }
  return c;
}

/** Every (protocol file, scenario) pair of the examples and the kitchen sink. */
export function allScenarios(): Array<{ file: string; compiled: CompiledProtocol; scenario: string }> {
  return protocolFiles().flatMap((file) => {
    const compiled = compiledOf(file);
    return compiled.ir.scenarios.map((s) => ({ file, compiled, scenario: s.name }));
  });
}

const runtimeCache = new Map<string, Promise<ProtocolRuntime>>();

/** A runtime per (file, scenario, options), loaded once. */
export function runtimeOf(file: string, scenario: string, opts: Omit<RuntimeOptions, "compiled" | "cwd"> = {}): Promise<ProtocolRuntime> {
  const key = `${file}#${scenario}#${JSON.stringify(opts)}`;
  let rt = runtimeCache.get(key);
  if (!rt) runtimeCache.set(key, (rt = ProtocolRuntime.fromCompiled(compiledOf(file), scenario, opts)));
  return rt;
}

const explored = new WeakMap<ProtocolRuntime, ExploreResult>();

/** Every state of the runtime's scenario (up to `maxStates`), explored once per runtime. */
export function exploredOf(rt: ProtocolRuntime, maxStates: number): ExploreResult {
  let r = explored.get(rt);
  if (!r) explored.set(rt, (r = exploreStates(rt, { maxStates })));
  return r;
}

/** A check of one model of a scenario (written to a temporary folder) with either engine. */
export async function checkModel(compiled: CompiledProtocol, scenario: string, purpose: ModelPurpose, engine: EngineName): Promise<CheckResult> {
  const s = compiled.ir.scenarios.find((x) => x.name === scenario)!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-runtime-test-"));
  try {
    const tlaFile = path.join(dir, `${compiled.ir.module}.tla`);
    const cfgFile = path.join(dir, `${scenario}.cfg`);
    fs.writeFileSync(tlaFile, moduleText(compiled));
    fs.writeFileSync(cfgFile, modelText(compiled.ir, s, purpose));
    const checkDeadlock = purpose.kind === "properties" && purpose.deadlock;
    return engine === "tlc" ? await runTlc({ tlaFile, cfgFile, checkDeadlock, workers: 1 }) : await runEmbedded({ tlaFile, cfgFile, checkDeadlock });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every reachable state of a scenario, as TLC dumps them (`-dump`): the model with no properties and
 * no deadlock check. TLC is run directly (the checker stage has no option for dumps).
 */
export async function tlcReachableStates(inst: TlcInstallation, compiled: CompiledProtocol, scenario: string): Promise<Array<Record<string, TlaValue>>> {
  const s = compiled.ir.scenarios.find((x) => x.name === scenario)!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-runtime-dump-"));
  try {
    fs.writeFileSync(path.join(dir, `${compiled.ir.module}.tla`), moduleText(compiled));
    fs.writeFileSync(path.join(dir, "all.cfg"), modelText(compiled.ir, s, EVERYTHING));
    const { file, args } = tlcCommandLine(inst);
    const run = await execa(file, [...args, "-workers", "1", "-dump", "states", "-metadir", path.join(dir, "meta"), "-config", "all.cfg", `${compiled.ir.module}.tla`], {
      cwd: dir,
      reject: false,
      env: { JAVA_TOOL_OPTIONS: `-Djava.io.tmpdir=${dir}` },
    });
    const dump = path.join(dir, "states.dump");
    if (!fs.existsSync(dump)) throw new Error(`TLC wrote no state dump (exit ${run.exitCode}):\n${run.stdout.slice(-2000)}`);
    return parseStateDump(fs.readFileSync(dump, "utf8"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `State n:` blocks of `/\ var = value` lines (a long value continues on the following lines). */
export function parseStateDump(text: string): Array<Record<string, TlaValue>> {
  return text
    .split(/^State \d+:\s*$/m)
    .filter((block) => block.trim())
    .map((block) => {
      const vars: Array<[string, string]> = [];
      for (const line of block.split("\n")) {
        const m = /^\/\\ (\w+) = (.*)$/.exec(line);
        if (m) vars.push([m[1]!, m[2]!]);
        else if (line.trim() && vars.length) vars[vars.length - 1]![1] += "\n" + line;
      }
      return Object.fromEntries(vars.map(([k, v]) => [k, parseTlaValue(v)]));
    });
}

/** The model that explores everything: no properties, no deadlock check. Its distinct states are all reachable states. */
export const EVERYTHING: ModelPurpose = { kind: "properties", invariants: [], properties: [], deadlock: false };

/** A model that checks just one property (its TLA+ name), or the deadlock check. */
export function onlyProperty(compiled: CompiledProtocol, tsName: string | "deadlock"): ModelPurpose {
  if (tsName === "deadlock") return { kind: "properties", invariants: [], properties: [], deadlock: true };
  if (tsName === "TypeOK") return { kind: "properties", invariants: ["TypeOK"], properties: [], deadlock: false };
  const p = compiled.ir.properties.find((x) => x.tsName === tsName)!;
  return { kind: "properties", invariants: p.kind === "invariant" ? [p.tlaName] : [], properties: p.kind === "temporal" ? [p.tlaName] : [], deadlock: false };
}

/** Runs `body` with stdout and stderr captured. */
export async function captureOutput<T>(body: () => Promise<T>): Promise<{ value: T; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const value = await body();
    return { value, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}
