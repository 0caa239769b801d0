// Trace replay: run a checker's counterexample through the TypeScript runtime. Every trace state must
// be the initial state, or a successor by the named step, of the runtime's previous state; a
// mismatch is a translation bug (the TLA+ does not do what the TS does), shown side by side.
import type { Counterexample, TlaValue, TraceAction, TraceState } from "../checker/types.ts";
import type { CompiledProtocol } from "../compiler/index.ts";
import { ProtocolRuntime, type RtState, type Successor } from "./runtime.ts";
import { compareVars, EncodeProblems, normalizeChecker, renderDiff, type VarComparison } from "./tlaValues.ts";

export interface ReplayOptions {
  runtime?: ProtocolRuntime;
  cwd?: string;
}

export type ReplayResult =
  | {
      ok: true;
      /** Trace states matched (the loop's closing edge included when there is one). */
      states: number;
      /** Process-local values not compared (`var[pid]`), with the reason in `notes`. */
      skipped: string[];
      notes: string[];
    }
  | {
      ok: false;
      /** The trace state (1-based, as TLC numbers them) the runtime could not reproduce. */
      step: number;
      /** The checker's state, variable → TLA+ text. */
      expected: Record<string, string>;
      /** The runtime's closest state (TLA+ text), when it had one. */
      actual?: Record<string, string>;
      /** The runtime's closest state as TS values. */
      actualTs?: { s: unknown; pc: Record<string, string> };
      message: string;
      /** Both states side by side. */
      diff: string;
      skipped: string[];
      notes: string[];
    };

export async function replayCounterexample(compiled: CompiledProtocol, scenario: string, cx: Counterexample, opts: ReplayOptions = {}): Promise<ReplayResult> {
  const rt = opts.runtime ?? (await ProtocolRuntime.fromCompiled(compiled, scenario, { cwd: opts.cwd }));
  return replayWithRuntime(rt, cx);
}

interface Expected {
  vars: Record<string, TlaValue>;
  problems: string[];
}

export function replayWithRuntime(rt: ProtocolRuntime, cx: Counterexample): ReplayResult {
  const types = rt.varTypes();
  const notes: string[] = [];
  const skipped = new Set<string>();
  const extra = new Set<string>();

  const normalize = (ts: TraceState): Expected => {
    const problems = new EncodeProblems();
    const vars: Record<string, TlaValue> = {};
    for (const [name, t] of Object.entries(types)) {
      const v = ts.vars[name];
      if (v === undefined) problems.add(name, "missing from the trace state");
      else vars[name] = normalizeChecker(v, t, name, problems);
    }
    for (const name of Object.keys(ts.vars)) if (!(name in types)) extra.add(name);
    return { vars, problems: problems.list };
  };

  const compare = (st: RtState, exp: Expected): { rows: VarComparison[]; differing: number; actual: Record<string, string> } => {
    const enc = rt.encode(st);
    const expected = { ...exp.vars };
    for (const [v, pids] of Object.entries(enc.unknown)) {
      for (const pid of pids) skipped.add(`${v}[${pid}]`);
      if (expected[v]) expected[v] = withoutKeys(expected[v]!, pids);
    }
    const names = Object.keys(types).filter((n) => n in enc.vars);
    const rows = compareVars(expected, enc.vars, names);
    const actual = Object.fromEntries(rows.map((r) => [r.name, r.actual ?? "(missing)"]));
    return { rows, differing: rows.filter((r) => !r.equal).length, actual };
  };

  const expectedText = (exp: Expected): Record<string, string> => {
    const rows = compareVars(exp.vars, exp.vars, Object.keys(exp.vars));
    return Object.fromEntries(rows.map((r) => [r.name, r.expected ?? "(missing)"]));
  };

  const fail = (step: number, exp: Expected, message: string, closest?: RtState): ReplayResult => {
    let diff = "";
    let actual: Record<string, string> | undefined;
    if (closest) {
      const c = compare(closest, exp);
      diff = renderDiff(c.rows);
      actual = c.actual;
    } else {
      diff = renderDiff(compareVars(exp.vars, {}, Object.keys(exp.vars)).map((r) => ({ ...r, equal: false })));
    }
    return {
      ok: false,
      step,
      expected: expectedText(exp),
      ...(actual ? { actual } : {}),
      ...(closest ? { actualTs: { s: closest.s, pc: { ...closest.pc } } } : {}),
      message,
      diff,
      skipped: [...skipped].sort(),
      notes: finalNotes(),
    };
  };

  const finalNotes = (): string[] => {
    const out = [...notes];
    if (skipped.size) {
      const why = rt.localsReadable ? "not in scope yet in some states" : "the inspector is not available to read them";
      out.push(`not compared: ${[...skipped].sort().join(", ")} (process locals: ${why})`);
    }
    if (extra.size) out.push(`the trace has variables the protocol does not: ${[...extra].sort().join(", ")}`);
    return out;
  };

  const states = cx.states;
  if (states.length === 0) return { ok: true, states: 0, skipped: [], notes: ["the counterexample has no states"] };

  // State 1: an initial state of the runtime.
  const first = normalize(states[0]!);
  if (first.problems.length) notes.push(`state 1: ${first.problems.join("; ")}`);
  const initial = rt.initialStates();
  let frontier = dedupe(rt, initial.filter((st) => compare(st, first).differing === 0));
  if (frontier.length === 0) {
    return fail(1, first, "the checker's initial state is not an initial state of the TypeScript protocol", closestOf(initial, first));
  }

  for (let i = 1; i < states.length; i++) {
    const ts = states[i]!;
    const exp = normalize(ts);
    if (exp.problems.length) notes.push(`state ${ts.index}: ${exp.problems.join("; ")}`);
    const step = stepOf(rt, ts.action);
    const tried: Successor[] = [];
    const next: RtState[] = [];
    for (const st of frontier) {
      const candidates = step.stutter ? [{ pid: "", process: "", label: "", choices: [], picks: [], state: st } as Successor] : step.pids.flatMap((pid) => rt.successors(st, pid));
      for (const succ of candidates) {
        if (step.label && succ.label !== step.label) continue;
        tried.push(succ);
        if (compare(succ.state, exp).differing === 0) next.push(succ.state);
      }
    }
    if (next.length === 0) {
      const what = describeStep(ts.action, step);
      if (tried.length === 0) return fail(ts.index, exp, `${what} is not enabled in the TypeScript protocol at state ${ts.index - 1}`, frontier[0]);
      return fail(ts.index, exp, `no run of ${what} from state ${ts.index - 1} gives the checker's state ${ts.index} (closest TS successor shown)`, closestOf(tried.map((t) => t.state), exp));
    }
    frontier = dedupe(rt, next);
  }

  // A liveness counterexample: the loop's closing edge must be a step too.
  const loop = cx.loop;
  let matched = states.length;
  if (loop?.kind === "back-to-state") {
    const target = states.find((s) => s.index === loop.toIndex);
    if (!target) return fail(states.length, normalize(states[states.length - 1]!), `the loop goes back to state ${loop.toIndex}, which is not in the trace`);
    const exp = normalize(target);
    const step = stepOf(rt, loop.action);
    const tried: RtState[] = [];
    let closes = false;
    for (const st of frontier) {
      const candidates = step.stutter ? [st] : step.pids.flatMap((pid) => rt.successors(st, pid)).filter((s) => !step.label || s.label === step.label).map((s) => s.state);
      for (const c of candidates) {
        tried.push(c);
        if (compare(c, exp).differing === 0) closes = true;
      }
      // Stuttering back to an equal state is always allowed.
      if (compare(st, exp).differing === 0) closes = true;
    }
    if (!closes) {
      return fail(loop.toIndex, exp, `the loop's closing step (${describeStep(loop.action, step)}) from state ${states.length} back to state ${loop.toIndex} is not a step of the TypeScript protocol`, closestOf(tried, exp) ?? frontier[0]);
    }
    matched++;
    notes.push(`the loop back to state ${loop.toIndex} is a step of the TypeScript protocol`);
  } else if (loop?.kind === "stuttering") {
    notes.push("the trace ends stuttering (always allowed)");
  }
  return { ok: true, states: matched, skipped: [...skipped].sort(), notes: finalNotes() };

  function closestOf(candidates: RtState[], exp: Expected): RtState | undefined {
    let best: RtState | undefined;
    let bestDiff = Infinity;
    for (const c of candidates) {
      const d = compare(c, exp).differing;
      if (d < bestDiff) {
        best = c;
        bestDiff = d;
      }
    }
    return best;
  }
}

interface StepChoice {
  pids: string[];
  label?: string;
  stutter?: boolean;
}

/** Which process ids (and which step) a trace action names; all of them when it names none. */
function stepOf(rt: ProtocolRuntime, action: TraceAction | undefined): StepChoice {
  if (!action) return { pids: rt.pids };
  if (action.name === "Terminating") return { pids: [], stutter: true };
  const info = rt.compiled.sourceMap.steps[action.name];
  const proc = info?.process ?? rt.ir.processes.find((p) => p.operator === action.name)?.name;
  if (!proc) return { pids: rt.pids };
  const ids = rt.instances.filter((i) => i.process.name === proc).map((i) => i.pid);
  const self = selfParam(action);
  return { pids: self && ids.includes(self) ? [self] : ids, ...(info ? { label: info.label } : {}) };
}

function selfParam(action: TraceAction): string | undefined {
  const p = action.params;
  if (!p) return undefined;
  const v = Array.isArray(p) ? p[0] : (p.self ?? Object.values(p)[0]);
  if (!v) return undefined;
  return v.kind === "modelValue" ? v.name : v.kind === "str" ? v.value : undefined;
}

function describeStep(action: TraceAction | undefined, step: StepChoice): string {
  if (!action) return "any step";
  return step.pids.length === 1 ? `${action.name}(${step.pids[0]})` : action.name;
}

/** A function value without the entries for the given process ids. */
function withoutKeys(v: TlaValue, pids: readonly string[]): TlaValue {
  if (v.kind !== "fn") return v;
  return { kind: "fn", entries: v.entries.filter(([k]) => !(k.kind === "modelValue" && pids.includes(k.name))) };
}

function dedupe(rt: ProtocolRuntime, states: RtState[]): RtState[] {
  const seen = new Set<string>();
  return states.filter((s) => {
    const k = rt.fullKey(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
