// TS values as compact TS source, for people.
import { isValueSet } from "../lang/valueSet.ts";

/** A TS value as compact TS source. */
export function formatTs(v: unknown): string {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map(formatTs).join(", ")}]`;
  if (v instanceof Set) return `Set {${[...v].map(formatTs).join(", ")}}`;
  if (isValueSet(v)) return `ValueSet {${[...v].map(formatTs).join(", ")}}`;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{ ${entries.map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatTs(x)}`).join(", ")} }`;
}
