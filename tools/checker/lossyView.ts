// What TLC's `-dumpTrace json` keeps of a counterexample. Projecting a text-derived (or embedded)
// counterexample through this view makes it comparable with one read from the JSON dump:
//   - model values become strings;
//   - sets and sequences become sequences, and an empty one becomes `ambiguousEmpty`;
//   - a function on 1..n becomes a sequence, any other function a record keyed by its printed keys;
//   - action parameters become a list in declaration order (the text names no parameters, JSON does);
//   - `source` is left as it is.
// A counterexample read from the JSON dump is unchanged by the projection.
import { printTlaValue } from "./tlc/values.ts";
import type { Counterexample, TlaValue, TraceAction, TraceState } from "./types.ts";

export function projectAsJsonDump(ce: Counterexample): Counterexample {
  const out: Counterexample = { states: ce.states.map(projectState), source: ce.source };
  if (ce.loop?.kind === "back-to-state") {
    out.loop = { kind: "back-to-state", toIndex: ce.loop.toIndex };
    if (ce.loop.action) out.loop.action = projectAction(ce.loop.action);
  } else if (ce.loop) {
    out.loop = { kind: "stuttering" };
  }
  return out;
}

function projectState(s: TraceState): TraceState {
  const vars: Record<string, TlaValue> = {};
  for (const [k, v] of Object.entries(s.vars)) vars[k] = projectValueAsJson(v);
  const out: TraceState = { index: s.index, vars };
  if (s.action) out.action = projectAction(s.action);
  return out;
}

function projectAction(a: TraceAction): TraceAction {
  const out: TraceAction = { name: a.name };
  if (a.params) out.params = (Array.isArray(a.params) ? a.params : Object.values(a.params)).map(projectValueAsJson);
  if (a.location) out.location = { ...a.location };
  return out;
}

export function projectValueAsJson(v: TlaValue): TlaValue {
  switch (v.kind) {
    case "modelValue":
      return { kind: "str", value: v.name };
    case "set":
    case "seq":
      return v.elems.length === 0 ? { kind: "ambiguousEmpty" } : { kind: "seq", elems: v.elems.map(projectValueAsJson) };
    case "record": {
      const fields: Record<string, TlaValue> = {};
      for (const [k, x] of Object.entries(v.fields)) fields[k] = projectValueAsJson(x);
      return { kind: "record", fields };
    }
    case "fn": {
      if (v.entries.length === 0) return { kind: "ambiguousEmpty" };
      if (v.entries.every(([k], i) => k.kind === "int" && k.value === i + 1)) {
        return { kind: "seq", elems: v.entries.map(([, x]) => projectValueAsJson(x)) };
      }
      const fields: Record<string, TlaValue> = {};
      for (const [k, x] of v.entries) fields[keyText(k)] = projectValueAsJson(x);
      return { kind: "record", fields };
    }
    default:
      return v;
  }
}

function keyText(k: TlaValue): string {
  if (k.kind === "str") return k.value;
  if (k.kind === "modelValue") return k.name;
  return printTlaValue(k);
}
