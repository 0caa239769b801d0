// The overhead of ts2tla's TLC runner over TLC run by hand on the same files, side by side in one run.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { execa } from "execa";
import { runTlc } from "../checker/tlc/run.ts";
import type { TlcInstallation } from "../checker/tlc/discover.ts";
import type { CompiledProtocol } from "../compiler/index.ts";
import { median, withGeneratedFiles } from "./stats.ts";

export async function benchOverhead(tlc: TlcInstallation, target: CompiledProtocol, scenarios: string[], pairs: number): Promise<void> {
  if (!tlc.jarPath || !tlc.javaPath) return console.log("check overhead: skipped (TLC is a wrapper script, not a jar)");
  const ratios: number[] = [];
  await withGeneratedFiles(target, async (dir) => {
    const tlaFile = path.join(dir, path.basename(target.moduleFile));
    for (const name of scenarios) {
      const scenario = target.ir.scenarios.find((s) => s.name === name)!;
      const cfgFile = path.join(dir, `${scenario.name}.cfg`);
      const rawTimes: number[] = [];
      const ourTimes: number[] = [];
      for (let i = 0; i < pairs; i++) {
        let t0 = performance.now();
        // By hand: TLC in the folder of the generated files, its metadir and temp files kept there.
        const metadir = path.join(dir, "states");
        await execa(tlc.javaPath!, ["-XX:+UseParallelGC", `-Djava.io.tmpdir=${dir}`, "-cp", tlc.jarPath!, "tlc2.TLC", "-workers", "1", "-metadir", metadir, "-config", cfgFile, tlaFile], { cwd: dir, reject: false });
        rawTimes.push(performance.now() - t0);
        t0 = performance.now();
        await runTlc({ tlaFile, cfgFile, checkDeadlock: scenario.deadlock });
        ourTimes.push(performance.now() - t0);
      }
      const ratio = median(ourTimes) / median(rawTimes);
      ratios.push(ratio);
      console.log(`  ${target.name}/${name}: ts2tla ${median(ourTimes).toFixed(0)} ms vs TLC by hand ${median(rawTimes).toFixed(0)} ms (median of ${pairs}): ${ratio.toFixed(2)}x`);
    }
  });
  const worst = Math.max(...ratios);
  console.log(`check overhead: worst ratio ${worst.toFixed(2)}x; target <= 1.2x: ${worst <= 1.2 ? "met" : "MISSED"}`);
}
