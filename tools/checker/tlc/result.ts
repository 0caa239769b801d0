// A finished TLC run (its `-tool` events, exit code, dump files) as a CheckResult.
import type { CheckError, CheckResult, CheckStats, Counterexample, Violation } from "../types.ts";
import { classifyCode, Code, type CodeCategory } from "./codes.ts";
import { describeExitCode, TLC_EXIT_CODES } from "./exitCodes.ts";
import { JsonDumpError, parseJsonDump } from "./jsonDump.ts";
import {
  oneLine,
  parseActionPropertyName,
  parseDepth,
  parseFinalStats,
  parseFinishedSeconds,
  parseInitialStates,
  parseInnermostPosition,
  parseInvariantName,
  parseLocation,
  parseProgress,
  parsePropertyNames,
  parseVersion,
  type SourceRange,
} from "./messageText.ts";
import { analyzeSanyText } from "./sanyText.ts";
import { diskFullError, NO_SPACE_TEXT } from "../diskFull.ts";
import { fullText, messagesOf, type ToolEvent, type ToolMessage } from "./toolOutput.ts";
import { extractTextCounterexamples, TraceTextError } from "./toolTrace.ts";
import { parseTlaValue } from "./values.ts";

export interface TlcOutput {
  events: readonly ToolEvent[];
  exitCode?: number;
  stderr?: string;
  /** The `-dumpTrace json` file's text, when TLC wrote one. */
  jsonDump?: string;
  /** The `-userFile` text (the model's Print output), when the run used one. */
  userOutput?: string;
  /** Wall-clock seconds; without it, TLC's own "Finished in" is used. */
  seconds?: number;
  /** The folder the run directory was made in, named when its disk is full. */
  tempRoot?: string;
}

const ERROR_CATEGORIES: ReadonlySet<CodeCategory> = new Set([
  "evaluation-error",
  "parse-error",
  "config-error",
  "option-error",
  "system-error",
  "unsupported",
  "out-of-memory",
]);

export function interpretTlcOutput(out: TlcOutput): CheckResult {
  const messages = messagesOf(out.events);
  const { sanyLines, stdoutLines } = splitUnframedText(out.events);
  const warnings: string[] = [];

  const result: CheckResult = { engine: "tlc", verdict: "error", stats: collectStats(messages, out.seconds) };
  const versionMessage = messages.find((m) => m.code === Code.VERSION);
  const version = versionMessage && parseVersion(versionMessage.text);
  if (version) result.engineVersion = version;
  if (out.exitCode !== undefined) result.exitCode = out.exitCode;

  const printed = printedLines(out.userOutput, stdoutLines);
  if (printed.length > 0) result.printed = printed;
  for (const m of messages) if (classifyCode(m.code, m.severity).category === "warning") warnings.push(oneLine(m.text));

  const oom = messages.find((m) => classifyCode(m.code, m.severity).category === "out-of-memory");
  const violationMessage = messages.find((m) => classifyCode(m.code, m.severity).category === "violation");
  const errorMessage = messages.find(
    (m) => m.code !== Code.NESTED_EXPRESSION && ERROR_CATEGORIES.has(classifyCode(m.code, m.severity).category),
  );

  // An OutOfMemoryError met while evaluating comes back as a 1000 message reading just "Java heap space".
  const oomText = /OutOfMemoryError|^(?:Reason:\s*)?(?:Java heap space|GC overhead limit exceeded)$/m;
  const heapMessage = messages.find((m) => oomText.test(fullText(m)));
  const diskFull = messages.find((m) => ERROR_CATEGORIES.has(classifyCode(m.code, m.severity).category) && NO_SPACE_TEXT.test(fullText(m)));
  if (oom || heapMessage || oomText.test(out.stderr ?? "") || stdoutLines.some((l) => l.includes("OutOfMemoryError"))) {
    result.error = {
      kind: "out-of-memory",
      message: "TLC ran out of memory",
      hint: "Give TLC more heap (the heap option, e.g. 4g) or make the model smaller (fewer processes, smaller constants)",
    };
    const reported = oom ?? heapMessage;
    const detail = reported ? fullText(reported) : tail(out.stderr);
    if (detail) result.error.detail = detail;
  } else if (diskFull || NO_SPACE_TEXT.test(out.stderr ?? "")) {
    // A full disk under the run directory: TLC fails writing its states, or reading the standard
    // modules it unpacks there (which then look like parse errors).
    const detail = diskFull ? fullText(diskFull) : tail(out.stderr);
    result.error = withDetail(diskFullError("TLC ran out of disk space", out.tempRoot), [detail]);
  } else if (violationMessage) {
    result.verdict = "violated";
    result.violation = describeViolation(violationMessage);
    const ce = counterexample(messages, out.jsonDump, warnings);
    if (ce) result.counterexample = ce;
  } else if (errorMessage) {
    result.error = describeError(errorMessage, messages, sanyLines, out.stderr);
    if (result.error.kind === "runtime-error") {
      const ce = counterexample(messages, undefined, warnings);
      if (ce) result.counterexample = ce;
    }
  } else if (messages.some((m) => m.code === Code.SUCCESS) || out.exitCode === 0) {
    result.verdict = "holds";
  } else {
    result.error = unexplainedExit(out.exitCode, out.stderr);
  }

  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

function splitUnframedText(events: readonly ToolEvent[]): { sanyLines: string[]; stdoutLines: string[] } {
  const sanyLines: string[] = [];
  const stdoutLines: string[] = [];
  let inSany = false;
  for (const e of events) {
    if (e.kind === "message") {
      if (e.message.code === Code.SANY_START) inSany = true;
      if (e.message.code === Code.SANY_END) inSany = false;
    } else (inSany ? sanyLines : stdoutLines).push(e.text);
  }
  return { sanyLines, stdoutLines };
}

const COUNTEREXAMPLE_WRITTEN = /^"?CounterExample written: /;

function printedLines(userOutput: string | undefined, stdoutLines: string[]): string[] {
  const lines = userOutput !== undefined ? userOutput.split(/\r?\n/) : stdoutLines;
  return lines.filter((l) => l.trim() !== "" && !COUNTEREXAMPLE_WRITTEN.test(l));
}

function collectStats(messages: readonly ToolMessage[], seconds: number | undefined): CheckStats {
  const finished = messages.find((m) => m.code === Code.FINISHED);
  const raw = seconds ?? (finished && parseFinishedSeconds(finished.text)) ?? 0;
  const stats: CheckStats = { seconds: Math.round(raw * 1000) / 1000 };
  const final = lastParsed(messages, Code.STATS, parseFinalStats);
  const progress = lastParsed(messages, Code.PROGRESS, parseProgress) ?? lastParsed(messages, Code.PROGRESS_SIMULATION, parseProgress);
  const initial = lastParsed(messages, Code.INIT_GENERATED, parseInitialStates);
  const counts = final ?? progress;
  if (counts) {
    if (counts.distinctStates >= 0) stats.distinctStates = counts.distinctStates;
    if (counts.statesGenerated >= 0) stats.statesGenerated = counts.statesGenerated;
  } else if (initial !== undefined) {
    stats.distinctStates = initial;
  }
  const depth = lastParsed(messages, Code.SEARCH_DEPTH, parseDepth) ?? progress?.depth;
  if (depth !== undefined) stats.depth = depth;
  return stats;
}

function lastParsed<T>(messages: readonly ToolMessage[], code: number, parse: (text: string) => T | undefined): T | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.code !== code) continue;
    const v = parse(messages[i]!.text);
    if (v !== undefined) return v;
  }
  return undefined;
}

function describeViolation(m: ToolMessage): Violation {
  const kind = classifyCode(m.code, m.severity).violation!;
  const firstLine = oneLine(m.text.split("\n")[0] ?? "");
  const violation: Violation = { kind, message: firstLine.replace(/:$/, "") };
  switch (kind) {
    case "invariant": {
      const name = parseInvariantName(m.text);
      if (name) violation.name = name;
      break;
    }
    case "action-property": {
      const name = parseActionPropertyName(m.text);
      if (name) violation.name = name;
      break;
    }
    case "property": {
      const names = parsePropertyNames(m.text);
      if (names.length > 0) violation.name = names[0]!;
      if (names.length > 1) violation.names = names;
      break;
    }
    case "assert":
      violation.message = `Assert failed: ${assertArgument(m.text.split("\n").slice(1).join("\n"))}`;
      break;
  }
  return violation;
}

/** The second argument of Assert, printed as a TLA+ value; a string is shown without quotes. */
function assertArgument(text: string): string {
  try {
    const v = parseTlaValue(text);
    if (v.kind === "str") return v.value;
  } catch {
    // not a value: show it as printed
  }
  return oneLine(text);
}

function counterexample(messages: readonly ToolMessage[], jsonDump: string | undefined, warnings: string[]): Counterexample | undefined {
  if (jsonDump !== undefined) {
    try {
      return parseJsonDump(jsonDump).counterexample;
    } catch (e) {
      if (!(e instanceof JsonDumpError)) throw e;
      warnings.push(`Could not read TLC's JSON trace (${e.message}); the counterexample comes from the text output`);
    }
  }
  try {
    return extractTextCounterexamples(messages)[0];
  } catch (e) {
    if (!(e instanceof TraceTextError)) throw e;
    warnings.push(`Could not read the counterexample in TLC's output: ${e.message}`);
    return undefined;
  }
}

function describeError(m: ToolMessage, messages: readonly ToolMessage[], sanyLines: string[], stderr: string | undefined): CheckError {
  const category = classifyCode(m.code, m.severity).category;
  const text = fullText(m);
  switch (category) {
    case "parse-error": {
      const sany = analyzeSanyText(sanyLines);
      const error: CheckError = {
        kind: sany?.kind ?? "parse-error",
        message: sany?.summary ?? oneLine(text),
        hint:
          sany?.hint ??
          (sany?.kind === "semantic-error"
            ? "Define or import the name SANY reports (if ts2tla generated this module, it is a compiler bug: please report it)"
            : "Fix the TLA+ syntax at that location (if ts2tla generated this module, it is a compiler bug: please report it)"),
      };
      const detail = sany?.detail ?? sanyLines.join("\n").trim();
      if (detail) error.detail = detail;
      if (sany?.location) error.location = sany.location;
      return error;
    }
    case "config-error":
      return {
        kind: "config-error",
        message: `The model (.cfg) is wrong: ${oneLine(text)}`,
        hint: "Every CONSTANT needs a value, and every name in the .cfg must be defined in the spec",
        detail: text,
      };
    case "option-error":
      return {
        kind: "unsupported",
        message: `TLC rejected its command line: ${oneLine(text.split("\n")[0]!.replace(/^Error:\s*/, ""))}`,
        hint: "This tla2tools.jar may be too old or too new for ts2tla: check it with the doctor, or set TLA2TOOLS_JAR to another one",
        detail: text,
      };
    case "unsupported":
      return {
        kind: "unsupported",
        message: `TLC cannot check this spec: ${oneLine(text)}`,
        hint: "Rewrite the property or model so that TLC supports it",
        detail: text,
      };
    case "system-error":
      return withDetail(
        { kind: "crash", message: `TLC failed: ${oneLine(text)}`, hint: "Re-run the check; if it fails again, report it with the output" },
        [text, tail(stderr)],
      );
    default: {
      const location = evaluationLocation(m, messages);
      const what = m.code === 1005 ? "Stack overflow while evaluating the spec (unbounded recursion?)" : runtimeMessage(text);
      const where = location ? ` (module ${location.module}, line ${location.line}, column ${location.col})` : "";
      const nested = messages.find((x) => x.code === Code.NESTED_EXPRESSION);
      return withDetail(
        {
          kind: "runtime-error",
          message: `TLC could not evaluate the spec: ${what}${where}`,
          hint: "Fix the expression at that location; the counterexample shows the states that lead to it",
        },
        [text, nested && fullText(nested)],
      );
    }
  }
}

const RUNTIME_BOILERPLATE = [
  /^TLC threw an unexpected exception\.$/,
  /^This was probably caused by an error in the spec or model\.$/,
  /^See the User Output or TLC Console for clues to what happened\.$/,
  /^The exception was a [\w.$]+$/,
];

function runtimeMessage(text: string): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => !RUNTIME_BOILERPLATE.some((re) => re.test(l)));
  return oneLine(lines.join("\n").replace(/^:\s*/, ""));
}

function evaluationLocation(m: ToolMessage, messages: readonly ToolMessage[]): SourceRange | undefined {
  const after = messages.slice(messages.indexOf(m) + 1).find((x) => x.code === Code.NESTED_EXPRESSION);
  return (after && parseInnermostPosition(after.text)) ?? parseLocation(fullText(m));
}

function unexplainedExit(exitCode: number | undefined, stderr: string | undefined): CheckError {
  if (exitCode === undefined) {
    return withDetail({ kind: "crash", message: "TLC ended without reporting a result", hint: "Re-run the check; if it fails again, report it with the output" }, [tail(stderr)]);
  }
  const known = TLC_EXIT_CODES.get(exitCode);
  return withDetail(
    {
      kind: known?.outcome === "error" ? known.error : "crash",
      message: `TLC exited with code ${describeExitCode(exitCode)} without the message that explains it`,
      hint: "Look at the detail below; if the output looks truncated, re-run the check",
    },
    [tail(stderr)],
  );
}

function withDetail(error: CheckError, parts: Array<string | undefined>): CheckError {
  const detail = parts.filter((p): p is string => !!p && p.trim() !== "").join("\n\n");
  if (detail) error.detail = detail;
  return error;
}

function tail(text: string | undefined, lines = 40): string | undefined {
  if (!text) return undefined;
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
