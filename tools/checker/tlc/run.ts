// Run TLC on a CheckRequest. Each run works in its own temporary directory (copies of the spec, cfg and
// extra modules; its own metadir, JVM tmpdir, dump and user files), so parallel runs cannot clash and
// nothing is left in the caller's tree. The directory is removed afterwards in every case.
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { constants as osConstants, tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import type { CheckError, CheckRequest, CheckResult } from "../types.ts";
import { trackRun, untrackRun, type TrackedRun } from "./cleanupOnExit.ts";
import { Code } from "./codes.ts";
import { tlcInvocation, type TlcInvocation } from "./commandLine.ts";
import { discoverTlc, TlcSetupError, type TlcInstallation } from "./discover.ts";
import { parseProgress } from "./messageText.ts";
import { interpretTlcOutput } from "./result.ts";
import { parseTlcStateDump } from "./stateDump.ts";
import { diskFullError, isNoSpace } from "../diskFull.ts";
import { overMemoryError, treeRss, watchMemory } from "../memoryLimit.ts";
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

/** How the TLC process ended (the fields of execa's result that matter here). */
interface ProcessEnd {
  exitCode?: number;
  signal?: string;
  timedOut: boolean;
  isCanceled: boolean;
  code?: string;
}

export async function runTlc(req: CheckRequest, opts: RunTlcOptions = {}): Promise<CheckResult> {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  const failure = (error: CheckError): CheckResult => ({ engine: "tlc", verdict: "error", stats: { seconds: seconds() }, error });

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

  const tempRoot = opts.tempRoot ?? tmpdir();
  const diskFull = (e: unknown): CheckResult => {
    if (isNoSpace(e)) return failure(diskFullError("TLC ran out of disk space", tempRoot));
    throw e;
  };
  let runDir: string;
  try {
    runDir = await mkdtemp(path.join(tempRoot, "ts2tla-tlc-"));
  } catch (e) {
    return diskFull(e);
  }
  const tracked = trackRun(runDir);
  try {
    const files = [req.tlaFile, req.cfgFile, ...(req.extraModules ?? [])];
    try {
      await Promise.all(files.map((f) => copyFile(f, path.join(runDir, path.basename(f)))));
      await mkdir(path.join(runDir, "jtmp"));
    } catch (e) {
      return diskFull(e);
    }
    const invocation = tlcInvocation(req, inst, runDir, {
      ...(req.onProgress ? { progressIntervalSeconds: opts.progressIntervalSeconds ?? 2 } : {}),
      ...(env.JAVA_TOOL_OPTIONS ? { javaToolOptions: env.JAVA_TOOL_OPTIONS } : {}),
    });

    const warnings: string[] = [];
    const onEvent = (e: ToolEvent) => {
      if (!req.onProgress || e.kind !== "message") return;
      if (e.message.code !== Code.PROGRESS && e.message.code !== Code.PROGRESS_SIMULATION) return;
      const p = parseProgress(e.message.text);
      if (!p) return;
      try {
        req.onProgress({ ...p, seconds: seconds() });
      } catch (err) {
        warnings.push(`The progress callback failed: ${(err as Error).message}`);
      }
    };
    const run = await runProcess(invocation, { ...env, ...invocation.envOverrides }, runDir, req, tracked, onEvent, opts.onSpawn);

    const jsonDump = invocation.dumpPath && existsSync(invocation.dumpPath) ? await readFile(invocation.dumpPath, "utf8") : undefined;
    const userOutput = invocation.userFile && existsSync(invocation.userFile) ? await readFile(invocation.userFile, "utf8") : undefined;
    const exitCode = run.end.exitCode;
    opts.onRaw?.({
      runDir,
      command: invocation.file,
      args: invocation.args,
      stdout: run.stdout,
      stderr: run.stderr,
      ...(exitCode !== undefined ? { exitCode } : {}),
      ...(jsonDump !== undefined ? { jsonDump } : {}),
      ...(userOutput !== undefined ? { userOutput } : {}),
    });

    const result = interpretTlcOutput({
      events: run.events,
      stderr: run.stderr,
      seconds: seconds(),
      tempRoot,
      ...(exitCode !== undefined ? { exitCode } : {}),
      ...(jsonDump !== undefined ? { jsonDump } : {}),
      ...(userOutput !== undefined ? { userOutput } : {}),
    });
    if (req.traceSource === "json" && !inst.supportsDumpTraceJson) warnings.push("This TLC has no -dumpTrace json; the counterexample comes from its text output");
    if (warnings.length > 0) result.warnings = [...(result.warnings ?? []), ...warnings];

    if (run.overMemory !== undefined) return failure(overMemoryError("TLC", run.overMemory, req.memoryLimit!));
    const finished = run.events.some((e) => e.kind === "message" && e.message.code === Code.FINISHED);
    const stopped = processFailure(run.end, req, inst, finished, run.stderr);
    let final = result;
    if (stopped && result.error?.kind !== "out-of-memory") {
      const { violation: _v, counterexample: _c, ...rest } = result;
      final = { ...rest, verdict: "error", error: stopped };
    }
    if (req.dumpStates) await attachStateGraph(final, invocation.stateDumpPath);
    return final;
  } finally {
    untrackRun(tracked);
    await rm(runDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

/** Read TLC's state dump into `result.stateGraph`; any problem with it is a warning, not a failure. */
async function attachStateGraph(result: CheckResult, dumpPath: string | undefined): Promise<void> {
  const warn = (w: string) => {
    result.warnings = [...(result.warnings ?? []), w];
  };
  if (!dumpPath) return warn("This TLC has no -dump option: no state graph");
  if (!existsSync(dumpPath)) {
    if (result.verdict !== "error") warn("TLC wrote no state dump: no state graph");
    return;
  }
  try {
    // The graph is complete only when TLC explored everything: a violation or an error stops it.
    result.stateGraph = parseTlcStateDump(await readFile(dumpPath, "utf8"), { complete: result.verdict === "holds" });
  } catch (e) {
    warn(`TLC's state dump could not be read: ${(e as Error).message}`);
  }
}

/** Start TLC, parse its stdout as it streams, wait for it to end. */
async function runProcess(
  invocation: TlcInvocation,
  env: Record<string, string | undefined>,
  runDir: string,
  req: CheckRequest,
  tracked: TrackedRun,
  onEvent: (e: ToolEvent) => void,
  onSpawn: RunTlcOptions["onSpawn"],
): Promise<{ events: ToolEvent[]; stdout: string; stderr: string; end: ProcessEnd; overMemory?: number }> {
  const parser = new ToolOutputParser();
  const events: ToolEvent[] = [];
  const take = (batch: ToolEvent[]) => {
    for (const e of batch) {
      events.push(e);
      onEvent(e);
    }
  };
  let stdout = "";
  let stderr = "";
  const child = execa(invocation.file, invocation.args, {
    cwd: runDir,
    env,
    extendEnv: false,
    reject: false,
    buffer: false,
    stdin: "ignore",
    cleanup: false, // cleanupOnExit.ts kills TLC if Node exits (and re-raises the signal)
    ...(req.timeoutSeconds ? { timeout: req.timeoutSeconds * 1000 } : {}),
    ...(req.signal ? { cancelSignal: req.signal } : {}),
    forceKillAfterDelay: 3000,
  });
  let overMemory: number | undefined;
  let stopWatching: (() => void) | undefined;
  if (child.pid !== undefined) {
    const pid = child.pid;
    tracked.pid = pid;
    onSpawn?.(pid, runDir);
    if (req.memoryLimit) {
      stopWatching = watchMemory(() => treeRss(pid), req.memoryLimit, (bytes) => {
        overMemory = bytes;
        child.kill("SIGKILL");
      });
    }
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
  const end = (await child) as ProcessEnd;
  stopWatching?.();
  take(parser.end());
  return { events, stdout, stderr, end, ...(overMemory !== undefined ? { overMemory } : {}) };
}

/** Why the process did not deliver TLC's own result, if that is the case. */
function processFailure(end: ProcessEnd, req: CheckRequest, inst: TlcInstallation, finished: boolean, stderr: string): CheckError | undefined {
  const javaHint = "Install Java 11 or later and put it on PATH, or set JAVA_HOME";
  if (end.timedOut) {
    return {
      kind: "timeout",
      message: `TLC did not finish within ${req.timeoutSeconds} s and was stopped`,
      hint: "Raise the timeout, add workers, or make the model smaller (fewer processes, smaller constants)",
    };
  }
  if (end.isCanceled) return cancelledError();
  if (end.exitCode === undefined && !end.signal) {
    return inst.jarPath
      ? { kind: "java-missing", message: `Could not start ${inst.javaPath}${end.code ? ` (${end.code})` : ""}`, hint: javaHint }
      : { kind: "tlc-missing", message: `Could not start ${inst.tlcCommand}${end.code ? ` (${end.code})` : ""}`, hint: "Check the tlc script on PATH, or set TLA2TOOLS_JAR" };
  }
  if (!inst.jarPath && end.exitCode === 127) {
    return { kind: "java-missing", message: `${inst.tlcCommand} could not start Java`, hint: javaHint, detail: stderr.trim() };
  }
  // A wrapper script reports its killed java as exit code 128 + signal number.
  const signal = end.signal ?? (end.exitCode !== undefined && end.exitCode > 128 ? signalName(end.exitCode - 128) : undefined);
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

const HEAP = /^\d+[kKmMgG]?$/;

function checkInputs(req: CheckRequest): CheckError | undefined {
  const files = [req.tlaFile, req.cfgFile, ...(req.extraModules ?? [])];
  for (const f of files) {
    if (!existsSync(f)) return { kind: "crash", message: `Input file not found: ${f}`, hint: "Generate the TLA+ files first, or fix the path" };
  }
  const names = files.map((f) => path.basename(f));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) return { kind: "crash", message: `Two input files are both named ${dup}`, hint: "TLC finds modules by file name: give each module a distinct name" };
  if (!req.tlaFile.endsWith(".tla")) return { kind: "crash", message: `Not a .tla file: ${req.tlaFile}`, hint: "Pass the TLA+ module to check as tlaFile" };
  if (req.heap && !HEAP.test(req.heap)) return { kind: "crash", message: `Bad heap size ${JSON.stringify(req.heap)}`, hint: "Use a JVM size such as 512m or 4g" };
  return undefined;
}
