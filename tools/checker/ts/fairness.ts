// The fairness conditions of the generated `Spec`, per process id: which steps each WF/SF covers.
// The same rule as the emitter's (compiler/emit/tla.ts): a step with its own fairness is a condition of
// its own; the process's fairness covers the disjunction of its other steps; each branch of a step's
// `nondet({ fairness })` is one more condition (the step narrowed to that branch).
import type { FairnessKind, IrProtocol } from "../../compiler/ir.ts";

export interface FairAction {
  kind: Exclude<FairnessKind, "none">;
  pid: string;
  labels: ReadonlySet<string>;
  /** Only the steps whose `nondet({ fairness })` took this branch (then: true). */
  alternative?: boolean;
  /** For people: `WF(invalidate_next(A))`. */
  text: string;
}

/** `byProcess`: the scenario's fairness of some processes instead of their own. */
export function fairActions(ir: IrProtocol, pidsOf: (process: string) => readonly string[], byProcess: Record<string, FairnessKind> = {}): FairAction[] {
  const out: FairAction[] = [];
  for (const p of ir.processes) {
    const fairness = byProcess[p.name] ?? p.fairness;
    const own = p.steps.filter((s) => s.fairness !== undefined);
    const inherit = p.steps.filter((s) => s.fairness === undefined);
    for (const pid of pidsOf(p.name)) {
      for (const s of own) {
        if (s.fairness === "none" || s.fairness === undefined) continue;
        out.push({ kind: s.fairness, pid, labels: new Set([s.label]), text: `${short(s.fairness)}(${s.operator}(${pid}))` });
      }
      if (fairness === "none" || inherit.length === 0) continue;
      const what = own.length === 0 ? `${p.operator}(${pid})` : inherit.map((s) => `${s.operator}(${pid})`).join(" \\/ ");
      out.push({ kind: fairness, pid, labels: new Set(inherit.map((s) => s.label)), text: `${short(fairness)}(${what})` });
    }
    for (const pid of pidsOf(p.name)) {
      for (const s of p.steps) {
        if (!s.alternatives) continue;
        const { fairness, operators } = s.alternatives;
        operators.forEach((op, i) => out.push({ kind: fairness, pid, labels: new Set([s.label]), alternative: i === 0, text: `${short(fairness)}(${op}(${pid}))` }));
      }
    }
  }
  return out;
}

const short = (k: FairnessKind): string => (k === "strong" ? "SF" : "WF");
