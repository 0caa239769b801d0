// Random simulation: run the protocol, one randomly chosen enabled step at a time (seeded), checking
// the scenario's invariants (and TypeOK) in every state and its action properties on every step.
import type { CompiledProtocol } from "../compiler/index.ts";
import type { ActionPredicate, StatePredicate } from "../lang/index.ts";
import { mulberry32, pick } from "./prng.ts";
import { ProtocolRuntime, type RtState, type Successor } from "./runtime.ts";

export interface SimulateOptions {
  /** At most this many steps (default 100). */
  steps?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  compiled?: CompiledProtocol;
  cwd?: string;
  /** Reuse a loaded runtime (its scenario wins over the `scenario` argument). */
  runtime?: ProtocolRuntime;
}

export interface SimulatedState {
  /** 0 for the initial state. */
  index: number;
  /** The step that led here (absent for the initial state). */
  step?: { pid: string; process: string; label: string; choices: number[]; picks: string[] };
  s: unknown;
  pc: Record<string, string>;
  /** Cross-step locals by process id, when readable. */
  locals: Record<string, Record<string, unknown>>;
}

export type StopReason = "step-limit" | "deadlock" | "terminated" | "invariant-violated";

export interface SimulationResult {
  protocol: string;
  scenario: string;
  seed: number;
  maxSteps: number;
  states: SimulatedState[];
  stop: StopReason;
  /** The invariants checked in every state, TypeOK first. */
  invariants: string[];
  /** The action properties checked on every step that changes the state. */
  actions: string[];
  /** `kind` "action": an action property fails on the step into `state`. */
  violation?: { invariant: string; kind: "invariant" | "action"; state: number; message: string };
  /** Deadlock checking is on in this scenario (TLC would report a deadlock stop as an error). */
  deadlockChecked: boolean;
  /** Each witness of the scenario: the first state that satisfies it, or null. */
  witnesses: Record<string, number | null>;
  /** TLA+ variables of process locals not known in some state (so TypeOK does not cover them there). */
  unreadLocals: string[];
}

export async function simulate(protocolFile: string, scenario: string, opts: SimulateOptions = {}): Promise<SimulationResult> {
  const rt = opts.runtime ?? (await ProtocolRuntime.load(protocolFile, scenario, { compiled: opts.compiled, cwd: opts.cwd }));
  return simulateRuntime(rt, opts);
}

export function simulateRuntime(rt: ProtocolRuntime, opts: Pick<SimulateOptions, "steps" | "seed"> = {}): SimulationResult {
  const maxSteps = opts.steps ?? 100;
  const seed = opts.seed ?? 1;
  const random = mulberry32(seed);
  const props = rt.decl.properties ?? {};
  const chosen = rt.scenario.properties.filter((n) => props[n]);
  const invariants = chosen.filter((n) => props[n]!.kind === "invariant");
  const witnessNames = chosen.filter((n) => props[n]!.kind === "witness");
  const actions = chosen.filter((n) => props[n]!.kind === "action");
  const result: SimulationResult = {
    protocol: rt.compiled.name,
    scenario: rt.scenario.name,
    seed,
    maxSteps,
    states: [],
    stop: "step-limit",
    invariants: ["TypeOK", ...invariants],
    actions,
    deadlockChecked: rt.scenario.deadlock,
    witnesses: Object.fromEntries(witnessNames.map((n) => [n, null])),
    unreadLocals: [],
  };
  const unread = new Set<string>();

  const record = (st: RtState, step?: Successor): boolean => {
    const index = result.states.length;
    result.states.push({
      index,
      ...(step ? { step: { pid: step.pid, process: step.process, label: step.label, choices: step.choices, picks: step.picks } } : {}),
      s: st.s,
      pc: { ...st.pc },
      locals: { ...st.locals } as Record<string, Record<string, unknown>>,
    });
    const enc = rt.encode(st);
    for (const v of Object.keys(enc.unknown)) unread.add(v);
    if (enc.problems.length) {
      result.violation = { invariant: "TypeOK", kind: "invariant", state: index, message: enc.problems.join("; ") };
      return false;
    }
    for (const name of invariants) {
      const verdict = check(rt, props[name]!.kind === "invariant" ? (props[name] as { pred: StatePredicate<unknown> }).pred : undefined, st);
      if (verdict !== true) {
        result.violation = { invariant: name, kind: "invariant", state: index, message: verdict === false ? `${name} is false` : `evaluating ${name} failed: ${verdict}` };
        return false;
      }
    }
    for (const name of witnessNames) {
      if (result.witnesses[name] !== null) continue;
      if (check(rt, (props[name] as { pred: StatePredicate<unknown> }).pred, st) === true) result.witnesses[name] = index;
    }
    return true;
  };

  const initial = rt.initialStates();
  let state = initial[pick(random, initial.length)]!;
  if (!record(state)) return finish("invariant-violated");
  for (let n = 0; n < maxSteps; n++) {
    if (rt.isTerminated(state)) return finish("terminated");
    const byPid = rt.pids.map((pid) => rt.successors(state, pid)).filter((s) => s.length > 0);
    if (byPid.length === 0) return finish("deadlock");
    const options = byPid[pick(random, byPid.length)]!;
    const step = options[pick(random, options.length)]!;
    const before = state;
    state = step.state;
    if (!record(state, step) || !stepKeeps(before, state)) return finish("invariant-violated");
  }
  return finish(rt.isTerminated(state) ? "terminated" : "step-limit");

  /** The action properties on a step; a step that changes nothing is not tested (`[][A]_vars`). */
  function stepKeeps(before: RtState, after: RtState): boolean {
    if (actions.length === 0 || rt.visibleKey(before) === rt.visibleKey(after)) return true;
    const index = result.states.length - 1;
    for (const name of actions) {
      const verdict = checkStep(rt, (props[name] as { pred: ActionPredicate<unknown> }).pred, before, after);
      if (verdict !== true) {
        result.violation = { invariant: name, kind: "action", state: index, message: verdict === false ? `${name} is false on the step into state #${index}` : `evaluating ${name} failed: ${verdict}` };
        return false;
      }
    }
    return true;
  }

  function finish(stop: StopReason): SimulationResult {
    result.stop = stop;
    result.unreadLocals = [...unread].sort();
    return result;
  }
}

function check(rt: ProtocolRuntime, pred: StatePredicate<unknown> | undefined, st: RtState): true | false | string {
  if (!pred) return true;
  try {
    return rt.evaluate(pred, st);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function checkStep(rt: ProtocolRuntime, pred: ActionPredicate<unknown>, before: RtState, after: RtState): true | false | string {
  try {
    return rt.evaluateStep(pred, before, after);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
