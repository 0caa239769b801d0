// The TS engine: an explicit-state model checker over the protocol's own TypeScript (the language's
// runtime is the reference meaning). One run explores every reachable state of a scenario and gives
// every check its verdict: TypeOK, the invariants and deadlock with shortest counterexamples, every
// witness, and every temporal property under the fairness of the generated `Spec`.
import type { CompiledProtocol } from "../../compiler/compiled.ts";
import { scenarioPurpose } from "../../compiler/emit/cfg.ts";
import type { IrProperty } from "../../compiler/ir.ts";
import type { ActionPredicate, Property, StatePredicate, Temporal } from "../../lang/index.ts";
import { ProtocolRuntime, RuntimeSetupError, StepError } from "../../runtime/runtime.ts";
import type { StateGraph } from "../stateGraph.ts";
import type { CheckError, CheckStats, Counterexample, Progress, TraceState, Violation } from "../types.ts";
import { fairActions } from "./fairness.ts";
import { explore, type EngineGraph, type StopReason } from "./graph.ts";
import { FairnessView, findFairLasso, type Lasso, type LivenessQuery } from "./liveness.ts";
import { PropertyShapeError, unrollTemporal, type BasicTemporal } from "./properties.ts";

export const TS_ENGINE_VERSION = "ts2tla TS engine 1";

export interface TsEngineRequest {
  compiled: CompiledProtocol;
  scenario: string;
  /** Folder the protocol's file paths are relative to. */
  cwd?: string;
  timeoutSeconds?: number;
  /** Bytes of resident memory; over it the run stops as out-of-memory. */
  memoryLimit?: number;
  /** Default 2,000,000 distinct states. */
  maxStates?: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** A runtime already loaded for this scenario (it must read locals as the engine does: see `engineRuntime`). */
  runtime?: ProtocolRuntime;
}

export interface TsCheckVerdict {
  /** `TypeOK`, `deadlock`, or the TLA+ name of an invariant or temporal property. */
  name: string;
  kind: "typeOK" | "invariant" | "deadlock" | "temporal" | "action";
  verdict: "holds" | "violated" | "unknown";
  violation?: Violation;
  counterexample?: Counterexample;
}

export interface TsEngineOutcome {
  engineVersion: string;
  checks: TsCheckVerdict[];
  /** TLA+ name of each witness → reached (undefined when the exploration stopped before it was). */
  witnesses: Map<string, boolean | undefined>;
  stats: CheckStats;
  complete: boolean;
  error?: CheckError;
  graph?: EngineGraph;
  /** Things worth knowing that did not change a verdict. */
  warnings: string[];
}

/** A runtime set up as the engine needs it: locals read after the steps that write them, unknown locals at their TLA+ default. */
export function engineRuntime(compiled: CompiledProtocol, scenario: string, cwd?: string): Promise<ProtocolRuntime> {
  return ProtocolRuntime.fromCompiled(compiled, scenario, { cwd, localReads: "written", unknownLocals: "default" });
}

export async function runTsEngine(req: TsEngineRequest): Promise<TsEngineOutcome> {
  const started = Date.now();
  const stats = (g?: EngineGraph): CheckStats => ({
    seconds: Math.round((Date.now() - started) / 100) / 10,
    ...(g ? { distinctStates: g.nodes.length, statesGenerated: g.statesGenerated, depth: maxDepth(g) } : {}),
  });
  const failed = (error: CheckError, g?: EngineGraph): TsEngineOutcome => ({ engineVersion: TS_ENGINE_VERSION, checks: [], witnesses: new Map(), stats: stats(g), complete: false, error, warnings: [] });

  const ir = req.compiled.ir;
  const scenario = ir.scenarios.find((s) => s.name === req.scenario);
  if (!scenario) return failed({ kind: "config-error", message: `unknown scenario ${req.scenario}` });
  let rt: ProtocolRuntime;
  try {
    rt = req.runtime ?? (await engineRuntime(req.compiled, req.scenario, req.cwd));
  } catch (e) {
    if (e instanceof RuntimeSetupError) return failed({ kind: "crash", message: e.message, hint: "the TS engine runs the protocol file itself: it must load as a program" });
    throw e;
  }

  const purpose = scenarioPurpose(ir, scenario);
  const byTla = new Map(ir.properties.map((p) => [p.tlaName, p]));
  const declared = rt.decl.properties ?? {};
  const predicateOf = (p: IrProperty): StatePredicate<unknown, unknown> => (declared[p.tsName] as Extract<Property<unknown, unknown>, { kind: "invariant" | "witness" }>).pred;
  const invariants = purpose.invariants.filter((n) => n !== "TypeOK").map((n) => ({ name: n, pred: predicateOf(byTla.get(n)!) }));
  const witnessProps = ir.properties.filter((p) => p.kind === "witness" && scenario.properties.includes(p.tsName));
  const witnesses = witnessProps.map((p) => ({ name: p.tlaName, pred: predicateOf(p) }));

  const firstBad = new Map<string, number>();
  const reached = new Map<string, number>();
  let deadlock: number | undefined;
  let lastSeen = 0;
  // Every verdict is known once each safety check is violated and each witness reached, when no
  // temporal property needs the whole graph: exploring on (maybe forever, past a broken bound) is useless.
  const allDecided = (g: EngineGraph): boolean => {
    for (; lastSeen < g.expanded; lastSeen++) if (deadlock === undefined && g.out[lastSeen]!.length === 0) deadlock = lastSeen;
    return (
      purpose.properties.length === 0 &&
      purpose.invariants.every((n) => firstBad.has(n)) &&
      (!purpose.deadlock || deadlock !== undefined) &&
      witnesses.every((w) => reached.has(w.name))
    );
  };
  let evalError: CheckError | undefined;

  const evaluate = (pred: StatePredicate<unknown, unknown>, node: number, what: string, g: EngineGraph): boolean => {
    try {
      return rt.evaluateFrozen(pred as StatePredicate<unknown>, g.nodes[node]!.rt);
    } catch (e) {
      evalError ??= { kind: "runtime-error", message: `evaluating ${what} failed: ${(e as Error).message}`, hint: "a property must only read the state" };
      return false;
    }
  };

  const evaluateStep = (pred: ActionPredicate<unknown, unknown>, from: number, to: number, what: string): boolean => {
    try {
      return rt.evaluateStepFrozen(pred as ActionPredicate<unknown>, graph!.nodes[from]!.rt, graph!.nodes[to]!.rt);
    } catch (e) {
      evalError ??= { kind: "runtime-error", message: `evaluating ${what} failed: ${(e as Error).message}`, hint: "a property must only read the state" };
      return false;
    }
  };

  let graph: EngineGraph | undefined;
  let graphOf: EngineGraph | undefined;
  try {
    graph = await explore(
      rt,
      {
        maxStates: req.maxStates ?? 2_000_000,
        ...(req.timeoutSeconds ? { deadline: started + req.timeoutSeconds * 1000 } : {}),
        ...(req.memoryLimit ? { memoryLimit: req.memoryLimit } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
        ...(req.onProgress ? { onProgress: req.onProgress } : {}),
        decided: () => allDecided(graphOf!),
      },
      (g, id) => {
        graphOf = g;
        const node = g.nodes[id]!;
        const errors = rt.encode(node.rt).errors;
        if (errors.length) {
          const edge = node.via >= 0 ? g.edges[node.via] : undefined;
          throw new StepError(edge?.pid ?? "(init)", edge?.label ?? "init", [], new Error(errors.join("; ")));
        }
        if (node.problems.length && !firstBad.has("TypeOK")) firstBad.set("TypeOK", id);
        for (const inv of invariants) if (!firstBad.has(inv.name) && !evaluate(inv.pred, id, `invariant ${byTla.get(inv.name)!.tsName}`, g)) firstBad.set(inv.name, id);
        for (const w of witnesses) if (!reached.has(w.name) && evaluate(w.pred, id, `witness ${byTla.get(w.name)!.tsName}`, g)) reached.set(w.name, id);
        return true;
      },
    );
  } catch (e) {
    if (e instanceof StepError) return failed({ kind: "runtime-error", message: `the TypeScript failed: ${e.message}`, hint: "fix the protocol: a step must not throw (use when(...) to block it)" });
    throw e;
  }
  if (evalError) return failed(evalError, graph);
  const g = graph;
  allDecided(g);
  const decided = g.stopped === "decided";

  const checks: TsCheckVerdict[] = [];
  const safetyTrace = (node: number): Counterexample => counterexampleOf(g, g.pathTo(node), undefined);
  for (const name of purpose.invariants) {
    const bad = firstBad.get(name);
    const kind = name === "TypeOK" ? "typeOK" : "invariant";
    if (bad === undefined) checks.push({ name, kind, verdict: g.complete ? "holds" : "unknown" });
    else checks.push({ name, kind, verdict: "violated", violation: { kind: "invariant", name, message: `Invariant ${name} is violated.` }, counterexample: safetyTrace(bad) });
  }
  if (purpose.deadlock) {
    const d = deadlock;
    if (d === undefined) checks.push({ name: "deadlock", kind: "deadlock", verdict: g.complete ? "holds" : "unknown" });
    else checks.push({ name: "deadlock", kind: "deadlock", verdict: "violated", violation: { kind: "deadlock", message: "Deadlock reached." }, counterexample: safetyTrace(d) });
  }

  const warnings: string[] = [];
  if (g.hiddenMerges) {
    warnings.push(
      `${g.hiddenMerges} times, two TS states with equal variables differed in what the process generators keep beyond them (locals that could not be read): states were merged that the TypeScript tells apart, so these verdicts are not to be trusted`,
    );
  }
  if (purpose.properties.length) {
    const pidsOf = (process: string) => rt.instances.filter((i) => i.process.name === process).map((i) => i.pid);
    const view = new FairnessView(g, fairActions(ir, pidsOf, scenario.fairness?.byProcess));
    const idsOf = (set: string): readonly unknown[] | undefined => {
      const c = rt.constants[set];
      if (c instanceof Set) return [...c];
      return ir.processes.some((p) => p.name === set && !p.set) ? [set] : undefined;
    };
    for (const name of purpose.properties) {
      const prop = byTla.get(name)!;
      if (prop.kind === "action") {
        const pred = (declared[prop.tsName] as Extract<Property<unknown, unknown>, { kind: "action" }>).pred;
        const bad = firstBadStep(g, (from, to) => evaluateStep(pred, from, to, `action property ${prop.tsName}`));
        if (evalError) return failed(evalError, g);
        if (bad === undefined) checks.push({ name, kind: "action", verdict: g.complete ? "holds" : "unknown" });
        else {
          const path = g.pathTo(g.edges[bad]!.from);
          const counterexample = counterexampleOf(g, { nodes: [...path.nodes, g.edges[bad]!.to], edges: [...path.edges, bad] }, undefined);
          checks.push({ name, kind: "action", verdict: "violated", violation: { kind: "action-property", name, message: `Action property ${name} is violated.` }, counterexample });
        }
        continue;
      }
      const formula = (declared[prop.tsName] as Extract<Property<unknown, unknown>, { kind: "temporal" }>).formula as Temporal<unknown, unknown>;
      let lasso: { lasso: Lasso; binding: string[] } | undefined;
      try {
        for (const inst of unrollTemporal(prop, formula, idsOf)) {
          const found = g.complete || inst.formula.op === "always" ? violationOf(view, inst.formula, (pred, n) => evaluate(pred, n, `property ${prop.tsName}`, g)) : undefined;
          if (evalError) return failed(evalError, g);
          if (found) {
            lasso = { lasso: found, binding: inst.bindings };
            break;
          }
        }
      } catch (e) {
        if (e instanceof PropertyShapeError) return failed({ kind: "config-error", message: e.message }, g);
        throw e;
      }
      if (!lasso) checks.push({ name, kind: "temporal", verdict: g.complete ? "holds" : "unknown" });
      else {
        const on = lasso.binding.length ? ` (for ${lasso.binding.join(", ")})` : "";
        checks.push({
          name,
          kind: "temporal",
          verdict: "violated",
          violation: { kind: "property", name, message: `Temporal property ${name} is violated${on}.` },
          counterexample: lassoCounterexample(g, lasso.lasso),
        });
      }
    }
  }

  const witnessVerdicts = new Map<string, boolean | undefined>(witnesses.map((w) => [w.name, reached.has(w.name) ? true : g.complete ? false : undefined]));
  const outcome: TsEngineOutcome = { engineVersion: TS_ENGINE_VERSION, checks, witnesses: witnessVerdicts, stats: stats(g), complete: g.complete, graph: g, warnings };
  if (decided) warnings.push(`every verdict was known after ${g.nodes.length} distinct states: the rest of the state space was not explored`);
  else if (g.stopped && g.stopped !== "decided") outcome.error = stopError(g.stopped, req, g);
  return outcome;
}

/**
 * The edge of a step that changes the state and fails `holds` (a stuttering step, from a state to
 * itself, is not tested: `[][A]_vars`), the one nearest an initial state; undefined when there is none.
 */
function firstBadStep(g: EngineGraph, holds: (from: number, to: number) => boolean): number | undefined {
  let best: number | undefined;
  g.edges.forEach((e, i) => {
    if (e.from === e.to || (best !== undefined && g.nodes[e.from]!.depth >= g.nodes[g.edges[best]!.from]!.depth)) return;
    if (!holds(e.from, e.to)) best = i;
  });
  return best;
}

function maxDepth(g: EngineGraph): number {
  let d = 0;
  for (const n of g.nodes) if (n.depth > d) d = n.depth;
  return d + 1;
}

/** A counterexample to one basic temporal formula, or undefined when it holds. */
function violationOf(view: FairnessView, f: BasicTemporal, holds: (pred: StatePredicate<unknown, unknown>, node: number) => boolean): Lasso | undefined {
  const g = view.g;
  const all = g.nodes.map((_, i) => i);
  const truth = (pred: StatePredicate<unknown, unknown>): Uint8Array => {
    const t = new Uint8Array(g.nodes.length);
    for (const n of all) t[n] = holds(pred, n) ? 1 : 0;
    return t;
  };
  let q: LivenessQuery;
  switch (f.op) {
    case "always": {
      const p = truth(f.pred);
      const bad = all.filter((n) => p[n] === 0);
      if (bad.length === 0) return undefined;
      q = { within: () => true, starts: [bad.reduce((a, b) => (g.nodes[b]!.depth < g.nodes[a]!.depth ? b : a))] };
      break;
    }
    case "eventually": {
      const p = truth(f.pred);
      q = { within: (n) => p[n] === 0, starts: g.initial, prefixWithin: true };
      break;
    }
    case "leadsTo": {
      const from = truth(f.from);
      const to = truth(f.to);
      q = { within: (n) => to[n] === 0, starts: all.filter((n) => from[n] === 1 && to[n] === 0) };
      break;
    }
    case "alwaysEventually": {
      const p = truth(f.pred);
      q = { within: (n) => p[n] === 0, starts: all.filter((n) => p[n] === 0) };
      break;
    }
    case "eventuallyAlways": {
      const p = truth(f.pred);
      q = { within: () => true, starts: all, accept: (n) => p[n] === 0 };
      break;
    }
  }
  return findFairLasso(view, q);
}

function traceStates(g: EngineGraph, nodes: number[], edges: number[]): TraceState[] {
  return nodes.map((n, i) => {
    const st: TraceState = { index: i + 1, vars: g.nodes[n]!.vars };
    if (i > 0) st.action = actionOf(g, edges[i - 1]!);
    return st;
  });
}

function actionOf(g: EngineGraph, edge: number): NonNullable<TraceState["action"]> {
  const e = g.edges[edge]!;
  return e.pid ? { name: e.operator, params: { self: { kind: "modelValue", name: e.pid } } } : { name: e.operator };
}

function counterexampleOf(g: EngineGraph, path: { nodes: number[]; edges: number[] }, loop: Counterexample["loop"]): Counterexample {
  return { states: traceStates(g, path.nodes, path.edges), ...(loop ? { loop } : {}), source: "ts" };
}

function lassoCounterexample(g: EngineGraph, l: Lasso): Counterexample {
  if (l.cycle === "stutter") return counterexampleOf(g, l.prefix, { kind: "stuttering" });
  const nodes = [...l.prefix.nodes, ...l.cycle.nodes.slice(1, -1)];
  const edges = [...l.prefix.edges, ...l.cycle.edges.slice(0, -1)];
  const closing = l.cycle.edges[l.cycle.edges.length - 1]!;
  return counterexampleOf(g, { nodes, edges }, { kind: "back-to-state", toIndex: l.prefix.nodes.length, action: actionOf(g, closing) });
}

function stopError(reason: Exclude<StopReason, "decided">, req: TsEngineRequest, g: EngineGraph): CheckError {
  switch (reason) {
    case "timeout":
      return { kind: "timeout", message: `The TS engine did not finish within ${req.timeoutSeconds} s and was stopped (${g.nodes.length} distinct states so far)`, hint: "Raise --timeout, or make the scenario smaller" };
    case "state-limit":
      return { kind: "out-of-memory", message: `The TS engine stopped at ${req.maxStates ?? 2_000_000} distinct states`, hint: "Make the scenario smaller, or check it with TLC (--engine tlc)" };
    case "out-of-memory":
      return { kind: "out-of-memory", message: `The TS engine went over the memory cap (${Math.round((req.memoryLimit ?? 0) / 2 ** 20)} MiB) at ${g.nodes.length} distinct states`, hint: "Raise --memory, or make the scenario smaller" };
    case "cancelled":
      return { kind: "killed", message: "The check was cancelled before the TS engine finished", hint: "Run the check again to get a verdict" };
  }
}

/** The explored graph in the engines' common shape, for the cross-check with TLC. */
export function stateGraphOf(g: EngineGraph): StateGraph {
  const initial = new Set(g.initial);
  return {
    states: g.nodes.map((n, i) => ({ vars: n.vars, initial: initial.has(i) })),
    edges: g.edges.map((e) => ({ from: e.from, to: e.to, action: e.operator, ...(e.pid ? { self: e.pid } : {}) })),
    complete: g.complete,
  };
}
