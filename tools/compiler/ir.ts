// The intermediate representation between lowering (TS → IR) and emitting (IR → TLA+).
// Expressions are already TLA+ text here; the IR keeps the structure that emitting, the source map
// and later stages need: types, variables, steps as action trees, properties, scenarios.

export type IrType =
  | { k: "bool" }
  | { k: "int"; lo: number; hi: number }
  /** A union of string and number literals. */
  | { k: "lits"; values: Array<string | number> }
  | { k: "pid" }
  | { k: "null" }
  | { k: "union"; members: IrType[] }
  | { k: "record"; fields: Array<{ name: string; type: IrType }> }
  | { k: "seq"; elem: IrType }
  /** byValue: a ValueSet (elements compared by value, so they may be objects); else a JS Set of primitive values. */
  | { k: "set"; elem: IrType; byValue?: true }
  /**
   * A map on every process id (TLA+ `[ProcSet -> V]`), or with `domain` on a constant set (`FnOn<"K", V>`:
   * `[K -> V]`); `stringKeys`: K is a set of strings (else of model values or integers, as process ids).
   */
  | { k: "byPid"; value: IrType; domain?: string; stringKeys?: true };

/** A TS source position, 1-based. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** A TLA+ expression with enough shape information to parenthesise it correctly. */
export interface Expr {
  text: string;
  /** Needs no parentheses when used as an operand. */
  atomic: boolean;
  /** The infix operator at its top level, when it is `a op b` (`x = a < b` would not parse as meant). */
  op?: string;
  /** What JS may give besides the values of its type: undefined (an array read outside it), NaN (arithmetic on that); see lower/jsValues.ts. */
  js?: { undef?: boolean; nan?: boolean };
  /** Set when the expression is `[base EXCEPT ...]` built by lowering: reads of untouched parts go to `base`. */
  except?: { base: Expr; clauses: Array<{ path: ExceptPathSeg[]; value: Expr }> };
}

/** One EXCEPT path segment: `.f` or `[e]`. */
export type ExceptPathSeg = { k: "field"; name: string } | { k: "index"; expr: Expr };

export type Action =
  | { k: "let"; name: string; value: Expr; body: Action }
  | { k: "if"; cond: Expr; then: Action; else: Action }
  | { k: "guard"; cond: Expr; body: Action }
  /** `alternatives`: the branches of the step's `nondet({ fairness })`, each fair of its own. */
  | { k: "either"; branches: Action[]; alternatives?: true }
  | { k: "exists"; name: string; set: Expr; body: Action }
  /** Next-state values of the variables this path changes (TLA+ names → expressions). */
  | { k: "leaf"; updates: Map<string, Expr> };

export type FairnessKind = "weak" | "strong" | "none";

export interface IrStep {
  process: string;
  label: string;
  /** TLA+ operator name, `<process>_<label>`. */
  operator: string;
  /** Fairness set on the step itself, else undefined (the process's applies). */
  fairness?: FairnessKind;
  action: Action;
  /**
   * The step has an `if (nondet({ fairness }))`: the step taking its then-branch and the step taking
   * its else-branch are TLA+ operators of their own (`operators`), each with this fairness.
   */
  alternatives?: { fairness: "weak" | "strong"; operators: [string, string] };
  pos: SourcePos;
  /** The source text of the step's first statement after the yield, for trace display. */
  firstStatement?: string;
}

export interface IrLocal {
  process: string;
  tsName: string;
  tlaName: string;
  type: IrType;
  /** Initial value per process id, as an expression in `self`. */
  init: Expr;
  pos: SourcePos;
  /**
   * The step labels at which the local is live (some path from that `yield` reads it before writing
   * it): only there does its variable hold the TS value. Every step that ends at another label (or
   * at "Done") sets it to its type's default value, and the runtime encodes it so there.
   */
  liveAt: string[];
  /** Why it is live at each of those labels: the step boundary and the read reached from it. */
  reasons: Array<{ label: string; boundary: SourcePos; read: SourcePos }>;
}

export interface IrProcess {
  name: string;
  /** The PidSet constant, or undefined for a single process (whose id is the model value `name`). */
  set?: string;
  fairness: FairnessKind;
  /** TLA+ operator of the process's next-state relation. */
  operator: string;
  initialLabel: string;
  labels: string[];
  steps: IrStep[];
  locals: IrLocal[];
  pos: SourcePos;
}

export interface IrStateVar {
  tsName: string;
  tlaName: string;
  type: IrType;
  init: { kind: "eq" | "in"; expr: Expr };
  pos: SourcePos;
}

/** A statement of init before its `return`: `const x = oneOf(S)`, `const x = e`, `when(P)`. */
export type IrInitStep =
  | { kind: "exists"; name: string; set: Expr; pos: SourcePos }
  | { kind: "let"; name: string; expr: Expr; pos: SourcePos }
  | { kind: "when"; cond: Expr; pos: SourcePos };

export type ConstantKind = "pidSet" | "value";

export interface IrConstant {
  name: string;
  kind: ConstantKind;
  type: IrType | undefined;
  pos: SourcePos;
}

export type TemporalFormula =
  | { op: "always" | "eventually" | "alwaysEventually" | "eventuallyAlways"; pred: Expr }
  | { op: "leadsTo"; from: Expr; to: Expr }
  /** `sets`: the process sets, single processes or constant sets whose union `set` is. */
  | { op: "forAll"; bound: string; set: Expr; sets: string[]; body: TemporalFormula };

export interface IrProperty {
  tsName: string;
  tlaName: string;
  kind: "invariant" | "witness" | "temporal" | "action";
  /** For invariants and witnesses: the predicate (the witness's invariant is its negation); for actions, over primed variables too. */
  pred?: Expr;
  formula?: TemporalFormula;
  pos: SourcePos;
}

export type ScenarioConstantValue =
  | { kind: "modelValues"; names: string[] }
  | { kind: "bool"; value: boolean }
  | { kind: "int"; value: number }
  | { kind: "str"; value: string }
  /** A set constant (`ReadonlySet<...>`): its elements, each once. */
  | { kind: "set"; elems: Array<boolean | number | string> }
  /**
   * A sequence constant (an array type): its elements in order. A TLC model cannot write a sequence:
   * the module defines it as `def` and the cfg substitutes it (`Order <- Order_run`).
   */
  | { kind: "seq"; elems: Array<boolean | number | string>; def: string }
  /**
   * A record constant, or a set or sequence whose elements are records, arrays or sets: its value as
   * JSON (sets and arrays as arrays), read by the constant's type. The module defines it as `def`.
   */
  | { kind: "data"; value: unknown; def: string };

export interface IrScenario {
  name: string;
  description?: string;
  constants: Record<string, ScenarioConstantValue>;
  deadlock: boolean;
  properties: string[];
  expect: Record<string, "holds" | "violated">;
  /**
   * Fairness of processes overridden in this scenario (process name → kind), and the TLA+ operator of
   * the scenario's own Spec that says it (`Spec_<scenario>`); absent: the module's `Spec`.
   */
  fairness?: { byProcess: Record<string, FairnessKind>; spec: string };
  /**
   * The constants computed from the others (`Nodes: (c) => range(0, c.N - 1)`), by name: the
   * function's text. Their values above are what the compiler evaluated; the runtime checks them.
   */
  computed?: Record<string, string>;
  pos: SourcePos;
}

/** A TLA+ operator defined from a pure helper, a module constant or the prelude. */
export interface IrOperator {
  name: string;
  params: string[];
  body: Expr;
  comment?: string;
  /** Where the helper or constant is declared (none for prelude operators). */
  pos?: SourcePos;
}

export interface IrProtocol {
  name: string;
  module: string;
  file: string;
  stateVars: IrStateVar[];
  /** What a block-bodied init does before its `return`, in order: the prefix of the state's initial predicate. */
  initPrefix: IrInitStep[];
  constants: IrConstant[];
  processes: IrProcess[];
  operators: IrOperator[];
  properties: IrProperty[];
  scenarios: IrScenario[];
  /** The null model value is used somewhere. */
  usesNull: boolean;
  /** JS NaN may arise (arithmetic on undefined): the model value NaN is declared. */
  usesNaN: boolean;
  /** Library operators (SeqContains, ...) the module needs. */
  prelude: string[];
  /** String literals that are process-set ids ("w2"), sorted: each the CONSTANT `Pid_w2`, set to the model value w2 in every cfg. */
  pidLiterals: IrPidLiteral[];
}

/** The TLA+ constant of a process-id literal of a process set ("w2" → `Pid_w2`). */
export function pidConstant(id: string): string {
  return `Pid_${id}`;
}

export interface IrPidLiteral {
  id: string;
  /** Where it is first named. */
  pos: SourcePos;
}
