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
  if (tlc.verdict === "error" || ts.verdict === "error") return errorsCompared(where, tlc, ts);
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

/**
 * A run-time error is an outcome of the program (JavaScript fails there, or the TLA+ cannot be
 * evaluated): one engine meeting one where the other explored every state without it is a
 * translation bug. A run that failed otherwise (time, memory, a crash) says nothing either way.
 */
function errorsCompared(where: string, tlc: ScenarioReport, ts: ScenarioReport): CrossCheckResult {
  const failed = (r: ScenarioReport): boolean => r.verdict === "error" && r.error?.kind === "runtime-error";
  const sides = [
    { name: "TLC", r: tlc },
    { name: "the TS engine", r: ts },
  ];
  const broken = sides.find((x) => x.r.verdict === "error" && !failed(x.r));
  if (broken) return { problems: [], summary: `${where}: cross-check skipped (${broken.name}'s run failed: ${broken.r.error?.message ?? "no result"})` };
  if (failed(tlc) && failed(ts)) return { problems: [], summary: `${where}: TLC and the TS engine both stop on a run-time error` };
  const [erred, other] = failed(tlc) ? [sides[0]!, sides[1]!] : [sides[1]!, sides[0]!];
  if (other.r.verdict === "holds") {
    return {
      problems: [`${where}: TLC and the TS engine disagree: ${erred.name} stops on a run-time error (${erred.r.error?.message}) that ${other.name} never meets in any reachable state`],
      summary: `${where}: TLC and the TS engine disagree`,
    };
  }
  return { problems: [], summary: `${where}: cross-check incomplete: ${erred.name} stopped on a run-time error, ${other.name} on a violation, before either explored every state` };
}
