// The command line of one TLC run in its private directory (see TLC.md, "Running it safely").
import path from "node:path";
import type { CheckRequest } from "../types.ts";
import { tlcCommandLine, type TlcInstallation } from "./discover.ts";
import { heapUnderCap } from "../memoryLimit.ts";

export interface TlcInvocation {
  file: string;
  args: string[];
  /** Variables to set on top of the caller's environment. */
  envOverrides: Record<string, string>;
  /** Absolute path TLC writes the JSON trace to, when `-dumpTrace json` is used. */
  dumpPath?: string;
  /** Absolute path of the `-userFile`, when this TLC has the option. */
  userFile?: string;
  /** Absolute path TLC writes the state graph to (`-dump dot,actionlabels`), when the request asks for it. */
  stateDumpPath?: string;
}

export interface InvocationOptions {
  /** Seconds between progress reports (TLC's default is 60). */
  progressIntervalSeconds?: number;
  /** The caller's JAVA_TOOL_OPTIONS, kept when a wrapper script is used. */
  javaToolOptions?: string;
}

/**
 * `runDir` holds copies of the spec, the cfg and the extra modules; TLC runs with it as working
 * directory, and everything TLC writes (metadir, JVM temp files, dumps) stays inside it.
 */
export function tlcInvocation(req: CheckRequest, inst: TlcInstallation, runDir: string, opts: InvocationOptions = {}): TlcInvocation {
  const supports = (option: string) => inst.options.length === 0 || inst.options.includes(option);

  // No hsperfdata: the JVM would keep its perf file in /tmp (whatever the tmpdir), and leave it behind when killed.
  const jvm = ["-XX:+UseParallelGC", "-Duser.language=en", "-Duser.country=US", `-Djava.io.tmpdir=${path.join(runDir, "jtmp")}`, "-XX:-UsePerfData"];
  if (opts.progressIntervalSeconds !== undefined) jvm.push(`-Dtlc2.TLC.progressInterval=${opts.progressIntervalSeconds}`);
  if (req.heap) jvm.push(`-Xmx${req.heap}`);
  else if (req.memoryLimit) jvm.push(`-Xmx${heapUnderCap(req.memoryLimit)}`);

  const invocation: TlcInvocation = { file: "", args: [], envOverrides: {} };
  const tlc = ["-tool", "-metadir", path.join(runDir, "meta")];
  if (supports("-noGenerateSpecTE")) tlc.push("-noGenerateSpecTE");
  tlc.push("-workers", String(req.workers ?? 1), "-config", path.basename(req.cfgFile));
  if (supports("-userFile")) {
    invocation.userFile = path.join(runDir, "user-output.txt");
    tlc.push("-userFile", invocation.userFile);
  }
  if (!req.checkDeadlock) tlc.push("-deadlock");
  if (req.traceSource !== "text" && inst.supportsDumpTraceJson) {
    invocation.dumpPath = path.join(runDir, "trace.json");
    tlc.push("-dumpTrace", "json", invocation.dumpPath);
  }
  if (req.dumpStates && supports("-dump")) {
    invocation.stateDumpPath = path.join(runDir, "states.dot");
    tlc.push("-dump", "dot,actionlabels", invocation.stateDumpPath);
  }
  // Fixed fingerprint function and seed: the same model gives the same run.
  if (supports("-fp")) tlc.push("-fp", "0");
  if (supports("-seed")) tlc.push("-seed", "0");
  tlc.push(path.basename(req.tlaFile));

  const base = tlcCommandLine(inst);
  invocation.file = base.file;
  if (inst.jarPath) {
    invocation.args = [...jvm, ...base.args, ...tlc];
  } else {
    // A wrapper script builds its own java command line; JVM flags reach Java through this variable.
    invocation.envOverrides.JAVA_TOOL_OPTIONS = [opts.javaToolOptions, ...jvm].filter(Boolean).join(" ");
    invocation.args = [...base.args, ...tlc];
  }
  return invocation;
}
