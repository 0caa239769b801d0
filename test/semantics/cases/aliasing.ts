// References and aliasing: a local bound to a part of the state read after the state changes in
// place, written to change the state, two names for one object, helper parameters aliasing the
// state, a state field assigned another state field and then changed.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "references and aliasing";
const c = (name: string, snippet: Snippet, expect: Expectation): Case => ({ name, group: G, snippet, expect });
const REC = "type Rec = { f: Int<0, 2>; g: Int<0, 2> };";

export const ALIASING: Case[] = [
  // Reads of an alias where nothing changed in place: fine.
  c("aliasPlainRead", { state: "r: { f: Int<0, 2> }; n: Int<0, 2>", init: "{ r: { f: 1 }, n: 0 }", body: `
      const e = s.r;
      if (e.f === 1) s.n = 2;`, props: { two: "invariant((s) => s.n === 0 || s.n === 2)" } }, run()),
  c("aliasReadAfterOtherField", { state: "r: { f: Int<0, 2> }; n: Int<0, 2>; m: Int<0, 2>", init: "{ r: { f: 1 }, n: 0, m: 0 }", body: `
      const e = s.r;
      s.n = 2;
      s.m = e.f;`, props: { one: "invariant((s) => s.m === 0 || s.m === 1)" } }, run()),
  c("aliasArrayReadNoChange", { state: "q: Int<0, 3>[]; n: Int<0, 3>", init: "{ q: [1, 2], n: 0 }", body: `
      const q = s.q;
      s.n = q.length + q[0]!;`, props: { three: "invariant((s) => s.n === 0 || s.n === 3)" } }, run()),
  c("aliasNestedReadNoChange", { state: "a: { b: { c: Int<0, 2> } }; n: Int<0, 2>", init: "{ a: { b: { c: 2 } }, n: 0 }", body: `
      const b = s.a.b;
      s.n = b.c;`, props: { two: "invariant((s) => s.n === 0 || s.n === 2)" } }, run()),
  // Reads after an in-place change of the aliased part: TSLA083 at the read.
  c("aliasReadAfterPush", { state: "q: Int<0, 3>[]; n: Int<0, 3>", init: "{ q: [], n: 0 }", body: `
      const q = s.q;
      s.q.push(1);
      s.n = /*@*/q.length;` }, diag("TSLA083")),
  c("aliasReadAfterFieldWrite", { state: "r: { f: Int<0, 2> }; n: Int<0, 2>", init: "{ r: { f: 1 }, n: 0 }", body: `
      const e = s.r;
      s.r.f = 2;
      s.n = /*@*/e.f;` }, diag("TSLA083")),
  c("aliasReadAfterNestedWrite", { state: "a: { b: { c: Int<0, 2> } }; n: Int<0, 2>", init: "{ a: { b: { c: 0 } }, n: 0 }", body: `
      const b = s.a.b;
      s.a.b.c = 1;
      s.n = /*@*/b.c;` }, diag("TSLA083")),
  c("aliasOuterReadAfterNestedWrite", { state: "a: { b: { c: Int<0, 2> } }; n: Int<0, 2>", init: "{ a: { b: { c: 0 } }, n: 0 }", body: `
      const a = s.a;
      s.a.b.c = 1;
      s.n = /*@*/a.b.c;` }, diag("TSLA083")),
  c("aliasReadAfterSetAdd", { state: "t: Set<Int<0, 3>>; n: Int<0, 3>", init: "{ t: new Set([1]), n: 0 }", body: `
      const t = s.t;
      s.t.add(2);
      s.n = /*@*/t.size;` }, diag("TSLA083")),
  c("aliasReadAfterSetDelete", { state: "t: Set<Int<0, 3>>; b: boolean", init: "{ t: new Set([1]), b: false }", body: `
      const t = s.t;
      s.t.delete(1);
      s.b = /*@*/t.has(1);` }, diag("TSLA083")),
  c("aliasReadAfterMapWrite", { state: "m: ByPid<Int<0, 2>>; n: Int<0, 2>", init: "{ m: byPid(() => 0), n: 0 }", body: `
      const m = s.m;
      s.m[self] = 1;
      s.n = /*@*/m[self]!;` }, diag("TSLA083")),
  c("aliasReadAfterElementWrite", { state: "q: Int<0, 3>[]; n: Int<0, 3>", init: "{ q: [1], n: 0 }", body: `
      const q = s.q;
      s.q[0] = 2;
      s.n = /*@*/q[0]!;` }, diag("TSLA083")),
  c("aliasReadAfterShift", { state: "q: Int<0, 3>[]; n: Int<0, 3>", init: "{ q: [1, 2], n: 0 }", body: `
      const q = s.q;
      s.q.shift();
      s.n = /*@*/q[0]!;` }, diag("TSLA083")),
  c("aliasElementReadAfterChange", { state: "q: { f: Int<0, 2> }[]; n: Int<0, 2>", init: "{ q: [{ f: 0 }], n: 0 }", body: `
      const e = s.q[0]!;
      s.q[0]!.f = 2;
      s.n = /*@*/e.f;` }, diag("TSLA083")),
  // Writes through a local that aliases the state: TSLA084 at the write.
  c("aliasWriteField", { state: "r: { f: Int<0, 2> }", init: "{ r: { f: 0 } }", body: `
      const e = s.r;
      /*@*/e.f = 1;` }, diag("TSLA084")),
  c("aliasWritePush", { state: "q: Int<0, 3>[]", init: "{ q: [] }", body: `
      const q = s.q;
      /*@*/q.push(1);` }, diag("TSLA084")),
  c("aliasWriteSetAdd", { state: "t: Set<Int<0, 3>>", init: "{ t: new Set() }", body: `
      const t = s.t;
      /*@*/t.add(1);` }, diag("TSLA084")),
  c("aliasWriteNested", { state: "a: { b: { c: Int<0, 2> } }", init: "{ a: { b: { c: 0 } } }", body: `
      const a = s.a;
      /*@*/a.b.c = 1;` }, diag("TSLA084")),
  c("aliasWriteMap", { state: "m: ByPid<Int<0, 2>>", init: "{ m: byPid(() => 0) }", body: `
      const m = s.m;
      /*@*/m[self] = 1;` }, diag("TSLA084")),
  c("aliasWriteIncrement", { state: "r: { f: Int<0, 2> }", init: "{ r: { f: 0 } }", body: `
      const e = s.r;
      /*@*/e.f++;` }, diag("TSLA084")),
  c("aliasWriteElementRecord", { state: "q: { f: Int<0, 2> }[]", init: "{ q: [{ f: 0 }] }", body: `
      const e = s.q[0]!;
      /*@*/e.f = 1;` }, diag("TSLA084")),
  c("twoNamesWrite", { state: "r: { f: Int<0, 2> }", init: "{ r: { f: 0 } }", body: `
      const a = s.r;
      const b = a;
      /*@*/b.f = 1;` }, diag("TSLA084")),
  c("letAliasWrite", { state: "r: { f: Int<0, 2> }; u: { f: Int<0, 2> }", init: "{ r: { f: 0 }, u: { f: 0 } }", body: `
      let e = s.r;
      if (s.u.f === 0) e = s.u;
      /*@*/e.f = 1;` }, diag("TSLA084")),
  // Helper parameters that alias the state.
  c("helperParamRead", { top: `${REC}\nfunction get(r: Rec): Int<0, 2> {\n  return r.f;\n}`, state: "r: Rec; n: Int<0, 2>", init: "{ r: { f: 2, g: 0 }, n: 0 }", body: `
      s.n = get(s.r);`, props: { two: "invariant((s) => s.n === 0 || s.n === 2)" } }, run()),
  c("helperParamReadAfterChange", { top: `${REC}\nfunction get(r: Rec): Int<0, 2> {\n  return r.f;\n}`, state: "r: Rec; n: Int<0, 2>", init: "{ r: { f: 0, g: 0 }, n: 0 }", body: `
      const e = s.r;
      s.r.f = 2;
      s.n = get(/*@*/e);` }, diag("TSLA083")),
  // Writes through a parameter that names a part of the state change that part, in both meanings.
  c("helperParamWrite", { top: `${REC}\nfunction bump(r: Rec): void {\n  r.f = 1;\n}`, state: "r: Rec", init: "{ r: { f: 0, g: 0 } }", body: `
      bump(s.r);`, props: { bumped: "witness((s) => s.r.f === 1 && s.r.g === 0)" } }, run()),
  c("helperStateWrite", { top: `${REC}\ninterface S { r: Rec }\nfunction bump(s: S): void {\n  s.r.f = 1;\n}`, state: "r: Rec", init: "{ r: { f: 0, g: 0 } }", body: `
      bump(s);`, props: { one: "invariant((s) => s.r.f <= 1)" } }, run()),
  // A state field assigned another one: TSLA085 at the stored value (compound values).
  c("fieldFromFieldRecord", { state: "a: { f: Int<0, 2> }; b: { f: Int<0, 2> }", init: "{ a: { f: 0 }, b: { f: 1 } }", body: `
      s.a = /*@*/s.b;` }, diag("TSLA085")),
  c("fieldFromFieldThenMutate", { state: "a: { f: Int<0, 2> }; b: { f: Int<0, 2> }", init: "{ a: { f: 0 }, b: { f: 1 } }", body: `
      s.a = /*@*/s.b;
      s.a.f = 2;` }, diag("TSLA085")),
  c("fieldFromFieldArray", { state: "p: Int<0, 3>[]; q: Int<0, 3>[]", init: "{ p: [], q: [1] }", body: `
      s.p = /*@*/s.q;
      s.p.push(2);` }, diag("TSLA085")),
  c("fieldFromFieldSet", { state: "t: Set<Int<0, 3>>; u: Set<Int<0, 3>>", init: "{ t: new Set(), u: new Set([1]) }", body: `
      s.t = /*@*/s.u;` }, diag("TSLA085")),
  c("fieldFromFieldNested", { state: "a: { r: { f: Int<0, 2> } }; b: { f: Int<0, 2> }", init: "{ a: { r: { f: 0 } }, b: { f: 1 } }", body: `
      s.a.r = /*@*/s.b;` }, diag("TSLA085")),
  c("pushStateRecord", { state: "q: { f: Int<0, 2> }[]; r: { f: Int<0, 2> }", init: "{ q: [], r: { f: 1 } }", body: `
      s.q.push(/*@*/s.r);` }, diag("TSLA085")),
  c("fieldFromLocalAlias", { state: "a: { f: Int<0, 2> }; b: { f: Int<0, 2> }", init: "{ a: { f: 0 }, b: { f: 1 } }", body: `
      const e = s.b;
      s.a = /*@*/e;` }, diag("TSLA085")),
  c("fieldFromFieldPrimitive", { state: "n: Int<0, 2>; m: Int<0, 2>", init: "{ n: 0, m: 2 }", body: `
      s.n = s.m;
      s.m = 1;`, props: { kept: "invariant((s) => s.n === 0 || (s.n === 2 && s.m === 1))" } }, run()),
  // Fresh copies: copy(x), { ...r } of primitive fields, [...q] of primitives.
  c("copyRecord", { state: "a: { f: Int<0, 2> }; b: { f: Int<0, 2> }", init: "{ a: { f: 0 }, b: { f: 1 } }", body: `
      s.a = copy(s.b);
      s.a.f = 2;`, props: { bKept: "invariant((s) => s.b.f === 1)" } }, run()),
  c("copyPushRecord", { state: "q: { f: Int<0, 2> }[]; r: { f: Int<0, 2> }", init: "{ q: [], r: { f: 1 } }", body: `
      s.q.push(copy(s.r));
      s.r.f = 2;`, props: { elem: "invariant((s) => s.q.length === 0 || s.q[0]!.f === 1)" } }, run()),
  c("copyLocalThenWrite", { state: "r: { f: Int<0, 2> }; n: Int<0, 2>", init: "{ r: { f: 0 }, n: 0 }", body: `
      const e = copy(s.r);
      e.f = 2;
      s.n = e.f;`, props: { rKept: "invariant((s) => s.r.f === 0)" } }, run()),
  c("spreadRecordCopy", { state: "a: { f: Int<0, 2> }; b: { f: Int<0, 2> }", init: "{ a: { f: 0 }, b: { f: 1 } }", body: `
      s.a = { ...s.b };
      s.a.f = 2;`, props: { bKept: "invariant((s) => s.b.f === 1)" } }, run()),
  c("spreadArrayCopy", { state: "p: Int<0, 3>[]; q: Int<0, 3>[]", init: "{ p: [], q: [1] }", body: `
      s.p = [...s.q];
      s.p.push(2);`, props: { qKept: "invariant((s) => s.q.length === 1)" } }, run()),
  c("spreadLocalCopyWrite", { state: "q: Int<0, 3>[]; n: Int<0, 3>", init: "{ q: [1], n: 0 }", body: `
      const p = [...s.q];
      p.push(2);
      s.n = p.length;`, props: { qKept: "invariant((s) => s.q.length === 1)" } }, run()),
  // Reassigning the whole field: the old value stays what it was.
  c("reassignWholeField", { state: "r: { f: Int<0, 2> }; n: Int<0, 2>", init: "{ r: { f: 1 }, n: 0 }", body: `
      const old = s.r;
      s.r = { f: 2 };
      s.n = old.f;`, props: { old: "invariant((s) => s.n === 0 || s.n === 1)" } }, run()),
  c("reassignToNull", { state: "r: { f: Int<0, 2> } | null; n: Int<0, 2>", init: "{ r: { f: 2 }, n: 0 }", body: `
      const old = s.r;
      s.r = null;
      if (old !== null) s.n = old.f;`, props: { old: "invariant((s) => s.n === 0 || s.n === 2)" } }, run()),
  c("reassignArrayThenReadOld", { state: "q: Int<0, 3>[]; n: Int<0, 3>", init: "{ q: [1, 2], n: 0 }", body: `
      const old = s.q;
      s.q = [];
      s.n = old.length;`, props: { old: "invariant((s) => s.n === 0 || s.n === 2)" } }, run()),
  // A local kept across a step that aliases the state, changed by another process meanwhile.
  c("aliasAcrossStep", { state: "r: { f: Int<0, 2> }; n: Int<0, 2>", init: "{ r: { f: 0 }, n: 0 }", processes: `
      main: process(function* (self, s) {
        yield "a";
        const e = s.r;
        yield "b";
        s.n = e.f;
      }),
      other: process(function* (self, s) {
        yield "c";
        s.r.f = 2;
      }),` }, run()),
  c("freshLocalStored", { state: "q: Int<0, 3>[]", init: "{ q: [] }", body: `
      const p: Int<0, 3>[] = [];
      p.push(1);
      s.q = p;`, props: { one: "invariant((s) => s.q.length <= 1)" } }, run()),
];
