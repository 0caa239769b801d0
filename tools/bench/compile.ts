// Compile time of the largest protocol (DAX), median of several runs.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { compileFile, REPO_ROOT } from "../compiler/index.ts";
import { median } from "./stats.ts";

export function benchCompile(file: string, runs: number): void {
  compileFile(file); // warm up the module cache and the TS lib files
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    compileFile(file);
    times.push(performance.now() - t0);
  }
  const m = median(times);
  console.log(
    `compile ${path.relative(REPO_ROOT, file)}: median ${m.toFixed(0)} ms over ${runs} runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); target < 1000 ms: ${m < 1000 ? "met" : "MISSED"}`,
  );
}
