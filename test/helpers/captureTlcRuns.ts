// Re-record test/fixtures/tlc-runs from the real TLC:  npx tsx test/helpers/captureTlcRuns.ts
// Each run is made by runTlc itself (same flags as in use), its raw output saved before the run
// directory is removed. The run directory and jar paths are replaced by <run> and <jar>.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { discoverTlc } from "../../tools/checker/tlc/discover.ts";
import { runTlc } from "../../tools/checker/tlc/run.ts";
import { requestFor, RUNS_DIR, SPEC_RUNS } from "./tlcSpecs.ts";

const inst = await discoverTlc();
for (const run of SPEC_RUNS) {
  await runTlc(requestFor(run), {
    installation: inst,
    onRaw: (raw) => {
      const clean = (s: string) => s.split(raw.runDir).join("<run>").split(inst.jarPath ?? "\0").join("<jar>");
      const out = (suffix: string, text: string) => writeFileSync(path.join(RUNS_DIR, `${run.name}.${suffix}`), text);
      out("stdout.txt", clean(raw.stdout));
      out("stderr.txt", clean(raw.stderr));
      out("exitcode.txt", `${raw.exitCode ?? ""}\n`);
      out("args.txt", clean(raw.args.join("\n")) + "\n");
      if (raw.jsonDump !== undefined) out("trace.json", raw.jsonDump);
      if (raw.userOutput) out("user.txt", clean(raw.userOutput));
    },
  });
  process.stdout.write(`captured ${run.name}\n`);
}
