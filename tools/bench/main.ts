// npm run bench: compile time, the TLC runner's overhead over TLC by hand, every DAX scenario's
// states and time on TLC, the TS engine against TLC on every DAX scenario, `npm run check` without
// Java, and how time and memory grow from 3 to 6 threads. Ratios are measured side by side in one
// run, because these machines are shared and noisy.
//   BENCH_RUNS (compile runs, default 7), BENCH_WORKERS (TLC workers, default 1),
//   BENCH_ONLY=compile,overhead,dax,engines,nojava,scale,workers (default: all), BENCH_MAX_THREADS (default 6).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { discoverTlc, TlcSetupError, type TlcInstallation } from "../checker/tlc/discover.ts";
import { compileFile, createProject, discoverProtocolFiles, REPO_ROOT } from "../compiler/index.ts";
import { benchCompile } from "./compile.ts";
import { benchOverhead } from "./overhead.ts";
import { benchDaxScenarios } from "./dax.ts";
import { benchEngines, benchNoJavaCheck } from "./engines.ts";
import { benchScale, benchWorkers } from "./scale.ts";

const only = new Set((process.env.BENCH_ONLY ?? "compile,overhead,dax,engines,nojava,scale,workers").split(","));
const workers = Number(process.env.BENCH_WORKERS ?? 1);

function pickProtocol(): string {
  const files = discoverProtocolFiles(createProject(), path.join(REPO_ROOT, "spec-src")).files.map((sf) => sf.getFilePath());
  const dax = files.find((f) => path.basename(f) === "dax.ts");
  return dax ?? files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0]!;
}

const file = pickProtocol();
if (only.has("compile")) benchCompile(file, Number(process.env.BENCH_RUNS ?? 7));

let tlc: TlcInstallation | undefined;
try {
  tlc = await discoverTlc();
} catch (e) {
  if (!(e instanceof TlcSetupError)) throw e;
  console.log(`TLC benchmarks skipped: ${e.message}`);
}
if (only.has("engines")) {
  const target = compileFile(file);
  if (target.name === "dax") await benchEngines(target, tlc);
}
if (only.has("nojava")) await benchNoJavaCheck();
if (tlc) {
  const target = compileFile(file);
  const isDax = target.name === "dax";
  if (only.has("overhead")) {
    const holding = target.ir.scenarios.filter((s) => Object.values(s.expect).every((v) => v === "holds")).map((s) => s.name);
    await benchOverhead(tlc, target, isDax ? ["seed-v5.13", "mix-v5.13"] : holding.slice(0, 1), 3);
  }
  if (isDax && only.has("dax")) await benchDaxScenarios(target, workers);
  if (isDax && only.has("scale")) await benchScale(target, workers, Number(process.env.BENCH_MAX_THREADS ?? 6));
  if (isDax && only.has("workers")) await benchWorkers(target, "big-v5.13", os.availableParallelism());
}
