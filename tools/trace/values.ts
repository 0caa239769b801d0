// TLA+ values (as a checker printed or dumped them) back to TS values, directed by the IR type the
// compiler knows. The JSON dump is lossy: model values arrive as strings, `{}` and `<<>>` both as
// `[]` (ambiguousEmpty), functions on 1..n as sequences, other functions as objects keyed by the
// printed key. The type decides what each one was.
import type { TlaValue } from "../checker/types.ts";
import { printTlaValue } from "../checker/tlc/values.ts";
import type { IrType } from "../compiler/ir.ts";
import type { TsValue } from "./types.ts";

/** Collects what could not be decoded by type (the decoder falls back to the value's own shape). */
export type Warn = (message: string) => void;

/** The name TS `null` has in the generated TLA+ (a model value). */
export const NULL_NAME = "Null";

export function decodeValue(v: TlaValue, t: IrType | undefined, warn: Warn, where: string): TsValue {
  if (!t) return byShape(v);
  const out = byType(v, t, warn, where);
  if (out) return out;
  warn(`${where}: the value ${printTlaValue(v)} does not have the declared type; shown as printed`);
  return { kind: "opaque", text: printTlaValue(v) };
}

function byType(v: TlaValue, t: IrType, warn: Warn, where: string): TsValue | undefined {
  switch (t.k) {
    case "bool":
      return v.kind === "bool" ? { kind: "bool", value: v.value } : undefined;
    case "int":
      return v.kind === "int" ? { kind: "int", value: v.value } : undefined;
    case "lits":
      if (v.kind === "str" && t.values.includes(v.value)) return { kind: "string", value: v.value };
      if (v.kind === "int" && t.values.includes(v.value)) return { kind: "int", value: v.value };
      return undefined;
    case "pid": {
      const name = atomName(v);
      return name !== undefined && name !== NULL_NAME ? { kind: "pid", value: name } : undefined;
    }
    case "null":
      return atomName(v) === NULL_NAME ? { kind: "null" } : undefined;
    case "union":
      return unionMember(v, t.members, warn, where);
    case "record": {
      const fields = recordFields(v);
      if (!fields) return undefined;
      const out: Record<string, TsValue> = {};
      for (const f of t.fields) {
        const x = fields.get(f.name);
        if (!x) return undefined;
        out[f.name] = decodeValue(x, f.type, warn, `${where}.${f.name}`);
      }
      return { kind: "record", fields: out };
    }
    case "seq": {
      const elems = sequenceElems(v);
      return elems && { kind: "array", items: elems.map((x, i) => decodeValue(x, t.elem, warn, `${where}[${i}]`)) };
    }
    case "set": {
      const elems = v.kind === "set" || v.kind === "seq" ? v.elems : v.kind === "ambiguousEmpty" ? [] : undefined;
      return elems && { kind: "set", items: elems.map((x) => decodeValue(x, t.elem, warn, `${where} element`)), ...(t.byValue ? { byValue: true as const } : {}) };
    }
    case "byPid": {
      const entries = pidEntries(v);
      return (
        entries && {
          kind: "byPid",
          entries: entries.map(([pid, x]) => ({ pid, value: decodeValue(x, t.value, warn, `${where}.${pid}`) })),
          ...(t.stringKeys ? { stringKeys: true as const } : {}),
        }
      );
    }
  }
}

/** The member of a union that accepts the value: exact matches first, so a literal "Null" stays a string. */
function unionMember(v: TlaValue, members: IrType[], warn: Warn, where: string): TsValue | undefined {
  const order = [...members].sort((a, b) => rank(a) - rank(b));
  for (const m of order) {
    const pending: string[] = [];
    const out = byType(v, m, (w) => pending.push(w), where);
    if (out) {
      pending.forEach(warn);
      return out;
    }
  }
  return undefined;
}

function rank(t: IrType): number {
  // Literals before null before pids: a JSON-dump string is a literal if the union has that literal.
  return t.k === "lits" ? 0 : t.k === "null" ? 1 : t.k === "pid" ? 2 : 3;
}

/** A model value's name; from the JSON dump, a string. */
function atomName(v: TlaValue): string | undefined {
  if (v.kind === "modelValue") return v.name;
  if (v.kind === "str") return v.value;
  return undefined;
}

function recordFields(v: TlaValue): Map<string, TlaValue> | undefined {
  if (v.kind === "record") return new Map(Object.entries(v.fields));
  if (v.kind === "fn") {
    const m = new Map<string, TlaValue>();
    for (const [k, x] of v.entries) {
      const name = atomName(k);
      if (name === undefined) return undefined;
      m.set(name, x);
    }
    return m;
  }
  return undefined;
}

function sequenceElems(v: TlaValue): TlaValue[] | undefined {
  if (v.kind === "seq") return v.elems;
  if (v.kind === "ambiguousEmpty") return [];
  if (v.kind === "fn" && v.entries.every(([k], i) => k.kind === "int" && k.value === i + 1)) return v.entries.map(([, x]) => x);
  return undefined;
}

function pidEntries(v: TlaValue): Array<[string, TlaValue]> | undefined {
  if (v.kind === "ambiguousEmpty") return [];
  if (v.kind === "record") return Object.entries(v.fields);
  if (v.kind === "fn") {
    const out: Array<[string, TlaValue]> = [];
    for (const [k, x] of v.entries) {
      const name = atomName(k);
      if (name === undefined) return undefined;
      out.push([name, x]);
    }
    return out;
  }
  return undefined;
}

/** Without a type: the value's own shape (model values as pids, Null as null). */
export function byShape(v: TlaValue): TsValue {
  switch (v.kind) {
    case "bool":
      return { kind: "bool", value: v.value };
    case "int":
      return { kind: "int", value: v.value };
    case "str":
      return { kind: "string", value: v.value };
    case "modelValue":
      return v.name === NULL_NAME ? { kind: "null" } : { kind: "pid", value: v.name };
    case "set":
      return { kind: "set", items: v.elems.map(byShape) };
    case "seq":
      return { kind: "array", items: v.elems.map(byShape) };
    case "record":
      return { kind: "record", fields: Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, byShape(x)])) };
    case "fn": {
      const entries = pidEntries(v);
      if (entries) return { kind: "byPid", entries: entries.map(([pid, x]) => ({ pid, value: byShape(x) })) };
      return { kind: "opaque", text: printTlaValue(v) };
    }
    case "ambiguousEmpty":
      return { kind: "array", items: [] };
  }
}

/** Entries of a function keyed by process id (pc, locals), with the key's name. */
export function functionByPid(v: TlaValue): Array<[string, TlaValue]> | undefined {
  return pidEntries(v);
}
