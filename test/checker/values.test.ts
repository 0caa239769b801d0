import { expect } from "chai";
import {
  parseTlaValue,
  parseTlaValueList,
  printTlaValue,
  TlaValueSyntaxError,
  tlaValuesEqual,
} from "../../tools/checker/tlc/values.ts";
import type { TlaValue } from "../../tools/checker/types.ts";

const int = (value: number): TlaValue => ({ kind: "int", value });
const str = (value: string): TlaValue => ({ kind: "str", value });
const mv = (name: string): TlaValue => ({ kind: "modelValue", name });

describe("TLA+ value parser", () => {
  it("reads scalars: booleans, integers (negative too), strings, model values", () => {
    expect(parseTlaValue("TRUE")).to.deep.equal({ kind: "bool", value: true });
    expect(parseTlaValue("FALSE")).to.deep.equal({ kind: "bool", value: false });
    expect(parseTlaValue("42")).to.deep.equal(int(42));
    expect(parseTlaValue("-5")).to.deep.equal(int(-5));
    expect(parseTlaValue('"s"')).to.deep.equal(str("s"));
    expect(parseTlaValue("M1")).to.deep.equal(mv("M1"));
    expect(parseTlaValue("  p_2  ")).to.deep.equal(mv("p_2"));
  });

  it("reads string escapes", () => {
    expect(parseTlaValue(String.raw`"q\"uote"`)).to.deep.equal(str('q"uote'));
    expect(parseTlaValue(String.raw`"tab\there"`)).to.deep.equal(str("tab\there"));
    expect(parseTlaValue(String.raw`"back\\slash\nnl"`)).to.deep.equal(str("back\\slash\nnl"));
  });

  it("reads sets, sequences, records and functions, nested", () => {
    expect(parseTlaValue("{}")).to.deep.equal({ kind: "set", elems: [] });
    expect(parseTlaValue("<<>>")).to.deep.equal({ kind: "seq", elems: [] });
    expect(parseTlaValue('<<"a", <<1, 2>>, {M1}>>')).to.deep.equal({
      kind: "seq",
      elems: [str("a"), { kind: "seq", elems: [int(1), int(2)] }, { kind: "set", elems: [mv("M1")] }],
    });
    expect(parseTlaValue('[k |-> 1, l |-> [m |-> "n"]]')).to.deep.equal({
      kind: "record",
      fields: { k: int(1), l: { kind: "record", fields: { m: str("n") } } },
    });
    expect(parseTlaValue("(<<1, 2>> :> 1 @@ <<3, 4>> :> 3)")).to.deep.equal({
      kind: "fn",
      entries: [
        [{ kind: "seq", elems: [int(1), int(2)] }, int(1)],
        [{ kind: "seq", elems: [int(3), int(4)] }, int(3)],
      ],
    });
    expect(parseTlaValue("(a :> {} @@ b :> (x :> 1))")).to.deep.equal({
      kind: "fn",
      entries: [
        [mv("a"), { kind: "set", elems: [] }],
        [mv("b"), { kind: "fn", entries: [[mv("x"), int(1)]] }],
      ],
    });
  });

  it("reads a function chain without parentheses and a one-entry function", () => {
    expect(parseTlaValue("a :> 1 @@ b :> 2")).to.deep.equal({ kind: "fn", entries: [[mv("a"), int(1)], [mv("b"), int(2)]] });
    expect(parseTlaValue("(0 :> 0)")).to.deep.equal({ kind: "fn", entries: [[int(0), int(0)]] });
  });

  it("expands intervals TLC prints as m..n", () => {
    expect(parseTlaValue("1..3")).to.deep.equal({ kind: "set", elems: [int(1), int(2), int(3)] });
    expect(parseTlaValue("{2..1}")).to.deep.equal({ kind: "set", elems: [{ kind: "set", elems: [] }] });
  });

  it("reads values spread over several lines", () => {
    const text = '( a :> "idle" @@\n  b :> [x |-> 1,\n        y |-> <<>>] )';
    expect(parseTlaValue(text)).to.deep.equal({
      kind: "fn",
      entries: [
        [mv("a"), str("idle")],
        [mv("b"), { kind: "record", fields: { x: int(1), y: { kind: "seq", elems: [] } } }],
      ],
    });
  });

  it("reads lowercase booleans only when asked (the embedded engine prints them)", () => {
    expect(parseTlaValue("{false, true}", { lowercaseBooleans: true })).to.deep.equal({
      kind: "set",
      elems: [{ kind: "bool", value: false }, { kind: "bool", value: true }],
    });
    expect(parseTlaValue("true")).to.deep.equal(mv("true"));
  });

  it("reads argument lists with or without spaces", () => {
    expect(parseTlaValueList('"p1","p2"')).to.deep.equal([str("p1"), str("p2")]);
    expect(parseTlaValueList("a, <<1, 2>>, [f |-> 0]")).to.deep.equal([
      mv("a"),
      { kind: "seq", elems: [int(1), int(2)] },
      { kind: "record", fields: { f: int(0) } },
    ]);
    expect(parseTlaValueList("")).to.deep.equal([]);
  });

  it("rejects garbage with a position, never crashing", () => {
    const cases: Array<[string, number, number]> = [
      ["{1, 2", 1, 6],
      ["[a |-> ]", 1, 8],
      ["<<1 2>>", 1, 5],
      ['"open', 1, 1],
      ["1 2", 1, 3],
      ["[a = 1]", 1, 4],
      ["{1,\n  @}", 2, 3],
      ["", 1, 1],
      ["99999999999999999999", 1, 1],
    ];
    for (const [text, line, column] of cases) {
      let error: unknown;
      try {
        parseTlaValue(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).to.be.instanceOf(TlaValueSyntaxError);
      const e = error as TlaValueSyntaxError;
      expect([e.line, e.column], `${text}: ${e.message}`).to.deep.equal([line, column]);
      expect(e.message).to.match(new RegExp(`line ${line}, column ${column}`));
    }
  });

  it("prints values back in TLC's syntax (round trip)", () => {
    const samples = [
      "TRUE",
      "-5",
      String.raw`"q\"uote\\ \t"`,
      "{1, 2, 3}",
      "<<>>",
      '<<"a", <<1, 2>>, {M1}>>',
      '[k |-> 1, l |-> [m |-> "n"]]',
      "(<<1, 2>> :> 1 @@ <<3, 4>> :> 3)",
      "(A :> {0, 1} @@ B :> {})",
    ];
    for (const text of samples) {
      const v = parseTlaValue(text);
      expect(printTlaValue(v)).to.equal(text);
      expect(parseTlaValue(printTlaValue(v))).to.deep.equal(v);
    }
    expect(printTlaValue({ kind: "fn", entries: [] })).to.equal("<<>>");
    expect(printTlaValue({ kind: "ambiguousEmpty" })).to.equal("{}");
  });

  it("compares values as TLA+ does: sets and functions regardless of order", () => {
    expect(tlaValuesEqual(parseTlaValue("{1, 2}"), parseTlaValue("{2, 1}"))).to.equal(true);
    expect(tlaValuesEqual(parseTlaValue("(a :> 1 @@ b :> 2)"), parseTlaValue("(b :> 2 @@ a :> 1)"))).to.equal(true);
    expect(tlaValuesEqual(parseTlaValue("<<1, 2>>"), parseTlaValue("<<2, 1>>"))).to.equal(false);
    expect(tlaValuesEqual(parseTlaValue('"a"'), parseTlaValue("a"))).to.equal(false);
  });
});
