// One step of a trace in TS terms: which process took which TS step (from the action's name and
// `self` parameter, or inferred as the one process whose step pointer moved), and what it changed.
import type { TlaValue, TraceAction } from "../checker/types.ts";
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import { diffStates } from "./diff.ts";
import type { Probe } from "./probe/probe.ts";
import type { StepMove, TraceProcess, TsState } from "./types.ts";
import type { Warn } from "./values.ts";
import { TERMINATING } from "../compiler/emit/tla.ts";

export interface MoveContext {
  map: SourceMap;
  roster: TraceProcess[];
  warn: Warn;
  /** Asked when the trace does not tell who moved (no action names, no step pointer moved). */
  probe?: Probe;
}

export function describeMove(before: TsState, after: TsState, action: TraceAction | undefined, ctx: MoveContext, where: string): StepMove {
  const move: StepMove = { changes: diffStates(before, after) };
  const step = action ? ctx.map.steps[action.name] : undefined;
  if (action && !step && action.name !== TERMINATING) ctx.warn(`${where}: action ${action.name} is not a step of protocol ${ctx.map.protocol}`);

  let id: string | undefined;
  if (step) {
    id = selfParam(action!.params);
    if (id === undefined) {
      const proc = ctx.map.processes[step.process];
      if (proc && !proc.set) id = step.process;
      else id = movedPid(before, after, ctx.roster.filter((p) => p.process === step.process));
    }
    if (id !== undefined) move.actorFrom = "action";
  }
  if (id === undefined && !step && action?.name !== TERMINATING) {
    id = movedPid(before, after, ctx.roster) ?? localsChangedPid(move, ctx.roster) ?? ctx.probe?.whoMoved(before, after);
    if (id !== undefined) move.actorFrom = "inferred";
  }
  const proc = id !== undefined ? ctx.roster.find((p) => p.id === id) : undefined;
  if (id !== undefined && !proc) ctx.warn(`${where}: process id ${id} belongs to no process of protocol ${ctx.map.protocol}`);
  if (proc) move.actor = { id: proc.id, process: proc.process };

  const label = step?.label ?? (proc ? before.pc[proc.id] : undefined);
  const operator = step ? action!.name : proc && label ? stepOperator(ctx.map, proc.process, label) : undefined;
  if (label !== undefined) move.label = label;
  if (operator) {
    move.operator = operator;
    const info = ctx.map.steps[operator];
    if (info) {
      move.at = { file: info.pos.file, line: info.pos.line, col: info.pos.col };
      if (info.statement) move.statement = info.statement;
    }
  }
  if (step && proc && before.pc[proc.id] !== undefined && before.pc[proc.id] !== step.label) {
    ctx.warn(`${where}: ${proc.id} takes step ${step.label} but was at step ${before.pc[proc.id]}`);
  }
  if (!move.actor && action?.name !== TERMINATING) ctx.warn(`${where}: cannot tell which process took this step`);
  return move;
}

function stepOperator(map: SourceMap, process: string, label: string): string | undefined {
  return Object.entries(map.steps).find(([, s]) => s.process === process && s.label === label)?.[0];
}

function selfParam(params: TraceAction["params"]): string | undefined {
  if (!params) return undefined;
  const v: TlaValue | undefined = Array.isArray(params) ? params[0] : (params.self ?? Object.values(params)[0]);
  if (!v) return undefined;
  if (v.kind === "modelValue") return v.name;
  if (v.kind === "str") return v.value;
  return undefined;
}

/** The one process (of `among`) whose step pointer changed. */
function movedPid(before: TsState, after: TsState, among: TraceProcess[]): string | undefined {
  const moved = among.filter((p) => before.pc[p.id] !== after.pc[p.id]);
  return moved.length === 1 ? moved[0]!.id : undefined;
}

/** The one process whose locals changed (a step that loops back to its own label). */
function localsChangedPid(move: StepMove, roster: TraceProcess[]): string | undefined {
  const owners = new Set<string>();
  for (const c of move.changes) {
    if (c.kind !== "value") continue;
    const owner = roster.find((p) => c.variable.startsWith(`${p.id}.`));
    if (owner) owners.add(owner.id);
  }
  return owners.size === 1 ? [...owners][0] : undefined;
}
