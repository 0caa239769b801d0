// A set whose elements are compared by value, as TLA+ compares them. A JS Set of records tells two equal
// records apart (by reference); a ValueSet keys each element by a canonical text of its value, keeps its
// own frozen copy of it, and so has the meaning of a TLA+ set of records, sequences or sets.

declare const valueSetBrand: unique symbol;

/** Marks a ValueSet across module instances (the runtime may load the language twice). */
export const VALUE_SET = Symbol.for("ts2tla.ValueSet");

/** A ValueSet that a protocol only reads (a constant's type). */
export interface ReadonlyValueSet<T> extends ReadonlySet<T> {
  readonly [valueSetBrand]?: never;
  readonly [VALUE_SET]: true;
}

/** True when `v` is a ValueSet (of any module instance). */
export function isValueSet(v: unknown): v is ValueSet<unknown> {
  return typeof v === "object" && v !== null && (v as { [VALUE_SET]?: unknown })[VALUE_SET] === true;
}

/**
 * The canonical text of a value, equal for values that TLA+ calls equal: records and maps by their
 * fields in name order, arrays element by element, sets (either kind) by their elements' texts sorted.
 */
export function valueKey(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Object.is(v, -0) ? "0" : String(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${Array.from(v, valueKey).join(",")}]`;
  if (v instanceof Set || isValueSet(v)) return `{${[...(v as Iterable<unknown>)].map(valueKey).sort().join(",")}}`;
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const keys = Object.keys(v).sort();
    return `(${keys.map((k) => `${JSON.stringify(k)}:${valueKey((v as Record<string, unknown>)[k])}`).join(",")})`;
  }
  throw new TypeError(`a ValueSet holds records, arrays, sets and primitive values, not ${Object.prototype.toString.call(v)}`);
}

/** A frozen deep copy: the set's own, which no one else can change. */
function frozenCopy<T>(v: T): T {
  if (typeof v !== "object" || v === null || isValueSet(v)) return v;
  if (v instanceof Set) return Object.freeze(new ValueSet(v)) as unknown as T;
  if (Array.isArray(v)) return Object.freeze(v.map(frozenCopy)) as unknown as T;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = frozenCopy(x);
  return Object.freeze(out) as T;
}

/**
 * A set compared by value: `has`, `add` and `delete` find an element equal to the argument, records
 * field by field (TLA+ set semantics). It stores a frozen copy of each element it is given, so a
 * later change to the argument does not reach the set, and an element read from it cannot be changed.
 */
export class ValueSet<T> implements ReadonlyValueSet<T> {
  declare readonly [valueSetBrand]?: never;
  readonly [VALUE_SET] = true as const;
  readonly #items: Map<string, T>;

  constructor(values?: Iterable<T> | null) {
    // Another ValueSet of this module's class: its elements are canonical and frozen already.
    if (values instanceof ValueSet) {
      this.#items = new Map(values.#items);
      return;
    }
    this.#items = new Map();
    for (const v of values ?? []) this.add(v);
  }

  get size(): number {
    return this.#items.size;
  }

  has(value: T): boolean {
    return this.#items.has(valueKey(value));
  }

  add(value: T): this {
    this.#writable("add");
    const key = valueKey(value);
    if (!this.#items.has(key)) this.#items.set(key, frozenCopy(value));
    return this;
  }

  delete(value: T): boolean {
    this.#writable("delete");
    return this.#items.delete(valueKey(value));
  }

  clear(): void {
    this.#writable("clear");
    this.#items.clear();
  }

  forEach(fn: (value: T, again: T, set: ReadonlySet<T>) => void, thisArg?: unknown): void {
    for (const v of this.#items.values()) fn.call(thisArg, v, v, this);
  }

  values(): IterableIterator<T> {
    return this.#items.values();
  }

  keys(): IterableIterator<T> {
    return this.#items.values();
  }

  *entries(): IterableIterator<[T, T]> {
    for (const v of this.#items.values()) yield [v, v];
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this.#items.values();
  }

  /** A frozen ValueSet (an element of another, a constant, a state a property reads) does not change, as a frozen record does not. */
  #writable(method: string): void {
    if (Object.isFrozen(this)) throw new TypeError(`ValueSet.${method}(): this set is frozen (an element of another set, a constant, or a state that a property reads) and cannot change`);
  }

  get [Symbol.toStringTag](): string {
    return "ValueSet";
  }
}
