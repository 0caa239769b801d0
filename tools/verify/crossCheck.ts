// The cross-check between TLC and the TS engine: the same verdicts, witnesses and reachable states.
// TLC checks the TLA+ the compiler wrote; the TS engine runs the protocol's TypeScript. A difference
// is a translation bug (the TLA+ does not mean what the TS does).
import type { CompiledProtocol } from "../compiler/index.ts";
import { scenarioVarTypes } from "../runtime/tlaValues.ts";
import { compareEngines } from "./compare.ts";
import { compareStateGraphs } from "./graphCompare.ts";
import { disagreementText } from "./disagreementText.ts";
import type { ScenarioReport } from "./scenario.ts";

export interface CrossCheckResult {
  /** Disagreements: each one a translation bug. */
  problems: string[];
  /** One line saying what was compared. */
  summary: string;
}

export function crossCheck(c: CompiledProtocol, tlc: ScenarioReport, ts: ScenarioReport): CrossCheckResult {
  const where = `${c.name} ${tlc.scenario}`;
  if (tlc.verdict === "error" || ts.verdict === "error") return { problems: [], summary: `${where}: cross-check skipped (a run failed)` };
  const problems = compareEngines(tlc, ts).map((d) => `${where}: TLC and the TS engine disagree: ${d}`);
  const scenario = c.ir.scenarios.find((s) => s.name === tlc.scenario)!;
  if (!tlc.graph || !ts.graph) {
    return { problems, summary: `${where}: verdicts cross-checked; state graphs not compared (${!tlc.graph ? "no TLC run explored every state" : "the TS engine did not explore every state"})` };
  }
  const names = { a: "TLC", b: "the TS engine" };
  const diff = compareStateGraphs(tlc.graph, ts.graph, scenarioVarTypes(c.ir, scenario), names);
  if (diff) problems.push(`${where}: translation bug: the state graphs differ (TLC: ${tlc.graph.states.length} states, the TS engine: ${ts.graph.states.length})\n${disagreementText(diff, c.sourceMap, names)}`);
  return { problems, summary: `${where}: TLC and the TS engine ${problems.length ? "disagree" : `agree on every verdict and on all ${tlc.graph.states.length} reachable states`}` };
}
