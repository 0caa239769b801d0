// TS values as TS literals (what the user would write), their equality, and TS property paths.
import type { TsValue } from "./types.ts";

/** `null`, `3`, `"w1"`, `["a", "b"]`, `new Set(["w1"])`, `{ A: null, B: "bob" }`. */
export function showValue(v: TsValue): string {
  switch (v.kind) {
    case "null":
      return "null";
    case "bool":
      return String(v.value);
    case "int":
      return String(v.value);
    case "string":
    case "pid":
      return JSON.stringify(v.value);
    case "array":
      return `[${v.items.map(showValue).join(", ")}]`;
    case "set": {
      const made = v.byValue ? "ValueSet" : "Set";
      return v.items.length === 0 ? `new ${made}()` : `new ${made}([${v.items.map(showValue).join(", ")}])`;
    }
    case "record": {
      const fields = Object.entries(v.fields);
      return fields.length === 0 ? "{}" : `{ ${fields.map(([k, x]) => `${propertyKey(k)}: ${showValue(x)}`).join(", ")} }`;
    }
    case "byPid":
      return v.entries.length === 0 ? "{}" : `{ ${v.entries.map((e) => `${propertyKey(e.pid)}: ${showValue(e.value)}`).join(", ")} }`;
    case "opaque":
      return v.text;
  }
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
/** A key that JS writes as a number (an integer process id): `{ 0: v }`, `m[0]`. */
const INDEX = /^(0|[1-9]\d*)$/;

function propertyKey(k: string): string {
  return IDENT.test(k) || INDEX.test(k) ? k : JSON.stringify(k);
}

/** `base.key`, `base[0]` or `base["key"]`. */
export function memberPath(base: string, key: string): string {
  return IDENT.test(key) ? `${base}.${key}` : INDEX.test(key) ? `${base}[${key}]` : `${base}[${JSON.stringify(key)}]`;
}

/** A canonical text for equality: sets compare regardless of order. */
export function canonical(v: TsValue): string {
  switch (v.kind) {
    case "set":
      return `set(${v.items.map(canonical).sort().join(",")})`;
    case "array":
      return `[${v.items.map(canonical).join(",")}]`;
    case "record":
      return `{${Object.keys(v.fields)
        .sort()
        .map((k) => `${k}:${canonical(v.fields[k]!)}`)
        .join(",")}}`;
    case "byPid":
      return `map(${v.entries
        .map((e) => `${e.pid}:${canonical(e.value)}`)
        .sort()
        .join(",")})`;
    default:
      return `${v.kind}:${showValue(v)}`;
  }
}

export function sameValue(a: TsValue, b: TsValue): boolean {
  return canonical(a) === canonical(b);
}

/** `file:line:col` of a place in the TS (`file:line` when the column is not known). */
export function locText(loc: { file: string; line: number; col?: number } | undefined): string {
  return loc ? `${loc.file}:${loc.line}${loc.col !== undefined ? `:${loc.col}` : ""}` : "";
}
