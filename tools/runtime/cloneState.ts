// A deep copy of a protocol state, as structuredClone makes it (plain objects, arrays, Sets and Maps
// copied; a value reached twice is copied once, so aliases inside the state stay aliases), but several
// times faster on the small states of a model checker. Anything else goes to structuredClone itself.
import { isValueSet } from "../lang/valueSet.ts";

export function cloneState<T>(v: T): T {
  return copy(v, new Map()) as T;
}

const INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * The own properties of an array that are not elements (JS `q[-1] = x` makes one). Object.keys lists
 * the elements first, so one look at its last key tells whether there are any.
 */
export function nonElementKeys(v: readonly unknown[]): string[] {
  const keys = Object.keys(v);
  const last = keys[keys.length - 1];
  return last === undefined || INDEX.test(last) ? [] : keys.filter((k) => !INDEX.test(k));
}

function copy(v: unknown, seen: Map<object, unknown>): unknown {
  if (typeof v !== "object" || v === null) return v;
  const known = seen.get(v);
  if (known !== undefined) return known;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return structuredClone(v);
    const out: unknown[] = new Array(v.length);
    seen.set(v, out);
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = copy(v[i], seen);
    // Own properties that are not elements are kept, as structuredClone keeps them: the state encoder reports them.
    for (const k of nonElementKeys(v)) (out as unknown as Record<string, unknown>)[k] = copy((v as unknown as Record<string, unknown>)[k], seen);
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
    seen.set(v, out);
    for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k], seen);
    return out;
  }
  if (v instanceof Set && proto === Set.prototype) {
    const out = new Set<unknown>();
    seen.set(v, out);
    for (const x of v) out.add(copy(x, seen));
    return out;
  }
  if (isValueSet(v)) {
    // Its elements are frozen copies: the new set shares them.
    const out = new (v.constructor as new (from: unknown) => unknown)(v);
    seen.set(v, out);
    return out;
  }
  if (v instanceof Map && proto === Map.prototype) {
    const out = new Map<unknown, unknown>();
    seen.set(v, out);
    for (const [k, x] of v) out.set(copy(k, seen), copy(x, seen));
    return out;
  }
  return structuredClone(v);
}
