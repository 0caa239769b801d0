// How TLC's time and memory grow with the number of threads: seed-v5.13 (a PTE fault holding the
// entry, invalidators sleeping on it) with 2 to 5 invalidators, so 3 to 6 threads.
import fs from "node:fs";
import path from "node:path";
import { runTlc } from "../checker/tlc/run.ts";
import { treeRss } from "../checker/memoryLimit.ts";
import type { CompiledProtocol } from "../compiler/index.ts";
import type { IrScenario } from "../compiler/ir.ts";
import { modelText, scenarioPurpose } from "../compiler/emit/cfg.ts";
import { fmt, table, withGeneratedFiles } from "./stats.ts";

const BASE = "seed-v5.13";
const INVALIDATORS = ["A", "B", "C", "D", "E"];

export async function benchScale(dax: CompiledProtocol, workers: number, maxThreads: number): Promise<void> {
  const base = dax.ir.scenarios.find((s) => s.name === BASE)!;
  const rows: string[][] = [];
  let first: { seconds: number; rss: number; states: number } | undefined;
  await withGeneratedFiles(dax, async (dir) => {
    const tlaFile = path.join(dir, path.basename(dax.moduleFile));
    for (let invalidators = 2; invalidators + 1 <= maxThreads; invalidators++) {
      const scenario: IrScenario = {
        ...base,
        name: `${BASE}-${invalidators + 1}threads`,
        constants: { ...base.constants, Invalidators: { kind: "modelValues", names: INVALIDATORS.slice(0, invalidators) } },
      };
      const cfgFile = path.join(dir, `${scenario.name}.cfg`);
      fs.writeFileSync(cfgFile, modelText(dax.ir, scenario, scenarioPurpose(dax.ir, scenario)));
      let peak = 0;
      let sampler: NodeJS.Timeout | undefined;
      const r = await runTlc(
        { tlaFile, cfgFile, checkDeadlock: false, workers },
        {
          onSpawn: (pid) => {
            sampler = setInterval(() => (peak = Math.max(peak, treeRss(pid) ?? 0)), 100);
          },
        },
      );
      clearInterval(sampler);
      if (r.verdict !== "holds") {
        rows.push([String(invalidators + 1), `${r.verdict}: ${r.error?.message ?? r.violation?.message ?? ""}`, "", "", "", "", ""]);
        continue;
      }
      const states = r.stats.distinctStates ?? 0;
      first ??= { seconds: r.stats.seconds, rss: peak, states };
      rows.push([
        `${invalidators + 1} (fault + ${invalidators} invalidators)`,
        fmt(states),
        `${(states / first.states).toFixed(1)}x`,
        `${r.stats.seconds.toFixed(1)} s`,
        `${(r.stats.seconds / first.seconds).toFixed(1)}x`,
        `${Math.round(peak / 2 ** 20)} MiB`,
        `${(peak / first.rss).toFixed(1)}x`,
      ]);
    }
  });
  console.log(`Growth from 3 to ${maxThreads} threads (${BASE}, TLC, ${workers} worker${workers > 1 ? "s" : ""}, peak resident memory of the JVM):`);
  console.log(table(["threads", "distinct states", "vs 3", "TLC time", "vs 3", "memory", "vs 3"], rows));
}

/** One scenario's full model with 1 worker and with every core: what a bigger machine buys. */
export async function benchWorkers(dax: CompiledProtocol, scenarioName: string, cores: number): Promise<void> {
  const scenario = dax.ir.scenarios.find((s) => s.name === scenarioName)!;
  const rows: string[][] = [];
  let single: number | undefined;
  await withGeneratedFiles(dax, async (dir) => {
    const tlaFile = path.join(dir, path.basename(dax.moduleFile));
    const cfgFile = path.join(dir, `${scenario.name}.cfg`);
    for (const workers of [...new Set([1, cores])]) {
      const r = await runTlc({ tlaFile, cfgFile, checkDeadlock: scenario.deadlock, workers });
      single ??= r.stats.seconds;
      rows.push([String(workers), r.verdict, fmt(r.stats.distinctStates), `${r.stats.seconds.toFixed(1)} s`, `${(single / r.stats.seconds).toFixed(2)}x`]);
    }
  });
  console.log(`TLC workers on ${scenarioName} (this machine has ${cores} cores):`);
  console.log(table(["workers", "verdict", "distinct states", "TLC time", "speed-up"], rows));
}
