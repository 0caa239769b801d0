// Compares two engines' reports of the same scenario: verdicts and distinct-state counts must agree.
import type { ScenarioReport } from "./scenario.ts";

export function compareEngines(a: ScenarioReport, b: ScenarioReport): string[] {
  const out: string[] = [];
  if (a.verdict !== b.verdict) out.push(`verdict ${a.engine}=${a.verdict}, ${b.engine}=${b.verdict}`);
  // Only a run that explored everything has a count both engines must agree on.
  const da = a.completeStats?.distinctStates;
  const db = b.completeStats?.distinctStates;
  if (da !== undefined && db !== undefined && da !== db) out.push(`distinct states ${a.engine}=${da}, ${b.engine}=${db}`);
  const names = new Set([...a.properties, ...b.properties].map((p) => p.name));
  for (const n of names) {
    const va = a.properties.find((p) => p.name === n)?.verdict ?? "unknown";
    const vb = b.properties.find((p) => p.name === n)?.verdict ?? "unknown";
    if (va !== vb) out.push(`${n}: ${a.engine}=${va}, ${b.engine}=${vb}`);
  }
  for (const w of a.witnesses) {
    const other = b.witnesses.find((x) => x.name === w.name);
    if (other && other.reached !== w.reached) out.push(`witness ${w.name}: ${a.engine}=${w.reached}, ${b.engine}=${other.reached}`);
  }
  return out;
}
