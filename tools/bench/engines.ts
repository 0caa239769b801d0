// The TS engine against TLC on every DAX scenario, whole processes side by side in one run:
//   `ts2tla check dax -s X --engine ts` against one raw `java tlc2.TLC` run of the scenario's main
//   model (all its properties at once, one worker) and against `ts2tla check dax -s X --engine tlc`;
// and `npm run check` (every scenario of every protocol) on a machine without Java.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { execa, type Options } from "execa";
import type { TlcInstallation } from "../checker/tlc/discover.ts";
import { REPO_ROOT, type CompiledProtocol } from "../compiler/compiled.ts";
import { fmt, table, withGeneratedFiles } from "./stats.ts";

const CLI = path.join(REPO_ROOT, "bin/ts2tla.mjs");
const TARGET_RATIO = 0.5;
const NO_JAVA_TARGET_SECONDS = 60;

async function timed(file: string, args: string[], opts: Options = {}): Promise<{ ms: number; stdout: string; exitCode?: number }> {
  const t0 = performance.now();
  const r = await execa(file, args, { cwd: REPO_ROOT, ...opts, reject: false });
  return { ms: performance.now() - t0, stdout: String(r.stdout), exitCode: r.exitCode };
}

export async function benchEngines(dax: CompiledProtocol, tlc: TlcInstallation | undefined): Promise<void> {
  const rows: string[][] = [];
  const ratios: number[] = [];
  await withGeneratedFiles(dax, async (dir) => {
    const tlaFile = path.join(dir, path.basename(dax.moduleFile));
    // Once first, so that every measured run finds the protocol in the compile cache (as a user's
    // second run does); the first, compiling run is shown apart.
    const cold = await timed(process.execPath, [CLI, "check", dax.name, "-s", dax.ir.scenarios[0]!.name, "--engine", "ts", "--json"], { env: { ...process.env, TS2TLA_NO_COMPILE_CACHE: "1" } });
    await timed(process.execPath, [CLI, "check", dax.name, "-s", dax.ir.scenarios[0]!.name, "--engine", "ts", "--json"]);
    console.log(`TS engine, ${dax.ir.scenarios[0]!.name} compiling the protocol (no compile cache): ${(cold.ms / 1000).toFixed(1)} s`);
    for (const s of dax.ir.scenarios) {
      const ts = await timed(process.execPath, [CLI, "check", dax.name, "-s", s.name, "--engine", "ts", "--json"]);
      const states = distinctOf(ts.stdout);
      let raw: number | undefined;
      let whole: number | undefined;
      if (tlc?.jarPath && tlc.javaPath) {
        const metadir = path.join(dir, "states");
        const deadlock = s.deadlock ? [] : ["-deadlock"];
        raw = (await timed(tlc.javaPath, ["-XX:+UseParallelGC", "-XX:-UsePerfData", `-Djava.io.tmpdir=${dir}`, "-cp", tlc.jarPath, "tlc2.TLC", "-workers", "1", ...deadlock, "-metadir", metadir, "-config", path.join(dir, `${s.name}.cfg`), tlaFile], { cwd: dir })).ms;
        fs.rmSync(metadir, { recursive: true, force: true });
        whole = (await timed(process.execPath, [CLI, "check", dax.name, "-s", s.name, "--engine", "tlc", "--no-cross-check", "--no-replay", "--json"])).ms;
        ratios.push(ts.ms / raw);
      }
      rows.push([
        s.name,
        fmt(states),
        `${(ts.ms / 1000).toFixed(1)} s`,
        states !== undefined ? fmt(states / (ts.ms / 1000)) : "?",
        raw !== undefined ? `${(raw / 1000).toFixed(1)} s` : "-",
        whole !== undefined ? `${(whole / 1000).toFixed(1)} s` : "-",
        raw !== undefined ? `${(ts.ms / raw).toFixed(2)}x` : "-",
        whole !== undefined ? `${(ts.ms / whole).toFixed(2)}x` : "-",
      ]);
    }
  });
  console.log("TS engine against TLC on every DAX scenario (whole processes, one worker, side by side):");
  console.log(table(["scenario", "distinct states", "ts2tla --engine ts", "states/s", "raw TLC run", "ts2tla --engine tlc", "ts / raw TLC", "ts / ts2tla tlc"], rows));
  if (ratios.length) {
    const worst = Math.max(...ratios);
    console.log(`TS engine: worst ratio to one raw TLC run ${worst.toFixed(2)}x; target <= ${TARGET_RATIO}x: ${worst <= TARGET_RATIO ? "met" : "MISSED"}`);
  } else console.log("TLC not found: the TLC columns are empty");
}

/** `npm run check` where there is no Java and no TLC: the TS engine checks every scenario of every protocol. */
export async function benchNoJavaCheck(): Promise<void> {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-nojava-"));
  try {
    // PATH holds node alone (no java, no tlc); the per-user cache is an empty folder.
    const bin = path.join(empty, "bin");
    fs.mkdirSync(bin);
    fs.symlinkSync(process.execPath, path.join(bin, "node"));
    const env = { HOME: empty, PATH: bin, XDG_CACHE_HOME: empty, TMPDIR: os.tmpdir() };
    const r = await timed(process.execPath, [CLI, "check", "--all"], { env, extendEnv: false });
    const seconds = r.ms / 1000;
    console.log(`npm run check without Java (every scenario of every protocol, TS engine): ${seconds.toFixed(1)} s, exit ${r.exitCode}; target < ${NO_JAVA_TARGET_SECONDS} s: ${seconds < NO_JAVA_TARGET_SECONDS && r.exitCode === 0 ? "met" : "MISSED"}`);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

function distinctOf(jsonLines: string): number | undefined {
  for (const line of jsonLines.split("\n")) {
    if (!line.trim().startsWith("{")) continue;
    const r = JSON.parse(line) as { statistics?: { distinctStates?: number } };
    if (r.statistics?.distinctStates !== undefined) return r.statistics.distinctStates;
  }
  return undefined;
}
