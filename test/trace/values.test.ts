// Decoding TLA+ values by their TS type (including the lossy JSON dump), TS literals, and state diffs.
import { expect } from "chai";
import type { TlaValue, TraceAction } from "../../tools/checker/types.ts";
import { compileFile } from "../../tools/compiler/index.ts";
import { decodeTrace } from "../../tools/trace/decode.ts";
import type { IrType } from "../../tools/compiler/ir.ts";
import { diffStates } from "../../tools/trace/diff.ts";
import { textOptionsFor } from "../../tools/trace/render/text.ts";
import { showValue } from "../../tools/trace/show.ts";
import type { TsState, TsValue } from "../../tools/trace/types.ts";
import { decodeValue } from "../../tools/trace/values.ts";

const str = (value: string): TlaValue => ({ kind: "str", value });
const int = (value: number): TlaValue => ({ kind: "int", value });
const mv = (name: string): TlaValue => ({ kind: "modelValue", name });
const seq = (...elems: TlaValue[]): TlaValue => ({ kind: "seq", elems });
const empty: TlaValue = { kind: "ambiguousEmpty" };

const pid: IrType = { k: "pid" };
const nullOrPid: IrType = { k: "union", members: [{ k: "null" }, pid] };
const lits: IrType = { k: "lits", values: ["idle", "busy", "Null"] };

function decode(v: TlaValue, t: IrType): { value: TsValue; warnings: string[] } {
  const warnings: string[] = [];
  return { value: decodeValue(v, t, (w) => warnings.push(w), "x"), warnings };
}

describe("trace values", () => {
  it("reads model values and their JSON-dump strings as process ids, Null as null", () => {
    expect(decode(mv("w1"), nullOrPid).value).to.deep.equal({ kind: "pid", value: "w1" });
    expect(decode(str("w1"), nullOrPid).value).to.deep.equal({ kind: "pid", value: "w1" });
    expect(decode(mv("Null"), nullOrPid).value).to.deep.equal({ kind: "null" });
    expect(decode(str("Null"), nullOrPid).value).to.deep.equal({ kind: "null" });
  });

  it("keeps a string literal a literal even when it is spelled like a model value", () => {
    const t: IrType = { k: "union", members: [{ k: "null" }, lits] };
    expect(decode(str("Null"), t).value).to.deep.equal({ kind: "string", value: "Null" });
    expect(decode(mv("Null"), { k: "union", members: [{ k: "null" }, { k: "lits", values: ["idle"] }] }).value).to.deep.equal({ kind: "null" });
  });

  it("lets the type decide what an empty `[]` of the JSON dump was", () => {
    expect(decode(empty, { k: "seq", elem: pid }).value).to.deep.equal({ kind: "array", items: [] });
    expect(decode(empty, { k: "set", elem: pid }).value).to.deep.equal({ kind: "set", items: [] });
    expect(decode(empty, { k: "byPid", value: { k: "bool" } }).value).to.deep.equal({ kind: "byPid", entries: [] });
  });

  it("reads sets dumped as arrays, functions on 1..n as arrays, and ByPid maps dumped as objects", () => {
    expect(decode(seq(str("a"), str("b")), { k: "set", elem: pid }).value).to.deep.equal({ kind: "set", items: [{ kind: "pid", value: "a" }, { kind: "pid", value: "b" }] });
    const fn: TlaValue = { kind: "fn", entries: [[int(1), int(7)], [int(2), int(8)]] };
    expect(showValue(decode(fn, { k: "seq", elem: { k: "int", lo: 0, hi: 9 } }).value)).to.equal("[7, 8]");
    const rec: TlaValue = { kind: "record", fields: { r1: str("working"), r2: str("prepared") } };
    const byPid = decode(rec, { k: "byPid", value: { k: "lits", values: ["working", "prepared"] } }).value;
    expect(showValue(byPid)).to.equal('{ r1: "working", r2: "prepared" }');
    const textFn: TlaValue = { kind: "fn", entries: [[mv("c1"), { kind: "bool", value: true }]] };
    expect(showValue(decode(textFn, { k: "byPid", value: { k: "bool" } }).value)).to.equal("{ c1: true }");
  });

  it("reads records in the order of the TS interface", () => {
    const t: IrType = { k: "record", fields: [{ name: "owner", type: nullOrPid }, { name: "count", type: { k: "int", lo: 0, hi: 3 } }] };
    const v: TlaValue = { kind: "record", fields: { count: int(2), owner: mv("w2") } };
    expect(showValue(decode(v, t).value)).to.equal('{ owner: "w2", count: 2 }');
  });

  it("shows a value that does not fit its type as printed, with a warning, instead of failing", () => {
    const r = decode({ kind: "set", elems: [int(1)] }, { k: "bool" });
    expect(r.value).to.deep.equal({ kind: "opaque", text: "{1}" });
    expect(r.warnings).to.have.length(1);
    expect(r.warnings[0]).to.match(/^x: the value \{1\} does not have the declared type/);
  });

  it("prints TS literals", () => {
    const v: TsValue = {
      kind: "record",
      fields: {
        q: { kind: "array", items: [{ kind: "int", value: 1 }] },
        seen: { kind: "set", items: [] },
        who: { kind: "null" },
        "odd key": { kind: "bool", value: false },
      },
    };
    expect(showValue(v)).to.equal('{ q: [1], seen: new Set(), who: null, "odd key": false }');
  });

  describe("diffs", () => {
    const state = (values: Record<string, TsValue>, pc: Record<string, string> = {}): TsState => ({ values, pc });
    const arr = (...n: number[]): TsValue => ({ kind: "array", items: n.map((value) => ({ kind: "int", value })) });

    it("names nested fields, array elements and ByPid entries", () => {
      const before = state({ "s.owner": { kind: "record", fields: { A: { kind: "null" }, B: { kind: "null" } } }, "s.flags": { kind: "byPid", entries: [{ pid: "c1", value: { kind: "bool", value: false } }] } });
      const after = state({ "s.owner": { kind: "record", fields: { A: { kind: "null" }, B: { kind: "pid", value: "bob" } } }, "s.flags": { kind: "byPid", entries: [{ pid: "c1", value: { kind: "bool", value: true } }] } });
      expect(diffStates(before, after).map((c) => (c.kind === "value" ? c.path : c.pid))).to.deep.equal(["s.owner.B", "s.flags.c1"]);
    });

    it("sees push, shift and in-place changes of arrays", () => {
      const paths = (a: TsValue, b: TsValue) => diffStates(state({ "s.q": a }), state({ "s.q": b })).map((c) => (c.kind === "value" ? `${c.op} ${c.path}` : ""));
      expect(paths(arr(1, 2), arr(1, 2, 3))).to.deep.equal(["added s.q[2]"]);
      expect(paths(arr(1, 2, 3), arr(2, 3))).to.deep.equal(["removed s.q[0]"]);
      expect(paths(arr(1, 2, 3), arr(1, 5, 3))).to.deep.equal(["changed s.q[1]"]);
    });

    it("sees set elements come and go, and processes move", () => {
      const set = (...ids: string[]): TsValue => ({ kind: "set", items: ids.map((value) => ({ kind: "pid", value })) });
      const changes = diffStates(state({ "s.seen": set("a", "b") }, { a: "x", b: "y" }), state({ "s.seen": set("b", "c") }, { a: "x", b: "Done" }));
      expect(changes).to.deep.equal([
        { kind: "value", path: "s.seen", variable: "s.seen", op: "removed", before: { kind: "pid", value: "a" } },
        { kind: "value", path: "s.seen", variable: "s.seen", op: "added", after: { kind: "pid", value: "c" } },
        { kind: "pc", pid: "b", from: "y", to: "Done" },
      ]);
    });
  });
});

describe("decodeTrace on odd counterexamples", () => {
  const map = compileFile("spec-src/examples/mutex.ts").sourceMap;
  const pc = (a: string, b: string): TlaValue => ({ kind: "fn", entries: [[mv("w1"), str(a)], [mv("w2"), str(b)]] });
  const state = (index: number, holder: TlaValue, p: TlaValue, action?: TraceAction) => ({ index, vars: { holder, pc: p }, ...(action ? { action } : {}) });

  it("decodes no states, missing variables and unknown actions with warnings, never failing", () => {
    expect(decodeTrace({ states: [], source: "tool-text" }, map).explanation.headline).to.equal("The counterexample has no states.");
    const t = decodeTrace(
      {
        states: [state(1, mv("Null"), pc("acquire", "acquire")), { index: 2, vars: { holder: mv("w1") }, action: { name: "worker_fly", params: [int(3)] } }],
        loop: { kind: "back-to-state", toIndex: 7 },
        source: "tool-text",
      },
      map,
      { scenario: "two", property: "lockIsReleased", violationKind: "property" },
    );
    expect(t.steps).to.have.length(2);
    expect(t.warnings).to.include("step 1: action worker_fly is not a step of protocol mutex");
    expect(t.warnings).to.include("the trace has no variable pc (the step each process is at)");
    expect(t.warnings.some((w) => /the loop goes back to state 7/.test(w))).to.equal(true);
    expect(t.explanation.headline).to.be.a("string").and.not.equal("");
  });

  it("takes the process from the action's self parameter, by name or by position", () => {
    const byName = decodeTrace({ states: [state(1, mv("Null"), pc("acquire", "acquire")), state(2, str("w2"), pc("acquire", "critical"), { name: "worker_acquire", params: { self: str("w2") } })], source: "json-dump" }, map, { scenario: "two" });
    expect(byName.steps[1]!.actor).to.deep.equal({ id: "w2", process: "worker" });
    expect(byName.steps[1]!.actorFrom).to.equal("action");
    const byPosition = decodeTrace({ states: [state(1, mv("Null"), pc("acquire", "acquire")), state(2, mv("w1"), pc("critical", "acquire"), { name: "worker_acquire", params: [mv("w1")] })], source: "tool-text" }, map);
    expect(byPosition.steps[1]!.actor?.id).to.equal("w1");
    expect(byPosition.scenario).to.equal("two");
  });
});

describe("terminal options", () => {
  it("colours only a terminal, and respects NO_COLOR", () => {
    expect(textOptionsFor({ isTTY: true, columns: 120 }, {})).to.deep.equal({ color: true, width: 120 });
    expect(textOptionsFor({ isTTY: true, columns: 120 }, { NO_COLOR: "1" }).color).to.equal(false);
    expect(textOptionsFor({ isTTY: true }, { NO_COLOR: "" }).color).to.equal(true);
    expect(textOptionsFor({ isTTY: false }, {})).to.deep.equal({ color: false, width: 100 });
    expect(textOptionsFor({ isTTY: true, columns: 20 }, {}).width).to.equal(60);
  });
});
