// The protocol language: the typed API that protocol files under spec-src/ import.
//
// The compiler reads protocol files statically with ts-morph and never runs them to produce TLA+, so
// most functions here only give the TypeScript type checker something to check. The function names
// are the language's keywords: the compiler recognises them by the symbol they resolve to.

import { host } from "./hooks.ts";
import { combinations, matrixName } from "./matrix.ts";
import { isValueSet, VALUE_SET, ValueSet, type ReadonlyValueSet } from "./valueSet.ts";

export { ValueSet, type ReadonlyValueSet } from "./valueSet.ts";

declare const intRange: unique symbol;
declare const pidBrand: unique symbol;

/** An integer in `Lo..Hi` (inclusive). Plain `number` is unbounded and rejected by the compiler. */
export type Int<Lo extends number, Hi extends number> = number & { readonly [intRange]?: [Lo, Hi] };

/** A process id. In TLA+ a model value; the scenario names them. */
export type Pid = string & { readonly [pidBrand]?: "Pid" };

/** A set of process ids bound by a scenario (a TLA+ constant set of model values). */
export type PidSet = ReadonlySet<Pid>;

/** The id of a process: a model value (`Pid`), or an integer of a process set over integers. */
export type ProcessId = Pid | number;

/** A map from every process id to a value (a TLA+ function on the set of all processes). */
export type ByPid<V> = { [pid: string]: V };

/** Builds a `ByPid` map: `[p \in ProcSet |-> value(p)]`. Only in `init`. */
export function byPid<V, P extends ProcessId = Pid>(value: (p: P) => V): ByPid<V> {
  const out: ByPid<V> = {};
  for (const p of host("byPid").allPids()) out[p] = value(p as P);
  return out;
}

declare const fnDomain: unique symbol;

/**
 * A map from every element of the constant set `K` (its name in `Constants`) to a value: the TLA+
 * function `[K -> V]`. Keys are the elements (model values, strings or integers).
 */
export type FnOn<K extends string, V> = { [key: string]: V } & { readonly [fnDomain]?: K };

/**
 * Builds an `FnOn` map on the constant set `keys` (written `c.K`, the set its type names):
 * `[k \in K |-> value(k)]`; `() => oneOf(values)` gives every function `[K -> values]`. Only in `init`.
 */
export function fnOn<V, K extends string = string, E extends string | number = string>(keys: Iterable<E>, value: (k: E) => V): FnOn<K, V> {
  const out: { [key: string]: V } = {};
  for (const k of keys) out[String(k)] = value(k);
  return out as FnOn<K, V>;
}

/** Fairness of a process or a step. */
export type Fairness = "weak" | "strong" | "none";

/** The values a step label can be: a name, or a name with its own fairness. */
export type StepLabel = string | { readonly label: string; readonly fairness: Fairness };

/** A process body: `yield "label"` starts each atomic step. `self` is the process's id. */
export type ProcessBody<S, C, Id = Pid> = (self: Id, s: S, c: C) => Generator<StepLabel, void, unknown>;

export interface ProcessDecl<S, C> {
  readonly kind: "process";
  readonly body: ProcessBody<S, C>;
  readonly options: ProcessOptions;
}

export interface ProcessSetDecl<S, C> {
  readonly kind: "processSet";
  readonly set: keyof C & string;
  // `never`: a body over any id set fits (its `self` is an element of the set it is declared on).
  readonly body: ProcessBody<S, C, never>;
  readonly options: ProcessOptions;
}

export interface ProcessOptions {
  /** Default: weak. */
  readonly fairness?: Fairness;
}

/** One process. Its id is a model value named after the process. */
export function process<S, C>(body: ProcessBody<S, C>, options: ProcessOptions = {}): ProcessDecl<S, C> {
  return { kind: "process", body, options };
}

/**
 * A set of identical processes, one per id in the constant `set`: a `PidSet` (model values), or a set
 * of integers (`ReadonlySet<Int<0, 4>>`), whose ids are those integers (`self + 1`, `self < other`).
 */
export function processSet<S, C, K extends ProcessSetKeys<C>>(
  set: K,
  body: ProcessBody<S, C, IdOf<C[K]>>,
  options: ProcessOptions = {},
): ProcessSetDecl<S, C> {
  return { kind: "processSet", set, body: body as ProcessBody<S, C, never>, options };
}

type ProcessSetKeys<C> = { [K in keyof C]: C[K] extends PidSet | ReadonlySet<number> ? K : never }[keyof C] & string;
type IdOf<T> = T extends ReadonlySet<infer E> ? E : never;

/** The ids of the other processes of `self`'s set (TLA+ `Set \ {self}`); only on a process's own `self`. */
export function others<Id extends ProcessId>(self: Id): Set<Id> {
  return new Set(host("others").othersOf(self) as Id[]);
}

/** A step label with its own fairness: `yield step("schedule", "strong")`. */
export function step(label: string, fairness: Fairness): StepLabel {
  return { label, fairness };
}

// ---- statements and expressions usable inside steps ----

/** Blocks the step until `condition` holds (TLA+: an enabling condition). */
export function when(condition: boolean): void {
  if (!condition) throw blocked();
}

/** Fairness of each branch of an `if (nondet(...))` of its own: `{ fairness: "weak" }`. */
export interface BranchFairness {
  readonly fairness: "weak" | "strong";
}

/**
 * Nondeterministic choice between the two branches of an `if`. With `{ fairness }`, each branch is an
 * alternative of the step with that fairness of its own (TLA+ `WF_vars` / `SF_vars` of the step
 * taking that branch), on top of the step's or the process's.
 */
export function nondet(branches?: BranchFairness): boolean {
  return host("nondet").nondet(branches);
}

/** Nondeterministically picks one element. */
export function oneOf<T>(values: Iterable<T>): T {
  const all = [...values];
  if (all.length === 0) throw blocked();
  return host("oneOf").oneOf(all);
}

/** The integers `lo..hi`, inclusive. */
export function range(lo: number, hi: number): Set<number> {
  const out = new Set<number>();
  for (let i = lo; i <= hi; i++) out.add(i);
  return out;
}

/** A set literal. */
export function setOf<T>(...values: T[]): Set<T> {
  return new Set(values);
}

/** `value` is an element of `values`. */
export function isIn<T>(value: NoInfer<T>, values: Iterable<T>): boolean {
  if (isValueSet(values)) return values.has(value);
  for (const v of values) if (v === value) return true;
  return false;
}

/** Every element satisfies `pred` (TLA+ `\A`). */
export function all<T>(values: Iterable<T>, pred: (v: T) => boolean): boolean {
  for (const v of values) if (!pred(v)) return false;
  return true;
}

/** Some element satisfies `pred` (TLA+ `\E`). */
export function any<T>(values: Iterable<T>, pred: (v: T) => boolean): boolean {
  for (const v of values) if (pred(v)) return true;
  return false;
}

// ---- set operations (Node 20 has no Set.prototype.union etc.: they are functions; each returns a new Set) ----
// The result is a ValueSet (compared by value) when the first set is one.

/** A set that is not a ValueSet (the overloads below tell the two apart by it). */
type PlainSet<T> = ReadonlySet<T> & { readonly [VALUE_SET]?: undefined };

/** An empty set of the kind of `first`: a ValueSet when it is one. */
function emptyLike<U>(first: ReadonlySet<unknown> | undefined): Set<U> | ValueSet<U> {
  return isValueSet(first) ? new ValueSet<U>() : new Set<U>();
}

/** The elements of every set (TLA+ `a \cup b \cup ...`); `union()` is the empty set. */
export function union<T>(...sets: PlainSet<T>[]): Set<T>;
export function union<T>(first: ReadonlyValueSet<T>, ...rest: ReadonlySet<T>[]): ValueSet<T>;
export function union<T>(...sets: ReadonlySet<T>[]): Set<T> | ValueSet<T> {
  const out = emptyLike<T>(sets[0]);
  for (const s of sets) for (const v of s) out.add(v);
  return out;
}

/**
 * Every subset of `set` (TLA+ `SUBSET set`), a ValueSet since its elements are sets; of a ValueSet,
 * ValueSets. There are 2^n of them: keep `set` small.
 */
export function subsets<T>(set: PlainSet<T>): ValueSet<ReadonlySet<T>>;
export function subsets<T>(set: ReadonlyValueSet<T>): ValueSet<ReadonlyValueSet<T>>;
export function subsets<T>(set: ReadonlySet<T>): ValueSet<ReadonlySet<T>> {
  const elems = [...set];
  const out = new ValueSet<ReadonlySet<T>>();
  for (let mask = 0; mask < 2 ** elems.length; mask++) {
    const sub = emptyLike<T>(set);
    elems.forEach((v, i) => {
      if ((mask >> i) & 1) sub.add(v);
    });
    out.add(sub);
  }
  return out;
}

/** The elements of `a` that are in `b` (TLA+ `a \cap b`). */
export function intersection<T>(a: PlainSet<T>, b: ReadonlySet<T>): Set<T>;
export function intersection<T>(a: ReadonlyValueSet<T>, b: ReadonlySet<T>): ValueSet<T>;
export function intersection<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Set<T> | ValueSet<T> {
  const out = emptyLike<T>(a);
  for (const v of a) if (b.has(v)) out.add(v);
  return out;
}

/** The elements of `a` that are not in `b` (TLA+ `a \ b`). */
export function difference<T>(a: PlainSet<T>, b: ReadonlySet<T>): Set<T>;
export function difference<T>(a: ReadonlyValueSet<T>, b: ReadonlySet<T>): ValueSet<T>;
export function difference<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Set<T> | ValueSet<T> {
  const out = emptyLike<T>(a);
  for (const v of a) if (!b.has(v)) out.add(v);
  return out;
}

/** Every element of `a` is in `b` (TLA+ `a \subseteq b`). */
export function isSubsetOf<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const v of a) if (!b.has(v)) return false;
  return true;
}

/** Every element of `b` is in `a` (TLA+ `b \subseteq a`). */
export function isSupersetOf<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return isSubsetOf(b, a);
}

/** No element of `a` is in `b` (TLA+ `a \cap b = {}`). */
export function isDisjointFrom<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const v of a) if (b.has(v)) return false;
  return true;
}

/** The elements of `set` that satisfy `pred` (TLA+ `{x \in set : pred(x)}`). */
export function filterSet<T>(set: PlainSet<T>, pred: (v: T) => boolean): Set<T>;
export function filterSet<T>(set: ReadonlyValueSet<T>, pred: (v: T) => boolean): ValueSet<T>;
export function filterSet<T>(set: ReadonlySet<T>, pred: (v: T) => boolean): Set<T> | ValueSet<T> {
  const out = emptyLike<T>(set);
  for (const v of set) if (pred(v)) out.add(v);
  return out;
}

/**
 * The set of `fn(x)` for every element x of `set`; equal results count once (TLA+ `{fn(x) : x \in set}`).
 * Over a ValueSet the results are compared by value (a ValueSet), so `fn` may give records.
 */
export function mapSet<T, U>(set: PlainSet<T>, fn: (v: T) => U): Set<U>;
export function mapSet<T, U>(set: ReadonlyValueSet<T>, fn: (v: T) => U): ValueSet<U>;
export function mapSet<T, U>(set: ReadonlySet<T>, fn: (v: T) => U): Set<U> | ValueSet<U> {
  const out = emptyLike<U>(set);
  for (const v of set) out.add(fn(v));
  return out;
}

/**
 * The least element of a set of integers: a deterministic choice, the same in TypeScript and TLA+
 * (`CHOOSE x \in set : \A y \in set : x <= y`). On the empty set it is a run-time error, as CHOOSE is
 * in TLC. (Choose nondeterministically with `const x = oneOf(set)`.)
 */
export function pick<T>(set: ReadonlySet<T>): T {
  let least: T | undefined;
  let found = false;
  for (const v of set) {
    if (typeof v !== "number") throw new TypeError(`pick(): the set holds ${String(v)}, which is not an integer`);
    if (!found || v < (least as number)) least = v;
    found = true;
  }
  if (!found) throw new Error("pick(): the set is empty, there is no element to pick");
  return least as T;
}

/** Raised by `when` and empty `oneOf` in the runtime: the step is not enabled. */
/**
 * Value equality, as TLA+ compares values: records field by field, arrays element by element, sets
 * by their members. (`===` on objects compares references, so the compiler rejects it there.)
 */
export function equals<T>(a: T, b: T): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const setA = a instanceof Set || isValueSet(a);
  const setB = b instanceof Set || isValueSet(b);
  if (setA || setB) {
    if (!(setA && setB)) return false;
    const [x, y] = [a as ReadonlySet<unknown>, b as ReadonlySet<unknown>];
    if (x.size !== y.size) return false;
    for (const v of x) if (!y.has(v)) return false;
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b)) || a.length !== b.length) return false;
    return a.every((x, i) => equals(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A deep copy of a value: it shares no object with the original. In TLA+, where values have no identity, it is the value itself. */
export function copy<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (isValueSet(value)) return new ValueSet(value) as T;
  if (value instanceof Set) return new Set([...value].map(copy)) as T;
  if (Array.isArray(value)) return value.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = copy(v);
  return out as T;
}

export class BlockedStep extends Error {
  constructor() {
    super("the step is not enabled");
  }
}

// Thrown for every disabled step the checker tries: one instance, without a stack trace (making one
// cost more than the step).
let blockedOnce: BlockedStep | undefined;
function blocked(): BlockedStep {
  if (!blockedOnce) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    blockedOnce = new BlockedStep();
    Error.stackTraceLimit = limit;
  }
  return blockedOnce;
}

// ---- properties ----

export type StatePredicate<S, C = unknown> = (s: S, c: C) => boolean;

/** A condition on a step: the state before it and the state after it. */
export type ActionPredicate<S, C = unknown> = (before: S, after: S, c: C) => boolean;

export type Property<S, C = unknown> =
  | { readonly kind: "invariant"; readonly pred: StatePredicate<S, C> }
  | { readonly kind: "witness"; readonly pred: StatePredicate<S, C> }
  | { readonly kind: "temporal"; readonly formula: Temporal<S, C> }
  | { readonly kind: "action"; readonly pred: ActionPredicate<S, C> };

export type Temporal<S, C = unknown> =
  | { readonly op: "always" | "eventually" | "alwaysEventually" | "eventuallyAlways"; readonly pred: StatePredicate<S, C> }
  | { readonly op: "leadsTo"; readonly from: StatePredicate<S, C>; readonly to: StatePredicate<S, C> }
  | { readonly op: "forAll"; readonly set: string | readonly string[]; readonly body: (p: never) => Temporal<S, C> };

/** Holds in every reachable state; TLC checks it as an INVARIANT. */
export function invariant<S, C>(pred: StatePredicate<S, C>): Property<S, C> {
  return { kind: "invariant", pred };
}

/** Some reachable state satisfies `pred`: checked so that a "holds" is never vacuous. */
export function witness<S, C>(pred: StatePredicate<S, C>): Property<S, C> {
  return { kind: "witness", pred };
}

/** A temporal property (TLC's PROPERTY). */
export function temporal<S, C>(formula: Temporal<S, C>): Property<S, C> {
  return { kind: "temporal", formula };
}

/**
 * Every step that changes the state (its variables, process steps and kept locals included) satisfies
 * `pred(before, after)`: TLA+ `[][pred]_vars`, TLC's action PROPERTY. Steps that change nothing are not tested.
 */
export function action<S, C>(pred: ActionPredicate<S, C>): Property<S, C> {
  return { kind: "action", pred };
}

/** `[]P` */
export function always<S, C>(pred: StatePredicate<S, C>): Temporal<S, C> {
  return { op: "always", pred };
}

/** `<>P` */
export function eventually<S, C>(pred: StatePredicate<S, C>): Temporal<S, C> {
  return { op: "eventually", pred };
}

/** `[]<>P` */
export function alwaysEventually<S, C>(pred: StatePredicate<S, C>): Temporal<S, C> {
  return { op: "alwaysEventually", pred };
}

/** `<>[]P` */
export function eventuallyAlways<S, C>(pred: StatePredicate<S, C>): Temporal<S, C> {
  return { op: "eventuallyAlways", pred };
}

/** `P ~> Q` */
export function leadsTo<S, C>(from: StatePredicate<S, C>, to: StatePredicate<S, C>): Temporal<S, C> {
  return { op: "leadsTo", from, to };
}

/**
 * `\A p \in Set : body(p)`, over a process set (or a single process's name), or over a constant that
 * is a set of values (`forAll("Keys", (k: Int<0, 3>) => ...)`), or over the union of several
 * (`forAll(["Readers", "Writers"], ...)`). Annotate `p` with the element type when it is not a `Pid`.
 */
export function forAll<S, C, P = Pid>(set: string | readonly string[], body: (p: P) => Temporal<S, C>): Temporal<S, C> {
  return { op: "forAll", set, body: body as (p: never) => Temporal<S, C> };
}

/**
 * In properties: the local `name` of process `p` of `process` (`local<Int<0, 3>>("node", p, "target")`),
 * for a local kept across steps; where it is not live (no later step reads it) it is its type's
 * default, in both the TypeScript and the TLA+ (`node_target[p]`).
 */
export function local<T = unknown>(process: string, p: ProcessId, name: string): T {
  return host("local").local(process, p, name) as T;
}

/** In properties: process `p` has finished. */
export function done(p: ProcessId): boolean {
  return host("done").done(p);
}

/** In properties: process `p` is about to run the step `label`. */
export function at(p: ProcessId, label: string): boolean {
  return host("at").at(p, label);
}

// ---- scenarios and the protocol itself ----

/**
 * A constant's value in a scenario: a PidSet constant takes the names of its model values; a set of
 * values is written as an array of its elements (each once). Any other constant may instead be
 * computed from the scenario's other constants: `Nodes: (c) => range(0, c.N - 1)`.
 */
export type ScenarioValue<T, C = unknown> = [T] extends [PidSet]
  ? readonly string[]
  : [T] extends [ReadonlySet<infer E>]
    ? readonly Written<E>[] | ((c: C) => T)
    : Written<T> | ((c: C) => T);

/** A value as a scenario writes it: every set (a Set or a ValueSet) as an array of its elements. */
export type Written<T> = [T] extends [string | number | boolean | null]
  ? T
  : [T] extends [ReadonlySet<infer E>]
    ? readonly Written<E>[]
    : [T] extends [readonly (infer E)[]]
      ? readonly Written<E>[]
      : [T] extends [object]
        ? { readonly [K in keyof T]: Written<T[K]> }
        : T;

export interface Scenario<C> {
  readonly description?: string;
  readonly constants: { readonly [K in keyof C]: ScenarioValue<C[K], C> };
  /** Deadlock checking (default true). */
  readonly deadlock?: boolean;
  /** Properties to check; default: all of them. */
  readonly properties?: readonly string[];
  /** Expected verdicts per property, asserted by `ts2tla check`. */
  readonly expect?: { readonly [property: string]: "holds" | "violated" };
  /** Fairness of processes (by name) in this scenario instead of their own: a Spec of its own. */
  readonly fairness?: { readonly [process: string]: Fairness };
}

/**
 * Scenarios that vary some constants of `base`: one per combination of the values (the first key
 * varying slowest), named by `name` with each `{Constant}` replaced by its value:
 * `...matrix("seed-{Version}", { Version: ["v5.12", "v5.13"] }, seed)`. The compiler reads it
 * statically and validates each value as a written one.
 */
export function matrix<B extends { readonly constants: object }>(
  name: string,
  vary: { readonly [K in keyof B["constants"]]?: readonly unknown[] },
  base: B,
): { readonly [name: string]: B } {
  const out: Record<string, B> = {};
  for (const combo of combinations(Object.entries(vary as Record<string, readonly unknown[]>))) {
    out[matrixName(name, combo)] = { ...base, constants: { ...base.constants, ...Object.fromEntries(combo) } };
  }
  return out;
}

export interface ProtocolDecl<S, C> {
  readonly name?: string;
  readonly init: (c: C) => S;
  readonly processes: { readonly [name: string]: ProcessDecl<S, C> | ProcessSetDecl<S, C> };
  readonly properties?: { readonly [name: string]: Property<S, C> };
  readonly scenarios: { readonly [name: string]: Scenario<C> };
}

/** A protocol over state `S` and constants `C`; the file's default export. */
export function protocol<S, C = Record<string, never>>(decl: ProtocolDecl<S, C>): ProtocolDecl<S, C> {
  return decl;
}
