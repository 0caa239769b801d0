// Check a CheckRequest with the embedded `tla-checker` engine and map its result to a CheckResult with
// the same verdicts and violation kinds as the TLC runner.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { CheckError, CheckRequest, CheckResult, Violation } from "../types.ts";
import { summarizeCfg, type CfgSummary } from "./cfgSummary.ts";
import { overMemoryError } from "../memoryLimit.ts";
import { embeddedPackageVersion, runEngine, type EmbeddedRawResult } from "./engine.ts";
import { FlattenError, flattenModule } from "./flatten.ts";
import { EmbeddedTraceError, parseEmbeddedTrace } from "./traceText.ts";

export interface RunEmbeddedOptions {
  /** Default 5,000,000. */
  maxStates?: number;
  /** Default 10,000 (the engine's own default of 100 is too shallow). */
  maxDepth?: number;
}

const TLC_HINT = "Check this model with TLC instead (--engine tlc)";

export async function runEmbedded(req: CheckRequest, opts: RunEmbeddedOptions = {}): Promise<CheckResult> {
  const started = Date.now();
  const base = (): CheckResult => ({ engine: "embedded", engineVersion: `tla-checker ${version()}`, verdict: "error", stats: { seconds: Math.round((Date.now() - started) / 100) / 10 } });
  const failure = (error: CheckError): CheckResult => ({ ...base(), error });

  let spec: string;
  let cfg: string;
  const others = new Map<string, string>();
  try {
    spec = await readFile(req.tlaFile, "utf8");
    cfg = await readFile(req.cfgFile, "utf8");
    for (const f of req.extraModules ?? []) others.set(path.basename(f, ".tla"), await readFile(f, "utf8"));
  } catch (e) {
    return failure({ kind: "crash", message: `Cannot read an input file: ${(e as Error).message}`, hint: "Generate the TLA+ files first, or fix the path" });
  }
  try {
    spec = flattenModule(spec, others);
  } catch (e) {
    if (e instanceof FlattenError) return failure({ kind: "unsupported", message: `The embedded engine cannot load this spec: ${e.message}`, hint: TLC_HINT });
    throw e;
  }

  const outcome = await runEngine(
    spec,
    { cfg_source: cfg, max_states: opts.maxStates ?? 5_000_000, max_depth: opts.maxDepth ?? 10_000, allow_deadlock: !req.checkDeadlock },
    {
      ...(req.timeoutSeconds ? { timeoutMs: req.timeoutSeconds * 1000 } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(req.memoryLimit ? { memoryLimit: req.memoryLimit } : {}),
    },
  );
  switch (outcome.kind) {
    case "timeout":
      return failure({ kind: "timeout", message: `The embedded engine did not finish within ${req.timeoutSeconds} s and was stopped`, hint: "Raise the timeout, or check with TLC (--engine tlc)" });
    case "cancelled":
      return failure({ kind: "killed", message: "The check was cancelled before the embedded engine finished", hint: "Run the check again to get a verdict" });
    case "over-memory":
      return failure(overMemoryError("The embedded engine", outcome.bytes, req.memoryLimit!));
    case "failed":
      return failure({ kind: "crash", message: `The embedded engine failed: ${outcome.message}`, hint: TLC_HINT });
  }
  return mapResult(outcome.result, cfg, base());
}

function version(): string {
  try {
    return embeddedPackageVersion();
  } catch {
    return "unknown";
  }
}

function mapResult(raw: EmbeddedRawResult, cfgText: string, result: CheckResult): CheckResult {
  const cfg = summarizeCfg(cfgText);
  result.stats.distinctStates = raw.states_explored;
  const warnings = (raw.warnings ?? []).map((w) => (typeof w === "string" ? w : JSON.stringify(w)));
  if (raw.success) {
    result.verdict = "holds";
  } else {
    const message = (raw.error_message ?? "").trim();
    const violation = violationOf(raw.error_type ?? "", message, cfg);
    if (violation) {
      result.verdict = "violated";
      result.violation = violation;
    } else {
      result.error = errorOf(raw.error_type ?? "", message, cfgText);
    }
    if (violation || result.error?.kind === "runtime-error") {
      try {
        const ce = parseEmbeddedTrace(raw.trace);
        if (ce) result.counterexample = ce;
      } catch (e) {
        if (!(e instanceof EmbeddedTraceError)) throw e;
        warnings.push(`Could not read the embedded engine's trace: ${e.message}`);
      }
    }
  }
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

function violationOf(type: string, message: string, cfg: CfgSummary): Violation | undefined {
  switch (type) {
    case "InvariantViolation": {
      const index = /Invariant (\d+) violated/.exec(message)?.[1];
      const name = index !== undefined ? cfg.invariants[Number(index)] : undefined;
      return name ? { kind: "invariant", name, message: `Invariant ${name} is violated.` } : { kind: "invariant", message };
    }
    case "LivenessViolation":
    case "RefinementViolation": {
      // The engine prints the formula's syntax tree, not its name: the name is known only if the model has one property.
      const name = cfg.properties.length === 1 ? cfg.properties[0] : undefined;
      return name ? { kind: "property", name, message: `Temporal property ${name} was violated.` } : { kind: "property", message };
    }
    case "Deadlock":
      return { kind: "deadlock", message: "Deadlock reached." };
    case "AssumeViolation":
      return { kind: "assume", message };
    case "InitError":
    case "NextError": {
      const assertion = /^Assertion failed:\s*(.*)$/s.exec(message);
      if (!assertion) return undefined;
      const text = assertion[1]!.trim();
      return { kind: "assert", message: `Assert failed: ${/^".*"$/s.test(text) ? text.slice(1, -1) : text}` };
    }
  }
  return undefined;
}

function errorOf(type: string, message: string, cfgText: string): CheckError {
  const detail = message;
  const line = message.split("\n")[0]!;
  if (/<-/.test(cfgText.replace(/\\\*.*$/gm, "")) && /'<'/.test(message)) {
    return { kind: "unsupported", message: "The embedded engine does not support `<-` substitutions in the model (.cfg)", hint: TLC_HINT, detail };
  }
  switch (type) {
    case "ParseError": {
      const inner = /message: "((?:[^"\\]|\\.)*)"/.exec(message)?.[1];
      return {
        kind: "parse-error",
        message: `The embedded engine could not parse the spec: ${inner ? oneLine(unescape(inner)) : line}`,
        hint: "The embedded engine misreports some parse errors and lacks some syntax: check with TLC (--engine tlc) for SANY's verdict",
        detail,
      };
    }
    case "MissingConstants":
    case "ConfigError":
    case "RefinementConfigError":
    case "NonModelValueSymmetry":
      return { kind: "config-error", message: `The model (.cfg) is wrong: ${line}`, hint: "Every CONSTANT needs a value, and every name in the .cfg must be defined in the spec", detail };
    case "MaxStatesExceeded":
    case "MaxDepthExceeded":
    case "MaxTimeExceeded":
      return { kind: "unsupported", message: `The embedded engine stopped at its limit: ${line}`, hint: TLC_HINT, detail };
    case "InvariantError":
      if (/temporal operator/.test(message)) return { kind: "unsupported", message: `The embedded engine cannot check this property: ${oneLine(message)}`, hint: TLC_HINT, detail };
      break;
  }
  if (/^undefined (variable|operator)/.test(message)) {
    return { kind: "semantic-error", message: `The embedded engine found an undefined name: ${oneLine(message)}`, hint: "Define or import the name (the embedded engine may also not support this construct; try TLC)", detail };
  }
  if (["InitError", "NextError", "InvariantError", "AssumeError", "NoInitialStates", "InstanceError"].includes(type)) {
    return { kind: "runtime-error", message: `The embedded engine could not evaluate the spec: ${oneLine(message)}`, hint: "Fix the expression it names; the counterexample shows the states that lead to it", detail };
  }
  return { kind: "crash", message: `The embedded engine failed (${type || "no error type"}): ${oneLine(message)}`, hint: TLC_HINT, detail };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
}
