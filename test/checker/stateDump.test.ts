// TLC's state dump (`-dump dot,actionlabels`) read into a StateGraph: the parser on real dumps kept in
// test/fixtures/tlc-dumps/ (their specs are beside them), the command line, and real TLC runs (skipped,
// with one line saying why, where TLC is not installed).
import { expect } from "chai";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { StateGraph } from "../../tools/checker/stateGraph.ts";
import { tlcInvocation } from "../../tools/checker/tlc/commandLine.ts";
import type { TlcInstallation } from "../../tools/checker/tlc/discover.ts";
import { runTlc } from "../../tools/checker/tlc/run.ts";
import { parseActionLabel, parseTlcStateDump, StateDumpError } from "../../tools/checker/tlc/stateDump.ts";
import type { CheckRequest, TlaValue } from "../../tools/checker/types.ts";
import { requireTlc } from "../helpers/tlc.ts";

const DUMPS = fileURLToPath(new URL("../fixtures/tlc-dumps/", import.meta.url));
const GENERATED = fileURLToPath(new URL("../../generated/", import.meta.url));
const dump = (name: string): StateGraph => parseTlcStateDump(readFileSync(path.join(DUMPS, name), "utf8"));

const str = (value: string): TlaValue => ({ kind: "str", value });
const mv = (name: string): TlaValue => ({ kind: "modelValue", name });
const int = (value: number): TlaValue => ({ kind: "int", value });

describe("TLC state dump", () => {
  it("reads the generated mutex's graph: states, the initial one, steps with their process", () => {
    const g = dump("mutex-two.dot");
    expect(g.complete).to.equal(false);
    expect(g.states).to.have.length(5);
    expect(g.states.map((s) => s.initial)).to.deep.equal([true, false, false, false, false]);
    expect(g.states[0]!.vars).to.deep.equal({
      holder: mv("Null"),
      pc: { kind: "fn", entries: [[mv("w1"), str("acquire")], [mv("w2"), str("acquire")]] },
    });
    expect(g.edges).to.have.length(6); // 7 states generated, 1 of them initial
    expect(g.edges[0]).to.deep.equal({ from: 0, to: 1, action: "worker_acquire", self: "w1" });
    expect(g.edges[1]).to.deep.equal({ from: 0, to: 2, action: "worker_acquire", self: "w2" });
    // worker_release(w1) leads back to the initial state
    expect(g.edges.filter((e) => e.to === 0).map((e) => `${e.action}(${e.self})`)).to.have.members(["worker_release(w1)", "worker_release(w2)"]);
  });

  it("undoes DOT and TLA+ escapes, reads several initial states, wrapped records and self-loops", () => {
    const g = dump("escapes.dot");
    expect(g.states).to.have.length(11);
    const initial = g.states.filter((s) => s.initial);
    expect(initial.map((s) => s.vars.s)).to.have.deep.members([str("plain"), str('q"uote'), str("back\\slash")]);
    expect(g.states.some((s) => (s.vars.s as { value: string }).value === "new\nline\ttab")).to.equal(true);
    expect(initial[0]!.vars.r).to.deep.equal({
      kind: "record",
      fields: {
        name: str("a rather long field value"),
        other: str("another long one"),
        set: { kind: "set", elems: [int(1), int(2), int(3)] },
        nested: { kind: "seq", elems: [{ kind: "record", fields: { k: int(1) } }, { kind: "record", fields: { k: int(2) } }] },
      },
    });
    const loops = g.edges.filter((e) => e.from === e.to);
    expect(loops).to.have.length(4);
    expect(loops.every((e) => e.action === "Loop" && e.self === undefined)).to.equal(true);
    expect(g.edges.find((e) => e.action === "Rename")).to.include({ self: "new\nline\ttab" });
    expect(g.edges).to.have.length(15 - 3);
  });

  it("reads one-variable states and action labels of every shape", () => {
    const g = dump("labels.dot");
    expect(g.states.map((s) => s.vars)).to.deep.equal([{ x: int(0) }, { x: int(3) }, { x: int(4) }, { x: int(6) }]);
    expect(g.edges).to.deep.equal([
      { from: 0, to: 1, action: "Pair" },
      { from: 1, to: 2, action: "Str", self: 'a"b' },
      { from: 2, to: 3, action: "Next" },
      { from: 3, to: 3, action: "Next" },
    ]);
    expect(parseActionLabel("Terminating")).to.deep.equal({ action: "Terminating" });
    expect(parseActionLabel("step(<<1, 2>>)")).to.deep.equal({ action: "step", self: "<<1, 2>>" });
    expect(parseActionLabel("odd((")).to.deep.equal({ action: "odd((" });
  });

  it("reads what a violated run dumped, up to the violating state", () => {
    const g = parseTlcStateDump(readFileSync(path.join(DUMPS, "twophase-buggy-violated.dot"), "utf8"), { complete: false });
    expect(g.states).to.have.length(10);
    expect(g.states.filter((s) => s.initial)).to.have.length(1);
    expect(g.complete).to.equal(false);
  });

  it("reads a dump with no states (TLC stopped before exploring) and passes `complete` through", () => {
    const header = 'strict digraph DiskGraph {\nnode [shape=box,style=rounded]\nnodesep=0.35;\nsubgraph cluster_graph {\ncolor="white";\n';
    expect(parseTlcStateDump(header)).to.deep.equal({ states: [], edges: [], complete: false });
    expect(parseTlcStateDump(header, { complete: true }).complete).to.equal(true);
  });

  it("refuses what is not a whole dump, with the line", () => {
    const text = readFileSync(path.join(DUMPS, "labels.dot"), "utf8");
    const fails = (t: string, message: RegExp) => {
      expect(() => parseTlcStateDump(t)).to.throw(StateDumpError, message);
    };
    fails("digraph G {}", /not a TLC state dump/);
    fails(text.replace('[label="x = 3",tooltip="x = 3"];', '[label="x = 3'), /line 8: cannot read/);
    fails(text.replace('"x = 4"', '"x = {4"'), /line 10: cannot read the value of x: /);
    fails(text.replace('"x = 0"', '"y == 0"'), /line 6: cannot read the value of y: /);
    fails(text.replace("-966847391832385131 -> 4813519759619694643", "-966847391832385131 -> 42"), /line 11: a step between states the dump does not declare/);
  });

  describe("command line", () => {
    const inst: TlcInstallation = {
      jarPath: "/opt/tla2tools.jar",
      javaPath: "/usr/bin/java",
      source: "cache",
      supportsDumpTraceJson: true,
      options: ["-config", "-deadlock", "-dump", "-dumpTrace", "-metadir", "-tool", "-workers"],
    };
    const req: CheckRequest = { tlaFile: "/spec/MC.tla", cfgFile: "/spec/run1.cfg", checkDeadlock: true };
    const dumpArgs = (args: string[]) => (args.includes("-dump") ? args.slice(args.indexOf("-dump"), args.indexOf("-dump") + 3) : []);

    it("asks TLC for the dot dump in the run directory when the request wants the graph", () => {
      const inv = tlcInvocation({ ...req, dumpStates: true }, inst, "/tmp/run");
      expect(dumpArgs(inv.args)).to.deep.equal(["-dump", "dot,actionlabels", "/tmp/run/states.dot"]);
      expect(inv.stateDumpPath).to.equal("/tmp/run/states.dot");
      expect(inv.args.at(-1)).to.equal("MC.tla");
    });

    it("leaves it out when not asked, or when this TLC has no -dump", () => {
      expect(dumpArgs(tlcInvocation(req, inst, "/tmp/run").args)).to.deep.equal([]);
      const without = { ...inst, options: inst.options.filter((o) => o !== "-dump") };
      const inv = tlcInvocation({ ...req, dumpStates: true }, without, "/tmp/run");
      expect(dumpArgs(inv.args)).to.deep.equal([]);
      expect(inv.stateDumpPath).to.equal(undefined);
    });
  });

  describe("TLC runs", function () {
    this.timeout(120_000);
    let inst: TlcInstallation;
    let work: string;

    before(async function () {
      inst = await requireTlc(this);
      work = mkdtempSync(path.join(tmpdir(), "ts2tla-dump-test-"));
    });
    after(() => {
      if (work) rmSync(work, { recursive: true, force: true });
    });

    const generated = (dir: string, module: string, cfg: string): CheckRequest => ({
      tlaFile: path.join(GENERATED, dir, `${module}.tla`),
      cfgFile: path.join(GENERATED, dir, `${cfg}.cfg`),
      checkDeadlock: true,
      dumpStates: true,
    });

    it("hands back every state TLC found, and every step, for a run that holds", async () => {
      const r = await runTlc(generated("mutex", "Mutex", "two"), { installation: inst, tempRoot: work });
      expect(r.verdict, JSON.stringify(r.error)).to.equal("holds");
      const g = r.stateGraph!;
      expect(g.complete).to.equal(true);
      expect(g.states).to.have.length(r.stats.distinctStates!);
      const initial = g.states.filter((s) => s.initial).length;
      expect(initial).to.equal(1);
      expect(g.edges).to.have.length(r.stats.statesGenerated! - initial);
      expect(r.warnings ?? []).to.deep.equal([]);
    });

    it("hands back an incomplete graph for a violated run", async () => {
      const r = await runTlc(generated("twoPhase", "TwoPhase", "buggyCoordinator"), { installation: inst, tempRoot: work });
      expect(r.verdict).to.equal("violated");
      expect(r.stateGraph!.complete).to.equal(false);
      expect(r.stateGraph!.states).to.have.length(r.stats.distinctStates!);
    });

    it("turns a dump it cannot read into a warning, keeping the verdict", async function () {
      if (!inst.jarPath) this.skip();
      const script = path.join(work, "tlc-with-broken-dump");
      // Real TLC, then a cut-off line at the end of the dump (as if the disk had filled up).
      writeFileSync(
        script,
        `#!/bin/sh\n"${inst.javaPath}" -cp "${inst.jarPath}" tlc2.TLC "$@"\nrc=$?\n` +
          `while [ "$#" -gt 0 ]; do if [ "$1" = "-dump" ]; then printf '\\n12 [label="x = ' >> "$3"; fi; shift; done\nexit $rc\n`,
      );
      chmodSync(script, 0o755);
      const wrapper: TlcInstallation = { tlcCommand: script, source: "PATH", supportsDumpTraceJson: inst.supportsDumpTraceJson, options: inst.options };
      const r = await runTlc(generated("mutex", "Mutex", "two"), { installation: wrapper, tempRoot: work });
      expect(r.verdict).to.equal("holds");
      expect(r.stateGraph).to.equal(undefined);
      expect(r.warnings).to.satisfy((ws: string[]) => ws.some((w) => /^TLC's state dump could not be read: line \d+: cannot read/.test(w)));
    });
  });
});
