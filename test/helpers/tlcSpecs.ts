// Our own small specs (test/fixtures/tlc-specs) and how each is checked. The same list drives the fixture
// capture (captureTlcRuns.ts), the TLC tier tests and the embedded-engine tests.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CheckRequest } from "../../tools/checker/types.ts";

export const SPECS_DIR = fileURLToPath(new URL("../fixtures/tlc-specs/", import.meta.url));
export const RUNS_DIR = fileURLToPath(new URL("../fixtures/tlc-runs/", import.meta.url));

export interface SpecRun {
  /** Fixture name in tlc-runs/. */
  name: string;
  /** Module (and cfg) name in tlc-specs/. */
  module: string;
  extraModules?: string[];
  checkDeadlock?: boolean;
  /** The embedded engine stops earlier at a deadlock, so its state count there is not TLC's. */
  embeddedCountsDiffer?: boolean;
  /** JVM heap for TLC. */
  heap?: string;
  /** Not for the embedded engine (e.g. a test of TLC running out of memory). */
  tlcOnly?: boolean;
}

export const SPEC_RUNS: SpecRun[] = [
  { name: "Counter", module: "Counter" },
  { name: "Race", module: "Race" },
  { name: "Stutter", module: "Stutter" },
  { name: "Cycle", module: "Cycle" },
  { name: "Stuck", module: "Stuck", embeddedCountsDiffer: true },
  { name: "Stuck.nodeadlock", module: "Stuck", checkDeadlock: false },
  { name: "MC_Layered", module: "MC_Layered", extraModules: ["LayeredBase"] },
  { name: "Rich", module: "Rich" },
  { name: "Broken", module: "Broken" },
  { name: "DivZero", module: "DivZero" },
  { name: "Hog", module: "Hog", heap: "32m", tlcOnly: true },
];

export function requestFor(run: SpecRun, dir = SPECS_DIR): CheckRequest {
  return {
    tlaFile: path.join(dir, `${run.module}.tla`),
    cfgFile: path.join(dir, `${run.module}.cfg`),
    extraModules: (run.extraModules ?? []).map((m) => path.join(dir, `${m}.tla`)),
    checkDeadlock: run.checkDeadlock ?? true,
    ...(run.heap ? { heap: run.heap } : {}),
  };
}
