// Every counterexample a checker returns is replayed through the protocol's TypeScript: each state
// must be what the TS does. A mismatch means the TLA+ does not do what the TS does (a translation bug).
import type { CompiledProtocol } from "../compiler/index.ts";
import { ProtocolRuntime, RuntimeSetupError, StepError } from "../runtime/runtime.ts";
import { replayWithRuntime } from "../runtime/replay.ts";
import type { PropertyReport, ScenarioReport } from "./scenario.ts";

export type ReplayCheck =
  | { ok: true; states: number; notes: string[] }
  | { ok: false; step: number; message: string; diff: string; notes: string[] }
  /** The runtime could not load the protocol or run a step: nothing was compared. */
  | { ok: "not-run"; reason: string };

/**
 * Replays the counterexample of every violated property of `reports` (one scenario's, from one or
 * more engines), recording the outcome on each property. The TS runtime is loaded once for them all.
 */
export async function replayReports(c: CompiledProtocol, reports: ScenarioReport[], cwd: string): Promise<void> {
  const withTrace = reports.flatMap((r) => r.properties.filter((p) => p.counterexample));
  if (withTrace.length === 0) return;
  let rt: ProtocolRuntime;
  try {
    rt = await ProtocolRuntime.fromCompiled(c, reports[0]!.scenario, { cwd });
  } catch (e) {
    if (!(e instanceof RuntimeSetupError)) throw e;
    for (const p of withTrace) p.replay = { ok: "not-run", reason: e.message };
    return;
  }
  for (const p of withTrace) p.replay = replayOne(rt, p);
}

function replayOne(rt: ProtocolRuntime, p: PropertyReport): ReplayCheck {
  try {
    const r = replayWithRuntime(rt, p.counterexample!);
    return r.ok ? { ok: true, states: r.states, notes: r.notes } : { ok: false, step: r.step, message: r.message, diff: r.diff, notes: r.notes };
  } catch (e) {
    if (!(e instanceof StepError || e instanceof RuntimeSetupError)) throw e;
    return { ok: "not-run", reason: `the TS runtime failed: ${e.message}` };
  }
}

/** One line per translation bug found by replaying, for stderr. */
export function translationBugs(report: ScenarioReport): string[] {
  return report.properties.flatMap((p) =>
    p.replay?.ok === false
      ? [`${report.protocol} ${report.scenario}: translation bug: the counterexample of ${p.name} does not replay in the TypeScript at state ${p.replay.step}: ${p.replay.message}`]
      : [],
  );
}
