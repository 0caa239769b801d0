// A checker's counterexample (TLA+ terms) decoded with the source map into a Trace (TS terms).
import type { Counterexample } from "../checker/types.ts";
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import { formatTs } from "../runtime/format.ts";
import { annotateEnabledness } from "./enabledness.ts";
import { explainTrace } from "./explain.ts";
import { describeMove, type MoveContext } from "./move.ts";
import type { Probe } from "./probe/probe.ts";
import { buildRoster, inferScenario } from "./roster.ts";
import { readPc, stateDecoder } from "./state.ts";
import { resolveProperty } from "./property.ts";
import type { Trace, TraceInfo, TraceLoop, TraceSetting, TraceStep } from "./types.ts";

export interface DecodeOptions {
  /** Evaluates enabledness and invariant parts with the embedded engine (see probe/probe.ts). */
  probe?: Probe;
}

export function decodeTrace(cx: Counterexample, map: SourceMap, info: TraceInfo = {}, opts: DecodeOptions = {}): Trace {
  const warnings: string[] = [];
  const warn = (m: string) => {
    if (!warnings.includes(m)) warnings.push(m);
  };
  if (info.protocol && info.protocol !== map.protocol) warn(`the trace is said to be of protocol ${info.protocol}, decoded with the source map of ${map.protocol}`);
  const states = [...cx.states].sort((a, b) => a.index - b.index);

  const initialPc = readPc(states[0]?.vars.pc) ?? new Map<string, string>();
  const scenario = info.scenario ?? inferScenario(map, [...initialPc.keys()]);
  if (info.scenario && !map.scenarios[info.scenario]) warn(`protocol ${map.protocol} has no scenario ${info.scenario}`);
  const roster = buildRoster(map, initialPc, scenario, warn);
  const decoder = stateDecoder(map, roster, warn);
  const ctx: MoveContext = { map, roster, warn, ...(opts.probe ? { probe: opts.probe } : {}) };

  const steps: TraceStep[] = [];
  states.forEach((s, i) => {
    const state = decoder.decode(s.vars);
    if (i === 0) {
      steps.push({ n: 0, stateIndex: s.index, state, changes: [] });
      return;
    }
    const move = describeMove(steps[i - 1]!.state, state, s.action, ctx, `step ${i}`);
    steps.push({ n: i, stateIndex: s.index, ...move, state });
  });

  let loop: TraceLoop | undefined;
  const cxLoop = cx.loop;
  if (cxLoop?.kind === "stuttering") loop = { kind: "stuttering" };
  else if (cxLoop?.kind === "back-to-state") {
    const toStep = steps.findIndex((s) => s.stateIndex === cxLoop.toIndex);
    if (toStep < 0) warn(`the loop goes back to state ${cxLoop.toIndex}, which is not in the trace`);
    else {
      const last = steps[steps.length - 1]!;
      const closing = describeMove(last.state, steps[toStep]!.state, cxLoop.action, ctx, "the step back into the loop");
      loop = { kind: "back-to-step", toStep, closing };
    }
  }

  const trace: Trace = {
    format: "ts2tla-trace",
    version: 1,
    protocol: map.protocol,
    module: map.module,
    file: map.file,
    property: resolveProperty(map, info),
    violation: { kind: info.violationKind ?? "unknown" },
    source: cx.source,
    processes: roster,
    variables: decoder.variables,
    steps,
    explanation: { headline: "", details: [], processes: [], evidence: "trace" },
    warnings,
  };
  if (scenario) trace.scenario = scenario;
  const setting = scenario ? settingOf(map, scenario) : undefined;
  if (setting) trace.setting = setting;
  if (info.message) trace.violation.message = info.message;
  if (loop) trace.loop = loop;
  if (opts.probe) annotateEnabledness(trace, opts.probe);
  trace.explanation = explainTrace(trace, map, opts.probe);
  return trace;
}

/** The scenario's description and constant values, from the source map. */
function settingOf(map: SourceMap, scenario: string): TraceSetting | undefined {
  const s = map.scenarios[scenario];
  if (!s) return undefined;
  const constants = Object.entries(s.constants).map(([name, v]) => ({ name, value: formatTs(writtenValue(v)) }));
  return { ...(s.description ? { description: s.description } : {}), constants };
}

/** A source map's constant value as the scenario wrote it (a sequence or record constant's data, not its definition). */
function writtenValue(v: unknown): unknown {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if ("def" in o && "seq" in o) return o.seq;
    if ("def" in o && "data" in o) return o.data;
  }
  return v;
}

