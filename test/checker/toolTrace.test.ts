import { expect } from "chai";
import {
  extractTextCounterexamples,
  parseActionLabel,
  parseStateBody,
  parseStateHeader,
  TraceTextError,
} from "../../tools/checker/tlc/toolTrace.ts";
import { messagesOf, parseToolOutput } from "../../tools/checker/tlc/toolOutput.ts";
import type { Counterexample, TlaValue } from "../../tools/checker/types.ts";
import { CURRENT, OURS, readCapture, V174 } from "../helpers/captures.ts";

const int = (value: number): TlaValue => ({ kind: "int", value });
const str = (value: string): TlaValue => ({ kind: "str", value });
const mv = (name: string): TlaValue => ({ kind: "modelValue", name });

function textTrace(dir: string, name: string): Counterexample | undefined {
  return extractTextCounterexamples(messagesOf(parseToolOutput(readCapture(dir, name).stdout)))[0];
}

describe("TLC text traces", () => {
  it("reads state headers: initial, action with location, action with arguments, stuttering, back to state", () => {
    expect(parseStateHeader("1: <Initial predicate>")).to.deep.equal({ index: 1, kind: "initial" });
    expect(parseStateHeader("2: <Next line 6, col 12 to line 6, col 61 of module Inv>")).to.deep.equal({
      index: 2,
      kind: "action",
      action: { name: "Next", location: { module: "Inv", line: 6, col: 12, endLine: 6, endCol: 61 } },
    });
    expect(parseStateHeader('2: <Pass("p1","p2") line 7, col 19 to line 10, col 43 of module Cycle>')).to.deep.equal({
      index: 2,
      kind: "action",
      action: { name: "Pass", params: [str("p1"), str("p2")], location: { module: "Cycle", line: 7, col: 19, endLine: 10, endCol: 43 } },
    });
    expect(parseStateHeader("10: Stuttering")).to.deep.equal({ index: 10, kind: "stuttering" });
    expect(parseStateHeader("3: Back to state: <Step line 6, col 9 to line 7, col 48 of module Lasso>")).to.deep.equal({
      index: 3,
      kind: "back-to-state",
      action: { name: "Step", location: { module: "Lasso", line: 6, col: 9, endLine: 7, endCol: 48 } },
    });
    expect(() => parseStateHeader("State 1:")).to.throw(TraceTextError, /unrecognised trace state header/);
  });

  it("reads action labels with nested arguments and without a location", () => {
    expect(parseActionLabel("Send(<<1, 2>>, [to |-> b], {})")).to.deep.equal({
      name: "Send",
      params: [{ kind: "seq", elems: [int(1), int(2)] }, { kind: "record", fields: { to: mv("b") } }, { kind: "set", elems: [] }],
    });
    expect(parseActionLabel("Tick")).to.deep.equal({ name: "Tick" });
  });

  it("reads state bodies: /\\ lines, a lone variable, and values spread over lines", () => {
    expect(parseStateBody('/\\ x = 0\n/\\ y = [a |-> 0, b |-> "s"]\n\n')).to.deep.equal({
      x: int(0),
      y: { kind: "record", fields: { a: int(0), b: str("s") } },
    });
    expect(parseStateBody("x = 1")).to.deep.equal({ x: int(1) });
    expect(parseStateBody("done = ( p1 :> 1 @@\n  p2 :> 0 )")).to.deep.equal({
      done: { kind: "fn", entries: [[mv("p1"), int(1)], [mv("p2"), int(0)]] },
    });
    expect(parseStateBody('/\\ pc = ( a :> "idle" @@\n        b :> "busy" )\n/\\ n = 2')).to.deep.equal({
      pc: { kind: "fn", entries: [[mv("a"), str("idle")], [mv("b"), str("busy")]] },
      n: int(2),
    });
    expect(() => parseStateBody("/\\ x = {1,")).to.throw(TraceTextError, /value of x/);
  });

  it("builds a safety trace (Inv): states, actions, no loop", () => {
    const ce = textTrace(CURRENT, "Inv.tool")!;
    const loc = { module: "Inv", line: 6, col: 12, endLine: 6, endCol: 61 };
    const y = (a: number): TlaValue => ({ kind: "record", fields: { a: int(a), b: str("s") } });
    expect(ce).to.deep.equal({
      source: "tool-text",
      states: [
        { index: 1, vars: { x: int(0), y: y(0) } },
        { index: 2, action: { name: "Next", location: loc }, vars: { x: int(1), y: y(2) } },
        { index: 3, action: { name: "Next", location: loc }, vars: { x: int(2), y: y(4) } },
        { index: 4, action: { name: "Next", location: loc }, vars: { x: int(3), y: y(6) } },
      ],
    });
  });

  it("builds a lasso (Lasso): back to state 3 through Step, in both TLC versions", () => {
    for (const dir of [CURRENT, V174]) {
      const ce = textTrace(dir, "Lasso.tool")!;
      expect(ce.states.map((s) => [s.vars.s, s.vars.t])).to.deep.equal([
        [int(0), str("init")],
        [int(1), str("step")],
        [int(2), str("step")],
        [int(3), str("step")],
        [int(1), str("wrap")],
      ]);
      expect(ce.loop).to.deep.equal({
        kind: "back-to-state",
        toIndex: 3,
        action: { name: "Step", location: { module: "Lasso", line: 6, col: 9, endLine: 7, endCol: 48 } },
      });
    }
  });

  it("builds a stuttering trace (our Stutter run) with parameterised actions", () => {
    const ce = textTrace(OURS, "Stutter")!;
    expect(ce.loop).to.deep.equal({ kind: "stuttering" });
    expect(ce.states.map((s) => s.action?.params)).to.deep.equal([undefined, [mv("p1")], [mv("p2")], [mv("p2")]]);
    expect(ce.states[3]!.vars).to.deep.equal({ done: { kind: "fn", entries: [[mv("p1"), int(1)], [mv("p2"), int(2)]] } });
  });

  it("reads the one state of an initial-state violation from the 2107 message (Values, InitInv)", () => {
    const values = textTrace(CURRENT, "Values.tool")!;
    expect(values.states).to.have.length(1);
    expect(values.states[0]!.action).to.equal(undefined);
    expect(Object.keys(values.states[0]!.vars).sort()).to.deep.equal(["b", "eq", "es", "f0", "ft", "mv", "neg", "rec", "s", "seq", "str"]);
    expect(values.states[0]!.vars.str).to.deep.equal(str('q"uote'));
    expect(values.states[0]!.vars.neg).to.deep.equal(int(-5));
    expect(textTrace(V174, "InitInv.tool")).to.deep.equal({ source: "tool-text", states: [{ index: 1, vars: { x: int(1) } }] });
  });

  it("drops the action of the first state, which simulation mode names Init", () => {
    const ce = textTrace(CURRENT, "Inv.simulate.tool")!;
    expect(ce.states[0]).to.deep.equal({ index: 1, vars: { x: int(0), y: { kind: "record", fields: { a: int(0), b: str("s") } } } });
    expect(ce.states[1]!.action?.name).to.equal("Next");
  });

  it("finds every trace of a -continue run", () => {
    const all = extractTextCounterexamples(messagesOf(parseToolOutput(readCapture(CURRENT, "Inv.continue.tool").stdout)));
    expect(all.map((c) => c.states.length)).to.deep.equal([4, 5, 6]);
  });

  it("keeps the trace that precedes a runtime error (Eval) and an Assert failure", () => {
    expect(textTrace(CURRENT, "Eval.tool")!.states.map((s) => s.vars.x)).to.deep.equal([int(0), int(10)]);
    expect(textTrace(CURRENT, "Assert.tool")!.states.map((s) => s.vars.x)).to.deep.equal([int(0), int(1), int(2)]);
  });
});
