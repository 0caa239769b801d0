// The DAX entry-locking protocol (spec-src/dax, the spec in shared/design/DAX.md): it compiles, and
// (TLC tier) every scenario gets the verdict DAX.md requires on "every waiter is eventually woken",
// every "holds" is non-vacuous (threads do sleep, and every thread finishes), and the v5.12 seed
// counterexample is the short story of the report: a fault and three invalidators.
//
// "Every waiter is eventually woken" is one temporal property per path (`<path>Woken`: for each
// thread of the path, sleeping leads to not sleeping); the language cannot conjoin temporal
// formulas or quantify over all processes at once. A violated scenario checks just the one it is
// about (TLC stops at the first violation); a scenario that holds checks all of them.
import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runTlc } from "../tools/checker/tlc/run.ts";
import type { CheckResult, TlaValue } from "../tools/checker/types.ts";
import { compileFile, moduleText, REPO_ROOT, type CompiledProtocol } from "../tools/compiler/index.ts";
import type { EmittedModel } from "../tools/compiler/emit/cfg.ts";
import { requireTlc } from "./helpers/tlc.ts";
import { checkScenario, type ScenarioReport } from "../tools/verify/scenario.ts";
import { compareEngines } from "../tools/verify/compare.ts";
import { replayReports } from "../tools/verify/replay.ts";
import { inParallel } from "../tools/verify/parallel.ts";

const DAX = "spec-src/dax/dax.ts";

const WOKEN = ["pteFaultsWoken", "pmdFaultsWoken", "invalidatorsWoken", "writebacksWoken", "scansWoken"];

/** DAX.md's table: scenario → verdict on "every waiter is eventually woken" (and which path's waiter). */
const TABLE: Record<string, { verdict: "holds" | "violated"; stranded?: string }> = {
  "seed-v5.12": { verdict: "violated", stranded: "invalidatorsWoken" },
  "seed-v5.13": { verdict: "holds" },
  "vivek-v1-pte": { verdict: "holds" },
  "vivek-v1-pmd": { verdict: "violated", stranded: "invalidatorsWoken" },
  "mix-v5.12": { verdict: "violated", stranded: "invalidatorsWoken" },
  "mix-v5.13": { verdict: "holds" },
  "pmd-v5.12": { verdict: "violated", stranded: "pteFaultsWoken" },
  "pmd-v5.13": { verdict: "holds" },
  "big-v5.13": { verdict: "holds" },
};

/** The version each scenario runs (its name says it too). */
const VERSION: Record<string, string> = {
  "seed-v5.12": "v5.12",
  "seed-v5.13": "v5.13",
  "vivek-v1-pte": "vivek-v1",
  "vivek-v1-pmd": "vivek-v1",
  "mix-v5.12": "v5.12",
  "mix-v5.13": "v5.13",
  "pmd-v5.12": "v5.12",
  "pmd-v5.13": "v5.13",
  "big-v5.13": "v5.13",
};

function pidsOf(c: CompiledProtocol, scenario: string): string[] {
  const s = c.ir.scenarios.find((x) => x.name === scenario)!;
  return Object.values(s.constants).flatMap((v) => (v.kind === "modelValues" ? v.names : []));
}

describe("DAX entry locking (spec-src/dax)", () => {
  let compiled: CompiledProtocol;

  before(() => {
    compiled = compileFile(DAX);
  });

  describe("compiling", () => {
    it("compiles to module Dax with one process set per fs/dax.c path", () => {
      expect(compiled.ir.module).to.equal("Dax");
      expect(compiled.ir.processes.map((p) => [p.name, p.set])).to.deep.equal([
        ["pte_fault", "PteFaults"],
        ["pmd_fault", "PmdFaults"],
        ["invalidate", "Invalidators"],
        ["writeback", "Writebacks"],
        ["busy_scan", "Scans"],
      ]);
      for (const p of compiled.ir.processes) expect(p.fairness, p.name).to.equal("weak");
    });

    it("names the kernel functions as steps, and sleeps in get_unlocked_entry on every path", () => {
      const labels = Object.fromEntries(compiled.ir.processes.map((p) => [p.name, p.labels]));
      expect(labels.pte_fault).to.include.members(["grab_mapping_entry", "schedule", "unmap_mapping_pages", "dax_insert_entry", "dax_unlock_entry", "dax_wake_entry"]);
      expect(labels.pmd_fault).to.include.members(["grab_mapping_entry", "schedule", "dax_insert_entry", "dax_unlock_entry", "dax_wake_entry"]);
      expect(labels.invalidate).to.include.members(["dax_invalidate_entry", "schedule"]);
      expect(labels.writeback).to.include.members(["dax_writeback_one", "schedule", "dax_flush"]);
      expect(labels.busy_scan).to.include.members(["dax_layout_busy_page_range", "schedule"]);
    });

    it("has the entry, the keyed wait queue and the version constant in the state and constants", () => {
      const vars = Object.fromEntries(compiled.ir.stateVars.map((v) => [v.tsName, v.type]));
      expect(Object.keys(vars)).to.deep.equal(["xa", "waitq", "lockHolders"]);
      expect(JSON.stringify(vars.xa)).to.include('"PTE","PMD"').and.to.include('"empty"').and.to.include('"locked"');
      expect(JSON.stringify(vars.waitq)).to.include('"key"').and.to.include('"pid"');
      const version = compiled.ir.constants.find((c) => c.name === "Version");
      // A kernel variant added the README's way adds a name here: the three of DAX.md stay.
      expect(version?.type?.k).to.equal("lits");
      expect((version?.type as { values: string[] }).values).to.include.members(["v5.12", "v5.13", "vivek-v1"]);
    });

    it("declares the scenarios of DAX.md with their expected verdicts", () => {
      expect(compiled.ir.scenarios.map((s) => s.name)).to.include.members(Object.keys(TABLE));
      for (const s of compiled.ir.scenarios) {
        const row = TABLE[s.name];
        if (!row) {
          // A scenario added for a kernel variant: it says what it expects of every waiter.
          expect(Object.keys(s.expect).filter((p) => WOKEN.includes(p)), `${s.name}: expect verdicts on the *Woken properties`).to.not.be.empty;
          continue;
        }
        const version = s.constants.Version;
        expect(version, s.name).to.deep.equal({ kind: "str", value: VERSION[s.name] });
        expect(s.deadlock, s.name).to.equal(false);
        expect(s.properties, s.name).to.include.members(["entryLockExclusive", "entryWellFormed", "someoneSleeps"]);
        if (row.verdict === "violated") {
          expect(s.expect, s.name).to.deep.equal({ [row.stranded!]: "violated" });
          expect(s.properties.filter((p) => p.endsWith("Woken")), s.name).to.deep.equal([row.stranded]);
        } else {
          for (const p of [...WOKEN, "everyThreadFinishes", "entryLockExclusive", "entryWellFormed"]) {
            expect(s.expect[p], `${s.name} ${p}`).to.equal("holds");
          }
        }
      }
    });

    it("puts at least six threads in big-v5.13, across every path", () => {
      const big = compiled.ir.scenarios.find((s) => s.name === "big-v5.13")!;
      expect(pidsOf(compiled, "big-v5.13")).to.have.length.of.at.least(6);
      for (const set of ["PteFaults", "PmdFaults", "Invalidators", "Writebacks", "Scans"]) {
        const v = big.constants[set];
        expect(v?.kind === "modelValues" ? v.names.length : 0, set).to.be.at.least(1);
      }
    });
  });

  describe("checking with TLC (TLC tier)", function () {
    this.timeout(900_000);
    let work: string;
    let tlaFile: string;
    const runs = new Map<string, Promise<CheckResult>>();
    const stats: string[] = [];

    // Two TLC runs at a time, one worker each.
    let active = 0;
    const queue: Array<() => void> = [];
    async function limited<T>(task: () => Promise<T>): Promise<T> {
      if (active >= 2) await new Promise<void>((resolve) => queue.push(resolve));
      active++;
      try {
        return await task();
      } finally {
        active--;
        queue.shift()?.();
      }
    }

    function check(model: EmittedModel): Promise<CheckResult> {
      let run = runs.get(model.file);
      if (!run) {
        const cfgFile = path.join(work, model.file);
        writeFileSync(cfgFile, model.text);
        const checkDeadlock = model.purpose.kind === "properties" && model.purpose.deadlock;
        run = limited(() => runTlc({ tlaFile, cfgFile, checkDeadlock, workers: 1, timeoutSeconds: 600 }));
        runs.set(model.file, run);
      }
      return run;
    }

    const modelsOf = (scenario: string) => compiled.models.filter((m) => m.scenario === scenario);
    const mainModel = (scenario: string) => modelsOf(scenario).find((m) => m.purpose.kind === "properties")!;

    before(async function () {
      await requireTlc(this);
      work = mkdtempSync(path.join(tmpdir(), "ts2tla-dax-test-"));
      tlaFile = path.join(work, `${compiled.ir.module}.tla`);
      writeFileSync(tlaFile, moduleText(compiled));
      // Start every run now; the tests below wait for theirs.
      for (const m of compiled.models) void check(m).catch(() => undefined);
    });

    after(() => {
      if (work) rmSync(work, { recursive: true, force: true });
      if (stats.length && process.env.DAX_STATS === "1") console.log(stats.map((l) => `      ${l}`).join("\n"));
    });

    for (const [scenario, row] of Object.entries(TABLE)) {
      it(`${scenario}: every waiter is eventually woken ${row.verdict === "holds" ? "holds" : "is violated"}`, async () => {
        const r = await check(mainModel(scenario));
        stats.push(`${scenario}: ${r.verdict}, ${r.stats.distinctStates} distinct states, ${r.stats.seconds} s`);
        expect(r.verdict, r.error?.message).to.equal(row.verdict);
        if (row.verdict === "violated") {
          expect(r.violation?.kind).to.equal("property");
          expect(r.violation?.name).to.equal(row.stranded);
          // A stuck waiter: the behaviour ends stuttering in a state where that thread still sleeps.
          expect(r.counterexample?.loop?.kind).to.equal("stuttering");
        }
      });

      it(`${scenario}: threads do sleep (every witness is reachable)`, async () => {
        const witnesses = modelsOf(scenario).filter((m) => m.purpose.kind === "witness");
        expect(witnesses.map((m) => (m.purpose.kind === "witness" ? m.purpose.witness : ""))).to.include("someoneSleeps");
        for (const m of witnesses) {
          const r = await check(m);
          const witness = m.purpose.kind === "witness" ? m.purpose.witness : "";
          // TLC reports the witness's negation violated exactly when a state satisfies the witness.
          expect(r.verdict, `${witness}: ${r.error?.message ?? ""}`).to.equal("violated");
          expect(r.violation?.kind).to.equal("invariant");
          expect(r.violation?.name).to.equal(`${witness}_unreached`);
        }
      });
    }

    it("seed-v5.12: the counterexample is short and is about the fault and the three invalidators", async () => {
      const r = await check(mainModel("seed-v5.12"));
      const states = r.counterexample!.states;
      expect(states.length, "a breadth-first counterexample of about ten steps").to.be.within(8, 14);
      const actorOf = (params: Record<string, TlaValue> | TlaValue[] | undefined): string | undefined => {
        const v = Array.isArray(params) ? params[0] : params?.self;
        return v && (v.kind === "str" || v.kind === "modelValue") ? (v.kind === "str" ? v.value : v.name) : undefined;
      };
      const steps = states.slice(1).map((s) => ({ action: s.action?.name ?? "", actor: actorOf(s.action?.params) }));
      const actors = new Set(steps.map((s) => s.actor));
      expect([...actors].sort()).to.deep.equal(["A", "B", "C", "fault"]);
      // The fault locks the entry first; all three invalidators sleep before it unlocks and wakes.
      expect(steps[0]).to.deep.equal({ action: "pte_fault_grab_mapping_entry", actor: "fault" });
      const unlock = steps.findIndex((s) => s.action === "pte_fault_dax_unlock_entry");
      const sleeps = steps.filter((s) => s.action === "invalidate_dax_invalidate_entry");
      expect(sleeps.map((s) => s.actor).sort()).to.deep.equal(["A", "B", "C"]);
      const lastSleep = Math.max(...steps.map((s, i) => (s.action === "invalidate_dax_invalidate_entry" ? i : -1)));
      expect(lastSleep).to.be.lessThan(unlock);
      expect(steps[unlock + 1]).to.deep.equal({ action: "pte_fault_dax_wake_entry", actor: "fault" });
      // Then exactly two invalidators wake (the one that removes the entry, the one that finds NULL);
      // the third never runs again.
      const woken = steps.slice(unlock + 2).filter((s) => s.action === "invalidate_schedule").map((s) => s.actor);
      expect(woken).to.have.length(2);
      // The entry is gone and one invalidator still sleeps. (TLC's JSON dump turns the model value
      // Null into a string.)
      const last = states[states.length - 1]!.vars;
      const isNull = (v: TlaValue | undefined) => (v?.kind === "modelValue" && v.name === "Null") || (v?.kind === "str" && v.value === "Null");
      expect(isNull(last.xa), JSON.stringify(last.xa)).to.equal(true);
      const waitq = last.waitq as Extract<TlaValue, { kind: "seq" }>;
      expect(waitq.elems).to.have.length(1);
    });

    it("big-v5.13 stays small enough to check in well under a minute", async () => {
      const r = await check(mainModel("big-v5.13"));
      expect(r.verdict).to.equal("holds");
      expect(r.stats.distinctStates).to.be.below(30_000);
    });
  });

  describe("checking with the embedded engine, against TLC, and replayed in the TypeScript", function () {
    this.timeout(1_800_000);
    // The embedded engine takes about 75 ms per DAX state on an idle 2-core machine (TLC: well under
    // 1 ms), and a scenario takes several runs: the pmd scenarios (3,400 states) would take over ten
    // minutes each, big-v5.13 (16,000 states) over an hour. It is the third opinion on the TLA+ (the
    // TS engine, tsEngine.test.ts, checks every scenario), so CI gives it the two seed scenarios, one
    // violated and one that holds; DAX_EMBEDDED_ALL=1 runs them all.
    const quick = ["seed-v5.12", "seed-v5.13"];
    const slow = new Set(process.env.DAX_EMBEDDED_ALL === "1" ? [] : Object.keys(TABLE).filter((s) => !quick.includes(s)));
    const scenarios = Object.keys(TABLE).filter((s) => !slow.has(s));
    const embedded = new Map<string, Promise<ScenarioReport>>();

    before(() => {
      // Two embedded checks at a time (one per core); every test waits for its own.
      const started = inParallel(scenarios, 2, async (s) => {
        const r = await checkScenario(compiled, s, { engine: "embedded" });
        await replayReports(compiled, [r], REPO_ROOT);
        return r;
      });
      scenarios.forEach((s, i) => embedded.set(s, started[i]!));
    });

    for (const [scenario, row] of Object.entries(TABLE)) {
      it(`${scenario}: every waiter is eventually woken ${row.verdict === "holds" ? "holds" : "is violated"}; every witness is reached`, async function () {
        if (slow.has(scenario)) {
          console.log(`      ${scenario} skipped on the embedded engine: too slow for CI at ~75 ms per state; the TS engine checks it (DAX_EMBEDDED_ALL=1 runs it here)`);
          this.skip();
        }
        const r = await embedded.get(scenario)!;
        expect(r.verdict, r.error?.message).to.not.equal("error");
        const woken = r.properties.filter((p) => WOKEN.includes(p.name));
        if (row.verdict === "violated") expect(woken.find((p) => p.name === row.stranded)?.verdict).to.equal("violated");
        else expect(woken.map((p) => `${p.name} ${p.verdict}`)).to.deep.equal(woken.map((p) => `${p.name} holds`)).and.have.length(WOKEN.length);
        expect(r.surprises).to.deep.equal([]);
        expect(r.witnesses.length).to.be.greaterThan(0);
        for (const w of r.witnesses) expect(w.reached, w.name).to.equal(true);
      });
    }

    it("every embedded counterexample replays in the TypeScript, state by state", async () => {
      let replayed = 0;
      for (const s of scenarios) {
        for (const p of (await embedded.get(s)!).properties.filter((p) => p.counterexample)) {
          expect(p.replay?.ok, `${s} ${p.name}: ${JSON.stringify(p.replay)}`).to.equal(true);
          replayed++;
        }
      }
      expect(replayed).to.be.at.least(scenarios.filter((s) => TABLE[s]!.verdict === "violated").length);
    });

    it("TLC agrees: the same verdicts, witnesses and distinct-state counts, and its counterexamples replay too (TLC tier)", async function () {
      await requireTlc(this);
      const results = inParallel(scenarios, 2, async (s) => {
        const r = await checkScenario(compiled, s, { engine: "tlc" });
        await replayReports(compiled, [r], REPO_ROOT);
        return r;
      });
      for (const [i, s] of scenarios.entries()) {
        const tlc = await results[i]!;
        const emb = await embedded.get(s)!;
        expect(compareEngines(tlc, emb), s).to.deep.equal([]);
        expect(tlc.completeStats?.distinctStates, `${s}: a complete exploration`).to.be.a("number");
        for (const p of tlc.properties.filter((p) => p.counterexample)) expect(p.replay?.ok, `${s} ${p.name}: ${JSON.stringify(p.replay)}`).to.equal(true);
      }
    });
  });
});
