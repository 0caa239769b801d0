// The checker stage: one entry point over the engines that read the generated TLA+ (TLC, and the
// embedded engine as a third opinion); the TS engine (ts/run.ts) reads the protocol's TypeScript
// instead. Everything returns a CheckResult (types.ts).
import { runEmbedded, type RunEmbeddedOptions } from "./embedded/run.ts";
import { runTlc, type RunTlcOptions } from "./tlc/run.ts";
import type { CheckRequest, CheckResult, EngineName } from "./types.ts";

export type { RunEmbeddedOptions } from "./embedded/run.ts";
export type { RunTlcOptions, RawTlcRun } from "./tlc/run.ts";
export { runEmbedded } from "./embedded/run.ts";
export { runTlc } from "./tlc/run.ts";
export { discoverTlc, TlcSetupError, type TlcInstallation } from "./tlc/discover.ts";
export { installPinnedTlc, PINNED_TLC, TlcInstallError } from "./tlc/install.ts";
export { doctorReport, type DoctorReport } from "./doctor.ts";
export { projectAsJsonDump } from "./lossyView.ts";
export { parseTlaValue, printTlaValue, tlaValuesEqual } from "./tlc/values.ts";

export function checkWith(engine: "tlc", req: CheckRequest, opts?: RunTlcOptions): Promise<CheckResult>;
export function checkWith(engine: "embedded", req: CheckRequest, opts?: RunEmbeddedOptions): Promise<CheckResult>;
export function checkWith(engine: EngineName, req: CheckRequest): Promise<CheckResult>;
export function checkWith(engine: EngineName, req: CheckRequest, opts?: RunTlcOptions | RunEmbeddedOptions): Promise<CheckResult> {
  switch (engine) {
    case "tlc":
      return runTlc(req, opts as RunTlcOptions | undefined);
    case "embedded":
      return runEmbedded(req, opts as RunEmbeddedOptions | undefined);
    case "ts":
      throw new Error("the TS engine checks a compiled protocol, not TLA+ files: use runTsEngine (checker/ts)");
  }
}
