// TS runtime values and checker values, both brought to one canonical TLA+ form, guided by the IR
// types, so that a runtime state and a checker's trace state can be compared variable by variable.
//
// Canonical form: sets sorted and without duplicates, functions sorted by key, records with the
// fields of their type in the type's order, process ids and `null` as model values. Checker values
// are repaired for what the JSON dump loses (model values as strings, `[]` for an empty set or
// sequence, functions as records or sequences); TS values are checked against their type on the way
// (the runtime's TypeOK).
import type { TlaValue } from "../checker/types.ts";
import type { IrProtocol, IrScenario, IrType, ScenarioConstantValue } from "../compiler/ir.ts";
import { isValueSet, ValueSet } from "../lang/valueSet.ts";
import { cloneState, nonElementKeys } from "./cloneState.ts";

/** An IR type, or a function on a given set of process ids (process locals: `[Set -> T]`). */
export type EncType = IrType | { k: "fnOver"; domain: readonly string[]; value: EncType };

export const NULL_NAME = "Null";
/** JS `undefined` (an array read outside its elements, a hole): the model value the TLA+ gives it. */
export const UNDEFINED_NAME = "Undefined";
/** JS NaN (arithmetic on undefined): the model value the TLA+ gives it. */
export const NAN_NAME = "NaN";

export interface EncodeContext {
  /** Every process id of the scenario. */
  allPids: readonly string[];
  /** The elements of the scenario's set constants, as map keys (the domains of `FnOn` maps). */
  domains?: Readonly<Record<string, readonly string[]>>;
}

/** A set constant's elements as map keys (model value names, or the values' text); [] for any other constant. */
export function constantKeys(value: ScenarioConstantValue | undefined): string[] {
  return value?.kind === "modelValues" ? value.names : value?.kind === "set" ? value.elems.map(String) : [];
}

/** The keys of every set constant of a scenario, by name. */
export function scenarioDomains(scenario: IrScenario): Record<string, string[]> {
  return Object.fromEntries(Object.entries(scenario.constants).map(([name, v]) => [name, constantKeys(v)]));
}

/** The keys of a map type: the process ids, or its constant set's elements. */
const mapKeys = (t: { domain?: string }, ctx: EncodeContext): readonly string[] => (t.domain ? ctx.domains?.[t.domain] ?? [] : ctx.allPids);

/** A type problem found while encoding (a TypeOK violation on the runtime side). */
export class EncodeProblems {
  readonly list: string[] = [];
  /**
   * Values the TLA+ cannot hold at all, because there the step that made them fails (TLC reports an
   * evaluation error): arrays with own properties that are not elements (JS `q[-1] = v`). A state
   * with one is a runtime error, not a TypeOK problem.
   */
  readonly errors: string[] = [];
  add(path: string, message: string): void {
    if (this.list.length < 20) this.list.push(`${path}: ${message}`);
  }
  error(path: string, message: string): void {
    if (this.errors.length < 20) this.errors.push(`${path}: ${message}`);
  }
}

/** The type of every TLA+ variable of a scenario's model: state, `pc`, and each process local on its ids. */
export function scenarioVarTypes(ir: IrProtocol, scenario: IrScenario): Record<string, EncType> {
  const out: Record<string, EncType> = {};
  for (const v of ir.stateVars) out[v.tlaName] = v.type;
  const labels = [...new Set(ir.processes.flatMap((p) => p.labels)), "Done"];
  out.pc = { k: "byPid", value: { k: "lits", values: labels } };
  for (const p of ir.processes) {
    const ids = !p.set ? [p.name] : constantKeys(scenario.constants[p.set]);
    for (const l of p.locals) out[l.tlaName] = { k: "fnOver", domain: ids, value: l.type };
  }
  return out;
}

// ---- TS value → canonical TlaValue ----

export function encodeTs(v: unknown, t: EncType, ctx: EncodeContext, path: string, problems: EncodeProblems): TlaValue {
  if (v === undefined && t.k !== "fnOver" && t.k !== "byPid") {
    // JS undefined is the TLA+ model value Undefined, which is in no type.
    problems.add(path, "is undefined (an array read outside its elements, or a hole)");
    return { kind: "modelValue", name: UNDEFINED_NAME };
  }
  if (typeof v === "number" && Number.isNaN(v)) {
    // JS NaN (arithmetic on undefined) is the TLA+ model value NaN, which is in no type.
    problems.add(path, "is NaN (JS arithmetic on undefined)");
    return { kind: "modelValue", name: NAN_NAME };
  }
  switch (t.k) {
    case "bool":
      if (typeof v !== "boolean") problems.add(path, `expected a boolean, got ${describe(v)}`);
      return { kind: "bool", value: Boolean(v) };
    case "int":
      if (typeof v !== "number" || !Number.isInteger(v)) {
        problems.add(path, `expected an integer in ${t.lo}..${t.hi}, got ${describe(v)}`);
        return { kind: "int", value: typeof v === "number" ? v : NaN };
      }
      if (v < t.lo || v > t.hi) problems.add(path, `${v} is outside ${t.lo}..${t.hi}`);
      return { kind: "int", value: v };
    case "lits":
      if (!t.values.includes(v as string | number)) problems.add(path, `${describe(v)} is not one of ${t.values.map((x) => JSON.stringify(x)).join(" | ")}`);
      return typeof v === "number" ? { kind: "int", value: v } : { kind: "str", value: String(v) };
    case "pid":
      if (typeof v !== "string" || !ctx.allPids.includes(v)) problems.add(path, `${describe(v)} is not a process id (${ctx.allPids.join(", ")})`);
      return { kind: "modelValue", name: String(v) };
    case "null":
      if (v !== null) problems.add(path, `expected null, got ${describe(v)}`);
      return { kind: "modelValue", name: NULL_NAME };
    case "union": {
      const member = unionMemberForTs(v, t.members, ctx);
      if (!member) {
        problems.add(path, `${describe(v)} fits none of the union's members`);
        return { kind: "str", value: describe(v) };
      }
      return encodeTs(v, member, ctx, path, problems);
    }
    case "record": {
      if (!isPlainObject(v)) {
        problems.add(path, `expected a record, got ${describe(v)}`);
        return { kind: "record", fields: {} };
      }
      const fields: Record<string, TlaValue> = {};
      for (const f of t.fields) {
        if (!(f.name in v)) problems.add(`${path}.${f.name}`, "missing");
        fields[f.name] = encodeTs(v[f.name], f.type, ctx, `${path}.${f.name}`, problems);
      }
      for (const k of Object.keys(v)) if (!t.fields.some((f) => f.name === k)) problems.add(`${path}.${k}`, "is not a field of the type");
      return { kind: "record", fields };
    }
    case "seq": {
      if (!Array.isArray(v)) {
        problems.add(path, `expected an array, got ${describe(v)}`);
        return { kind: "seq", elems: [] };
      }
      const elems: TlaValue[] = [];
      // A hole (JS `q[i] = v` past the end) reads as undefined: encoded as Undefined, a TypeOK problem.
      for (let i = 0; i < v.length; i++) elems.push(encodeTs(v[i], t.elem, ctx, `${path}[${i}]`, problems));
      for (const k of nonElementKeys(v)) problems.error(`${path}[${JSON.stringify(k)}]`, "is a property of the array, not an element (JS `q[i] = v` with a negative i): TLA+ fails to evaluate this write");
      return { kind: "seq", elems };
    }
    case "set": {
      if (!(v instanceof Set || isValueSet(v))) {
        problems.add(path, `expected a Set, got ${describe(v)}`);
        return { kind: "set", elems: [] };
      }
      return canonSet([...(v as Iterable<unknown>)].map((x, i) => encodeTs(x, t.elem, ctx, `${path}{${i}}`, problems)));
    }
    case "byPid":
      return encodeFn(v, mapKeys(t, ctx), t.value, ctx, path, problems);
    case "fnOver":
      return encodeFn(v, t.domain, t.value, ctx, path, problems);
  }
}

function encodeFn(v: unknown, domain: readonly string[], value: EncType, ctx: EncodeContext, path: string, problems: EncodeProblems): TlaValue {
  if (!isPlainObject(v)) {
    problems.add(path, `expected a map from process ids, got ${describe(v)}`);
    return { kind: "fn", entries: [] };
  }
  const entries: Array<[TlaValue, TlaValue]> = [];
  for (const p of domain) {
    if (!(p in v)) problems.add(`${path}[${JSON.stringify(p)}]`, "missing");
    entries.push([{ kind: "modelValue", name: p }, encodeTs(v[p], value, ctx, `${path}[${JSON.stringify(p)}]`, problems)]);
  }
  for (const k of Object.keys(v)) {
    if (domain.includes(k)) continue;
    // JS `m["w2"] = v` for an id the scenario lacks adds the key; so does the TLA+ (JsFnPut, the model value w2).
    problems.add(`${path}[${JSON.stringify(k)}]`, "is not a process id of the map");
    entries.push([{ kind: "modelValue", name: k }, encodeTs(v[k], value, ctx, `${path}[${JSON.stringify(k)}]`, problems)]);
  }
  return canonFn(entries);
}

function unionMemberForTs(v: unknown, members: IrType[], ctx: EncodeContext): IrType | undefined {
  const fits = (m: IrType): boolean => {
    switch (m.k) {
      case "null":
        return v === null;
      case "bool":
        return typeof v === "boolean";
      case "int":
        return typeof v === "number" && Number.isInteger(v) && v >= m.lo && v <= m.hi;
      case "lits":
        return m.values.includes(v as string | number);
      case "pid":
        return typeof v === "string" && ctx.allPids.includes(v);
      case "union":
        return unionMemberForTs(v, m.members, ctx) !== undefined;
      case "record":
        return isPlainObject(v) && Object.keys(v).length === m.fields.length && m.fields.every((f) => f.name in v);
      case "seq":
        return Array.isArray(v);
      case "set":
        return v instanceof Set || isValueSet(v);
      case "byPid":
        return isPlainObject(v) && Object.keys(v).every((k) => mapKeys(m, ctx).includes(k));
    }
  };
  // A string that is no member's is a process id the scenario lacks (the TLA+ has the model value: `Pid_w3 = w3`).
  return members.find(fits) ?? members.find((m) => m.k === "record" && isPlainObject(v)) ?? (typeof v === "number" ? members.find((m) => m.k === "int") : undefined) ?? (typeof v === "string" ? members.find((m) => m.k === "pid") : undefined);
}

/**
 * The TS value of a type that TLA+ gives a process local before its declaration runs and where it is
 * dead (the compiler's `defaultValue`): for a process id, the id of the process `self` that owns it.
 */
export function tsDefaultValue(t: EncType, ctx: EncodeContext, self: string): unknown {
  switch (t.k) {
    case "bool":
      return false;
    case "int":
      return t.lo;
    case "lits":
      return t.values[0];
    case "pid":
      return self;
    case "null":
      return null;
    case "union": {
      const nullMember = t.members.find((m) => m.k === "null");
      return tsDefaultValue(nullMember ?? t.members[0]!, ctx, self);
    }
    case "record": {
      const out: Record<string, unknown> = {};
      for (const f of t.fields) {
        out[f.name] = tsDefaultValue(f.type, ctx, self);
      }
      return out;
    }
    case "seq":
      return [];
    case "set":
      return t.byValue ? new ValueSet() : new Set();
    case "byPid":
    case "fnOver": {
      const domain = t.k === "byPid" ? mapKeys(t, ctx) : t.domain;
      const v = tsDefaultValue(t.value, ctx, self);
      return Object.fromEntries(domain.map((p) => [p, cloneState(v)]));
    }
  }
}

// ---- checker value → canonical TlaValue ----

/**
 * A checker's value, re-typed with the IR type: model values that came as strings, `[]` that is `{}`
 * or `<<>>`, functions that came as records (keyed by their printed keys) or as sequences (on 1..n).
 */
export function normalizeChecker(v: TlaValue, t: EncType, path: string, problems: EncodeProblems): TlaValue {
  switch (t.k) {
    case "bool":
      if (v.kind !== "bool") problems.add(path, `expected a boolean, got ${printTla(v)}`);
      return v;
    case "int":
      if (v.kind !== "int") problems.add(path, `expected an integer, got ${printTla(v)}`);
      return v;
    case "lits":
      if (v.kind === "int" || v.kind === "str") return v;
      if (v.kind === "modelValue") return { kind: "str", value: v.name };
      problems.add(path, `expected a literal, got ${printTla(v)}`);
      return v;
    case "pid":
    case "null": {
      const name = v.kind === "modelValue" ? v.name : v.kind === "str" ? v.value : undefined;
      if (name === undefined) problems.add(path, `expected a model value, got ${printTla(v)}`);
      return { kind: "modelValue", name: name ?? printTla(v) };
    }
    case "union": {
      const member = unionMemberForChecker(v, t.members);
      if (!member) {
        problems.add(path, `${printTla(v)} fits none of the union's members`);
        return v;
      }
      return normalizeChecker(v, member, path, problems);
    }
    case "record": {
      const src = fieldsOf(v);
      if (!src) {
        problems.add(path, `expected a record, got ${printTla(v)}`);
        return v;
      }
      const fields: Record<string, TlaValue> = {};
      for (const f of t.fields) {
        const x = src[f.name];
        if (!x) problems.add(`${path}.${f.name}`, "missing");
        else fields[f.name] = normalizeChecker(x, f.type, `${path}.${f.name}`, problems);
      }
      return { kind: "record", fields };
    }
    case "seq": {
      const elems = seqElems(v);
      if (!elems) {
        problems.add(path, `expected a sequence, got ${printTla(v)}`);
        return v;
      }
      return { kind: "seq", elems: elems.map((x, i) => normalizeChecker(x, t.elem, `${path}[${i}]`, problems)) };
    }
    case "set": {
      const elems = v.kind === "set" || v.kind === "seq" ? v.elems : v.kind === "ambiguousEmpty" ? [] : undefined;
      if (!elems) {
        problems.add(path, `expected a set, got ${printTla(v)}`);
        return v;
      }
      return canonSet(elems.map((x, i) => normalizeChecker(x, t.elem, `${path}{${i}}`, problems)));
    }
    case "byPid":
    case "fnOver": {
      const value = t.value;
      let entries: Array<[string, TlaValue]> | undefined;
      if (v.kind === "fn") entries = v.entries.map(([k, x]) => [k.kind === "modelValue" ? k.name : k.kind === "str" ? k.value : printTla(k), x]);
      else if (v.kind === "record") entries = Object.entries(v.fields);
      // A function on an empty set (the locals of an empty process set) is `<<>>` in TLA+, and one on
      // the integer ids 1..n a sequence.
      else if (v.kind === "ambiguousEmpty") entries = [];
      else if (v.kind === "seq") entries = v.elems.map((x, i) => [String(i + 1), x]);
      if (!entries) {
        problems.add(path, `expected a function on process ids, got ${printTla(v)}`);
        return v;
      }
      return canonFn(entries.map(([k, x]) => [{ kind: "modelValue", name: k }, normalizeChecker(x, value, `${path}[${JSON.stringify(k)}]`, problems)]));
    }
  }
}

function fieldsOf(v: TlaValue): Record<string, TlaValue> | undefined {
  if (v.kind === "record") return v.fields;
  if (v.kind === "fn" && v.entries.every(([k]) => k.kind === "str")) {
    return Object.fromEntries(v.entries.map(([k, x]) => [(k as { value: string }).value, x]));
  }
  return undefined;
}

function seqElems(v: TlaValue): TlaValue[] | undefined {
  if (v.kind === "seq") return v.elems;
  if (v.kind === "ambiguousEmpty") return [];
  if (v.kind === "fn") {
    const sorted = [...v.entries].sort((a, b) => (a[0].kind === "int" && b[0].kind === "int" ? a[0].value - b[0].value : 0));
    if (sorted.every(([k], i) => k.kind === "int" && k.value === i + 1)) return sorted.map(([, x]) => x);
    if (v.entries.length === 0) return [];
  }
  if (v.kind === "record") {
    const keys = Object.keys(v.fields);
    if (keys.every((k, i) => k === String(i + 1))) return keys.map((k) => v.fields[k]!);
  }
  if (v.kind === "set" && v.elems.length === 0) return [];
  return undefined;
}

function unionMemberForChecker(v: TlaValue, members: IrType[]): IrType | undefined {
  const name = v.kind === "modelValue" ? v.name : v.kind === "str" ? v.value : undefined;
  const fits = (m: IrType): boolean => {
    switch (m.k) {
      case "null":
        return name === NULL_NAME;
      case "bool":
        return v.kind === "bool";
      case "int":
        return v.kind === "int" && v.value >= m.lo && v.value <= m.hi;
      case "lits":
        return (v.kind === "int" && m.values.includes(v.value)) || (v.kind === "str" && m.values.includes(v.value));
      case "pid":
        return name !== undefined && name !== NULL_NAME;
      case "union":
        return unionMemberForChecker(v, m.members) !== undefined;
      case "record": {
        const f = fieldsOf(v);
        return f !== undefined && m.fields.every((x) => x.name in f);
      }
      case "seq":
        return seqElems(v) !== undefined && v.kind !== "set";
      case "set":
        return v.kind === "set" || v.kind === "seq" || v.kind === "ambiguousEmpty";
      case "byPid":
        return v.kind === "fn" || v.kind === "record";
    }
  };
  // A string is a literal before it is a process id; `Null` is null before it is a process id.
  const ordered = [...members].sort((a, b) => rank(a) - rank(b));
  return ordered.find(fits);
}

const rank = (t: IrType): number => (t.k === "null" ? 0 : t.k === "lits" ? 1 : t.k === "pid" ? 2 : 3);

// ---- canonical form, printing, comparison ----

function canonSet(elems: TlaValue[]): TlaValue {
  const byKey = new Map<string, TlaValue>();
  for (const e of elems) byKey.set(printTla(e), e);
  return { kind: "set", elems: [...byKey.keys()].sort().map((k) => byKey.get(k)!) };
}

function canonFn(entries: Array<[TlaValue, TlaValue]>): TlaValue {
  return { kind: "fn", entries: [...entries].sort((a, b) => cmp(printTla(a[0]), printTla(b[0]))) };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** TLA+ syntax, as TLC prints values (functions as `(k :> v @@ ...)`). */
export function printTla(v: TlaValue): string {
  switch (v.kind) {
    case "bool":
      return v.value ? "TRUE" : "FALSE";
    case "int":
      return String(v.value);
    case "str":
      return JSON.stringify(v.value);
    case "modelValue":
      return v.name;
    case "set":
      return `{${v.elems.map(printTla).join(", ")}}`;
    case "seq":
      return `<<${v.elems.map(printTla).join(", ")}>>`;
    case "record": {
      const fields = Object.entries(v.fields);
      return fields.length ? `[${fields.map(([k, x]) => `${k} |-> ${printTla(x)}`).join(", ")}]` : "[]";
    }
    case "fn":
      return v.entries.length ? `(${v.entries.map(([k, x]) => `${printTla(k)} :> ${printTla(x)}`).join(" @@ ")})` : "<<>>";
    case "ambiguousEmpty":
      return "{}/<<>>";
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Set) && !(v instanceof Map) && !isValueSet(v);
}

function describe(v: unknown): string {
  if (v === undefined) return "undefined";
  if (v instanceof Set || isValueSet(v)) return `Set(${(v as ReadonlySet<unknown>).size})`;
  if (Array.isArray(v)) return `array(${v.length})`;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "object" && v !== null) return "object";
  return String(v);
}

// ---- state diffs ----

export interface VarComparison {
  name: string;
  expected?: string;
  actual?: string;
  equal: boolean;
}

/** Compares two encoded states on the given variables. */
export function compareVars(expected: Record<string, TlaValue>, actual: Record<string, TlaValue>, names: readonly string[]): VarComparison[] {
  return names.map((name) => {
    const e = expected[name];
    const a = actual[name];
    const es = e ? printTla(e) : undefined;
    const as = a ? printTla(a) : undefined;
    return { name, expected: es, actual: as, equal: es !== undefined && es === as };
  });
}

/** A small side-by-side text diff: equal variables once, differing ones with both values. */
export function renderDiff(rows: readonly VarComparison[], labels = { expected: "TLA+", actual: "TS  " }): string {
  const width = Math.max(...rows.map((r) => r.name.length), 1);
  const lines: string[] = [];
  for (const r of rows) {
    if (r.equal) lines.push(`    ${r.name.padEnd(width)} = ${r.expected}`);
    else {
      lines.push(`  ! ${r.name.padEnd(width)}   ${labels.expected}: ${r.expected ?? "(missing)"}`);
      lines.push(`    ${" ".repeat(width)}   ${labels.actual}: ${r.actual ?? "(missing)"}`);
    }
  }
  return lines.join("\n");
}
