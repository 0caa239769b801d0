// Which process each process id belongs to, and which scenario a trace's process ids point to.
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import type { TraceProcess } from "./types.ts";

/** Process ids by scenario: the ids of every process set plus the single processes. */
export function scenarioPids(map: SourceMap, scenario: string): string[] | undefined {
  const s = map.scenarios[scenario];
  if (!s) return undefined;
  const ids: string[] = [];
  for (const [name, p] of Object.entries(map.processes)) {
    if (!p.set) ids.push(name);
    else {
      const members = s.constants[p.set];
      if (!Array.isArray(members)) return undefined;
      ids.push(...members.map(String));
    }
  }
  return ids;
}

/** The scenario whose process ids are exactly `pids`, when exactly one is. */
export function inferScenario(map: SourceMap, pids: readonly string[]): string | undefined {
  const want = [...pids].sort().join("\0");
  const matches = Object.keys(map.scenarios).filter((s) => scenarioPids(map, s)?.slice().sort().join("\0") === want);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * One TraceProcess per id, in the source map's process order. An id belongs to the single process of
 * that name, else to the process set whose scenario members include it, else to the one process set
 * whose first step is the id's initial step.
 */
export function buildRoster(
  map: SourceMap,
  initialPc: ReadonlyMap<string, string>,
  scenario: string | undefined,
  warn: (m: string) => void,
): TraceProcess[] {
  const entries = Object.entries(map.processes);
  const owner = new Map<string, string>();
  for (const pid of initialPc.keys()) {
    const single = entries.find(([name, p]) => !p.set && name === pid);
    if (single) {
      owner.set(pid, single[0]);
      continue;
    }
    const s = scenario ? map.scenarios[scenario] : undefined;
    const bySet = s && entries.find(([, p]) => p.set && Array.isArray(s.constants[p.set]) && (s.constants[p.set] as unknown[]).map(String).includes(pid));
    if (bySet) {
      owner.set(pid, bySet[0]);
      continue;
    }
    const byStart = entries.filter(([, p]) => p.set && p.initialStep === initialPc.get(pid));
    if (byStart.length >= 1) {
      owner.set(pid, byStart[0]![0]);
      if (byStart.length > 1) warn(`process id ${pid}: cannot tell whether it is a ${byStart.map(([n]) => n).join(" or a ")}; taken as a ${byStart[0]![0]}`);
      continue;
    }
    warn(`process id ${pid} belongs to no process of protocol ${map.protocol}`);
  }
  const members = (set: string | undefined): string[] => {
    const list = set && scenario ? map.scenarios[scenario]?.constants[set] : undefined;
    return Array.isArray(list) ? list.map(String) : [];
  };
  const out: TraceProcess[] = [];
  for (const [name, p] of entries) {
    const order = members(p.set);
    const rank = (pid: string) => (order.includes(pid) ? order.indexOf(pid) : order.length);
    const pids = [...owner].filter(([, proc]) => proc === name).map(([pid]) => pid);
    pids.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const pid of pids) {
      const tp: TraceProcess = { id: pid, process: name, fairness: p.fairness };
      if (p.set) tp.set = p.set;
      out.push(tp);
    }
  }
  return out;
}
