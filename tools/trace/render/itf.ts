// A Trace in the Informal Trace Format (ITF, Apalache ADR-015), for Quint/Apalache tooling: the
// generated module's variables with ITF encodings — integers as {"#bigint"}, sets as {"#set"},
// ByPid values, step pointers and locals as {"#map"} keyed by process id, records as objects,
// arrays as lists. Model values (process ids, TS null as `Null`) are written as strings, as
// Apalache writes values of uninterpreted types; `#meta.modelValues` lists them.
import type { Trace, TsValue } from "../types.ts";
import { locText } from "../show.ts";
import { NULL_NAME } from "../values.ts";

export type ItfValue =
  | boolean
  | string
  | number
  | ItfValue[]
  | { "#bigint": string }
  | { "#set": ItfValue[] }
  | { "#tup": ItfValue[] }
  | { "#map": Array<[ItfValue, ItfValue]> }
  | { "#unserializable": string }
  | { [field: string]: ItfValue };

export interface ItfState {
  "#meta": { index: number; [k: string]: unknown };
  [variable: string]: ItfValue | ItfState["#meta"];
}

export interface ItfTrace {
  "#meta": Record<string, unknown>;
  vars: string[];
  states: ItfState[];
  loop?: number;
}

export const ITF_FORMAT_DESCRIPTION = "https://apalache-mc.org/docs/adr/015adr-trace.html";

export function toItfValue(v: TsValue, modelValues: Set<string>): ItfValue {
  switch (v.kind) {
    case "null":
      modelValues.add(NULL_NAME);
      return NULL_NAME;
    case "pid":
      modelValues.add(v.value);
      return v.value;
    case "bool":
    case "string":
      return v.value;
    case "int":
      return { "#bigint": String(v.value) };
    case "array":
      return v.items.map((x) => toItfValue(x, modelValues));
    case "set":
      return { "#set": v.items.map((x) => toItfValue(x, modelValues)) };
    case "record":
      return Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, toItfValue(x, modelValues)]));
    case "byPid":
      return { "#map": v.entries.map((e) => [v.stringKeys ? e.pid : pidKey(e.pid, modelValues), toItfValue(e.value, modelValues)]) };
    case "opaque":
      return { "#unserializable": v.text };
  }
}

function pidKey(pid: string, modelValues: Set<string>): string {
  modelValues.add(pid);
  return pid;
}

export function toItf(trace: Trace): ItfTrace {
  const shared = trace.variables.filter((v) => !v.owner);
  const locals = [...new Set(trace.variables.filter((v) => v.owner).map((v) => v.tla))];
  const vars = [...shared.map((v) => v.tla), "pc", ...locals];
  const modelValues = new Set<string>();
  for (const p of trace.processes) modelValues.add(p.id);

  const states: ItfState[] = trace.steps.map((step, index) => {
    const meta: ItfState["#meta"] = { index };
    if (step.operator) meta.action = step.operator;
    if (step.actor) meta.process = step.actor.id;
    if (step.label) meta.step = step.label;
    if (step.at) meta.source = locText(step.at);
    const state: ItfState = { "#meta": meta };
    for (const v of shared) {
      const x = step.state.values[v.name];
      state[v.tla] = x ? toItfValue(x, modelValues) : { "#unserializable": "(missing)" };
    }
    state.pc = { "#map": Object.entries(step.state.pc).map(([pid, label]) => [pidKey(pid, modelValues), label] as [ItfValue, ItfValue]) };
    for (const tla of locals) {
      const entries = trace.variables
        .filter((v) => v.tla === tla && v.owner)
        .flatMap((v) => {
          const x = step.state.values[v.name];
          return x ? [[pidKey(v.owner!, modelValues), toItfValue(x, modelValues)] as [ItfValue, ItfValue]] : [];
        });
      state[tla] = { "#map": entries };
    }
    return state;
  });

  const itf: ItfTrace = {
    "#meta": {
      format: "ITF",
      "format-description": ITF_FORMAT_DESCRIPTION,
      source: trace.file,
      description: `Counterexample to ${trace.property.name} of protocol ${trace.protocol}${trace.scenario ? ` (scenario ${trace.scenario})` : ""}, decoded by ts2tla`,
      module: trace.module,
      protocol: trace.protocol,
      ...(trace.scenario ? { scenario: trace.scenario } : {}),
      property: trace.property.name,
      violation: trace.violation.kind,
      modelValues: [...modelValues].sort(),
      tsNames: Object.fromEntries([...shared.map((v) => [v.tla, v.name]), ["pc", "(the next step of each process)"], ...locals.map((tla) => [tla, localName(trace, tla)])]),
      ...(trace.loop ? { loopKind: trace.loop.kind === "stuttering" ? "stuttering" : "back-to-state" } : {}),
    },
    vars,
    states,
  };
  if (trace.loop?.kind === "back-to-step") itf.loop = trace.loop.toStep;
  else if (trace.loop?.kind === "stuttering") itf.loop = trace.steps.length - 1;
  return itf;
}

function localName(trace: Trace, tla: string): string {
  const v = trace.variables.find((x) => x.tla === tla && x.owner);
  return v ? `<pid>${v.name.slice(v.owner!.length)}` : tla;
}

export function renderItf(trace: Trace): string {
  return JSON.stringify(toItf(trace), null, 2) + "\n";
}
