import { expect } from "chai";
import { readdirSync } from "node:fs";
import { projectAsJsonDump } from "../../tools/checker/lossyView.ts";
import { detectJsonDumpShape, JsonDumpError, jsonToTlaValue, parseJsonDump } from "../../tools/checker/tlc/jsonDump.ts";
import { extractTextCounterexamples } from "../../tools/checker/tlc/toolTrace.ts";
import { messagesOf, parseToolOutput } from "../../tools/checker/tlc/toolOutput.ts";
import type { Counterexample, TlaValue } from "../../tools/checker/types.ts";
import { CURRENT, OURS, readCapture } from "../helpers/captures.ts";

const int = (value: number): TlaValue => ({ kind: "int", value });
const str = (value: string): TlaValue => ({ kind: "str", value });

type Json = Record<string, unknown>;
const current = (dir: string, name: string): Json => JSON.parse(readCapture(dir, name).jsonDump!) as Json;

/** The 2024-11 shape: the CounterExample record itself, parameters included. */
function as2024(dump: Json): Json {
  return structuredClone(dump.counterexample) as Json;
}

/** The 2023-12 shape: as 2024-11 without `parameters`. */
function as2023(dump: Json): Json {
  const ce = as2024(dump) as { action: Array<[unknown, Json, unknown]> };
  for (const edge of ce.action) delete edge[1].parameters;
  return ce as unknown as Json;
}

function withoutSource(ce: Counterexample): Omit<Counterexample, "source"> {
  const { source: _, ...rest } = ce;
  return rest;
}

/** Every recorded run with a JSON dump: [dir, capture name]. */
const WITH_JSON: Array<[string, string]> = [
  ...readdirSync(CURRENT)
    .filter((f) => f.endsWith(".trace.json"))
    .map((f): [string, string] => [CURRENT, f.slice(0, -".trace.json".length)]),
  ...readdirSync(OURS)
    .filter((f) => f.endsWith(".trace.json"))
    .map((f): [string, string] => [OURS, f.slice(0, -".trace.json".length)]),
];

describe("TLC -dumpTrace json", () => {
  it("has recorded dumps to test against", () => {
    expect(WITH_JSON.map(([, n]) => n)).to.include.members(["Inv.tool", "Lasso.tool", "Values.tool", "Race", "Stutter", "Cycle", "Rich"]);
  });

  it("recognises each shape and reads all three into the same counterexample", () => {
    for (const [dir, name] of WITH_JSON) {
      const dump = current(dir, name);
      const now = parseJsonDump(JSON.stringify(dump));
      expect(now.shape, name).to.equal("counterexample-vars-2026-01");
      expect(now.vars, name).to.deep.equal(dump.vars);
      const nov = parseJsonDump(JSON.stringify(as2024(dump)));
      const dec = parseJsonDump(JSON.stringify(as2023(dump)));
      const hasParams = JSON.stringify(dump).includes('"parameters"');
      expect(nov.shape, name).to.equal(hasParams ? "action-state-params-2024-11" : "action-state-2023-12");
      expect(dec.shape, name).to.equal("action-state-2023-12");
      expect(nov.counterexample, name).to.deep.equal(now.counterexample);
      // Without `parameters`, arguments keep the order of `context`, which is the declaration order here.
      expect(dec.counterexample, name).to.deep.equal(now.counterexample);
    }
  });

  it("sorts states and actions by index (both arrays are sets)", () => {
    const dump = current(CURRENT, "Lasso.tool") as { counterexample: { action: unknown[]; state: unknown[] } };
    const shuffled = structuredClone(dump);
    shuffled.counterexample.state.reverse();
    shuffled.counterexample.action.reverse();
    expect(parseJsonDump(JSON.stringify(shuffled))).to.deep.equal(parseJsonDump(JSON.stringify(dump)));
  });

  it("turns the closing edge into the loop: back to a state, or stuttering", () => {
    expect(parseJsonDump(readCapture(CURRENT, "Lasso.tool").jsonDump!).counterexample.loop).to.deep.equal({
      kind: "back-to-state",
      toIndex: 3,
      action: { name: "Step", location: { module: "Lasso", line: 6, col: 9, endLine: 7, endCol: 48 } },
    });
    expect(parseJsonDump(readCapture(OURS, "Cycle").jsonDump!).counterexample.loop).to.deep.equal({
      kind: "back-to-state",
      toIndex: 1,
      action: {
        name: "Pass",
        params: { from: str("p2"), to: str("p1") },
        location: { module: "Cycle", line: 7, col: 19, endLine: 10, endCol: 43 },
      },
    });
    const stutter = parseJsonDump(readCapture(OURS, "Stutter").jsonDump!).counterexample;
    expect(stutter.loop).to.deep.equal({ kind: "stuttering" });
    expect(stutter.states).to.have.length(4);
  });

  it("reads an initial-state violation as one state without actions", () => {
    expect(parseJsonDump(readCapture(CURRENT, "InitInv.tool").jsonDump!).counterexample).to.deep.equal({
      source: "json-dump",
      states: [{ index: 1, vars: { x: int(1) } }],
    });
  });

  it("names action parameters (Race: Enter(p))", () => {
    const ce = parseJsonDump(readCapture(OURS, "Race").jsonDump!).counterexample;
    expect(ce.states.map((s) => s.action && [s.action.name, s.action.params])).to.deep.equal([
      undefined,
      ["Enter", { p: str("a") }],
      ["Enter", { p: str("b") }],
    ]);
  });

  it("decodes values with the losses documented in TLC.md", () => {
    const vars = parseJsonDump(readCapture(CURRENT, "Values.tool").jsonDump!).counterexample.states[0]!.vars;
    expect(vars.mv).to.deep.equal({ kind: "seq", elems: [str("M1"), str("M2")] });
    expect(vars.es).to.deep.equal({ kind: "ambiguousEmpty" });
    expect(vars.eq).to.deep.equal({ kind: "ambiguousEmpty" });
    expect(vars.f0).to.deep.equal({ kind: "record", fields: { 0: int(0), 1: int(1), 2: int(4) } });
    expect(vars.ft).to.deep.equal({ kind: "record", fields: { "<<1, 2>>": int(1), "<<3, 4>>": int(3) } });
    expect(vars.str).to.deep.equal(str('q"uote'));
    expect(vars.b).to.deep.equal({ kind: "bool", value: true });
    expect(() => jsonToTlaValue(1.5)).to.throw(JsonDumpError, /non-integer/);
    expect(() => jsonToTlaValue(null)).to.throw(JsonDumpError, /null/);
  });

  it("rejects unknown shapes with a clear error", () => {
    const dump = current(CURRENT, "Inv.tool") as { counterexample: { action: Array<[unknown, Json, unknown]>; state: unknown[] } };
    const bad: Array<[unknown, RegExp]> = [
      [[{ x: 1 }, { x: 2 }], /bare array \(the 2022 format/],
      [{ states: [] }, /keys \{states\}/],
      [{ counterexample: dump.counterexample }, /required property 'vars'/],
      [42, /a JSON number/],
    ];
    const extraKey = structuredClone(dump);
    extraKey.counterexample.action[0]![1].surprise = true;
    bad.push([extraKey, /unknown -dumpTrace json shape/]);
    const badIndex = structuredClone(dump);
    (badIndex.counterexample.state[0] as unknown[])[0] = "one";
    bad.push([badIndex, /unknown -dumpTrace json shape/]);
    for (const [data, message] of bad) {
      expect(detectJsonDumpShape(data)).to.equal(undefined);
      expect(() => parseJsonDump(JSON.stringify(data)), JSON.stringify(data).slice(0, 60)).to.throw(JsonDumpError, message);
    }
    expect(() => parseJsonDump("{not json")).to.throw(JsonDumpError, /not valid JSON/);
  });

  it("rejects inconsistent dumps: duplicate states, gaps, two loops, dangling edges", () => {
    const base = current(CURRENT, "Lasso.tool") as { counterexample: { action: Array<[[number, Json], Json, [number, Json]]>; state: Array<[number, Json]> } };
    const dup = structuredClone(base);
    dup.counterexample.state.push(structuredClone(dup.counterexample.state[0]!));
    expect(() => parseJsonDump(JSON.stringify(dup))).to.throw(JsonDumpError, /state 1 appears twice/);
    const gap = structuredClone(base);
    gap.counterexample.state.splice(1, 1);
    gap.counterexample.action = [];
    expect(() => parseJsonDump(JSON.stringify(gap))).to.throw(JsonDumpError, /not numbered 1\.\.4/);
    const twoLoops = structuredClone(base);
    twoLoops.counterexample.action.push([[4, {}], { name: "Step" }, [2, {}]]);
    expect(() => parseJsonDump(JSON.stringify(twoLoops))).to.throw(JsonDumpError, /2 edges closing a loop/);
    const dangling = structuredClone(base);
    dangling.counterexample.action.push([[5, {}], { name: "Step" }, [9, {}]]);
    expect(() => parseJsonDump(JSON.stringify(dangling))).to.throw(JsonDumpError, /state 9/);
  });

  // Normalisation (tools/checker/lossyView.ts): the JSON dump turns model values into strings, sets
  // and sequences into arrays (empty ones ambiguous), functions into records or sequences, and names
  // action parameters where the text lists them by position. Both sides are projected through that
  // view; after it, the text trace and the JSON trace must be identical apart from `source`.
  it("gives the same counterexample from the JSON dump and from the text, modulo what JSON loses", () => {
    for (const [dir, name] of WITH_JSON) {
      const capture = readCapture(dir, name);
      const fromJson = parseJsonDump(capture.jsonDump!).counterexample;
      const fromText = extractTextCounterexamples(messagesOf(parseToolOutput(capture.stdout)))[0];
      expect(fromText, name).to.not.equal(undefined);
      expect(fromJson.source).to.equal("json-dump");
      expect(fromText!.source).to.equal("tool-text");
      const view = projectAsJsonDump(fromJson);
      expect(projectAsJsonDump(view), `${name}: the view is idempotent`).to.deep.equal(view);
      expect(withoutSource(projectAsJsonDump(fromText!)), name).to.deep.equal(withoutSource(view));
    }
  });
});
