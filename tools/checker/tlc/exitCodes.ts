// TLC's process exit codes (tlc2.output.EC.ExitStatus). The messages say more; these are the fallback
// when a run ends without the message that explains it.
import type { CheckErrorKind, ViolationKind } from "../types.ts";

export type ExitMeaning =
  | { outcome: "holds"; meaning: string }
  | { outcome: "violated"; meaning: string; violation: ViolationKind }
  | { outcome: "error"; meaning: string; error: CheckErrorKind };

export const TLC_EXIT_CODES: ReadonlyMap<number, ExitMeaning> = new Map<number, ExitMeaning>([
  [0, { outcome: "holds", meaning: "success" }],
  [1, { outcome: "error", meaning: "bad command line", error: "unsupported" }],
  [10, { outcome: "violated", meaning: "ASSUME violated", violation: "assume" }],
  [11, { outcome: "violated", meaning: "deadlock", violation: "deadlock" }],
  [12, { outcome: "violated", meaning: "invariant violated", violation: "invariant" }],
  [13, { outcome: "violated", meaning: "temporal or action property violated", violation: "property" }],
  [14, { outcome: "violated", meaning: "Assert failed", violation: "assert" }],
  [75, { outcome: "error", meaning: "evaluation error in the spec", error: "runtime-error" }],
  [76, { outcome: "error", meaning: "evaluation error in an invariant", error: "runtime-error" }],
  [77, { outcome: "error", meaning: "evaluation error in a temporal property", error: "runtime-error" }],
  [150, { outcome: "error", meaning: "parse or semantic error", error: "parse-error" }],
  [151, { outcome: "error", meaning: "configuration error", error: "config-error" }],
  [152, { outcome: "error", meaning: "state space too large", error: "crash" }],
  [153, { outcome: "error", meaning: "system error", error: "crash" }],
  [255, { outcome: "error", meaning: "other error", error: "crash" }],
]);

export function describeExitCode(code: number): string {
  const known = TLC_EXIT_CODES.get(code);
  return known ? `${code} (${known.meaning})` : String(code);
}
