// Which engines a check runs on: `auto` prefers TLC and says so when it falls back.
import type { CheckError, EngineName } from "../checker/types.ts";
import { discoverTlc, TlcSetupError } from "../checker/tlc/discover.ts";

export type EngineChoice = "auto" | "tlc" | "embedded" | "both";

export type ResolvedEngines = { list: EngineName[]; note?: string } | { error: CheckError };

export async function resolveEngines(choice: EngineChoice): Promise<ResolvedEngines> {
  if (choice === "embedded") return { list: ["embedded"] };
  try {
    const tlc = await discoverTlc();
    const where = tlc.jarPath ?? tlc.tlcCommand ?? "tlc";
    if (choice === "both") return { list: ["tlc", "embedded"], note: `engines: TLC (${where}) and the embedded engine` };
    return { list: ["tlc"], note: `engine: ${tlc.version ?? "TLC"} (${where})` };
  } catch (e) {
    if (!(e instanceof TlcSetupError)) throw e;
    if (choice === "auto") {
      return { list: ["embedded"], note: `engine: embedded (TLC not usable: ${e.message}; ${e.hint})` };
    }
    return { error: { kind: e.kind, message: e.message, hint: e.hint } };
  }
}
