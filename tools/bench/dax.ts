// Every DAX scenario on TLC, as `ts2tla check` runs it: verdict, distinct states, TLC time, states/s.
import type { CompiledProtocol } from "../compiler/index.ts";
import { checkScenario } from "../verify/scenario.ts";
import { fmt, table } from "./stats.ts";

const BIG = "big-v5.13";
const BIG_TARGET_SECONDS = 60;

export async function benchDaxScenarios(dax: CompiledProtocol, workers: number): Promise<void> {
  const rows: string[][] = [];
  let big: number | undefined;
  for (const s of dax.ir.scenarios) {
    const r = await checkScenario(dax, s.name, { engine: "tlc", workers });
    if (r.verdict === "error") {
      rows.push([s.name, `error: ${r.error?.message ?? "?"}`, "", "", "", "", ""]);
      continue;
    }
    // Statistics of a run that explored everything (the first run stops at a violation).
    const full = r.completeStats ?? r.stats;
    if (s.name === BIG) big = full.seconds;
    rows.push([
      s.name,
      r.violatedProperty ? `${r.violatedProperty} violated` : "holds",
      fmt(full.distinctStates) + (r.completeStats ? "" : "*"),
      fmt(full.statesGenerated),
      `${full.seconds.toFixed(1)} s`,
      full.seconds > 0 && full.statesGenerated !== undefined ? fmt(full.statesGenerated / full.seconds) : "?",
      String(r.runs),
    ]);
  }
  console.log(`DAX scenarios on TLC (${workers} worker${workers > 1 ? "s" : ""}; the full exploration's figures):`);
  console.log(table(["scenario", "verdict", "distinct states", "states generated", "TLC time", "states/s", "TLC runs"], rows));
  if (rows.some((r) => r[2]!.endsWith("*"))) console.log("* up to the first violation: no run explored the whole space");
  if (big !== undefined) console.log(`${BIG}: ${big.toFixed(1)} s; target < ${BIG_TARGET_SECONDS} s: ${big < BIG_TARGET_SECONDS ? "met" : "MISSED"}`);
}
