// The file TLC writes with `-dumpTrace json FILE`, in each shape TLC has used since 2023-12
// (see schemas/). Every shape becomes the same Counterexample.
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import type { Counterexample, TlaValue, TraceAction, TraceState } from "../types.ts";

export type JsonDumpShape = "counterexample-vars-2026-01" | "action-state-params-2024-11" | "action-state-2023-12";

export class JsonDumpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonDumpError";
  }
}

// The first schema that accepts the file names its shape. A 2024-11 file whose actions have no
// parameters is also a valid 2023-12 file; it is reported as the older shape (they read the same).
const SHAPES: JsonDumpShape[] = ["counterexample-vars-2026-01", "action-state-2023-12", "action-state-params-2024-11"];

let validators: Map<JsonDumpShape, ValidateFunction> | undefined;

function getValidators(): Map<JsonDumpShape, ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv({ allErrors: false, strict: true });
    validators = new Map(
      SHAPES.map((shape) => {
        const schema = JSON.parse(readFileSync(new URL(`./schemas/${shape}.schema.json`, import.meta.url), "utf8"));
        return [shape, ajv.compile(schema)];
      }),
    );
  }
  return validators;
}

type StateEntry = [number, Record<string, unknown>];
interface ActionInfo {
  name: string;
  location?: { beginLine: number; beginColumn: number; endLine: number; endColumn: number; module: string };
  context?: Record<string, unknown>;
  parameters?: string[];
}
type Edge = [StateEntry, ActionInfo, StateEntry];
interface RawCounterexample {
  action: Edge[];
  state: StateEntry[];
}

export interface ParsedJsonDump {
  shape: JsonDumpShape;
  counterexample: Counterexample;
  /** The spec's variables in declaration order (current shape only). */
  vars?: string[];
}

/** Which shape `data` has, or undefined. */
export function detectJsonDumpShape(data: unknown): JsonDumpShape | undefined {
  for (const [shape, validate] of getValidators()) if (validate(data)) return shape;
  return undefined;
}

/** Parse and validate the text of a `-dumpTrace json` file. Throws JsonDumpError. */
export function parseJsonDump(text: string): ParsedJsonDump {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new JsonDumpError(`the -dumpTrace json file is not valid JSON: ${(e as Error).message}`);
  }
  const shape = detectJsonDumpShape(data);
  if (!shape) throw new JsonDumpError(`unknown -dumpTrace json shape: ${describeShape(data)}`);
  const raw = (shape === "counterexample-vars-2026-01" ? (data as { counterexample: RawCounterexample }).counterexample : data) as RawCounterexample;
  const parsed: ParsedJsonDump = { shape, counterexample: toCounterexample(raw) };
  if (shape === "counterexample-vars-2026-01") parsed.vars = (data as { vars: string[] }).vars;
  return parsed;
}

function describeShape(data: unknown): string {
  const expected = "expected {counterexample: {action, state}, vars} or {action, state} with [index, {vars}] states";
  if (Array.isArray(data)) return `a bare array (the 2022 format is not supported); ${expected}`;
  if (data === null || typeof data !== "object") return `a JSON ${data === null ? "null" : typeof data}; ${expected}`;
  const keys = Object.keys(data);
  const shown = keys.length ? `{${keys.join(", ")}}` : "an empty object";
  const closest = getValidators().get("counterexample-vars-2026-01")!;
  closest(data);
  const why = closest.errors?.[0] ? ` (${closest.errors[0].instancePath || "/"} ${closest.errors[0].message})` : "";
  return `an object with keys ${shown}${why}; ${expected}`;
}

function toCounterexample(raw: RawCounterexample): Counterexample {
  const byIndex = new Map<number, TraceState>();
  for (const [index, vars] of [...raw.state].sort((a, b) => a[0] - b[0])) {
    if (byIndex.has(index)) throw new JsonDumpError(`state ${index} appears twice in the -dumpTrace json file`);
    byIndex.set(index, { index, vars: decodeVars(vars) });
  }
  const states = [...byIndex.values()];
  if (states.length === 0) throw new JsonDumpError("the -dumpTrace json file has no states");
  states.forEach((s, i) => {
    if (s.index !== i + 1) throw new JsonDumpError(`the -dumpTrace json states are not numbered 1..${states.length} (found ${s.index})`);
  });

  const ce: Counterexample = { states, source: "json-dump" };
  const closing = raw.action.filter(([[from], , [to]]) => to <= from);
  if (closing.length > 1) throw new JsonDumpError(`the -dumpTrace json file has ${closing.length} edges closing a loop (expected at most one)`);
  for (const [[from], info, [to]] of raw.action) {
    if (!byIndex.has(from) || !byIndex.has(to)) throw new JsonDumpError(`an action refers to state ${byIndex.has(from) ? to : from}, which is not in the file`);
    if (to === from + 1) byIndex.get(to)!.action = decodeAction(info);
    else if (to === from) ce.loop = { kind: "stuttering" }; // TLC repeats the last action here; stuttering has none
    else if (to < from) ce.loop = { kind: "back-to-state", toIndex: to, action: decodeAction(info) };
    else throw new JsonDumpError(`an action jumps from state ${from} to state ${to}`);
  }
  return ce;
}

function decodeVars(vars: Record<string, unknown>): Record<string, TlaValue> {
  const out: Record<string, TlaValue> = {};
  for (const [name, value] of Object.entries(vars)) out[name] = jsonToTlaValue(value);
  return out;
}

function decodeAction(info: ActionInfo): TraceAction {
  const action: TraceAction = { name: info.name };
  if (info.context) {
    const order = info.parameters ?? Object.keys(info.context);
    const params: Record<string, TlaValue> = {};
    for (const name of order) {
      if (!(name in info.context)) throw new JsonDumpError(`action ${info.name} lists parameter ${name} without a value`);
      params[name] = jsonToTlaValue(info.context[name]);
    }
    action.params = params;
  }
  if (info.location) {
    const l = info.location;
    action.location = { module: l.module, line: l.beginLine, col: l.beginColumn, endLine: l.endLine, endCol: l.endColumn };
  }
  return action;
}

/**
 * A JSON value from the dump as a TlaValue. The dump is lossy: model values arrive as strings, sets
 * and sequences as arrays (so `[]` is `ambiguousEmpty`), functions as objects keyed by printed keys
 * or, on 1..n, as arrays. The trace stage re-types them with the types the compiler knows.
 */
export function jsonToTlaValue(v: unknown): TlaValue {
  if (typeof v === "boolean") return { kind: "bool", value: v };
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new JsonDumpError(`non-integer number ${v} in the -dumpTrace json file`);
    return { kind: "int", value: v };
  }
  if (typeof v === "string") return { kind: "str", value: v };
  if (Array.isArray(v)) return v.length === 0 ? { kind: "ambiguousEmpty" } : { kind: "seq", elems: v.map(jsonToTlaValue) };
  if (v !== null && typeof v === "object") {
    const fields: Record<string, TlaValue> = {};
    for (const [k, x] of Object.entries(v)) fields[k] = jsonToTlaValue(x);
    return { kind: "record", fields };
  }
  throw new JsonDumpError(`unexpected ${v === null ? "null" : typeof v} in the -dumpTrace json file`);
}
