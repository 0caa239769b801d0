// The contract between trace decoding and everything that shows a counterexample (renderers, CLI,
// reports). A Trace is a counterexample in the user's TypeScript terms: processes by id, steps by
// their TS label and `file:line`, values as TS values, and an explanation of what went wrong.
// Its JSON form is published as tools/trace/trace.schema.json.
import type { ViolationKind } from "../checker/types.ts";

/** A value as the protocol's TypeScript sees it. */
export type TsValue =
  | { kind: "null" }
  | { kind: "bool"; value: boolean }
  | { kind: "int"; value: number }
  /** A string literal (a member of a string-literal union). */
  | { kind: "string"; value: string }
  /** A process id (a `Pid`, a string in TS; a model value in TLA+). */
  | { kind: "pid"; value: string }
  /** A TS array (a TLA+ sequence). */
  | { kind: "array"; items: TsValue[] }
  /** byValue: a ValueSet. */
  | { kind: "set"; items: TsValue[]; byValue?: true }
  /** An object with the fields of an interface, in declaration order. */
  | { kind: "record"; fields: Record<string, TsValue> }
  /** A `ByPid<V>` map, keyed by process id, or an `FnOn<K, V>` map (`stringKeys`: its keys are TLA+ strings). */
  | { kind: "byPid"; entries: Array<{ pid: string; value: TsValue }>; stringKeys?: true }
  /** A value the declared type does not explain, as the checker printed it. */
  | { kind: "opaque"; text: string };

/** A place in the user's TypeScript. */
export interface SourceLoc {
  file: string;
  line: number;
  col?: number;
}

export interface TraceProcess {
  /** The process id: a member of the process set, or the process's name for a single process. */
  id: string;
  /** The TS process name (the key under `processes`). */
  process: string;
  /** The PidSet constant the id comes from, for a process set. */
  set?: string;
  fairness: string;
}

export interface TraceVariable {
  /** TS name: `s.queue` for shared state, `<pid>.<local>` for a process's local. */
  name: string;
  /** The TLA+ variable it lives in. */
  tla: string;
  /** The TS type, as written in the source map. */
  type?: string;
  /** For a local: the process id it belongs to. */
  owner?: string;
}

/** One difference between consecutive states. */
export type Change =
  | {
      kind: "value";
      /** TS path of what changed, e.g. `s.queue[1]`, `s.owner.B`, `s.flags.c1`, `tm.yesVotes`. */
      path: string;
      /** The variable (TS name) the path starts at. */
      variable: string;
      /** `added`/`removed`: an element of an array, set or map appeared or went away. */
      op: "changed" | "added" | "removed";
      before?: TsValue;
      after?: TsValue;
    }
  /** A process moved to another step (or finished: `to` is `Done`). */
  | { kind: "pc"; pid: string; from: string; to: string };

/** What happened in one step: who took which TS step, and what it changed. */
export interface StepMove {
  /** The process that took the step; absent when the trace does not tell. */
  actor?: { id: string; process: string };
  /** How the actor was found: the action's `self` parameter, or the one process whose step pointer moved. */
  actorFrom?: "action" | "inferred";
  /** The TS step label, e.g. `acquire`. */
  label?: string;
  /** The TLA+ action, e.g. `worker_acquire`. */
  operator?: string;
  /** Where the step starts in the TS (its `yield`). */
  at?: SourceLoc;
  /** The step's first statement, as written in the TS. */
  statement?: string;
  changes: Change[];
  /** Processes this step woke: their next step was disabled before it and enabled after it (engine-evaluated). */
  wakes?: string[];
}

export interface TsState {
  /** Shared state and locals by TS name (`s.queue`, `c1.tries`), in declaration order. */
  values: Record<string, TsValue>;
  /** Each process's next step label, `Done` when it has finished. */
  pc: Record<string, string>;
}

export interface TraceStep extends StepMove {
  /** 0 for the initial state, then 1, 2, ... */
  n: number;
  /** The checker's number of this state (1-based). */
  stateIndex: number;
  state: TsState;
  /** Process ids whose next step is enabled in this state (engine-evaluated). */
  enabled?: string[];
}

export type TraceLoop =
  /** After the last step, `closing` leads back to step `toStep`; steps `toStep`.. repeat forever. */
  | { kind: "back-to-step"; toStep: number; closing: StepMove }
  /** After the last step, nothing happens ever again. */
  | { kind: "stuttering" };

export type PropertyKind = "invariant" | "temporal" | "action" | "typeOK" | "deadlock" | "witness" | "unknown";

export interface TracedProperty {
  /** TS name of the property (`mutualExclusion`), or `TypeOK` / `deadlock`. */
  name: string;
  /** The TLA+ definition it was checked as. */
  tla?: string;
  kind: PropertyKind;
  at?: SourceLoc;
}

export type ProcessStatus =
  /** Finished (`Done`). */
  | "done"
  /** Takes steps inside the loop. */
  | "running"
  /** Takes no step inside the loop (or after the end) and is not done: it waits. */
  | "waiting"
  /** Its next step is disabled in every state of the loop (or the final state): nothing wakes it. */
  | "blocked"
  /** Its next step is enabled at times, but it is never scheduled. */
  | "starved"
  /** Never took a step: still at its first step (with the engine: which was never enabled). */
  | "idle"
  /** A safety trace: where the process is when the property breaks. */
  | "active";

export interface ProcessFate {
  id: string;
  process: string;
  status: ProcessStatus;
  /** The step it is at in the end. */
  at: string;
  where?: SourceLoc;
  statement?: string;
  /** One sentence in TS terms. */
  text: string;
}

export interface InvariantBreak {
  /** TS name of the invariant. */
  name: string;
  at?: SourceLoc;
  /** The invariant's TS source, when it could be read. */
  source?: string;
  /** The values of `all(...)`/quantifier variables for which it fails, outermost first. */
  bindings?: Array<{ name: string; value: TsValue }>;
  /** The failing part of a conjunction (or, for a disjunction, every part is false). */
  part?: { text: string; language: "ts" | "tla"; index: number; of: number };
  /** The parts were evaluated by the embedded engine (otherwise only the name and location are known). */
  evaluated: boolean;
}

export interface LoopSummary {
  /** First and last step of the repeating part (equal for stuttering: `toStep` is the last step). */
  fromStep: number;
  toStep: number;
  stuttering: boolean;
  /** Per process: the step labels it takes in each round of the loop, in order. */
  repeats: Array<{ id: string; labels: string[] }>;
}

export interface Explanation {
  /** One sentence: what is violated and the gist of why. */
  headline: string;
  /** Further sentences, one fact each. */
  details: string[];
  processes: ProcessFate[];
  loop?: LoopSummary;
  /** For a temporal property over `forAll`: the instance the lasso violates (engine-evaluated), e.g. `p = "A"`. */
  bindings?: Array<{ name: string; value: TsValue }>;
  invariant?: InvariantBreak;
  /** `engine`: enabledness or invariant parts were evaluated by the embedded engine; `trace`: read from the trace alone. */
  evidence: "trace" | "engine";
}

export interface Trace {
  format: "ts2tla-trace";
  version: 1;
  protocol: string;
  module: string;
  /** The protocol's TS file. */
  file: string;
  scenario?: string;
  /** The scenario's description and constants (as the scenario writes them), when it is known. */
  setting?: TraceSetting;
  property: TracedProperty;
  violation: { kind: ViolationKind | "unknown"; message?: string };
  /** Where the counterexample came from. */
  source: "json-dump" | "tool-text" | "embedded" | "ts";
  processes: TraceProcess[];
  variables: TraceVariable[];
  /** Step 0 is the initial state. */
  steps: TraceStep[];
  loop?: TraceLoop;
  explanation: Explanation;
  /** Things the decoder could not fully map back to TS (never fatal). */
  warnings: string[];
}

export interface TraceSetting {
  description?: string;
  /** Each constant's value as a TS literal (`["r1", "r2"]`, `3`, `{ x: 1 }`). */
  constants: Array<{ name: string; value: string }>;
}

/** What decodeTrace is told about the counterexample. */
export interface TraceInfo {
  protocol?: string;
  scenario?: string;
  /** TS or TLA+ name of the violated property; `deadlock` for a deadlock. */
  property?: string;
  violationKind?: ViolationKind;
  message?: string;
}
