// A separate Node process for the signal tests: runs TLC on a never-ending spec and reports when TLC
// has started, so that the test can send this process SIGINT/SIGTERM mid-run.
//   node --import tsx test/helpers/runTlcChild.ts <tempRoot> <TlcInstallation as JSON>
import path from "node:path";
import type { TlcInstallation } from "../../tools/checker/tlc/discover.ts";
import { runTlc } from "../../tools/checker/tlc/run.ts";
import { SPECS_DIR } from "./tlcSpecs.ts";

const [tempRoot, installation] = process.argv.slice(2);
await runTlc(
  { tlaFile: path.join(SPECS_DIR, "Forever.tla"), cfgFile: path.join(SPECS_DIR, "Forever.cfg"), checkDeadlock: true },
  {
    tempRoot: tempRoot!,
    installation: JSON.parse(installation!) as TlcInstallation,
    onSpawn: (pid, runDir) => process.stdout.write(`spawned ${pid} ${runDir}\n`),
  },
);
process.stdout.write("finished\n");
