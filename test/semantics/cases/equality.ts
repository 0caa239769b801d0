// Equality and membership on non-primitive values: ===, !==, includes, indexOf, has, and sets of
// records. JS compares objects by identity; TLA+ by value: rejected, with `equals(a, b)` (value
// equality) as the alternative.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "equality and membership on non-primitives";
const c = (name: string, snippet: Snippet, expect: Expectation): Case => ({ name, group: G, snippet, expect });
const TWO_RECS = { state: "a: { f: Int<0, 2> }; b: { f: Int<0, 2> }; same: boolean", init: "{ a: { f: 1 }, b: { f: 1 }, same: false }" };
const TWO_ARRS = { state: "p: Int<0, 3>[]; q: Int<0, 3>[]; same: boolean", init: "{ p: [1], q: [1], same: false }" };

export const EQUALITY: Case[] = [
  c("eqRecords", { ...TWO_RECS, body: `s.same = s.a /*@*/=== s.b;` }, diag("TSLA080")),
  c("neqRecords", { ...TWO_RECS, body: `s.same = s.a /*@*/!== s.b;` }, diag("TSLA080")),
  c("eqRecordsInIf", { ...TWO_RECS, body: `if (s.a /*@*/=== s.b) s.same = true;` }, diag("TSLA080")),
  c("eqRecordsInWhen", { ...TWO_RECS, body: `when(s.a /*@*/!== s.b);` }, diag("TSLA080")),
  c("eqArrays", { ...TWO_ARRS, body: `s.same = s.p /*@*/=== s.q;` }, diag("TSLA080")),
  c("eqLocalArray", { ...TWO_ARRS, body: `
      const e: Int<0, 3>[] = [1];
      s.same = s.p /*@*/=== e;` }, diag("TSLA080")),
  c("eqSets", { state: "t: Set<Int<0, 3>>; u: Set<Int<0, 3>>; same: boolean", init: "{ t: new Set([1]), u: new Set([1]), same: false }", body: `s.same = s.t /*@*/=== s.u;` }, diag("TSLA080")),
  c("eqLocalRecordLiteral", { ...TWO_RECS, body: `
      const e = { f: 1 };
      s.same = e /*@*/=== s.a;` }, diag("TSLA080")),
  c("eqRecordsInInvariant", { ...TWO_RECS, body: `s.a.f = 2;`, props: { bad: "invariant((s) => s.a /*@*/!== s.b)" } }, diag("TSLA080")),
  c("eqNestedRecordField", { state: "a: { r: { f: Int<0, 2> } }; b: { r: { f: Int<0, 2> } }; same: boolean", init: "{ a: { r: { f: 0 } }, b: { r: { f: 0 } }, same: false }", body: `s.same = s.a.r /*@*/=== s.b.r;` }, diag("TSLA080")),
  // Fine: comparisons with null and of primitives.
  c("eqRecordNull", { state: "r: { f: Int<0, 2> } | null; n: Int<0, 2>", init: "{ r: { f: 1 }, n: 0 }", body: `
      if (s.r !== null) s.n = 1;
      s.r = null;
      if (s.r === null) s.n = 2;`, props: { two: "invariant((s) => s.n === 0 || s.n === 2)" } }, run()),
  c("eqArrayNull", { state: "q: Int<0, 3>[] | null; n: Int<0, 2>", init: "{ q: null, n: 0 }", body: `
      if (s.q === null) s.q = [1];
      if (s.q !== null) s.n = 1;`, props: { one: "invariant((s) => s.n === 0 || s.n === 1)" } }, run()),
  c("eqRecordFields", { ...TWO_RECS, body: `s.same = s.a.f === s.b.f;`, props: { isSame: "witness((s) => s.same)" } }, run()),
  c("eqStrings", { state: "m: \"idle\" | \"busy\"; same: boolean", init: "{ m: \"idle\", same: false }", body: `s.same = s.m === "idle";`, props: { isSame: "witness((s) => s.same)" } }, run()),
  // equals(a, b): value equality.
  c("equalsRecords", { ...TWO_RECS, body: `s.same = equals(s.a, s.b);`, props: { isSame: "witness((s) => s.same)" } }, run()),
  c("equalsRecordsDiffer", { ...TWO_RECS, body: `
      s.b.f = 2;
      s.same = equals(s.a, s.b);`, props: { never: "invariant((s) => !s.same)" } }, run()),
  c("equalsArrays", { ...TWO_ARRS, body: `s.same = equals(s.p, s.q);`, props: { isSame: "witness((s) => s.same)" } }, run()),
  c("equalsArraysOrder", { state: "p: Int<0, 3>[]; q: Int<0, 3>[]; same: boolean", init: "{ p: [1, 2], q: [2, 1], same: false }", body: `s.same = equals(s.p, s.q);`, props: { never: "invariant((s) => !s.same)" } }, run()),
  c("equalsSetsOrder", { state: "t: Set<Int<0, 3>>; u: Set<Int<0, 3>>; same: boolean", init: "{ t: new Set([1, 2]), u: new Set([2, 1]), same: false }", body: `s.same = equals(s.t, s.u);`, props: { isSame: "witness((s) => s.same)" } }, run()),
  c("equalsNested", { state: "a: { r: { f: Int<0, 2> }; q: Int<0, 2>[] }; b: { r: { f: Int<0, 2> }; q: Int<0, 2>[] }; same: boolean", init: "{ a: { r: { f: 0 }, q: [1] }, b: { r: { f: 0 }, q: [1] }, same: false }", body: `s.same = equals(s.a, s.b);`, props: { isSame: "witness((s) => s.same)" } }, run()),
  c("equalsRecordKeyOrder", { ...TWO_RECS, state: "a: { f: Int<0, 2>; g: Int<0, 2> }; b: { f: Int<0, 2>; g: Int<0, 2> }; same: boolean", init: "{ a: { f: 1, g: 2 }, b: { g: 2, f: 1 }, same: false }", body: `s.same = equals(s.a, s.b);`, props: { isSame: "witness((s) => s.same)" } }, run()),
  // includes / indexOf / has with a record or array element: TSLA081.
  c("includesRecord", { state: "q: { f: Int<0, 2> }[]; r: { f: Int<0, 2> }; b: boolean", init: "{ q: [{ f: 1 }], r: { f: 1 }, b: false }", body: `s.b = s.q.includes(/*@*/s.r);` }, diag("TSLA081")),
  c("includesRecordLiteral", { state: "q: { f: Int<0, 2> }[]; b: boolean", init: "{ q: [{ f: 1 }], b: false }", body: `s.b = s.q.includes(/*@*/{ f: 1 });` }, diag("TSLA081")),
  c("indexOfRecord", { state: "q: { f: Int<0, 2> }[]; r: { f: Int<0, 2> }; n: Int<-1, 2>", init: "{ q: [{ f: 1 }], r: { f: 1 }, n: 0 }", body: `s.n = s.q.indexOf(/*@*/s.r);` }, diag("TSLA081")),
  c("includesArray", { state: "q: Int<0, 2>[][]; b: boolean", init: "{ q: [[1]], b: false }", body: `s.b = s.q.includes(/*@*/[1]);` }, diag("TSLA081")),
  c("indexOfArrayLiteral", { state: "q: Int<0, 2>[][]; n: Int<-1, 2>", init: "{ q: [[1]], n: 0 }", body: `s.n = s.q.indexOf(/*@*/[1]);` }, diag("TSLA081")),
  c("includesRecordInInvariant", { state: "q: { f: Int<0, 2> }[]; r: { f: Int<0, 2> }", init: "{ q: [], r: { f: 1 } }", body: `s.q.push({ f: 1 });`, props: { bad: "invariant((s) => !s.q.includes(/*@*/s.r))" } }, diag("TSLA081")),
  // Sets whose elements are records, arrays or sets: TSLA082 (the type).
  c("setOfRecordsType", { state: "/*@*/t: Set<{ f: Int<0, 2> }>", init: "{ t: new Set() }", body: `s.t.add({ f: 1 });` }, diag("TSLA082")),
  c("readonlySetOfRecordsType", { state: "/*@*/t: ReadonlySet<{ f: Int<0, 2> }>", init: "{ t: new Set() }", body: `s.t = new Set([{ f: 1 }]);` }, diag("TSLA082")),
  c("setOfArraysType", { state: "/*@*/t: Set<Int<0, 2>[]>", init: "{ t: new Set() }", body: `s.t.add([1]);` }, diag("TSLA082")),
  c("setOfSetsType", { state: "/*@*/t: Set<Set<Int<0, 2>>>", init: "{ t: new Set() }", body: `s.t.add(new Set([1]));` }, diag("TSLA082")),
  c("setOfRecordsInRecord", { state: "r: { /*@*/t: Set<{ f: Int<0, 2> }> }", init: "{ r: { t: new Set() } }", body: `s.r.t.add({ f: 1 });` }, diag("TSLA082")),
  // Fine: membership of primitives.
  c("includesPrimitive", { state: "q: Int<0, 3>[]; b: boolean; c: boolean", init: "{ q: [1, 2], b: false, c: true }", body: `
      s.b = s.q.includes(2);
      s.c = s.q.includes(3);`, props: { both: "invariant((s) => !s.c || !s.b)" , found: "witness((s) => s.b && !s.c)" } }, run()),
  c("indexOfPrimitiveMissing", { state: "q: Int<0, 3>[]; n: Int<-1, 3>", init: "{ q: [1, 2], n: 0 }", body: `s.n = s.q.indexOf(3);`, props: { minus: "witness((s) => s.n === -1)" } }, run()),
  c("indexOfPrimitiveFirst", { state: "q: Int<0, 3>[]; n: Int<-1, 3>", init: "{ q: [2, 1, 2], n: -1 }", body: `s.n = s.q.indexOf(2);`, props: { first: "invariant((s) => s.n === -1 || s.n === 0)" } }, run()),
  c("hasPrimitive", { state: "t: Set<Int<0, 3>>; b: boolean", init: "{ t: new Set([1, 2]), b: false }", body: `s.b = s.t.has(2) && !s.t.has(3);`, props: { has: "witness((s) => s.b)" } }, run()),
  c("hasPid", { state: "t: Set<Pid>; b: boolean", init: "{ t: new Set(), b: false }", body: `
      s.t.add(self);
      s.b = s.t.has(self);`, props: { has: "witness((s) => s.b)" } }, run()),
  c("includesNullInArray", { state: "q: (Int<0, 2> | null)[]; b: boolean", init: "{ q: [null, 1], b: false }", body: `s.b = s.q.includes(null);`, props: { has: "witness((s) => s.b)" } }, run()),
];
