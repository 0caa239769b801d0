// npm run bench: compile time of the largest protocol (DAX once it exists), median of several runs,
// and the overhead of ts2tla's TLC runner over TLC run by hand on the same files.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { execa } from "execa";
import { runTlc } from "../checker/tlc/run.ts";
import { discoverTlc, TlcSetupError } from "../checker/tlc/discover.ts";
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

// ---- check overhead: ts2tla's TLC runner against TLC run by hand on the same files, side by side ----

async function overhead(): Promise<void> {
  let tlc;
  try {
    tlc = await discoverTlc();
  } catch (e) {
    if (e instanceof TlcSetupError) return console.log(`check overhead: skipped (${e.message})`);
    throw e;
  }
  if (!tlc.jarPath || !tlc.javaPath) return console.log("check overhead: skipped (TLC is a wrapper script, not a jar)");
  const target = compileFile(file);
  const scenario = target.ir.scenarios.find((s) => s.expect && Object.values(s.expect).every((v) => v === "holds")) ?? target.ir.scenarios[0]!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-bench-"));
  try {
    for (const f of target.files) fs.writeFileSync(path.join(dir, path.basename(f.path)), f.text);
    const tlaFile = path.join(dir, path.basename(target.moduleFile));
    const cfgFile = path.join(dir, `${scenario.name}.cfg`);
    const rawTimes: number[] = [];
    const ourTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      let t0 = performance.now();
      await execa(tlc.javaPath, ["-XX:+UseParallelGC", "-cp", tlc.jarPath, "tlc2.TLC", "-workers", "1", "-config", cfgFile, tlaFile], { cwd: dir, reject: false });
      rawTimes.push(performance.now() - t0);
      fs.rmSync(path.join(dir, "states"), { recursive: true, force: true });
      t0 = performance.now();
      await runTlc({ tlaFile, cfgFile, checkDeadlock: scenario.deadlock });
      ourTimes.push(performance.now() - t0);
    }
    const ratio = median(ourTimes) / median(rawTimes);
    console.log(`check overhead on ${target.name}/${scenario.name}: ts2tla ${median(ourTimes).toFixed(0)} ms vs TLC by hand ${median(rawTimes).toFixed(0)} ms (median of 3): ratio ${ratio.toFixed(2)}x; target <= 1.2x: ${ratio <= 1.2 ? "met" : "MISSED"}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await overhead();
