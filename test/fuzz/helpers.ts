// Shared by the fuzz tests: the seed and size of the runs, and SANY on many modules at once.
import { execa } from "execa";
import fs from "node:fs";
import path from "node:path";
import type { TlcInstallation } from "../../tools/checker/tlc/discover.ts";

/**
 * The seed and a factor on the number of runs. Fixed by default, so that CI runs are reproducible; to
 * hunt for more, or to re-run a failure fast-check reported, set TS2TLA_FUZZ_SEED (an integer) and
 * TS2TLA_FUZZ_SCALE (e.g. 10).
 */
export function fuzzSettings(defaultSeed: number): { seed: number; scale: number } {
  const seed = Number(process.env.TS2TLA_FUZZ_SEED ?? defaultSeed);
  const scale = Number(process.env.TS2TLA_FUZZ_SCALE ?? 1);
  if (!Number.isInteger(seed)) throw new Error(`TS2TLA_FUZZ_SEED must be an integer, got ${process.env.TS2TLA_FUZZ_SEED}`);
  if (!(scale > 0)) throw new Error(`TS2TLA_FUZZ_SCALE must be a positive number, got ${process.env.TS2TLA_FUZZ_SCALE}`);
  return { seed, scale };
}

export interface GeneratedModule {
  /** The TLA+ module's name and text. */
  module: string;
  tla: string;
  /** The TS it was compiled from, shown when SANY rejects the module. */
  source: string;
}

/**
 * Runs SANY once on every module (written into `dir`); the failure message naming the modules SANY
 * rejects, with the first one's TS source and SANY's report, or undefined when it accepts them all.
 * Needs a tla2tools.jar (a `tlc` wrapper script cannot run SANY): undefined without one.
 */
export async function sanyRejections(inst: TlcInstallation, modules: GeneratedModule[], dir: string): Promise<string | undefined> {
  if (!inst.jarPath || !inst.javaPath || modules.length === 0) return undefined;
  fs.mkdirSync(dir, { recursive: true });
  const byModule = new Map(modules.map((x) => [x.module, x]));
  for (const [name, x] of byModule) fs.writeFileSync(path.join(dir, `${name}.tla`), x.tla);
  const names = [...byModule.keys()];
  const run = await execa(inst.javaPath, [`-Djava.io.tmpdir=${dir}`, "-XX:-UsePerfData", "-cp", inst.jarPath, "tla2sany.SANY", ...names.map((n) => `${n}.tla`)], { cwd: dir, reject: false });
  const out = `${run.stdout}\n${run.stderr}`;
  // SANY reports on each file in a section of its own, in order.
  const sections = out.split(/^\*{6} SANY2 Version.*$/m).slice(1);
  const failed = names.filter((_, i) => /error|could not/i.test(sections[i] ?? "missing"));
  if (failed.length === 0 && run.exitCode === 0) return undefined;
  if (failed.length === 0) return `SANY failed (exit ${run.exitCode}):\n${out.slice(-2000)}`;
  return `SANY rejects ${failed.length} of ${names.length} modules (${failed.join(", ")}); the first, compiled from\n${byModule.get(failed[0]!)!.source}\nSANY says:${sections[names.indexOf(failed[0]!)]}`;
}
