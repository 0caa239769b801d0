// Wording shared by the renderers, so text, Markdown and HTML say the same things the same way.
import { UNNAMED } from "../property.ts";
import { showValue } from "../show.ts";
import type { Change, SourceLoc, StepMove, Trace, TraceStep } from "../types.ts";

export function title(trace: Trace): string {
  const p = trace.property;
  const what =
    p.name === UNNAMED
      ? `${kindWord(p.kind)} violated`
      : p.kind === "deadlock"
      ? "deadlock"
      : p.kind === "typeOK"
        ? "type invariant TypeOK violated"
        : p.kind === "witness"
          ? `witness ${p.name} reached`
          : `${p.kind === "temporal" ? "property" : kindWord(p.kind)} ${p.name} violated`;
  return `${trace.protocol}${trace.scenario ? ` · ${trace.scenario}` : ""} · ${what}`;
}

function kindWord(kind: Trace["property"]["kind"]): string {
  return kind === "temporal" ? "temporal property" : kind === "action" ? "action property" : kind === "invariant" ? "invariant" : "property";
}

export { locText } from "../show.ts";

/** `r1 · vote` or `(unknown process)`. */
export function moveTitle(m: StepMove): string {
  const who = m.actor ? m.actor.id : "(unknown process)";
  return m.label ? `${who} · ${m.label}` : who;
}

/** The process of an id, when it differs from the id: `worker`. */
export function processOf(trace: Trace, id: string): string | undefined {
  const p = trace.processes.find((x) => x.id === id);
  return p && p.process !== id ? p.process : undefined;
}

export interface ChangeLine {
  /** The path (or `r1` for a step pointer). */
  path: string;
  /** Length of the path's parent part, for highlighting the changed leaf (`s.owner.` of `s.owner.B`). */
  parentLength: number;
  /** What happened: `"working" → "prepared"`, `+ 3`, `- "w1"`, `moves to step learn`. */
  text: string;
  op: "changed" | "added" | "removed" | "moved";
}

export function changeLine(c: Change): ChangeLine {
  if (c.kind === "pc") {
    return { path: c.pid, parentLength: 0, text: c.to === "Done" ? "finishes" : `moves to step ${c.to}`, op: "moved" };
  }
  const parentLength = c.path === c.variable ? 0 : leafStart(c.path);
  if (c.op === "added") return { path: c.path, parentLength, text: `+ ${showValue(c.after!)}`, op: "added" };
  if (c.op === "removed") return { path: c.path, parentLength, text: `- ${showValue(c.before!)}`, op: "removed" };
  return { path: c.path, parentLength, text: `${showValue(c.before!)} → ${showValue(c.after!)}`, op: "changed" };
}

/** Where the last segment of a path starts (`.B`, `[0]`, `["x y"]`). */
function leafStart(path: string): number {
  const dot = path.lastIndexOf(".");
  const bracket = path.lastIndexOf("[");
  return Math.max(dot + 1, bracket);
}

/** Value changes first (in order), then processes moving. */
export function changeLines(m: StepMove): ChangeLine[] {
  const values = m.changes.filter((c) => c.kind === "value").map(changeLine);
  const moves = m.changes.filter((c) => c.kind === "pc").map(changeLine);
  return [...values, ...moves];
}

export function wakesText(m: StepMove): string | undefined {
  return m.wakes?.length ? `wakes ${m.wakes.join(", ")}` : undefined;
}

/** The step pointers of a state: `r1 → vote, tm → collect`. */
export function pcText(step: TraceStep): string {
  return Object.entries(step.state.pc)
    .map(([pid, label]) => `${pid} → ${label}`)
    .join(", ");
}

export function loopStartText(trace: Trace): string | undefined {
  const l = trace.explanation.loop;
  if (!l || l.stuttering) return undefined;
  return `loop starts: from step ${l.fromStep} on, the steps below repeat forever`;
}

export function loopEndText(trace: Trace): string | undefined {
  if (!trace.loop) return undefined;
  if (trace.loop.kind === "stuttering") return `stutters forever: nothing happens after step ${trace.steps.length - 1}`;
  return `back to step ${trace.loop.toStep}: the loop repeats forever`;
}
