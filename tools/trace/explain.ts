// Why the trace violates its property, in TS terms. Safety: which invariant broke, and which part of
// it. Deadlock: who waits where. Liveness: the loop (or stuttering), who is stuck, what the others do,
// and whether anything could wake the stuck ones.
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import { UNNAMED } from "./property.ts";
import { deadlockFates, lastMove, loopFates, loopSummary, safetyFates } from "./fates.ts";
import { analyzeInvariant } from "./probe/invariant.ts";
import type { Probe } from "./probe/probe.ts";
import { locText, showValue } from "./show.ts";
import { checkLasso } from "./probe/temporal.ts";
import type { Explanation, InvariantBreak, ProcessFate, StepMove, Trace, TsValue } from "./types.ts";

export function explainTrace(trace: Trace, map: SourceMap, probe?: Probe): Explanation {
  if (trace.steps.length === 0) return { headline: "The counterexample has no states.", details: [], processes: [], evidence: "trace" };
  const evidence = trace.steps.some((s) => s.enabled) ? "engine" : "trace";
  if (trace.violation.kind === "deadlock") return explainDeadlock(trace, map, evidence);
  const loop = loopSummary(trace);
  if (loop || trace.property.kind === "temporal" || trace.violation.kind === "property") return explainLiveness(trace, map, evidence, probe);
  return explainSafety(trace, map, probe, evidence);
}

function propertyRef(trace: Trace): string {
  const p = trace.property;
  if (p.name === UNNAMED) return p.kind === "temporal" ? "A temporal property" : p.kind === "invariant" ? "an invariant" : "A property";
  return p.at ? `${p.name} (${locText(p.at)})` : p.name;
}

function afterStep(trace: Trace): string {
  const last = trace.steps.length - 1;
  return last === 0 ? "in the initial state" : `after step ${last}`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function explainDeadlock(trace: Trace, map: SourceMap, evidence: Explanation["evidence"]): Explanation {
  const processes = deadlockFates(trace, map);
  const waiting = processes.filter((f) => f.status !== "done" && f.status !== "idle");
  const stuck = waiting.length ? waiting : processes.filter((f) => f.status === "idle");
  const headline = `Deadlock ${afterStep(trace)}: ${list(stuck.map((f) => `${f.id} waits at ${f.at}`))}, and no process can take a step.`;
  const done = processes.filter((f) => f.status === "done").map((f) => f.id);
  const details = fateSentences(processes);
  if (done.length) details.push(`${list(done)} ${done.length > 1 ? "have" : "has"} finished.`);
  return { headline, details, processes, evidence };
}

function explainLiveness(trace: Trace, map: SourceMap, evidence: Explanation["evidence"], probe: Probe | undefined): Explanation {
  const loop = loopSummary(trace);
  const last = trace.steps.length - 1;
  if (!loop) {
    const processes = safetyFates(trace, map);
    return {
      headline: `${propertyRef(trace)} is violated; the trace ends ${afterStep(trace)} without showing how it continues.`,
      details: processes.map((f) => f.text),
      processes,
      evidence,
    };
  }
  const processes = loopFates(trace, map, loop);
  const formula = probe && trace.property.tla ? probe.definition(trace.property.tla) : undefined;
  const verdict = formula && probe ? checkLasso(trace, probe, formula) : undefined;
  const bindings = verdict?.violated && verdict.bindings.length ? verdict.bindings : undefined;
  const waiting = processes.filter((f) => f.status === "blocked" || f.status === "starved" || f.status === "waiting");
  const stuck = waiting.length ? waiting : processes.filter((f) => f.status === "idle");
  const running = processes.filter((f) => f.status === "running");
  const loopText = loop.stuttering
    ? `After step ${last} nothing happens any more: the system stays in that state forever.`
    : `From step ${loop.fromStep} on, this round repeats forever: ${roundText(trace, loop.fromStep)}.`;

  let headline: string;
  if (stuck.length) {
    const since = (f: ProcessFate) => {
      const n = lastMove(trace, f.id);
      return n === undefined ? "" : ` from step ${n} on`;
    };
    const waits =
      stuck.length === 1
        ? `${stuck[0]!.id} waits forever at step ${stuck[0]!.at}${since(stuck[0]!)}`
        : `${list(stuck.map((f) => `${f.id} (at ${f.at}${since(f)})`))} wait forever`;
    const others = running.length
      ? `, while ${list(running.map((f) => f.id))} ${running.length > 1 ? "keep" : "keeps"} running (${running.map((f) => `${f.id}: ${loop.repeats.find((r) => r.id === f.id)!.labels.join(", ")}`).join("; ")})`
      : loop.stuttering
        ? `; nothing happens after step ${last}`
        : "";
    headline = `${propertyRef(trace)} is violated${bindingsText(bindings)}: ${waits}${others}.`;
  } else {
    headline = `${propertyRef(trace)} is violated${bindingsText(bindings)}: ${loop.stuttering ? `nothing happens after step ${last}` : `the round from step ${loop.fromStep} repeats forever`}.`;
  }
  const details = [loopText, ...fateSentences(processes)];
  const blocked = stuck.filter((f) => f.status === "blocked");
  if (blocked.length && evidence === "engine") {
    const movers = new Set(trace.steps.slice(loop.fromStep).flatMap((s) => s.enabled ?? []));
    const can = [...movers].filter((id) => !blocked.some((b) => b.id === id));
    const them = list(blocked.map((f) => f.id));
    details.push(
      can.length
        ? `No enabled step can wake ${them}: in the loop only ${list(can)} can move, and none of ${can.length > 1 ? "their" : "its"} steps enables ${blocked.length > 1 ? "the waiting steps" : `${blocked[0]!.id}'s step`}.`
        : `Nothing can wake ${them}: no process can take a step any more.`,
    );
  } else if (stuck.length && evidence === "trace") {
    details.push("(Read from the trace alone: which steps are enabled was not evaluated.)");
  }
  const done = processes.filter((f) => f.status === "done").map((f) => f.id);
  if (done.length) details.push(`${list(done)} ${done.length > 1 ? "have" : "has"} finished.`);
  const out: Explanation = { headline, details, processes, loop, evidence: bindings ? "engine" : evidence };
  if (bindings) out.bindings = bindings;
  return out;
}

/** `light turnRed (step 4), light turnGreen (back to step 3)`. */
function roundText(trace: Trace, fromStep: number): string {
  const who = (m: StepMove) => `${m.actor?.id ?? "some process"} ${m.label ?? "(unknown step)"}`;
  const moves = trace.steps.slice(fromStep + 1).map((s) => `${who(s)} (step ${s.n})`);
  if (trace.loop?.kind === "back-to-step") moves.push(`${who(trace.loop.closing)} (back to step ${fromStep})`);
  return moves.join(", ");
}

function explainSafety(trace: Trace, map: SourceMap, probe: Probe | undefined, evidence: Explanation["evidence"]): Explanation {
  const processes = safetyFates(trace, map);
  const inv = analyzeInvariant(trace, probe);
  const kind = trace.property.kind;
  const what = kind === "witness" ? "Witness" : kind === "typeOK" ? "The type invariant" : kind === "action" ? "Action property" : "Invariant";
  const verb = kind === "witness" ? "is reached" : kind === "action" ? "fails" : "is false";
  const when = kind === "action" ? `on step ${trace.steps.length - 1}` : afterStep(trace);
  const subject = trace.property.name === UNNAMED ? "An invariant" : `${what} ${propertyRef(trace)}`;
  const headline = `${subject} ${verb} ${when}${bindingText(inv)}${partText(inv, trace, map)}.`;
  const details: string[] = [];
  const lastStep = trace.steps[trace.steps.length - 1]!;
  if (lastStep.n > 0 && lastStep.actor) {
    const changed = lastStep.changes.filter((c) => c.kind === "value").map((c) => (c.kind === "value" ? c.path : ""));
    details.push(`The last step is ${lastStep.actor.id}'s ${lastStep.label ?? "step"}${lastStep.at ? ` (${locText(lastStep.at)})` : ""}${changed.length ? `, which changes ${list([...new Set(changed)])}` : ""}.`);
  }
  if (inv.source) details.push(`${kind === "action" ? "The property" : "The invariant"}: \`${inv.source.replace(/\s*\n\s*/g, " ").replace(/,\s*\)$/, ")")}\``);
  details.push(...processes.map((f) => f.text));
  return { headline, details, processes, invariant: inv, evidence: inv.evaluated ? "engine" : evidence };
}

/** One sentence per process that has not finished; processes that never start share one. */
function fateSentences(fates: ProcessFate[]): string[] {
  const idle = fates.filter((f) => f.status === "idle");
  const out = fates.filter((f) => f.status !== "done" && (f.status !== "idle" || idle.length === 1)).map((f) => f.text);
  if (idle.length > 1) {
    const how = idle[0]!.text.includes("never enabled") ? "their first steps are never enabled" : "they stay at their first steps";
    out.push(`${list(idle.map((f) => `${f.id} (${f.at})`))} never take a step: ${how}.`);
  }
  return out;
}

function bindingText(inv: InvariantBreak): string {
  return bindingsText(inv.bindings);
}

function bindingsText(bindings: Array<{ name: string; value: TsValue }> | undefined): string {
  if (!bindings?.length) return "";
  return ` for ${bindings.map((b) => `${b.name} = ${showValue(b.value)}`).join(", ")}`;
}

function partText(inv: InvariantBreak, trace: Trace, map: SourceMap): string {
  if (!inv.part) return "";
  let text = inv.part.text;
  if (trace.property.kind === "typeOK") {
    // `x \in T`: name the variable in TS.
    const m = /^([A-Za-z_]\w*)\s+\\in\s/.exec(text);
    const v = m && map.variables[m[1]!];
    if (v && v.kind !== "pc") return `: ${v.kind === "local" ? `${v.process}'s local ${v.ts}` : v.ts} is not of its type${v.typeText ? `, \`${v.typeText}\`` : ""}`;
    if (v) return ": a process's step pointer has an unknown step";
  }
  text = text.replace(/\s*\n\s*/g, " ");
  return inv.part.of > 1 ? `: part ${inv.part.index + 1} of ${inv.part.of}, \`${text}\`, is false` : `: \`${text}\` is false`;
}
