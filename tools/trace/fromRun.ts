// A saved TLC run to a Trace: read it (load.ts), pick the scenario, decode it, and name what it
// violates when the run does not say.
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import { decodeTrace } from "./decode.ts";
import { TraceError } from "./errors.ts";
import { inferViolation } from "./infer.ts";
import { readTlcRun } from "./load.ts";
import type { Probe } from "./probe/probe.ts";
import type { Trace, TraceInfo } from "./types.ts";

export interface LoadTraceOptions {
  /** The scenario the run checked; inferred from the process ids when absent. */
  scenario?: string;
  /** Builds the engine probe for a scenario (enabledness, invariant parts); omit for a trace-only decode. */
  probeFor?: (scenario: string) => Probe | undefined;
}

export function loadTrace(text: string, map: SourceMap, opts: LoadTraceOptions = {}): Trace {
  if (opts.scenario && !map.scenarios[opts.scenario]) {
    throw new TraceError("protocol-mismatch", `protocol ${map.protocol} has no scenario ${opts.scenario}`, `Known scenarios: ${Object.keys(map.scenarios).join(", ")}`);
  }
  const run = readTlcRun(text, map);
  const info: TraceInfo = { protocol: map.protocol };
  if (opts.scenario) info.scenario = opts.scenario;
  if (run.violation) {
    info.violationKind = run.violation.kind;
    info.message = run.violation.message;
    if (run.violation.name) info.property = run.violation.name;
  }
  // Decode once without the engine to learn the scenario, then with it.
  const first = decodeTrace(run.counterexample, map, info);
  const probe = first.scenario ? opts.probeFor?.(first.scenario) : undefined;
  if (first.scenario) info.scenario = first.scenario;
  let note: string | undefined;
  if (!run.violation) {
    const inferred = inferViolation(first, map, probe);
    if (inferred.property) info.property = inferred.property;
    if (inferred.kind) info.violationKind = inferred.kind;
    note = inferred.note;
  }
  const trace = probe ? decodeTrace(run.counterexample, map, info, { probe }) : note ? decodeTrace(run.counterexample, map, info) : first;
  trace.warnings.unshift(...run.warnings, ...(note ? [note] : []));
  if (!trace.scenario) trace.warnings.push("the scenario could not be told from the process ids: pass --scenario for a fuller explanation");
  return trace;
}
