// What the checker stage can use on this machine: Java, TLC, the embedded engine.
import { embeddedPackageVersion, runEngine } from "./embedded/engine.ts";
import { discoverTlc, findJava, javaVersion, TlcSetupError } from "./tlc/discover.ts";

export interface DoctorReport {
  java: { ok: boolean; path?: string; version?: string; problem?: string; hint?: string };
  tlc: {
    ok: boolean;
    /** The jar, or the `tlc` script when TLC comes from PATH. */
    path?: string;
    jarPath?: string;
    tlcCommand?: string;
    source?: "TLA2TOOLS_JAR" | "cache" | "PATH";
    version?: string;
    supportsDumpTraceJson: boolean;
    problem?: string;
    hint?: string;
  };
  embedded: { ok: boolean; version?: string; problem?: string };
}

const PROBE_SPEC = "---- MODULE Probe ----\nVARIABLE x\nInit == x = 0\nNext == x' = 1 - x\n====\n";

export async function doctorReport(opts: { env?: Record<string, string | undefined> } = {}): Promise<DoctorReport> {
  const env = opts.env ?? process.env;
  const [java, tlc, embedded] = await Promise.all([checkJava(env), checkTlc(env), checkEmbedded()]);
  return { java, tlc, embedded };
}

async function checkJava(env: Record<string, string | undefined>): Promise<DoctorReport["java"]> {
  const path = findJava(env);
  if (!path) return { ok: false, problem: "Java not found (JAVA_HOME unset or without bin/java, no java on PATH)", hint: "Install Java 11 or later and put it on PATH, or set JAVA_HOME" };
  const version = await javaVersion(path);
  return version ? { ok: true, path, version } : { ok: false, path, problem: `${path} -version did not report a version` };
}

async function checkTlc(env: Record<string, string | undefined>): Promise<DoctorReport["tlc"]> {
  try {
    const inst = await discoverTlc({ env });
    const report: DoctorReport["tlc"] = { ok: true, source: inst.source, supportsDumpTraceJson: inst.supportsDumpTraceJson };
    const where = inst.jarPath ?? inst.tlcCommand;
    if (where) report.path = where;
    if (inst.jarPath) report.jarPath = inst.jarPath;
    if (inst.tlcCommand) report.tlcCommand = inst.tlcCommand;
    if (inst.version) report.version = inst.version;
    return report;
  } catch (e) {
    if (e instanceof TlcSetupError) return { ok: false, supportsDumpTraceJson: false, problem: e.message, hint: e.hint };
    throw e;
  }
}

async function checkEmbedded(): Promise<DoctorReport["embedded"]> {
  let version: string;
  try {
    version = embeddedPackageVersion();
  } catch (e) {
    return { ok: false, problem: `the tla-checker package is not installed (${(e as Error).message})` };
  }
  const outcome = await runEngine(PROBE_SPEC, { cfg_source: "INIT Init\nNEXT Next\n", max_states: 100, max_depth: 10, allow_deadlock: true }, { timeoutMs: 30_000 });
  if (outcome.kind === "done" && outcome.result.success && outcome.result.states_explored === 2) return { ok: true, version };
  const why = outcome.kind === "done" ? `a probe spec gave ${outcome.result.error_type ?? "a wrong state count"}` : outcome.kind === "failed" ? outcome.message : outcome.kind;
  return { ok: false, version, problem: `the engine does not work: ${why}` };
}
