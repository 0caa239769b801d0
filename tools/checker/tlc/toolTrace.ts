// Counterexamples from the `-tool` text: 2217 state frames, closed by 2122 (back to state) or 2218
// (stuttering); a violation in an initial state (2107/2108) carries its one state in its own text.
import type { Counterexample, TlaValue, TraceAction, TraceLoop, TraceState } from "../types.ts";
import { Code } from "./codes.ts";
import { parseLocation } from "./messageText.ts";
import type { ToolMessage } from "./toolOutput.ts";
import { parseTlaValue, parseTlaValueList, TlaValueSyntaxError } from "./values.ts";

export class TraceTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TraceTextError";
  }
}

export type StateHeader =
  | { index: number; kind: "initial" }
  | { index: number; kind: "action"; action: TraceAction }
  | { index: number; kind: "stuttering" }
  | { index: number; kind: "back-to-state"; action?: TraceAction };

/** `2: <Enter(a) line 8, col 13 to line 10, col 33 of module Race>`, `5: Stuttering`, `3: Back to state: <...>`. */
export function parseStateHeader(line: string): StateHeader {
  const text = line.trim();
  let m = /^(\d+):\s*Stuttering\b/.exec(text);
  if (m) return { index: Number(m[1]), kind: "stuttering" };
  m = /^(\d+):\s*Back to state:?\s*(?:<(.*)>)?\s*$/.exec(text);
  if (m) {
    const header: StateHeader = { index: Number(m[1]), kind: "back-to-state" };
    if (m[2]) header.action = parseActionLabel(m[2]);
    return header;
  }
  m = /^(\d+):\s*<(.*)>\s*$/.exec(text);
  if (!m) throw new TraceTextError(`unrecognised trace state header: ${JSON.stringify(text)}`);
  const index = Number(m[1]);
  if (m[2]!.trim() === "Initial predicate") return { index, kind: "initial" };
  return { index, kind: "action", action: parseActionLabel(m[2]!) };
}

/** `Pass("p1","p2") line 7, col 19 to line 10, col 43 of module Cycle` → name, positional params, location. */
export function parseActionLabel(label: string): TraceAction {
  const m = /^(.*?)(?:\s+(line \d+, col \d+ to line \d+, col \d+ of module \S+))?\s*$/s.exec(label.trim())!;
  const head = m[1]!.trim();
  const action: TraceAction = { name: head };
  const call = /^([A-Za-z_][\w!]*)\s*\(([\s\S]*)\)$/.exec(head);
  if (call) {
    action.name = call[1]!;
    try {
      action.params = parseTlaValueList(call[2]!);
    } catch (e) {
      throw new TraceTextError(`cannot read the arguments of action ${head}: ${(e as Error).message}`);
    }
  }
  const location = m[2] ? parseLocation(m[2]) : undefined;
  if (location) action.location = location;
  return action;
}

/** The variables of one printed state: `/\ x = 1` lines, or `x = 1` alone for a one-variable spec. */
export function parseStateBody(body: string): Record<string, TlaValue> {
  const lines = body.replace(/\r\n/g, "\n").replace(/\s+$/, "").split("\n");
  if (lines.length === 1 && lines[0] === "") return {};
  const entries: string[] = [];
  if (lines[0]!.startsWith("/\\ ")) {
    for (const line of lines) {
      if (line.startsWith("/\\ ")) entries.push(line.slice(3));
      else if (entries.length > 0) entries[entries.length - 1] += "\n" + line;
    }
  } else {
    entries.push(lines.join("\n"));
  }
  const vars: Record<string, TlaValue> = {};
  for (const entry of entries) {
    const m = /^([A-Za-z_]\w*)\s*=\s*([\s\S]*)$/.exec(entry);
    if (!m) throw new TraceTextError(`unrecognised state line: ${JSON.stringify(entry.split("\n")[0])}`);
    try {
      vars[m[1]!] = parseTlaValue(m[2]!);
    } catch (e) {
      if (e instanceof TlaValueSyntaxError) throw new TraceTextError(`cannot read the value of ${m[1]}: ${e.message}`);
      throw e;
    }
  }
  return vars;
}

/** One 2217 frame: header line, then the state. */
export function parseTraceState(text: string): TraceState {
  const [headerLine = "", ...rest] = text.split("\n");
  const header = parseStateHeader(headerLine);
  if (header.kind === "stuttering" || header.kind === "back-to-state") {
    throw new TraceTextError(`expected a state, found ${JSON.stringify(headerLine)}`);
  }
  let vars: Record<string, TlaValue>;
  try {
    vars = parseStateBody(rest.join("\n"));
  } catch (e) {
    throw new TraceTextError(`state ${header.index}: ${(e as Error).message}`);
  }
  const state: TraceState = { index: header.index, vars };
  // The first state is initial even when TLC names the Init action (simulation mode does).
  if (header.kind === "action" && header.index > 1) state.action = header.action;
  return state;
}

/** Every counterexample printed in the output, in order (more than one only with `-continue`). */
export function extractTextCounterexamples(messages: readonly ToolMessage[]): Counterexample[] {
  const found: Counterexample[] = [];
  let states: TraceState[] | undefined;
  let loop: TraceLoop | undefined;

  const finish = () => {
    if (states && states.length > 0) {
      const ce: Counterexample = { states, source: "tool-text" };
      if (loop) ce.loop = loop;
      found.push(ce);
    }
    states = undefined;
    loop = undefined;
  };

  for (const message of messages) {
    switch (message.code) {
      case Code.BEHAVIOR_UP_TO_THIS_POINT:
      case Code.COUNTER_EXAMPLE:
        finish();
        states = [];
        break;
      case Code.STATE:
        (states ??= []).push(parseTraceState(message.text));
        break;
      case Code.BACK_TO_STATE: {
        const header = parseStateHeader(message.text.split("\n")[0] ?? "");
        const back: TraceLoop = { kind: "back-to-state", toIndex: header.index };
        if (header.kind === "back-to-state" && header.action) back.action = header.action;
        loop = back;
        finish();
        break;
      }
      case Code.STUTTERING:
        loop = { kind: "stuttering" };
        finish();
        break;
      case Code.INVARIANT_VIOLATED_INITIAL:
      case Code.PROPERTY_VIOLATED_INITIAL: {
        finish();
        const body = message.text.split("\n").slice(1).join("\n");
        if (body.trim()) found.push({ states: [{ index: 1, vars: parseStateBody(body) }], source: "tool-text" });
        break;
      }
    }
  }
  finish();
  return found;
}
