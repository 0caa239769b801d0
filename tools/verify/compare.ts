// Compares two engines' reports of the same scenario: verdicts and distinct-state counts must agree.
import type { ScenarioReport } from "./scenario.ts";

export function compareEngines(a: ScenarioReport, b: ScenarioReport): string[] {
  const out: string[] = [];
  if (a.verdict !== b.verdict) out.push(`verdict ${a.engine}=${a.verdict}, ${b.engine}=${b.verdict}`);
  if (a.stats.distinctStates !== undefined && b.stats.distinctStates !== undefined && a.stats.distinctStates !== b.stats.distinctStates) {
    out.push(`distinct states ${a.engine}=${a.stats.distinctStates}, ${b.engine}=${b.stats.distinctStates}`);
  }
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
