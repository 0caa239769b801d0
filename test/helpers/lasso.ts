// Reads a TS engine counterexample back through the protocol's TypeScript, independently of the
// engine: the runtime states of its steps (so that a test can evaluate the property's own TS
// predicates on them), whether the behaviour it stands for violates the property, and whether it is
// fair under the `Spec`'s fairness, as TLA+ defines it:
//   WF(A): A is taken in the loop, or disabled in some state of it;
//   SF(A): A is taken in the loop, or disabled in every state of it;
// where taken and enabled mean a step of A that changes the state. The rule for which steps a
// condition covers is the README's: a step with its own fairness is a condition of its own, the
// process's fairness covers its other steps.
import type { Counterexample, TlaValue } from "../../tools/checker/types.ts";
import type { IrProperty } from "../../tools/compiler/ir.ts";
import type { Pid, Property, StatePredicate, Temporal } from "../../tools/lang/index.ts";
import type { ProtocolRuntime, RtState } from "../../tools/runtime/runtime.ts";
import { EncodeProblems, normalizeChecker, printTla } from "../../tools/runtime/tlaValues.ts";

export interface WalkedTrace {
  /** The runtime state of every trace state, in order. */
  states: RtState[];
  /** 0-based index of the state the loop returns to; for a stuttering loop, the last state. Undefined: no loop. */
  loopStart?: number;
  /** Each step between consecutive states (index i: into state i + 1), then the loop's closing step. */
  steps: Array<{ pid: string; label: string }>;
}

/** A canonical text of a state's TLA+ variables, for the runtime's and the trace's states alike. */
export function canonical(rt: ProtocolRuntime, vars: Record<string, TlaValue>): string {
  const problems = new EncodeProblems();
  return Object.entries(rt.varTypes())
    .map(([name, t]) => (vars[name] === undefined ? `${name} missing` : `${name}=${printTla(normalizeChecker(vars[name]!, t, name, problems))}`))
    .join("; ");
}

const keyOf = (rt: ProtocolRuntime, st: RtState): string => canonical(rt, rt.encode(st).vars);

function selfOf(params: unknown): string | undefined {
  const v = Array.isArray(params) ? params[0] : (params as Record<string, TlaValue> | undefined)?.self;
  if (!v) return undefined;
  return v.kind === "modelValue" ? v.name : v.kind === "str" ? v.value : undefined;
}

/** The runtime states of a counterexample; throws when a state is not what the TS does. */
export function walkTrace(rt: ProtocolRuntime, cx: Counterexample): WalkedTrace {
  const labelOf = new Map(rt.ir.processes.flatMap((p) => p.steps.map((s) => [s.operator, s.label] as const)));
  const first = cx.states[0]!;
  const init = rt.initialStates().find((st) => keyOf(rt, st) === canonical(rt, first.vars));
  if (!init) throw new Error("the counterexample's first state is no initial state of the TypeScript");
  const states = [init];
  const steps: WalkedTrace["steps"] = [];
  const stepTo = (from: RtState, action: { name: string; params?: unknown } | undefined, to: Record<string, TlaValue>, where: string): RtState => {
    const pid = selfOf(action?.params);
    const label = action ? labelOf.get(action.name) : undefined;
    if (!pid || !label) throw new Error(`${where}: the step ${action?.name ?? "(none)"} is not a step of a process`);
    const want = canonical(rt, to);
    const next = rt.successors(from, pid).find((x) => x.label === label && keyOf(rt, x.state) === want);
    if (!next) throw new Error(`${where}: ${action!.name}(${pid}) does not lead there in the TypeScript`);
    steps.push({ pid, label });
    return next.state;
  };
  for (let i = 1; i < cx.states.length; i++) states.push(stepTo(states[i - 1]!, cx.states[i]!.action, cx.states[i]!.vars, `trace state ${i + 1}`));
  const loop = cx.loop;
  if (!loop) return { states, steps };
  if (loop.kind === "stuttering") return { states, steps, loopStart: states.length - 1 };
  const back = cx.states[loop.toIndex - 1]!;
  stepTo(states[states.length - 1]!, loop.action, back.vars, "the loop's closing step");
  return { states, steps, loopStart: loop.toIndex - 1 };
}

/** The property's formula and predicates, as the protocol file declares them. */
function declared(rt: ProtocolRuntime, p: IrProperty): Property<unknown, unknown> {
  return (rt.decl.properties as Record<string, Property<unknown, unknown>>)[p.tsName]!;
}

export function statePredicate(rt: ProtocolRuntime, p: IrProperty): StatePredicate<unknown, unknown> {
  const d = declared(rt, p);
  if (d.kind === "temporal" || d.kind === "action") throw new Error(`${p.tsName} is ${d.kind}`);
  return d.pred;
}

/** Does the infinite behaviour of the lasso violate the temporal property? (Fairness aside.) */
export function lassoViolates(rt: ProtocolRuntime, p: IrProperty, w: WalkedTrace): boolean {
  if (w.loopStart === undefined) throw new Error("not a lasso");
  const d = declared(rt, p);
  if (d.kind !== "temporal") throw new Error(`${p.tsName} is not temporal`);
  const n = w.states.length;
  const L = w.loopStart;
  const truth = (pred: StatePredicate<unknown, unknown>) => w.states.map((st) => rt.evaluate(pred as StatePredicate<unknown>, st));
  const idsOf = (set: string): unknown[] => {
    const c = rt.constants[set];
    return c instanceof Set ? [...c] : [set];
  };
  const violated = (f: Temporal<unknown, unknown>): boolean => {
    switch (f.op) {
      case "forAll":
        return (typeof f.set === "string" ? [f.set] : f.set).flatMap(idsOf).some((id) => violated(f.body(id as never)));
      case "always":
        return truth(f.pred).some((x) => !x);
      case "eventually":
        return truth(f.pred).every((x) => !x);
      case "alwaysEventually":
        return truth(f.pred)
          .slice(L)
          .every((x) => !x);
      case "eventuallyAlways":
        return truth(f.pred)
          .slice(L)
          .some((x) => !x);
      case "leadsTo": {
        const from = truth(f.from);
        const to = truth(f.to);
        // From state i on, the behaviour visits i..n-1 and then the loop forever.
        return from.some((x, i) => x && to.slice(Math.min(i, L), n).every((y) => !y));
      }
    }
  };
  return violated(d.formula as Temporal<unknown, unknown>);
}

interface FairCondition {
  kind: "weak" | "strong";
  pid: string;
  labels: Set<string>;
  text: string;
}

export function fairnessConditions(rt: ProtocolRuntime): FairCondition[] {
  const out: FairCondition[] = [];
  for (const inst of rt.instances) {
    const p = inst.process;
    for (const s of p.steps) if (s.fairness === "weak" || s.fairness === "strong") out.push({ kind: s.fairness, pid: inst.pid, labels: new Set([s.label]), text: `${s.fairness} ${s.operator}(${inst.pid})` });
    const rest = p.steps.filter((s) => s.fairness === undefined).map((s) => s.label);
    if (p.fairness !== "none" && rest.length) out.push({ kind: p.fairness, pid: inst.pid, labels: new Set(rest), text: `${p.fairness} ${p.name}(${inst.pid}) on ${rest.join(", ")}` });
  }
  return out;
}

/** The fairness conditions the lasso's loop breaks (empty: it is a fair behaviour). */
export function unfairness(rt: ProtocolRuntime, w: WalkedTrace): string[] {
  if (w.loopStart === undefined) throw new Error("not a lasso");
  const loopStates = w.states.slice(w.loopStart);
  // Steps inside the loop: from state loopStart on, and the closing one (none when it stutters).
  const stutters = w.steps.length === w.states.length - 1;
  const loopSteps = stutters ? [] : w.steps.slice(w.loopStart);
  const changes = (i: number): boolean => {
    const from = w.states[w.loopStart! + i]!;
    const to = w.loopStart! + i + 1 < w.states.length ? w.states[w.loopStart! + i + 1]! : w.states[w.loopStart!]!;
    return keyOf(rt, from) !== keyOf(rt, to);
  };
  const broken: string[] = [];
  for (const f of fairnessConditions(rt)) {
    const taken = loopSteps.some((s, i) => s.pid === f.pid && f.labels.has(s.label) && changes(i));
    if (taken) continue;
    const enabled = loopStates.map((st) => rt.successors(st, f.pid).some((x) => f.labels.has(x.label) && keyOf(rt, x.state) !== keyOf(rt, st)));
    if (f.kind === "weak" ? enabled.every(Boolean) : enabled.some(Boolean)) broken.push(f.text);
  }
  return broken;
}
