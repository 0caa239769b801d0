// A saved TLC run read back as a counterexample: the `-tool` stdout text, or a `-dumpTrace json` file.
// Whatever the input — cut short, garbled, of an unknown shape, or from another protocol (version) —
// the result is a counterexample that fits the source map or a TraceError, never a crash.
import type { Counterexample, Violation } from "../checker/types.ts";
import { JsonDumpError, parseJsonDump } from "../checker/tlc/jsonDump.ts";
import { interpretTlcOutput } from "../checker/tlc/result.ts";
import { messagesOf, parseToolOutput } from "../checker/tlc/toolOutput.ts";
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import { TraceError } from "./errors.ts";
import { TERMINATING } from "../compiler/emit/tla.ts";

export interface LoadedRun {
  format: "tool-text" | "json-dump";
  counterexample: Counterexample;
  /** What TLC says was violated (the `-tool` text says it; a JSON dump does not). */
  violation?: Violation;
  warnings: string[];
}

const TOOL_MARK = "@!@!@STARTMSG";
const RERUN_HINT = "Re-run the check (ts2tla check, or TLC with -tool, or -dumpTrace json FILE) and pass its complete output";

/** Read a saved TLC run and check that its counterexample belongs to the protocol of `map`. */
export function readTlcRun(text: string, map: SourceMap): LoadedRun {
  const run = parseRun(text);
  checkAgainstMap(run.counterexample, map);
  return run;
}

function parseRun(text: string): LoadedRun {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  if (trimmed === "") throw new TraceError("unknown-format", "the file is empty", RERUN_HINT);
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return parseDump(trimmed);
  if (text.includes(TOOL_MARK)) return parseToolText(text);
  if (/TLC2 Version|Error: (Invariant|Temporal|Deadlock)|^State \d+:/m.test(text)) {
    throw new TraceError(
      "unknown-format",
      "this is TLC output without -tool: its messages cannot be told apart reliably",
      "Run TLC with -tool (ts2tla check does), or with -dumpTrace json FILE and pass that file",
    );
  }
  throw new TraceError("unknown-format", "this is neither TLC -tool output nor a -dumpTrace json file", RERUN_HINT);
}

function parseDump(text: string): LoadedRun {
  try {
    const parsed = parseJsonDump(text);
    return { format: "json-dump", counterexample: parsed.counterexample, warnings: [] };
  } catch (e) {
    if (!(e instanceof JsonDumpError)) throw e;
    const cut = /not valid JSON/.test(e.message);
    throw new TraceError(
      cut ? "unreadable" : "unknown-format",
      cut ? `the -dumpTrace json file is cut short or not JSON (${e.message.replace(/^.*?: /, "")})` : e.message,
      cut ? RERUN_HINT : "Pass a file written by TLC's -dumpTrace json (the 2023-12 or later format), or TLC's -tool output",
    );
  }
}

function parseToolText(text: string): LoadedRun {
  let events;
  try {
    events = parseToolOutput(text);
  } catch (e) {
    throw new TraceError("unreadable", `TLC's output cannot be read: ${(e as Error).message}`, RERUN_HINT);
  }
  const warnings: string[] = [];
  const messages = messagesOf(events);
  if (messages.some((m) => m.truncated)) warnings.push("TLC's output is cut short: the trace may be incomplete");
  const result = interpretTlcOutput({ events });
  for (const w of result.warnings ?? []) if (/counterexample|trace/i.test(w)) warnings.push(w);
  if (result.verdict === "holds") {
    throw new TraceError("no-counterexample", "TLC found no error in this run, so there is no counterexample to show", "Pass the output of a run that reports a violation");
  }
  if (result.verdict === "error" && !result.counterexample) {
    throw new TraceError("no-counterexample", `TLC did not finish with a counterexample: ${result.error?.message ?? "no result"}`, result.error?.hint ?? RERUN_HINT);
  }
  if (!result.counterexample || result.counterexample.states.length === 0) {
    const why = warnings.find((w) => /Could not read/.test(w));
    throw new TraceError(
      "unreadable",
      `TLC reports ${result.violation ? describe(result.violation) : "a violation"}, but its output has no readable counterexample${why ? ` (${why.replace(/^Could not read the counterexample in TLC's output: /, "")})` : ""}`,
      RERUN_HINT,
    );
  }
  const run: LoadedRun = { format: "tool-text", counterexample: result.counterexample, warnings };
  if (result.violation) run.violation = result.violation;
  if (run.violation?.kind === "property" && !run.counterexample.loop) warnings.push("the trace ends before TLC says how it loops: the output may be cut short");
  return run;
}

function describe(v: Violation): string {
  return v.kind === "deadlock" ? "a deadlock" : `${v.kind} ${v.name ?? ""}`.trim() + " violated";
}

/** The counterexample's variables, actions and step labels must be those of the source map. */
export function checkAgainstMap(cx: Counterexample, map: SourceMap): void {
  const hint = `Was the run made from another version of ${map.protocol}? Re-run it with the current protocol (ts2tla check ${map.protocol}), or name the protocol it belongs to`;
  const expected = Object.keys(map.variables).sort();
  for (const s of cx.states) {
    const got = Object.keys(s.vars).sort();
    const extra = got.filter((v) => !expected.includes(v));
    const missing = expected.filter((v) => !got.includes(v));
    if (extra.length || missing.length) {
      const parts = [extra.length ? `has ${list(extra)}, which ${map.protocol} does not` : "", missing.length ? `lacks ${list(missing)}` : ""].filter(Boolean);
      throw new TraceError("protocol-mismatch", `state ${s.index} of the trace ${parts.join(" and ")}: it is not a trace of protocol ${map.protocol} as it is now`, hint);
    }
  }
  const actions = [...cx.states.map((s) => s.action?.name), cx.loop?.kind === "back-to-state" ? cx.loop.action?.name : undefined];
  const unknown = actions.find((a) => a !== undefined && a !== TERMINATING && !(a in map.steps));
  if (unknown) throw new TraceError("protocol-mismatch", `the trace takes action ${unknown}, which is not a step of protocol ${map.protocol}`, hint);
  const labels = new Set(["Done", ...Object.values(map.steps).map((s) => s.label)]);
  for (const s of cx.states) {
    const pc = s.vars.pc;
    const values = pc?.kind === "fn" ? pc.entries.map(([, v]) => v) : pc?.kind === "record" ? Object.values(pc.fields) : [];
    const bad = values.find((v) => v.kind === "str" && !labels.has(v.value));
    if (bad && bad.kind === "str") throw new TraceError("protocol-mismatch", `state ${s.index} has a process at step "${bad.value}", which protocol ${map.protocol} does not have`, hint);
  }
}

function list(names: string[]): string {
  return names.length === 1 ? `variable ${names[0]}` : `variables ${names.join(", ")}`;
}
