// Which processes can move in each state of a trace, and which steps woke a process (its next step
// was disabled before the step and enabled after it). Evaluated by the embedded engine; when it
// cannot answer for some state, the trace is left without this information.
import type { Probe } from "./probe/probe.ts";
import type { StepMove, Trace, TsState } from "./types.ts";

export function annotateEnabledness(trace: Trace, probe: Probe): void {
  const ids = trace.processes.map((p) => p.id);
  const enabledIn = (state: TsState): string[] | undefined => {
    const set = probe.enabledSet(state);
    return set && ids.filter((id) => set.includes(id));
  };
  const all: string[][] = [];
  for (const step of trace.steps) {
    const e = enabledIn(step.state);
    if (!e) {
      trace.warnings.push("the embedded engine could not evaluate which steps are enabled; the trace shows no wakes");
      return;
    }
    all.push(e);
  }
  trace.steps.forEach((step, i) => {
    step.enabled = all[i]!;
    if (i > 0) setWakes(step, trace.steps[i - 1]!.state, all[i - 1]!, all[i]!);
  });
  if (trace.loop?.kind === "back-to-step") {
    const last = trace.steps.length - 1;
    setWakes(trace.loop.closing, trace.steps[last]!.state, all[last]!, all[trace.loop.toStep]!);
  }
}

function setWakes(move: StepMove, before: TsState, enabledBefore: string[], enabledAfter: string[]): void {
  const woke = enabledAfter.filter((id) => id !== move.actor?.id && !enabledBefore.includes(id) && before.pc[id] !== "Done");
  if (woke.length) move.wakes = woke;
}
