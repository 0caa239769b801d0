// What lowering knows about the protocol being compiled, and the symbolic state of one path.
import { Node, SourceFile } from "ts-morph";
import type { Expr, IrConstant, IrLocal, IrOperator, IrType, SourcePos } from "../ir.ts";
import { isTlaIdentifier, TLA_RESERVED } from "../tla.ts";

export type Binding =
  /** The state parameter `s` (or a helper parameter it was passed to); `primed`: the state after the step, in an action property. */
  | { k: "state"; primed?: true }
  /** The constants parameter `c`. */
  | { k: "consts" }
  /** An immutable TLA+ value: a LET name, a bound variable, an operator parameter, `self` (`selfOf`: its process). */
  | { k: "value"; expr: Expr; type?: IrType; selfOf?: ProcessInfo }
  /** A variable whose value lives in a slot of the symbolic state (step `let`s, process locals). */
  | { k: "slot"; slot: string; type?: IrType; tsName: string }
  /** A helper parameter that aliases a part of the state (objects are passed by reference). */
  | { k: "alias"; slot: string; segs: import("../tla.ts").PathSeg[]; type?: IrType };

export type Mode = "step" | "pure" | "property" | "init";

/** The symbolic state of one path through a step: current values and visible bindings. */
export interface SymState {
  slots: Map<string, Expr>;
  bindings: Map<Node, Binding>;
  /** What locals and parameters of object type may point into (aliasing.ts). */
  aliases?: Map<Node, import("./aliasing.ts").AliasInfo>;
  /** Inside the body of a loop over a set: every write on every path of it (shared by the forks). */
  loopWrites?: LoopWrite[];
}

/** A write to a slot: where in it, and the statement's target. */
export interface LoopWrite {
  slot: string;
  segs: import("../tla.ts").PathSeg[];
  node: Node;
}

export const forkState = (st: SymState): SymState => ({
  slots: new Map(st.slots),
  bindings: new Map(st.bindings),
  ...(st.aliases ? { aliases: new Map(st.aliases) } : {}),
  ...(st.loopWrites ? { loopWrites: st.loopWrites } : {}),
});

export interface StateField {
  tsName: string;
  tlaName: string;
  type: IrType;
}

export interface ProcessInfo {
  name: string;
  set?: string;
  /** The TLA+ set of this process's ids. */
  idSet: string;
  /** The type of its ids: `pid` (model values), or the element type of a set of integers. */
  idType: IrType;
}

export class LowerContext {
  readonly stateFields = new Map<string, StateField>();
  readonly constants = new Map<string, IrConstant>();
  readonly processes = new Map<string, ProcessInfo>();
  /** Step labels per process, known before bodies are lowered (for at() in properties). */
  readonly labels = new Map<string, string[]>();
  /** The kept locals of each process, once its body is lowered (for local() in properties). */
  readonly keptLocals = new Map<string, IrLocal[]>();
  readonly operators: IrOperator[] = [];
  readonly operatorByDecl = new Map<Node, string>();
  readonly operatorsInProgress = new Set<Node>();
  readonly usedPrelude = new Set<string>();
  /** Every module-level TLA+ name, so local names never clash with them. */
  readonly moduleNames = new Set<string>(TLA_RESERVED);
  usesNull = false;
  usesNaN = false;
  /** String literals that are ids of process-set processes: each a CONSTANT `Pid_<id>` (where it is first named). */
  readonly pidLiterals = new Map<string, SourcePos>();
  private localNames = new Set<string>();
  private slotCounter = 0;
  /** Inlined helpers on the current path, to catch recursion. */
  readonly inlining: Node[] = [];

  constructor(
    readonly protocolFile: SourceFile,
    readonly langFile: string,
    readonly cwd: string,
  ) {}

  /** Starts a new TLA+ definition: local names may be reused across definitions. */
  beginDefinition(): void {
    this.localNames = new Set();
  }

  /** A fresh name for a LET or bound variable, close to the TS name. */
  freshLocal(base: string): string {
    let clean = base.replace(/[^A-Za-z0-9_]/g, "_").replace(/^_+/, "") || "v";
    // `Pid_<id>` names the constant of a process-id literal (lowerExpr's pidLiteral), which may come later.
    if (clean.startsWith("Pid_")) clean = `v${clean}`;
    let name = clean;
    for (let i = 2; this.moduleNames.has(name) || this.localNames.has(name); i++) name = `${clean}_${i}`;
    this.localNames.add(name);
    return name;
  }

  /**
   * The module-level TLA+ name of a protocol's name `ts`, reserved: `ts` itself where TLA+ can read it
   * and nothing in the module has it yet, else a spelling of it that TLA+ can read (a character it
   * cannot, as `_<hex>_`; `_2`, `_3`, ... after a name it clashes with). The source map keeps `ts`.
   */
  tlaIdentifier(ts: string): string {
    let base = [...ts].map((ch) => (/[A-Za-z0-9_]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`)).join("");
    if (!isTlaIdentifier(base)) base = `v_${base}`;
    let name = base;
    for (let i = 2; this.moduleNames.has(name); i++) name = `${base}_${i}`;
    this.moduleNames.add(name);
    return name;
  }

  newSlot(prefix: string): string {
    return `${prefix}#${++this.slotCounter}`;
  }

  get procSet(): string {
    return "ProcSet";
  }

  pos(node: Node): SourcePos {
    const sf = node.getSourceFile();
    const start = sf.getLineAndColumnAtPos(node.getStart());
    const end = sf.getLineAndColumnAtPos(node.getEnd());
    return { file: this.rel(sf.getFilePath()), line: start.line, col: start.column, endLine: end.line, endCol: end.column };
  }

  rel(file: string): string {
    return file.startsWith(this.cwd + "/") ? file.slice(this.cwd.length + 1) : file;
  }

  /** True when `node` is declared in the language module (tools/lang). */
  isLang(decl: Node | undefined): boolean {
    return decl !== undefined && decl.getSourceFile().getFilePath() === this.langFile;
  }
}
