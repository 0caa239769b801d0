// npm run bench: compile time of the largest protocol (DAX once it exists), median of several runs.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { compileFile, createProject, discoverProtocolFiles, REPO_ROOT } from "../compiler/index.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function pickProtocol(): string {
  const files = discoverProtocolFiles(createProject(), path.join(REPO_ROOT, "spec-src")).map((sf) => sf.getFilePath());
  const dax = files.find((f) => path.basename(f) === "dax.ts");
  return dax ?? files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0]!;
}

const file = pickProtocol();
compileFile(file); // warm up the module cache and the TS lib files
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  compileFile(file);
  times.push(performance.now() - t0);
}
const m = median(times);
console.log(`compile ${path.relative(REPO_ROOT, file)}: median ${m.toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); target < 1000 ms: ${m < 1000 ? "met" : "MISSED"}`);
