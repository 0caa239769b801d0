// TS states back to the embedded engine's state encoding (using the source map's types, so it is lossless
// even for a trace read from TLC's lossy JSON dump), engine values back to TLA+ and TS, and comparisons.
import type { SourceMap } from "../../compiler/emit/sourcemap.ts";
import type { TsState, TsValue } from "../types.ts";
import { NULL_NAME } from "../values.ts";
import type { EngineJson } from "./wasm.ts";

export class NotEncodable extends Error {}

export function encodeValue(v: TsValue): EngineJson {
  switch (v.kind) {
    case "null":
      return { __model: NULL_NAME };
    case "pid":
      return { __model: v.value };
    case "bool":
    case "int":
    case "string":
      return v.value;
    case "array":
      return { __tuple: v.items.map(encodeValue) };
    case "set":
      return v.items.map(encodeValue);
    case "record":
      return Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, encodeValue(x)]));
    case "byPid":
      return { __fn: v.entries.map((e) => [v.stringKeys ? e.pid : pidKey(e.pid), encodeValue(e.value)]) };
    case "opaque":
      throw new NotEncodable(`cannot give the engine the value ${v.text}`);
  }
}

/** A process id as the engine's value: an integer id is written as its numeral (a model value's name starts with a letter). */
function pidKey(pid: string): EngineJson {
  return /^-?\d+$/.test(pid) ? Number(pid) : { __model: pid };
}

/** The state as the engine's variables; `pidsOf(process)` lists the ids of a process (for locals). */
export function encodeState(map: SourceMap, state: TsState, pidsOf: (process: string) => string[]): Record<string, EngineJson> {
  const out: Record<string, EngineJson> = {};
  for (const [tla, v] of Object.entries(map.variables)) {
    if (v.kind === "state") {
      const x = state.values[v.ts];
      if (!x) throw new NotEncodable(`the state has no ${v.ts}`);
      out[tla] = encodeValue(x);
    } else if (v.kind === "pc") {
      out[tla] = { __fn: Object.entries(state.pc).map(([pid, label]) => [pidKey(pid), label]) };
    } else {
      const entries = pidsOf(v.process!).map((pid) => {
        const x = state.values[`${pid}.${v.ts}`];
        if (!x) throw new NotEncodable(`the state has no ${pid}.${v.ts}`);
        return [pidKey(pid), encodeValue(x)];
      });
      out[tla] = { __fn: entries };
    }
  }
  return out;
}

/** Engine JSON back to a TLA+ expression (for LET bindings of quantifier instances). */
export function engineJsonToTla(v: EngineJson): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `{${v.map(engineJsonToTla).join(", ")}}`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.__model === "string") return o.__model;
    if (Array.isArray(o.__tuple)) return `<<${o.__tuple.map(engineJsonToTla).join(", ")}>>`;
    if (Array.isArray(o.__fn)) {
      const pairs = o.__fn as Array<[EngineJson, EngineJson]>;
      return pairs.length === 0 ? "<<>>" : `(${pairs.map(([k, x]) => `${engineJsonToTla(k)} :> ${engineJsonToTla(x)}`).join(" @@ ")})`;
    }
    return `[${Object.entries(o).map(([k, x]) => `${k} |-> ${engineJsonToTla(x)}`).join(", ")}]`;
  }
  throw new NotEncodable(`unexpected engine value ${JSON.stringify(v)}`);
}

/** Engine JSON to a TS value by its shape (model values as pids, Null as null). */
export function engineJsonToTs(v: EngineJson): TsValue {
  if (typeof v === "boolean") return { kind: "bool", value: v };
  if (typeof v === "number") return { kind: "int", value: v };
  if (typeof v === "string") return { kind: "string", value: v };
  if (Array.isArray(v)) return { kind: "set", items: v.map(engineJsonToTs) };
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.__model === "string") return o.__model === NULL_NAME ? { kind: "null" } : { kind: "pid", value: o.__model };
    if (Array.isArray(o.__tuple)) return { kind: "array", items: o.__tuple.map(engineJsonToTs) };
    if (Array.isArray(o.__fn)) return { kind: "opaque", text: engineJsonToTla(v) };
    return { kind: "record", fields: Object.fromEntries(Object.entries(o).map(([k, x]) => [k, engineJsonToTs(x)])) };
  }
  return { kind: "opaque", text: String(v) };
}

/** A comparable text of an engine value: record keys and set elements sorted, functions by key. */
export function canon(v: EngineJson): string {
  if (Array.isArray(v)) return `{${v.map(canon).sort().join(",")}}`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.__tuple)) return `<<${o.__tuple.map(canon).join(",")}>>`;
    if (Array.isArray(o.__fn)) return `(${(o.__fn as Array<[unknown, unknown]>).map(([k, x]) => `${canon(k)}:>${canon(x)}`).sort().join(",")})`;
    if (typeof o.__model === "string") return `@${o.__model}`;
    return `[${Object.keys(o)
      .sort()
      .map((k) => `${k}|->${canon(o[k])}`)
      .join(",")}]`;
  }
  return JSON.stringify(v);
}

/** The process ids whose step label differs between two engine-encoded `pc` functions. */
export function pcMoves(before: EngineJson, after: EngineJson): string[] {
  const labels = (pc: EngineJson) => {
    const fn = (pc as { __fn?: Array<[{ __model?: string }, unknown]> } | undefined)?.__fn ?? [];
    return new Map(fn.map(([k, v]) => [String(k.__model), JSON.stringify(v)]));
  };
  const a = labels(before);
  const b = labels(after);
  return [...a.keys()].filter((pid) => a.get(pid) !== b.get(pid));
}
