// The contract between the checker engines and everything downstream (trace decoding, CLI, tests).
// Values are kept in TLA+ terms here; turning them into TS terms is the trace stage's job.

/** A TLA+ value as a checker printed or dumped it. */
export type TlaValue =
  | { kind: "bool"; value: boolean }
  | { kind: "int"; value: number }
  | { kind: "str"; value: string }
  | { kind: "modelValue"; name: string }
  | { kind: "set"; elems: TlaValue[] }
  | { kind: "seq"; elems: TlaValue[] }
  | { kind: "record"; fields: Record<string, TlaValue> }
  | { kind: "fn"; entries: Array<[TlaValue, TlaValue]> }
  /** A value whose shape the source could not tell apart (the JSON dump's `[]` is `{}` or `<<>>`). */
  | { kind: "ambiguousEmpty" };

export type EngineName = "tlc" | "embedded" | "ts";
export type Verdict = "holds" | "violated" | "error";

export type ViolationKind =
  | "invariant"
  | "property"
  | "action-property"
  | "deadlock"
  | "assert"
  | "assume";

export interface Violation {
  kind: ViolationKind;
  /** The TLA+ name of the violated invariant or property, when the checker says it. */
  name?: string;
  /** All names when the checker reports several properties violated by one trace (`name` is the first). */
  names?: string[];
  message: string;
}

/** The step that led into a trace state. */
export interface TraceAction {
  /** The TLA+ operator, e.g. `invalidate_schedule`. */
  name: string;
  /** Actual parameters by name when known (JSON dump), else by position. */
  params?: Record<string, TlaValue> | TlaValue[];
  location?: { module: string; line: number; col: number; endLine: number; endCol: number };
}

export interface TraceState {
  /** 1-based, as TLC numbers them. */
  index: number;
  /** Absent for an initial state. */
  action?: TraceAction;
  vars: Record<string, TlaValue>;
}

export type TraceLoop =
  /** The last state steps back to state `toIndex` and the suffix repeats forever. */
  | {
      kind: "back-to-state";
      toIndex: number;
      /** The step from the last state back to state `toIndex`, when the checker names it (TLC does). */
      action?: TraceAction;
    }
  /** The system stutters forever in the last state. */
  | { kind: "stuttering" };

export interface Counterexample {
  states: TraceState[];
  loop?: TraceLoop;
  /** Where the counterexample came from. */
  source: "json-dump" | "tool-text" | "embedded" | "ts";
}

export interface CheckStats {
  distinctStates?: number;
  statesGenerated?: number;
  depth?: number;
  seconds: number;
}

export type CheckErrorKind =
  | "tlc-missing"
  | "java-missing"
  | "timeout"
  | "killed"
  | "out-of-memory"
  /** The disk under the checker's temporary directory (states, modules) is full. */
  | "disk-full"
  | "parse-error"
  | "semantic-error"
  | "config-error"
  | "runtime-error"
  | "crash"
  | "unsupported";

export interface CheckError {
  kind: CheckErrorKind;
  /** One line: what happened. */
  message: string;
  /** One line: what to do. */
  hint?: string;
  /** Raw detail (SANY text, stderr tail) for diagnostics. */
  detail?: string;
  /** Where in which TLA+ module a parse or semantic error is, when the checker says. */
  location?: { module?: string; line: number; col: number };
}

export interface CheckResult {
  engine: EngineName;
  /** e.g. `TLC2 Version 2.19 of 08 August 2024` */
  engineVersion?: string;
  verdict: Verdict;
  violation?: Violation;
  error?: CheckError;
  stats: CheckStats;
  counterexample?: Counterexample;
  /** Text the model printed (TLA+ Print/PrintT), kept apart from TLC's own messages. */
  printed?: string[];
  /** Things worth knowing that did not change the verdict (e.g. a JSON dump that failed to load). */
  warnings?: string[];
  /** The checker process's exit code, when there was a process. */
  exitCode?: number;
  /** Every reachable state and step, when the request asked for it (`dumpStates`). */
  stateGraph?: import("./stateGraph.ts").StateGraph;
}

/** What an engine is asked to check: files already written by the compiler. */
export interface CheckRequest {
  /** Absolute path of the TLA+ module TLC runs (the MC module, or the protocol module). */
  tlaFile: string;
  /** Absolute path of the TLC model (.cfg). */
  cfgFile: string;
  /** Other TLA+ modules the run needs (EXTENDS of the protocol module), absolute paths. */
  extraModules?: string[];
  workers?: number | "auto";
  /** Seconds; the run is killed and reported as `timeout` after it. */
  timeoutSeconds?: number;
  /** Deadlock checking; on unless a scenario turns it off. */
  checkDeadlock: boolean;
  /** `json` uses `-dumpTrace json` when the TLC supports it; `text` forces the `-tool` text trace. */
  traceSource?: "auto" | "json" | "text";
  /** Extra JVM heap, e.g. `2g`. */
  heap?: string;
  /** Bytes of memory the checker's process may use; over it, the run is stopped as out-of-memory. */
  memoryLimit?: number;
  /** Ask for the explored state graph in the result (TLC: `-dump dot,actionlabels`). */
  dumpStates?: boolean;
  /** Live progress reports while TLC runs. */
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface Progress {
  statesGenerated: number;
  distinctStates: number;
  queue: number;
  depth?: number;
  seconds: number;
}
