import { expect } from "chai";
import {
  oneLine,
  parseCount,
  parseDepth,
  parseFinalStats,
  parseFinishedSeconds,
  parseInitialStates,
  parseInnermostPosition,
  parseLocation,
  parseProgress,
  parsePropertyNames,
  parseVersion,
} from "../../tools/checker/tlc/messageText.ts";

describe("TLC message texts", () => {
  it("reads counts with locale grouping", () => {
    expect(parseCount("5,994,083")).to.equal(5994083);
    expect(parseCount("12505002")).to.equal(12505002);
    expect(parseFinalStats("12505002 states generated, 6255001 distinct states found, 0 states left on queue.")).to.deep.equal({
      statesGenerated: 12505002,
      distinctStates: 6255001,
      queue: 0,
    });
  });

  it("reads progress reports, from model checking and from simulation", () => {
    expect(
      parseProgress("Progress(2449) at 2026-11-25 11:10:52: 5,994,083 states generated (179,822,490 s/min), 2,999,489 distinct states found (89,984,670 ds/min), 2,448 states left on queue."),
    ).to.deep.equal({ depth: 2449, statesGenerated: 5994083, distinctStates: 2999489, queue: 2448 });
    expect(parseProgress("Progress(6) at 2026-11-25 10:57:15: 19 states generated, 12 distinct states found, 0 states left on queue.")).to.deep.equal({
      depth: 6,
      statesGenerated: 19,
      distinctStates: 12,
      queue: 0,
    });
    expect(parseProgress("Progress(14) at 2026-11-25 10:59:41: 88 states generated, -1 distinct states found, -1 states left on queue.")).to.deep.equal({
      depth: 14,
      statesGenerated: 88,
      distinctStates: -1,
      queue: -1,
    });
    expect(parseProgress("Checkpointing...")).to.equal(undefined);
  });

  it("reads depth, initial states and the run time", () => {
    expect(parseDepth("The depth of the complete state graph search is 5001.")).to.equal(5001);
    expect(parseInitialStates("Finished computing initial states: 1 distinct state generated at 2026-11-25 10:57:15.")).to.equal(1);
    expect(parseInitialStates("Finished computing initial states: 1,024 distinct states generated at 2026-11-25 10:57:15.")).to.equal(1024);
    expect(parseFinishedSeconds("Finished in 520ms at (2026-11-25 11:09:59)")).to.equal(0.52);
    expect(parseFinishedSeconds("Finished in 00s at (2026-11-25 10:57:24)")).to.equal(0);
    expect(parseFinishedSeconds("Finished in 01min 02s at (2026-11-25 10:57:24)")).to.equal(62);
    expect(parseFinishedSeconds("Finished in 1h 02min 03s at (2026-11-25 10:57:24)")).to.equal(3723);
  });

  it("reads the version line with or without a revision", () => {
    expect(parseVersion("TLC2 Version 2026.11.25.113257 (rev: cc6b616cf)")).to.equal("TLC2 Version 2026.11.25.113257 (rev: cc6b616cf)");
    expect(parseVersion("TLC2 Version 2.19 of 08 August 2024")).to.equal("TLC2 Version 2.19 of 08 August 2024");
    expect(parseVersion("Error: unrecognized option")).to.equal(undefined);
  });

  it("reads the names of violated temporal properties", () => {
    expect(parsePropertyNames("Temporal property ReachFour was violated.")).to.deep.equal(["ReachFour"]);
    expect(parsePropertyNames("Temporal properties WaiterWoken and AllDone were violated.")).to.deep.equal(["WaiterWoken", "AllDone"]);
    expect(parsePropertyNames("Temporal properties A, B and C were violated.")).to.deep.equal(["A", "B", "C"]);
    expect(parsePropertyNames("Temporal properties were violated.")).to.deep.equal([]);
  });

  it("reads locations in TLC's two formats", () => {
    expect(parseLocation("Assumption line 4, col 21 to line 4, col 25 of module Assume is false.")).to.deep.equal({
      module: "Assume",
      line: 4,
      col: 21,
      endLine: 4,
      endCol: 25,
    });
    const nested = "The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n0. Line 6, column 9 to line 6, column 21 in Eval\n1. Line 6, column 14 to line 6, column 21 in Eval";
    expect(parseInnermostPosition(nested)).to.deep.equal({ module: "Eval", line: 6, col: 14, endLine: 6, endCol: 21 });
    expect(oneLine("a\n  b\n\nc ")).to.equal("a b c");
  });
});
