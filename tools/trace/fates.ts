// What each process is doing at the end of a trace: finished, running round the loop, or waiting —
// and, when the engine evaluated enabledness, whether it is blocked (its step is disabled throughout)
// or starved (enabled at times, never scheduled).
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import { locText } from "./show.ts";
import type { LoopSummary, ProcessFate, SourceLoc, StepMove, Trace, TraceProcess } from "./types.ts";

export interface StepPlace {
  where?: SourceLoc;
  statement?: string;
}

/** Where a process's step starts in the TS, and its first statement. */
export function stepPlace(map: SourceMap, process: string, label: string): StepPlace {
  const step = Object.values(map.steps).find((s) => s.process === process && s.label === label);
  if (!step) return {};
  const out: StepPlace = { where: { file: step.pos.file, line: step.pos.line, col: step.pos.col } };
  if (step.statement) out.statement = step.statement;
  return out;
}

export function placeText(p: StepPlace): string {
  const at = locText(p.where);
  const stmt = p.statement ? `\`${p.statement}\`` : "";
  return at || stmt ? ` (${[at, stmt].filter(Boolean).join(": ")})` : "";
}

function stepFairness(map: SourceMap, p: TraceProcess, label: string): string {
  const step = Object.values(map.steps).find((s) => s.process === p.process && s.label === label);
  return step?.fairness ?? p.fairness;
}

/** The repeating part of a liveness trace; undefined when the trace has no loop. */
export function loopSummary(trace: Trace): LoopSummary | undefined {
  const last = trace.steps.length - 1;
  if (!trace.loop || last < 0) return undefined;
  const fromStep = trace.loop.kind === "back-to-step" ? trace.loop.toStep : last;
  const moves: StepMove[] = trace.loop.kind === "back-to-step" ? [...trace.steps.slice(fromStep + 1), trace.loop.closing] : [];
  const repeats: LoopSummary["repeats"] = [];
  for (const m of moves) {
    if (!m.actor || m.label === undefined) continue;
    const r = repeats.find((x) => x.id === m.actor!.id) ?? repeats[repeats.push({ id: m.actor.id, labels: [] }) - 1]!;
    r.labels.push(m.label);
  }
  return { fromStep, toStep: last, stuttering: trace.loop.kind === "stuttering", repeats };
}

export function loopFates(trace: Trace, map: SourceMap, loop: LoopSummary): ProcessFate[] {
  const last = trace.steps[trace.steps.length - 1]!;
  const loopStates = trace.steps.slice(loop.fromStep);
  const evaluated = loopStates.every((s) => s.enabled !== undefined);
  return trace.processes.map((p) => {
    const label = last.state.pc[p.id] ?? "?";
    const place = stepPlace(map, p.process, label);
    const fate = (status: ProcessFate["status"], text: string): ProcessFate => ({ id: p.id, process: p.process, status, at: label, ...place, text });
    if (label === "Done") return fate("done", `${p.id} has finished.`);
    const rounds = loop.repeats.find((r) => r.id === p.id);
    if (rounds) return fate("running", `${p.id} keeps running: ${rounds.labels.join(", ")} in every round of the loop.`);
    const idle = idleFate(trace, p, label, place, evaluated);
    if (idle) return idle;
    const fairness = stepFairness(map, p, label);
    const at = `at step ${label}${sinceText(trace, p.id)}${placeText(place)}`;
    if (evaluated) {
      const on = loopStates.filter((s) => s.enabled!.includes(p.id)).length;
      if (on === 0) {
        return fate(
          "blocked",
          loop.stuttering
            ? `${p.id} is blocked ${at}: that step is disabled in the last state, and nothing happens any more to enable it.`
            : `${p.id} is blocked ${at}: that step is disabled in every state of the loop, so no step of the loop wakes it.`,
        );
      }
      if (fairness === "none") return fate("starved", `${p.id} waits ${at}: the step can be taken, but ${p.process} has no fairness, so nothing forces the scheduler to run it.`);
      return fate(
        "starved",
        `${p.id} is starved ${at}: the step is enabled in ${on} of the loop's ${loopStates.length} states but never taken; ${fairness} fairness does not force a step that is disabled again and again.`,
      );
    }
    if (fairness === "none") return fate("waiting", `${p.id} waits ${at}; ${p.process} has no fairness, so it may never be scheduled.`);
    if (loop.stuttering || fairness === "strong") {
      // A fair lasso: a (weakly) fair step enabled forever, or a strongly fair step enabled again and again, would have to be taken.
      const why = loop.stuttering ? "the last state repeats forever, so its step must be disabled there" : "a strongly fair step that is enabled again and again would be taken, so it is disabled throughout the loop";
      return fate("blocked", `${p.id} is blocked ${at}: ${why}.`);
    }
    return fate("waiting", `${p.id} waits ${at} and takes no step in the loop (weak fairness does not force a step that is disabled now and then).`);
  });
}

/** The last step a process took before the end, when it took one. */
export function lastMove(trace: Trace, id: string): number | undefined {
  return [...trace.steps].reverse().find((s) => s.actor?.id === id)?.n;
}

function sinceText(trace: Trace, id: string): string {
  const n = lastMove(trace, id);
  return n === undefined ? "" : ` since step ${n}`;
}

/**
 * A process that never took a step and is still at its first one: with the engine, one whose first
 * step was never enabled (e.g. a placeholder of a path the scenario turns off); without it, any.
 */
function idleFate(trace: Trace, p: TraceProcess, label: string, place: StepPlace, evaluated: boolean): ProcessFate | undefined {
  const moved = trace.steps.some((s) => s.actor?.id === p.id) || (trace.loop?.kind === "back-to-step" && trace.loop.closing.actor?.id === p.id);
  if (moved || trace.steps[0]?.state.pc[p.id] !== label) return undefined;
  const base = { id: p.id, process: p.process, status: "idle" as const, at: label, ...place };
  if (evaluated) {
    if (trace.steps.some((s) => s.enabled!.includes(p.id))) return undefined;
    return { ...base, text: `${p.id} never starts: its first step, ${label}${placeText(place)}, is never enabled.` };
  }
  return { ...base, text: `${p.id} never takes a step: it stays at its first step, ${label}${placeText(place)}.` };
}

/** A deadlock: every process that has not finished waits at a disabled step. */
export function deadlockFates(trace: Trace, map: SourceMap): ProcessFate[] {
  const last = trace.steps[trace.steps.length - 1]!;
  return trace.processes.map((p) => {
    const label = last.state.pc[p.id] ?? "?";
    const place = stepPlace(map, p.process, label);
    if (label === "Done") return { id: p.id, process: p.process, status: "done", at: label, text: `${p.id} has finished.` };
    const evaluated = trace.steps.every((s) => s.enabled !== undefined);
    const idle = idleFate(trace, p, label, place, evaluated);
    if (idle) return idle;
    return { id: p.id, process: p.process, status: "blocked", at: label, ...place, text: `${p.id} waits at step ${label}${sinceText(trace, p.id)}${placeText(place)}, which is disabled.` };
  });
}

/** A safety violation: where each process is when the property breaks. */
export function safetyFates(trace: Trace, map: SourceMap): ProcessFate[] {
  const last = trace.steps[trace.steps.length - 1]!;
  return trace.processes.map((p) => {
    const label = last.state.pc[p.id] ?? "?";
    const place = stepPlace(map, p.process, label);
    if (label === "Done") return { id: p.id, process: p.process, status: "done", at: label, text: `${p.id} has finished.` };
    return { id: p.id, process: p.process, status: "active", at: label, ...place, text: `${p.id} is at step ${label}${placeText(place)}.` };
  });
}
