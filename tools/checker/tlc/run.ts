// Run TLC on a CheckRequest. Each run works in its own temporary directory (copies of the spec, cfg and
// extra modules; its own metadir, JVM tmpdir, dump and user files), so parallel runs cannot clash and
// nothing is left in the caller's tree. The directory is removed afterwards in every case.
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { constants as osConstants, tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import type { CheckError, CheckRequest, CheckResult } from "../types.ts";
import { trackRun, untrackRun } from "./cleanupOnExit.ts";
import { Code } from "./codes.ts";
import { discoverTlc, TlcSetupError, tlcCommandLine, type TlcInstallation } from "./discover.ts";
import { parseProgress } from "./messageText.ts";
import { interpretTlcOutput } from "./result.ts";
import { ToolOutputParser, type ToolEvent } from "./toolOutput.ts";

export interface RunTlcOptions {
  /** Environment for discovery and for TLC (default: process.env). */
  env?: Record<string, string | undefined>;
  /** Where the private run directory is created (default: the OS temp dir). */
  tempRoot?: string;
  /** Use this TLC instead of discovering one. */
  installation?: TlcInstallation;
  /** Seconds between TLC's progress reports when `onProgress` is set (default 2). */
  progressIntervalSeconds?: number;
  /** Called once TLC is started, with its process id and the run directory. */
  onSpawn?: (pid: number, runDir: string) => void;
  /** Called with TLC's raw output before the run directory is removed (fixture capture, debugging). */
  onRaw?: (raw: RawTlcRun) => void;
}

export interface RawTlcRun {
  runDir: string;
  command: string;
  args: string[];
  stdout: string;
  stderr: string;
  exitCode?: number;
  jsonDump?: string;
  userOutput?: string;
}

const HEAP = /^\d+[kKmMgG]?$/;

export async function runTlc(req: CheckRequest, opts: RunTlcOptions = {}): Promise<CheckResult> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  const failure = (error: CheckError, extra: Partial<CheckResult> = {}): CheckResult => ({
    engine: "tlc",
    verdict: "error",
    ...extra,
    stats: { ...extra.stats, seconds: seconds() },
    error,
  });

  if (req.signal?.aborted) return failure(cancelledError());
  const inputProblem = checkInputs(req);
  if (inputProblem) return failure(inputProblem);

  const env = opts.env ?? process.env;
  let inst: TlcInstallation;
  try {
    inst = opts.installation ?? (await discoverTlc({ env }));
  } catch (e) {
    if (e instanceof TlcSetupError) return failure({ kind: e.kind, message: e.message, hint: e.hint });
    throw e;
  }

  const runDir = await mkdtemp(path.join(opts.tempRoot ?? tmpdir(), "ts2tla-tlc-"));
  const tracked = trackRun(runDir);
  try {
    const files = [req.tlaFile, req.cfgFile, ...(req.extraModules ?? [])];
    await Promise.all(files.map((f) => copyFile(f, path.join(runDir, path.basename(f)))));
    const jvmTmp = path.join(runDir, "jtmp");
    await mkdir(jvmTmp);

    const supports = (option: string) => inst.options.length === 0 || inst.options.includes(option);
    const wantJson = req.traceSource !== "text";
    const useJson = wantJson && inst.supportsDumpTraceJson;
    const dumpPath = path.join(runDir, "trace.json");
    const userFile = path.join(runDir, "user-output.txt");

    const jvmArgs = ["-XX:+UseParallelGC", "-Duser.language=en", "-Duser.country=US", `-Djava.io.tmpdir=${jvmTmp}`];
    if (req.onProgress) jvmArgs.push(`-Dtlc2.TLC.progressInterval=${opts.progressIntervalSeconds ?? 2}`);
    if (req.heap) jvmArgs.push(`-Xmx${req.heap}`);

    const tlcArgs = ["-tool", "-metadir", path.join(runDir, "meta")];
    if (supports("-noGenerateSpecTE")) tlcArgs.push("-noGenerateSpecTE");
    tlcArgs.push("-workers", String(req.workers ?? 1), "-config", path.basename(req.cfgFile));
    if (supports("-userFile")) tlcArgs.push("-userFile", userFile);
    if (!req.checkDeadlock) tlcArgs.push("-deadlock");
    if (useJson) tlcArgs.push("-dumpTrace", "json", dumpPath);
    if (supports("-fp")) tlcArgs.push("-fp", "0");
    if (supports("-seed")) tlcArgs.push("-seed", "0");
    tlcArgs.push(path.basename(req.tlaFile));

    const base = tlcCommandLine(inst);
    const childEnv: Record<string, string | undefined> = { ...env };
    let args: string[];
    if (inst.jarPath) {
      args = [...jvmArgs, ...base.args, ...tlcArgs];
    } else {
      // A wrapper script builds its own java command line; JVM flags reach Java through this variable.
      childEnv.JAVA_TOOL_OPTIONS = [env.JAVA_TOOL_OPTIONS, ...jvmArgs].filter(Boolean).join(" ");
      args = [...base.args, ...tlcArgs];
    }

    const parser = new ToolOutputParser();
    const events: ToolEvent[] = [];
    const warnings: string[] = [];
    let stdout = "";
    let stderr = "";
    const take = (batch: ToolEvent[]) => {
      for (const e of batch) {
        events.push(e);
        if (req.onProgress && e.kind === "message" && (e.message.code === Code.PROGRESS || e.message.code === Code.PROGRESS_SIMULATION)) {
          const p = parseProgress(e.message.text);
          if (!p) continue;
          try {
            req.onProgress({ ...p, seconds: seconds() });
          } catch (err) {
            warnings.push(`The progress callback failed: ${(err as Error).message}`);
          }
        }
      }
    };

    const child = execa(base.file, args, {
      cwd: runDir,
      env: childEnv,
      extendEnv: false,
      reject: false,
      buffer: false,
      stdin: "ignore",
      cleanup: false, // cleanupOnExit.ts owns this (and re-raises the signal)
      ...(req.timeoutSeconds ? { timeout: req.timeoutSeconds * 1000 } : {}),
      ...(req.signal ? { cancelSignal: req.signal } : {}),
      forceKillAfterDelay: 3000,
    });
    if (child.pid !== undefined) {
      tracked.pid = child.pid;
      opts.onSpawn?.(child.pid, runDir);
    }
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      stdout += chunk;
      take(parser.push(chunk));
    });
    child.stderr?.on("data", (chunk: string) => {
      stderr += chunk;
    });
    const r = await child;
    take(parser.end());

    const jsonDump = existsSync(dumpPath) ? await readFile(dumpPath, "utf8") : undefined;
    const userOutput = existsSync(userFile) ? await readFile(userFile, "utf8") : undefined;
    opts.onRaw?.({
      runDir,
      command: base.file,
      args,
      stdout,
      stderr,
      ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
      ...(jsonDump !== undefined ? { jsonDump } : {}),
      ...(userOutput !== undefined ? { userOutput } : {}),
    });

    const interpreted = interpretTlcOutput({
      events,
      stderr,
      seconds: seconds(),
      ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
      ...(jsonDump !== undefined ? { jsonDump } : {}),
      ...(userOutput !== undefined ? { userOutput } : {}),
    });
    if (warnings.length > 0) interpreted.warnings = [...(interpreted.warnings ?? []), ...warnings];
    if (wantJson && !inst.supportsDumpTraceJson && req.traceSource === "json") {
      interpreted.warnings = [...(interpreted.warnings ?? []), "This TLC has no -dumpTrace json; the counterexample comes from its text output"];
    }

    const finished = events.some((e) => e.kind === "message" && e.message.code === Code.FINISHED);
    const stopped = processFailure(r as ProcessOutcome, req, inst, finished, stderr);
    if (stopped && interpreted.error?.kind !== "out-of-memory") {
      const { violation: _v, counterexample: _c, ...rest } = interpreted;
      return { ...rest, verdict: "error", error: stopped };
    }
    return interpreted;
  } finally {
    untrackRun(tracked);
    await rm(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

interface ProcessOutcome {
  exitCode?: number;
  signal?: string;
  timedOut: boolean;
  isCanceled: boolean;
  failed: boolean;
  code?: string;
}

/** Why the process did not deliver TLC's own result, if that is the case. */
function processFailure(r: ProcessOutcome, req: CheckRequest, inst: TlcInstallation, finished: boolean, stderr: string): CheckError | undefined {
  if (r.timedOut) {
    return {
      kind: "timeout",
      message: `TLC did not finish within ${req.timeoutSeconds} s and was stopped`,
      hint: "Raise the timeout, add workers, or make the model smaller (fewer processes, smaller constants)",
    };
  }
  if (r.isCanceled) return cancelledError();
  if (r.exitCode === undefined && !r.signal) {
    const missing = inst.jarPath ? "java-missing" : "tlc-missing";
    return {
      kind: missing,
      message: `Could not start ${inst.jarPath ? inst.javaPath : inst.tlcCommand}${r.code ? ` (${r.code})` : ""}`,
      hint: inst.jarPath ? "Install Java 11 or later and put it on PATH, or set JAVA_HOME" : "Check the tlc script on PATH, or set TLA2TOOLS_JAR",
    };
  }
  if (!inst.jarPath && r.exitCode === 127) {
    return { kind: "java-missing", message: `${inst.tlcCommand} could not start Java`, hint: "Install Java 11 or later and put it on PATH, or set JAVA_HOME", detail: stderr.trim() };
  }
  const signal = r.signal ?? (r.exitCode !== undefined && r.exitCode > 128 && !finished ? signalName(r.exitCode - 128) : undefined);
  if (signal && !finished) {
    return {
      kind: "killed",
      message: `TLC was killed by ${signal} before it finished`,
      hint: "If nobody stopped it, the system may have run out of memory (see dmesg); try a smaller heap or model",
    };
  }
  return undefined;
}

function signalName(n: number): string | undefined {
  return Object.entries(osConstants.signals).find(([, v]) => v === n)?.[0];
}

function cancelledError(): CheckError {
  return { kind: "killed", message: "The check was cancelled before TLC finished", hint: "Run the check again to get a verdict" };
}

function checkInputs(req: CheckRequest): CheckError | undefined {
  const files = [req.tlaFile, req.cfgFile, ...(req.extraModules ?? [])];
  for (const f of files) {
    if (!existsSync(f)) return { kind: "crash", message: `Input file not found: ${f}`, hint: "Generate the TLA+ files first, or fix the path" };
  }
  const names = files.map((f) => path.basename(f));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) return { kind: "crash", message: `Two input files are both named ${dup}`, hint: "TLC finds modules by file name: give each module a distinct name" };
  if (!/\.tla$/.test(req.tlaFile)) return { kind: "crash", message: `Not a .tla file: ${req.tlaFile}`, hint: "Pass the TLA+ module to check as tlaFile" };
  if (req.heap && !HEAP.test(req.heap)) return { kind: "crash", message: `Bad heap size ${JSON.stringify(req.heap)}`, hint: "Use a JVM size such as 512m or 4g" };
  return undefined;
}
