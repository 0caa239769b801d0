// ts2tla doctor: what this machine has for checking.
import type { CliOptions } from "./main.ts";
import { EXIT } from "./exit.ts";
import { doctorReport } from "../checker/doctor.ts";
import { TS_ENGINE_VERSION } from "../checker/ts/run.ts";

export async function runDoctor(opts: CliOptions, _args: string[]): Promise<number> {
  const report = await doctorReport();
  if (opts.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    return EXIT.ok;
  }
  const line = (ok: boolean, text: string) => process.stdout.write(`${ok ? "ok  " : "--  "} ${text}\n`);
  const j = report.java;
  line(Boolean(j.path), j.path ? `Java ${j.version ?? "(version unknown)"} at ${j.path}` : `Java: not found (${j.problem ?? "no java on PATH"})`);
  const t = report.tlc;
  if (t.path) {
    line(true, `TLC ${t.version ?? "(version unknown)"} at ${t.path} (from ${t.source})`);
    line(t.supportsDumpTraceJson, `-dumpTrace json: ${t.supportsDumpTraceJson ? "supported" : "not supported; counterexamples are read from the -tool text"}`);
  } else {
    line(false, `TLC: not found: ${t.problem ?? ""}`);
    if (t.hint) process.stdout.write(`      hint: ${t.hint}\n`);
  }
  line(true, `TS engine (${TS_ENGINE_VERSION}): needs no Java; 'check' uses it ${t.path ? "to cross-check TLC" : "instead of TLC"}`);
  const e = report.embedded;
  line(e.ok, e.ok ? `embedded engine tla-checker ${e.version ?? ""} loads` : `embedded engine: ${e.problem ?? "does not load"}`);
  return EXIT.ok;
}
