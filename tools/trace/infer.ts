// What a counterexample violates, when the input does not say (a -dumpTrace json file names no
// property): a lasso violates a temporal property (named when the scenario checks only one); a finite
// trace violates the first invariant that is false in its last state, or is a deadlock.
import type { ViolationKind } from "../checker/types.ts";
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import type { Probe } from "./probe/probe.ts";
import { checkLasso } from "./probe/temporal.ts";
import type { Trace } from "./types.ts";

export interface InferredViolation {
  property?: string;
  kind?: ViolationKind;
  /** How it was inferred, for the trace's warnings. */
  note: string;
}

export function inferViolation(trace: Trace, map: SourceMap, probe: Probe | undefined): InferredViolation {
  const scenario = trace.scenario ? map.scenarios[trace.scenario] : undefined;
  const checked = (kind: string) => Object.entries(map.properties).filter(([name, p]) => p.kind === kind && (!scenario || scenario.properties.includes(name)));
  if (trace.loop) {
    const temporal = checked("temporal");
    if (temporal.length === 1) return { property: temporal[0]![0], kind: "property", note: `the input names no property; ${temporal[0]![0]} is the only temporal property the scenario checks` };
    const violated = probe
      ? temporal.filter(([, p]) => {
          const formula = probe.definition(p.tla);
          return formula !== undefined && checkLasso(trace, probe, formula)?.violated === true;
        })
      : [];
    if (violated.length >= 1) {
      const names = violated.map(([n]) => n);
      const also = names.length > 1 ? ` (it also violates ${names.slice(1).join(", ")})` : "";
      return { property: names[0], kind: "property", note: `the input names no property; the lasso violates ${names[0]}${also}` };
    }
    return { kind: "property", note: "the input names no property; the trace is a lasso, so it violates a temporal property" };
  }
  const last = trace.steps[trace.steps.length - 1];
  if (!probe || !last) return { note: "the input names no property, and without the embedded engine it cannot be told which" };
  for (const [name, tla] of [["TypeOK", "TypeOK"] as const, ...checked("invariant").map(([n, p]) => [n, p.tla] as const)]) {
    const r = probe.evaluate(last.state, tla);
    if (r?.json === false) return { property: name, kind: "invariant", note: `the input names no property; ${name} is false in the last state` };
  }
  const enabled = probe.enabledSet(last.state);
  const allDone = Object.values(last.state.pc).every((l) => l === "Done");
  if (enabled && enabled.length === 0 && !allDone) return { property: "deadlock", kind: "deadlock", note: "the input names no property; no process can move in the last state: a deadlock" };
  return { note: "the input names no property, and none of the scenario's invariants is false in the last state" };
}
