// Which engines a check runs on. `auto` prefers TLC and falls back to the TS engine, saying so; when
// TLC runs, the TS engine runs beside it by default and the two state graphs are compared.
import type { CheckError, EngineName } from "../checker/types.ts";
import { discoverTlc, TlcSetupError } from "../checker/tlc/discover.ts";

export const ENGINE_CHOICES = ["auto", "tlc", "ts", "embedded", "both"] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];

export type ResolvedEngines =
  | {
      /** The engines whose reports are shown. */
      list: EngineName[];
      /** Also compare TLC's state graph with the TS engine's (running the TS engine unseen when it is not in `list`). */
      crossCheck: boolean;
      note?: string;
    }
  | { error: CheckError };

export async function resolveEngines(choice: EngineChoice, opts: { crossCheck?: boolean } = {}): Promise<ResolvedEngines> {
  const crossCheck = opts.crossCheck !== false;
  if (choice === "embedded") return { list: ["embedded"], crossCheck: false, note: "engine: embedded (tla-checker, on the generated TLA+)" };
  if (choice === "ts") return { list: ["ts"], crossCheck: false, note: "engine: the TS engine (the protocol's TypeScript, run as a model checker)" };
  try {
    const tlc = await discoverTlc();
    const where = tlc.jarPath ?? tlc.tlcCommand ?? "tlc";
    const version = tlc.version ?? "TLC";
    if (choice === "both") return { list: ["tlc", "ts"], crossCheck: true, note: `engines: ${version} (${where}) and the TS engine, state graphs compared` };
    return { list: ["tlc"], crossCheck, note: `engine: ${version} (${where})${crossCheck ? "; cross-checked with the TS engine" : ""}` };
  } catch (e) {
    if (!(e instanceof TlcSetupError)) throw e;
    if (choice === "auto") {
      return {
        list: ["ts"],
        crossCheck: false,
        note: `engine: the TS engine (TLC not usable: ${e.message}). For TLC as well: install Java 17 and run 'npx ts2tla tlc install'`,
      };
    }
    return { error: { kind: e.kind, message: e.message, hint: e.hint } };
  }
}
