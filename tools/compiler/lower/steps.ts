// Process bodies → atomic steps. Each `yield "label"` starts a step; the step's action is found by
// running the code after the yield symbolically, along every path, until the next yield or the end.
import {
  Block,
  Expression,
  ForStatement,
  FunctionExpression,
  Node,
  Statement,
  SyntaxKind,
  VariableDeclaration,
  WhileStatement,
} from "ts-morph";
import { fail } from "../diagnostics.ts";
import type { Action, Expr, FairnessKind, IrLocal, IrStep, IrType } from "../ir.ts";
import * as T from "../tla.ts";
import { forkState, type Binding, type LowerContext, type ProcessInfo, type SymState } from "./context.ts";
import {
  aliasEnv,
  bindingOf,
  byPidKey,
  choiceSet,
  pidKeyMayBeAbsent,
  blockStatements,
  declOf,
  langCallName,
  lowerCondition,
  lowerExpr,
  seqIndex,
  stateField,
  typeOfNode,
  type ExprEnv,
} from "./expr.ts";
import { analyzeLiveness } from "./liveness.ts";
import { checkLoopReads, loopWrites, mapAfterLoop, setLoopVariable, valueAt } from "./setLoop.ts";
import { checkArithmeticRange, COMPOUND_OPS, irTypeOf, isCompound, isSetType } from "./types.ts";
import {
  bindKeptLocal,
  bindLocalAlias,
  bindParameterAlias,
  checkRead,
  checkStored,
  checkWriteThrough,
  mayBeObject,
  noteWrite,
  placeOfWrite,
  placesOf,
  rootIdentifier,
} from "./aliasing.ts";
import { arithmetic, carrying, mayBeUndefined } from "./jsValues.ts";

type LoopNode = WhileStatement | ForStatement;

interface Frame {
  stmts: Statement[];
  idx: number;
  /** This frame is the body of a loop: running off its end goes back to the loop head. */
  loop?: LoopNode;
  /** This frame is the body of an inlined helper. */
  call?: Node;
  /** This frame is the body of a loop over a set: its end is one iteration's end (setLoop.ts). */
  iteration?: (st: SymState) => Action;
  parent?: Frame;
}

interface Path {
  /** Loop heads passed since the step began: passing one twice means a cycle without a yield. */
  visitedLoops: ReadonlySet<Node>;
}

interface ProcLowering {
  ctx: LowerContext;
  proc: ProcessInfo;
  fn: FunctionExpression;
  locals: IrLocal[];
  localByDecl: Map<Node, IrLocal>;
  labels: string[];
  /** Per local, the labels where it is live, and its default value (what it holds elsewhere). */
  liveAt: Map<IrLocal, ReadonlySet<string>>;
  defaults: Map<IrLocal, Expr>;
  /**
   * Locals used in more than one step that are live at no step boundary (every path from a boundary
   * writes them before reading them): not TLA+ variables; a step that uses one without declaring it
   * starts it at its default value, which it overwrites before any read.
   */
  deadAcross: Map<Node, { tsName: string; type: IrType }>;
  /** The label of the step being lowered. */
  startLabel: string;
  /** The step's `nondet({ fairness })`, if it has one. */
  alternatives?: { node: Node; fairness: "weak" | "strong" };
}

const LABEL_RE = /^[A-Za-z][A-Za-z0-9_]*$/;

export interface LoweredProcess {
  steps: IrStep[];
  locals: IrLocal[];
  initialLabel: string;
  labels: string[];
}

export function yieldLabel(stmt: Node): { label: string; fairness?: FairnessKind; node: Node } | undefined {
  if (!Node.isExpressionStatement(stmt)) return undefined;
  const e = stmt.getExpression();
  if (!Node.isYieldExpression(e)) return undefined;
  if (e.getAsteriskToken()) fail(e, "TSLA046", "yield*", "steps cannot be delegated to helpers", "write the steps in the process body");
  const arg = e.getExpression();
  if (arg && Node.isStringLiteral(arg)) return { label: checkLabel(arg, arg.getLiteralValue()), node: arg };
  if (arg && Node.isCallExpression(arg) && arg.getExpression().getText() === "step") {
    const [l, f] = arg.getArguments();
    if (l && Node.isStringLiteral(l) && f && Node.isStringLiteral(f)) {
      return { label: checkLabel(l, l.getLiteralValue()), fairness: f.getLiteralValue() as FairnessKind, node: l };
    }
  }
  fail(arg ?? e, "TSLA035");
}

function checkLabel(node: Node, label: string): string {
  if (!LABEL_RE.test(label) || label === "Done") fail(node, "TSLA036", label);
  return label;
}

/** The labels of a process body, in order, for properties that name steps. */
export function collectLabels(fn: FunctionExpression, procName: string): string[] {
  const labels: string[] = [];
  fn.getBody().forEachDescendant((n, traversal) => {
    if (Node.isFunctionLikeDeclaration(n) && n !== fn) {
      // Not `return traversal.skip()`: skip() returns true, and a truthy result ends the whole walk.
      traversal.skip();
      return undefined;
    }
    if (Node.isExpressionStatement(n)) {
      const y = yieldLabel(n);
      if (y) {
        if (labels.includes(y.label)) fail(y.node, "TSLA034", y.label, procName);
        labels.push(y.label);
      }
    }
    return undefined;
  });
  return labels;
}

const containsYield = (n: Node): boolean =>
  n.getFirstDescendant((d) => Node.isYieldExpression(d) && d.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) === n.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a))) !== undefined;

/**
 * A local is used across steps when some use of it may run after a step boundary that follows its
 * declaration: a use after the first later yield in its block, or inside a loop that contains one.
 * (Syntactic, a superset of the steps that use it without declaring it; whether it is kept as state is
 * the liveness analysis's call, see liveness.ts.)
 */
function isCrossStep(decl: VariableDeclaration): boolean {
  const stmt = decl.getVariableStatement() ?? decl.getParentOrThrow();
  const scope = stmt.getParentOrThrow();
  if (Node.isForStatement(scope)) return containsYield(scope.getStatement());
  const later = scope.getChildSyntaxList()?.getChildren().filter((c) => c.getStart() >= stmt.getEnd()) ?? [];
  const yieldStarts = later.flatMap((c) =>
    [c, ...c.getDescendants()].filter((d) => Node.isYieldExpression(d)).map((d) => d.getStart()),
  );
  if (yieldStarts.length === 0) return false;
  const firstYield = Math.min(...yieldStarts);
  const uses = later.flatMap((c) => c.getDescendantsOfKind(SyntaxKind.Identifier)).filter((id) => id.getText() === decl.getName() && declOf(id) === decl);
  return uses.some((use) => use.getStart() > firstYield || insideLoopWithYield(use, scope));
}

function insideLoopWithYield(node: Node, stop: Node): boolean {
  for (let a = node.getParent(); a && a !== stop; a = a.getParent()) {
    if ((Node.isWhileStatement(a) || Node.isForStatement(a)) && containsYield(a.getStatement())) return true;
  }
  return false;
}

export function lowerProcess(ctx: LowerContext, proc: ProcessInfo, fn: FunctionExpression): LoweredProcess {
  const body = fn.getBody() as Block;
  const pl: ProcLowering = {
    ctx,
    proc,
    fn,
    locals: [],
    localByDecl: new Map(),
    labels: ctx.labels.get(proc.name) ?? [],
    liveAt: new Map(),
    defaults: new Map(),
    deadAcross: new Map(),
    startLabel: "",
  };
  collectLocals(pl, body);
  const initialLabel = findInitialLabel(pl, body.getStatements());
  const steps: IrStep[] = [];
  walkForSteps(body.getStatements(), undefined, undefined, (label, fairness, node, frame) => {
    ctx.beginDefinition();
    pl.startLabel = label;
    pl.alternatives = undefined;
    const st = initialState(pl);
    const action = run(pl, frame, st, { visitedLoops: new Set() });
    const next = frame.stmts[frame.idx];
    const operator = `${proc.name}_${label}`;
    // Set by branchFairness while `run` lowered the step.
    const alt = pl.alternatives as ProcLowering["alternatives"];
    steps.push({
      process: proc.name,
      label,
      operator,
      fairness,
      action,
      ...(alt ? { alternatives: { fairness: alt.fairness, operators: alternativeOperators(ctx, alt.node, operator) } } : {}),
      pos: ctx.pos(node.getParentOrThrow().getParentOrThrow()),
      firstStatement: next?.getText().split("\n")[0],
    });
  });
  return { steps, locals: pl.locals, initialLabel, labels: pl.labels };
}

/**
 * The process's locals that become TLA+ variables: those live at some step boundary (liveness.ts).
 * A local used across steps but live at none is not kept (`deadAcross`).
 */
function collectLocals(pl: ProcLowering, body: Block): void {
  const { ctx, proc } = pl;
  const liveness = analyzeLiveness(pl.fn);
  const order = (a: string, b: string) => pl.labels.indexOf(a) - pl.labels.indexOf(b);
  body.forEachDescendant((n, traversal) => {
    if (Node.isFunctionLikeDeclaration(n)) {
      traversal.skip();
      return undefined;
    }
    if (!Node.isVariableDeclaration(n)) return undefined;
    const at = [...liveness.atLabel].filter(([, x]) => x.live.has(n));
    if (at.length === 0 && !isCrossStep(n)) return undefined;
    if (!Node.isIdentifier(n.getNameNode())) fail(n, "TSLA040", "destructuring", "declare one variable at a time");
    const tsName = n.getName();
    const type = irTypeOf(n.getType(), n, `local ${tsName}`);
    if (at.length === 0) {
      pl.deadAcross.set(n, { tsName, type });
      return undefined;
    }
    const tlaName = ctx.tlaIdentifier(`${proc.name}_${tsName}`);
    const dflt = T.defaultValue(type, ctx.procSet);
    const liveAt = at.map(([label]) => label).sort(order);
    const reasons = at
      .sort(([a], [b]) => order(a, b))
      .map(([label, x]) => ({ label, boundary: ctx.pos(x.boundary), read: ctx.pos(x.live.get(n)!) }));
    const local: IrLocal = { process: proc.name, tsName, tlaName, type, init: dflt, pos: ctx.pos(n), liveAt, reasons };
    pl.locals.push(local);
    pl.localByDecl.set(n, local);
    pl.liveAt.set(local, new Set(liveAt));
    pl.defaults.set(local, dflt);
    return undefined;
  });
}

function initialState(pl: ProcLowering): SymState {
  const { ctx } = pl;
  const slots = new Map<string, Expr>();
  const bindings = new Map<Node, Binding>();
  for (const f of ctx.stateFields.values()) slots.set(`state:${f.tsName}`, T.atom(f.tlaName));
  for (const l of pl.locals) slots.set(`local:${l.tlaName}`, T.atom(`${l.tlaName}[self]`));
  for (const [decl, l] of pl.localByDecl) bindings.set(decl, { k: "slot", slot: `local:${l.tlaName}`, type: l.type, tsName: l.tsName });
  for (const [decl, d] of pl.deadAcross) {
    const slot = ctx.newSlot("let");
    slots.set(slot, T.defaultValue(d.type, ctx.procSet));
    bindings.set(decl, { k: "slot", slot, type: d.type, tsName: d.tsName });
  }
  const [self, s, c] = pl.fn.getParameters();
  if (self) bindings.set(self, { k: "value", expr: T.atom("self"), type: pl.proc.idType, selfOf: pl.proc });
  if (s) bindings.set(s, { k: "state" });
  if (c) bindings.set(c, { k: "consts" });
  const st: SymState = { slots, bindings };
  for (const [decl, l] of pl.localByDecl) bindKeptLocal(st, decl as VariableDeclaration, l.tsName);
  return st;
}

/**
 * Code before the first yield may only declare locals with initial values; they become Init where
 * the local is live at the first label (elsewhere the initial value is the type's default).
 */
function findInitialLabel(pl: ProcLowering, stmts: Statement[]): string {
  const pending: VariableDeclaration[] = [];
  for (const stmt of stmts) {
    const y = yieldLabel(stmt);
    if (y) {
      for (const d of pending) setLocalInit(pl, d, y.label);
      return y.label;
    }
    if (Node.isVariableStatement(stmt)) {
      for (const d of stmt.getDeclarations()) if (!pl.localByDecl.has(d) && !pl.deadAcross.has(d)) fail(d, "TSLA033");
      pending.push(...stmt.getDeclarations());
      continue;
    }
    if (isInfiniteLoop(stmt)) {
      const label = findInitialLabel(pl, blockStatements((stmt as LoopNode).getStatement()));
      for (const d of pending) setLocalInit(pl, d, label);
      return label;
    }
    // A do/switch/try/for-of around steps, or a yield expression, is reported as such (TSLA040/039).
    if (containsYield(stmt)) walkForSteps([stmt], undefined, undefined, () => undefined);
    fail(stmt, "TSLA033");
  }
  fail(pl.fn, "TSLA033");
}

function setLocalInit(pl: ProcLowering, d: VariableDeclaration, firstLabel: string): void {
  const local = pl.localByDecl.get(d);
  const init = d.getInitializer();
  if (!local && !pl.deadAcross.has(d)) fail(d, "TSLA033");
  if (!init) fail(d, "TSLA052", d.getName());
  const st: SymState = { slots: new Map(), bindings: new Map() };
  const [self, , c] = pl.fn.getParameters();
  if (self) st.bindings.set(self, { k: "value", expr: T.atom("self"), type: pl.proc.idType, selfOf: pl.proc });
  if (c) st.bindings.set(c, { k: "consts" });
  const value = lowerExpr({ ctx: pl.ctx, mode: "init", st }, init);
  if (local && pl.liveAt.get(local)!.has(firstLabel)) local.init = value;
}

function isInfiniteLoop(stmt: Node): boolean {
  if (Node.isForStatement(stmt)) return !stmt.getInitializer() && !stmt.getCondition() && !stmt.getIncrementor();
  if (Node.isWhileStatement(stmt)) return stmt.getExpression().getKind() === SyntaxKind.TrueKeyword;
  return false;
}

type StepVisitor = (label: string, fairness: FairnessKind | undefined, node: Node, frame: Frame) => void;

function walkForSteps(stmts: Statement[], parent: Frame | undefined, loop: LoopNode | undefined, visit: StepVisitor): void {
  stmts.forEach((stmt, i) => {
    const after: Frame = { stmts, idx: i + 1, loop, parent };
    const y = yieldLabel(stmt);
    if (y) return visit(y.label, y.fairness, y.node, after);
    if (Node.isIfStatement(stmt)) {
      walkForSteps(blockStatements(stmt.getThenStatement()), after, undefined, visit);
      const e = stmt.getElseStatement();
      if (e) walkForSteps(blockStatements(e), after, undefined, visit);
    } else if (Node.isBlock(stmt)) walkForSteps(stmt.getStatements(), after, undefined, visit);
    else if (Node.isWhileStatement(stmt) || Node.isForStatement(stmt)) {
      walkForSteps(blockStatements(stmt.getStatement()), after, stmt, visit);
    } else if (containsYield(stmt)) {
      const inner = stmt.getFirstDescendant((d) => Node.isYieldExpression(d))!;
      if (Node.isForOfStatement(stmt) || Node.isForInStatement(stmt) || Node.isDoStatement(stmt) || Node.isSwitchStatement(stmt) || Node.isTryStatement(stmt) || Node.isLabeledStatement(stmt)) {
        fail(stmt, "TSLA040", stmt.getKindName(), "use while/for(;;) loops and if/else around steps");
      }
      fail(inner, "TSLA039");
    }
    return undefined;
  });
}

// ---- symbolic execution ----

function env(pl: ProcLowering, st: SymState): ExprEnv {
  return { ctx: pl.ctx, mode: "step", st };
}

function leaf(pl: ProcLowering, st: SymState, nextLabel: string): Action {
  const updates = new Map<string, Expr>();
  for (const f of pl.ctx.stateFields.values()) {
    const v = st.slots.get(`state:${f.tsName}`)!;
    if (v.text !== f.tlaName) updates.set(f.tlaName, v);
  }
  updates.set("pc", T.atom(`[pc EXCEPT ![self] = ${T.str(nextLabel).text}]`));
  for (const [decl, l] of pl.localByDecl) {
    if (pl.liveAt.get(l)!.has(nextLabel)) checkRead(aliasEnv(env(pl, st)), (decl as VariableDeclaration).getNameNode(), decl);
  }
  for (const l of pl.locals) {
    const live = pl.liveAt.get(l)!;
    const unchanged = `${l.tlaName}[self]`;
    let v = st.slots.get(`local:${l.tlaName}`)!;
    // Dead where the step ends: reset to the default value (it already holds it when it was dead
    // where the step began and the step left it alone).
    if (!live.has(nextLabel)) {
      if (v.text === unchanged && !live.has(pl.startLabel)) continue;
      v = pl.defaults.get(l)!;
    }
    if (v.text !== unchanged) updates.set(l.tlaName, T.atom(`[${l.tlaName} EXCEPT ![self] = ${v.text}]`));
  }
  return { k: "leaf", updates };
}

function run(pl: ProcLowering, frame: Frame | undefined, st: SymState, path: Path): Action {
  for (;;) {
    if (!frame) return leaf(pl, st, "Done");
    if (frame.idx >= frame.stmts.length) {
      if (frame.iteration) return frame.iteration(st);
      if (frame.loop) return loopHead(pl, frame.loop, frame.parent, st, path);
      frame = frame.parent;
      continue;
    }
    const stmt = frame.stmts[frame.idx]!;
    const rest: Frame = { ...frame, idx: frame.idx + 1 };
    const y = yieldLabel(stmt);
    if (y) {
      if (insideCall(frame)) fail(stmt, "TSLA046", "yield", "a helper cannot start a step", "write the steps in the process body");
      return leaf(pl, st, y.label);
    }
    switch (stmt.getKind()) {
      case SyntaxKind.EmptyStatement:
        frame = rest;
        continue;
      case SyntaxKind.Block:
        frame = { stmts: (stmt as Block).getStatements(), idx: 0, parent: rest };
        continue;
      case SyntaxKind.VariableStatement:
        return declare(pl, stmt as import("ts-morph").VariableStatement, rest, st, path);
      case SyntaxKind.ExpressionStatement: {
        const expr = (stmt as import("ts-morph").ExpressionStatement).getExpression();
        return hoistChoices(pl, expr, st, "choice", (cur) => expressionStatement(pl, expr, rest, cur, path));
      }
      case SyntaxKind.IfStatement:
        return hoistChoices(pl, (stmt as import("ts-morph").IfStatement).getExpression(), st, "choice", (cur) => ifStatement(pl, stmt as import("ts-morph").IfStatement, rest, cur, path));
      case SyntaxKind.WhileStatement:
      case SyntaxKind.ForStatement: {
        const loop = stmt as LoopNode;
        if (Node.isForStatement(loop) && !isInfiniteLoop(loop)) fail(loop, "TSLA040", "for loop with a header", "write `for (;;)` or `while (cond)` and keep counters in locals");
        if (!containsYield(loop.getStatement())) fail(loop, "TSLA037");
        return loopHead(pl, loop, rest, st, path);
      }
      case SyntaxKind.BreakStatement:
      case SyntaxKind.ContinueStatement: {
        if ((stmt as import("ts-morph").BreakStatement).getLabel()) fail(stmt, "TSLA040", "labelled break/continue", "restructure the loop");
        let f: Frame | undefined = frame;
        while (f && !f.loop) f = f.parent;
        if (!f) fail(stmt, "TSLA040", stmt.getText(), "break and continue must be inside a loop");
        if (Node.isBreakStatement(stmt)) {
          frame = f.parent;
          continue;
        }
        return loopHead(pl, f.loop!, f.parent, st, path);
      }
      case SyntaxKind.ReturnStatement: {
        const ret = stmt as import("ts-morph").ReturnStatement;
        let f: Frame | undefined = frame;
        while (f && !f.call) f = f.parent;
        if (!f) {
          if (ret.getExpression()) fail(ret, "TSLA054", ret.getText());
          return leaf(pl, st, "Done");
        }
        if (ret.getExpression()) fail(ret, "TSLA048", (f.call as import("ts-morph").FunctionDeclaration).getName?.() ?? "helper");
        frame = f.parent;
        continue;
      }
      case SyntaxKind.SwitchStatement:
        fail(stmt, "TSLA040", "switch", "use if / else if");
      case SyntaxKind.ForOfStatement:
        return setLoop(pl, stmt as import("ts-morph").ForOfStatement, rest, st, path);
      case SyntaxKind.ForInStatement:
        fail(stmt, "TSLA040", "for...in", "loop over a set with for...of, or use all(), any() or array methods inside a step");
      case SyntaxKind.DoStatement:
        fail(stmt, "TSLA040", "do...while", "use for (;;) with a break");
      case SyntaxKind.TryStatement:
      case SyntaxKind.ThrowStatement:
        fail(stmt, "TSLA040", "exceptions", "model failures as state: a field or a step that records them");
      default:
        fail(stmt, "TSLA040", stmt.getKindName(), "see the README's language reference");
    }
  }
}

const insideCall = (frame: Frame | undefined): boolean => {
  for (let f = frame; f; f = f.parent) if (f.call) return true;
  return false;
};

function loopHead(pl: ProcLowering, loop: LoopNode, after: Frame | undefined, st: SymState, path: Path): Action {
  if (path.visitedLoops.has(loop)) fail(loop, "TSLA038");
  const next: Path = { visitedLoops: new Set([...path.visitedLoops, loop]) };
  const body: Frame = { stmts: blockStatements(loop.getStatement()), idx: 0, loop, parent: after };
  if (isInfiniteLoop(loop)) return run(pl, body, st, next);
  const condNode = Node.isWhileStatement(loop) ? loop.getExpression() : (loop as ForStatement).getConditionOrThrow();
  const cond = lowerCondition(env(pl, st), condNode);
  return branch(cond, run(pl, body, forkState(st), next), run(pl, after, forkState(st), next));
}

/**
 * `for (const q of set) { body }`: the body is run once, symbolically, with `q` a bound name; each ByPid
 * field it writes (at `[q]` only, see setLoop.ts) becomes one function over the set's elements.
 */
function setLoop(pl: ProcLowering, loop: import("ts-morph").ForOfStatement, rest: Frame, st: SymState, path: Path): Action {
  const e = env(pl, st);
  const decl = setLoopVariable(e, loop);
  const setType = typeOfNode(e, loop.getExpression());
  const q = pl.ctx.freshLocal(decl.getName());
  const inner = forkState(st);
  inner.loopWrites = [];
  inner.bindings.set(decl, { k: "value", expr: T.atom(q), ...(setType?.k === "set" ? { type: setType.elem } : {}) });
  const ends = new Map<Action, SymState>();
  const iteration = (end: SymState): Action => {
    const a: Action = { k: "leaf", updates: new Map() };
    ends.set(a, end);
    return a;
  };
  const tree = run(pl, { stmts: blockStatements(loop.getStatement()), idx: 0, iteration }, inner, path);
  const writes = loopWrites(e, st, inner.loopWrites, q, decl);
  checkLoopReads(e, loop, decl, writes);
  const written = [...new Set(writes.map((w) => w.slot))];
  const next = forkState(st);
  const lets: Array<[string, Expr]> = [];
  const named = (base: string, value: Expr): Expr => {
    if (value.atomic && !value.except) return value;
    const name = pl.ctx.freshLocal(base);
    lets.push([name, value]);
    return T.atom(name);
  };
  const set = written.length ? named(`${decl.getName()}_set`, lowerExpr(e, loop.getExpression())) : T.TRUE;
  for (const slot of written) {
    const field = slot.slice("state:".length);
    const before = st.slots.get(slot)!;
    const old = named(field, before);
    const after = pl.ctx.freshLocal(field);
    lets.push([after, mapAfterLoop(before, old, set, q, valueAt(loop, tree, ends, slot, T.atom(q), before, old))]);
    next.slots.set(slot, T.atom(after));
    noteWrite(next, { slot, segs: [{ k: "index" }] }, loop);
    st.loopWrites?.push({ slot, segs: [{ k: "index", expr: T.atom("?") }], node: loop });
  }
  let action = run(pl, rest, next, path);
  for (const [name, value] of lets.reverse()) action = { k: "let", name, value, body: action };
  return action;
}

function branch(cond: Expr, a: Action, b: Action): Action {
  if (cond.text === "TRUE") return a;
  if (cond.text === "FALSE") return b;
  return { k: "if", cond, then: a, else: b };
}

function ifStatement(pl: ProcLowering, stmt: import("ts-morph").IfStatement, rest: Frame, st: SymState, path: Path): Action {
  const thenFrame: Frame = { stmts: blockStatements(stmt.getThenStatement()), idx: 0, parent: rest };
  const elseStmt = stmt.getElseStatement();
  const elseFrame: Frame = elseStmt ? { stmts: blockStatements(elseStmt), idx: 0, parent: rest } : rest;
  if (langCallName(env(pl, st), stmt.getExpression()) === "nondet") {
    const alternatives = branchFairness(pl, stmt.getExpression() as import("ts-morph").CallExpression, rest);
    const branches = [run(pl, thenFrame, forkState(st), path), run(pl, elseFrame, forkState(st), path)];
    return { k: "either", branches, ...(alternatives ? { alternatives } : {}) };
  }
  const cond = lowerCondition(env(pl, st), stmt.getExpression());
  return branch(cond, run(pl, thenFrame, forkState(st), path), run(pl, elseFrame, forkState(st), path));
}

/**
 * `nondet({ fairness: "weak" | "strong" })`: true (the branches are the step's fair alternatives);
 * plain `nondet()`: undefined. One per step, in the process body: the TS engine tells the two apart by
 * the branch the step's one such call took.
 */
function branchFairness(pl: ProcLowering, call: import("ts-morph").CallExpression, rest: Frame): true | undefined {
  const [arg, ...more] = call.getArguments();
  if (!arg) return undefined;
  const hint = 'write nondet({ fairness: "weak" }) or nondet({ fairness: "strong" })';
  const props = Node.isObjectLiteralExpression(arg) ? arg.getProperties() : [];
  const prop = props[0];
  const value = prop && Node.isPropertyAssignment(prop) && prop.getName() === "fairness" ? prop.getInitializer() : undefined;
  const fairness = value && Node.isStringLiteral(value) ? value.getLiteralValue() : undefined;
  if (more.length || props.length !== 1 || (fairness !== "weak" && fairness !== "strong")) fail(arg, "TSLA046", arg.getText(), "the argument of nondet() says the fairness of each branch", hint);
  if (insideCall(rest)) fail(call, "TSLA046", call.getText(), "a helper's branches are not alternatives of one step", "write the if (nondet({ fairness })) in the process body");
  if (pl.alternatives && pl.alternatives.node !== call) {
    fail(call, "TSLA046", call.getText(), `step ${pl.startLabel} already has its fair alternatives (${pl.ctx.pos(pl.alternatives.node).line})`, "one nondet({ fairness }) per step; split the step with a yield");
  }
  pl.alternatives = { node: call, fairness };
  return true;
}

/** `<operator>_then` and `<operator>_else`, reserved as module names. */
function alternativeOperators(ctx: LowerContext, node: Node, operator: string): [string, string] {
  const names: [string, string] = [`${operator}_then`, `${operator}_else`];
  for (const n of names) {
    if (ctx.moduleNames.has(n)) fail(node, "TSLA070", n, "another name (the step's fair alternatives are named <process>_<label>_then and _else)");
    ctx.moduleNames.add(n);
  }
  return names;
}

function declare(pl: ProcLowering, stmt: import("ts-morph").VariableStatement, rest: Frame, st: SymState, path: Path): Action {
  if (stmt.getDeclarationKind() === "var") fail(stmt, "TSLA053");
  const decls = stmt.getDeclarations();
  const go = (i: number, cur: SymState): Action => {
    if (i >= decls.length) return run(pl, rest, cur, path);
    const d = decls[i]!;
    if (!Node.isIdentifier(d.getNameNode())) fail(d, "TSLA040", "destructuring", "declare one variable at a time");
    const init = d.getInitializer();
    if (!init) fail(d, "TSLA052", d.getName());
    const local = pl.localByDecl.get(d);
    const e = env(pl, cur);
    const places = mayBeObject(d) ? placesOf(aliasEnv(e), init) : [];
    // `const x = oneOf(S)` is the choice named x.
    return hoistChoices(pl, init, cur, d.getName(), (chosen) => {
      const next = forkState(chosen);
      const value = valueWithEffects(pl, init, next);
      bindLocalAlias(aliasEnv(env(pl, next)), d, places);
      if (local) {
        next.slots.set(`local:${local.tlaName}`, value);
        return go(i + 1, next);
      }
      // A `const` object is still written in place (`p.push(1)`, `e.f = 2`): it needs a slot too.
      const mutable = stmt.getDeclarationKind() === "let" || mayBeObject(d);
      return bindLocal(pl, d, value, next, mutable, (s) => go(i + 1, s));
    });
  };
  return go(0, st);
}

/**
 * `oneOf(values)` inside a statement (`s.x = oneOf(S) + 1`, `s.q.push(oneOf(S))`, `if (oneOf(S) > 1)`,
 * `const y = 2 * oneOf(S)`): where JavaScript always evaluates it, the statement becomes
 * `\E v \in S : <the statement with v>` (inner choices first). The set is read in the state before
 * the statement, as JS reads it (a statement changes the state only by its store), and an empty set
 * disables the step in both. Under `?:`, `&&`, `||`, `??` or in a callback JS may not evaluate it:
 * left to lowerLangCall, which rejects it (TSLA046). A choice that is the whole of `root` is named
 * `rootName` (the declared variable's name).
 */
function hoistChoices(pl: ProcLowering, root: Node, st: SymState, rootName: string, k: (st: SymState) => Action): Action {
  const e = env(pl, st);
  const hoisted = [root, ...root.getDescendants()]
    .filter((n): n is import("ts-morph").CallExpression => Node.isCallExpression(n) && n.getArguments().length === 1 && langCallName(e, n) === "oneOf" && alwaysEvaluated(n, root))
    .sort((a, b) => a.getEnd() - b.getEnd());
  if (hoisted.length === 0) return k(st);
  const next = forkState(st);
  const choices: Array<{ name: string; set: Expr }> = [];
  for (const c of hoisted) {
    const set = choiceSet(env(pl, next), c.getArguments()[0] as Expression);
    const name = pl.ctx.freshLocal(c === root ? rootName : "choice");
    next.bindings.set(c, { k: "value", expr: T.atom(name) });
    choices.push({ name, set });
  }
  let body = k(next);
  for (const ch of choices.reverse()) body = { k: "exists", name: ch.name, set: ch.set, body };
  return body;
}

/** JS evaluates `n` whenever it evaluates `root`: not in a callback, a `?:` branch, or the right of `&&`, `||`, `??`. */
function alwaysEvaluated(n: Node, root: Node): boolean {
  let child = n;
  for (let parent = n.getParent(); child !== root && parent; child = parent, parent = parent.getParent()) {
    if (Node.isArrowFunction(parent) || Node.isFunctionExpression(parent) || Node.isFunctionDeclaration(parent)) return false;
    if (Node.isConditionalExpression(parent) && child !== parent.getCondition()) return false;
    if (Node.isBinaryExpression(parent) && child === parent.getRight()) {
      const op = parent.getOperatorToken().getKind();
      if ([SyntaxKind.AmpersandAmpersandToken, SyntaxKind.BarBarToken, SyntaxKind.QuestionQuestionToken,
        SyntaxKind.AmpersandAmpersandEqualsToken, SyntaxKind.BarBarEqualsToken, SyntaxKind.QuestionQuestionEqualsToken].includes(op)) return false;
    }
  }
  return child === root;
}

/** Binds a step-local variable, naming non-trivial values with LET so the TLA+ stays readable. */
function bindLocal(pl: ProcLowering, d: VariableDeclaration, value: Expr, st: SymState, mutable: boolean, k: (st: SymState) => Action): Action {
  const named = value.atomic ? undefined : pl.ctx.freshLocal(d.getName());
  const expr = named ? carrying(T.atom(named), value) : value;
  if (mutable) {
    const slot = pl.ctx.newSlot("let");
    st.slots.set(slot, expr);
    st.bindings.set(d, { k: "slot", slot, tsName: d.getName() });
  } else st.bindings.set(d, { k: "value", expr });
  const body = k(st);
  return named ? { k: "let", name: named, value, body } : body;
}

/** An initializer's value; `q.shift()` / `q.pop()` also change q. */
function valueWithEffects(pl: ProcLowering, written: Expression, st: SymState): Expr {
  let init: Expression = written;
  while (Node.isNonNullExpression(init) || Node.isParenthesizedExpression(init)) init = init.getExpression();
  if (Node.isCallExpression(init)) {
    const callee = init.getExpression();
    if (Node.isPropertyAccessExpression(callee) && ["shift", "pop"].includes(callee.getName())) {
      const lv = lvalue(pl, callee.getExpression(), st);
      const cur = readLv(st, lv);
      writesInPlace(pl, st, callee.getExpression(), lv, init, callee.getName());
      // JS: on an empty array both give undefined and leave it empty.
      pl.ctx.usedPrelude.add("JsGet");
      if (callee.getName() === "shift") {
        writeLv(st, lv, mutate(pl, init, true, "shift", cur, [], []));
        return mayBeUndefined(T.call("JsGet", cur, T.num(0)));
      }
      writeLv(st, lv, mutate(pl, init, true, "pop", cur, [], []));
      return mayBeUndefined(T.call("JsGet", cur, T.binary("-", T.call("Len", cur), T.num(1))));
    }
  }
  return lowerExpr(env(pl, st), init);
}

// ---- writes ----

/** The local or parameter a write path starts from, and what it is bound to. */
function writeRoot(st: SymState, left: Node): { root?: Node; rootDecl?: Node; rootBinding?: Binding } {
  const root = rootIdentifier(left);
  const rootDecl = root ? declOf(root) : undefined;
  return { root, rootDecl, rootBinding: rootDecl ? st.bindings.get(rootDecl) : undefined };
}

/** `target = value`: a local now holds what the value points to; a store must not share an object. */
function assigns(pl: ProcLowering, st: SymState, next: SymState, left: Node, target: LValue, value: Expression, node: Node): void {
  const { root, rootDecl, rootBinding } = writeRoot(st, left);
  if (target.segs.length === 0 && rootBinding?.k === "slot") {
    if (mayBeObject(left)) bindLocalAlias(aliasEnv(env(pl, next)), rootDecl!, placesOf(aliasEnv(env(pl, st)), value));
    return;
  }
  if (target.segs.length > 0 && root && rootBinding && rootBinding.k !== "state") checkWriteThrough(aliasEnv(env(pl, st)), root);
  if (mayBeObject(value)) checkStored(aliasEnv(env(pl, next)), value, placeOfWrite(target.slot, target.segs), false);
  noteWrite(next, placeOfWrite(target.slot, target.segs), node);
}

/** A write inside the object at `target` (`x.f += 1`, `q.push(v)`). */
function writesInPlace(pl: ProcLowering, st: SymState, left: Node, target: LValue, node: Node, method?: string): void {
  const { root, rootBinding } = writeRoot(st, left);
  if (root && rootBinding && rootBinding.k !== "state" && (target.segs.length > 0 || method)) checkWriteThrough(aliasEnv(env(pl, st)), root);
  noteWrite(st, placeOfWrite(target.slot, target.segs), node, method);
}

interface LValue {
  slot: string;
  segs: T.PathSeg[];
  node: Node;
  /** Per segment: the 0-based JS index when the segment indexes an array (writeLv gives it JS's meaning). */
  jsIdx?: Array<Expr | undefined>;
  /** The segment (by identity) that keys a ByPid map with a process-set id literal, which the map may lack. */
  fnKey?: T.PathSeg;
  ctx?: LowerContext;
}

function lvalue(pl: ProcLowering, node: Node, st: SymState): LValue {
  const e = env(pl, st);
  if (Node.isParenthesizedExpression(node) || Node.isNonNullExpression(node)) return lvalue(pl, node.getExpression(), st);
  if (Node.isIdentifier(node)) {
    const b = bindingOf(e, node);
    if (!b) fail(node, "TSLA044", node.getText());
    if (b.k === "slot") return { slot: b.slot, segs: [], node };
    if (b.k === "alias") return { slot: b.slot, segs: [...b.segs], node };
    fail(node, "TSLA043", node.getText());
  }
  if (Node.isPropertyAccessExpression(node)) {
    const base = node.getExpression();
    const b = Node.isIdentifier(base) ? bindingOf(e, base) : undefined;
    if (b?.k === "state") {
      stateField(e, node, node.getName());
      return { slot: `state:${node.getName()}`, segs: [], node };
    }
    if (b?.k === "consts") fail(node, "TSLA042", node.getName());
    const bt = base.getType();
    if (node.getName() === "length" && (bt.isArray() || bt.isTuple())) fail(node, "TSLA090");
    const inner = lvalue(pl, base, st);
    return { ...inner, segs: [...inner.segs, { k: "field", name: node.getName() }], jsIdx: [...(inner.jsIdx ?? inner.segs.map(() => undefined)), undefined], node };
  }
  if (Node.isElementAccessExpression(node)) {
    const base = node.getExpression();
    const inner = lvalue(pl, base, st);
    const arg = node.getArgumentExpressionOrThrow();
    const t = base.getType();
    const isArr = t.isArray() || t.isTuple();
    const pidKey = isArr ? undefined : byPidKey(e, base, arg);
    const seg: T.PathSeg = isArr
      ? { k: "index", expr: seqIndex(e, arg) }
      : pidKey
        ? { k: "index", expr: pidKey }
        : Node.isStringLiteral(arg)
        ? { k: "field", name: arg.getLiteralValue() }
        : { k: "index", expr: lowerExpr(e, arg) };
    const jsIdx = [...(inner.jsIdx ?? inner.segs.map(() => undefined)), isArr ? lowerExpr(e, arg) : undefined];
    const fnKey = pidKey && pidKeyMayBeAbsent(e, arg) ? seg : inner.fnKey;
    return { ...inner, segs: [...inner.segs, seg], jsIdx, fnKey, ctx: pl.ctx, node };
  }
  fail(node, "TSLA043", node.getText());
}

/** The value at the path; an array element last is read as JS does (`undefined` outside the array). */
function readLv(st: SymState, lv: LValue): Expr {
  let v = st.slots.get(lv.slot)!;
  lv.segs.forEach((seg, i) => {
    const js = i === lv.segs.length - 1 ? lv.jsIdx?.[i] : undefined;
    if (js) {
      lv.ctx?.usedPrelude.add("JsGet");
      v = mayBeUndefined(T.call("JsGet", v, js));
    } else v = seg.k === "field" ? T.field(v, seg.name) : T.apply(v, seg.expr);
  });
  return v;
}

/**
 * Writes `value` at the path. An array index on the way must be inside the array (JS: reading it
 * gives undefined, and writing into undefined is a TypeError): `JsIdx` fails otherwise. A write to an
 * array element has JS's meaning, `JsPut`: past the end it extends the array (holes are undefined).
 */
function writeLv(st: SymState, lv: LValue, value: Expr): void {
  const cur = st.slots.get(lv.slot)!;
  const prefix = (n: number): Expr => {
    let v = cur;
    for (const seg of lv.segs.slice(0, n)) v = seg.k === "field" ? T.field(v, seg.name) : T.apply(v, seg.expr);
    return v;
  };
  let segs = lv.segs.map((seg, i): T.PathSeg => {
    const js = lv.jsIdx?.[i];
    if (!js || i === lv.segs.length - 1) return seg;
    lv.ctx?.usedPrelude.add("JsIdx");
    return { k: "index", expr: T.call("JsIdx", prefix(i), js) };
  });
  const last = lv.jsIdx?.[lv.segs.length - 1];
  const lastSeg = lv.segs[lv.segs.length - 1];
  if (lastSeg && lastSeg === lv.fnKey && lastSeg.k === "index") {
    // JS: `m["w2"] = v` adds the key when the map lacks it (an id this scenario does not have).
    lv.ctx?.usedPrelude.add("JsFnPut");
    value = T.call("JsFnPut", prefix(lv.segs.length - 1), lastSeg.expr, value);
    segs = segs.slice(0, -1);
  } else if (last) {
    lv.ctx?.usedPrelude.add("JsPut");
    value = T.call("JsPut", prefix(lv.segs.length - 1), last, value);
    segs = segs.slice(0, -1);
  }
  st.slots.set(lv.slot, segs.length === 0 ? value : T.except(cur, segs, value));
  st.loopWrites?.push({ slot: lv.slot, segs: lv.segs, node: lv.node });
}

function expressionStatement(pl: ProcLowering, expr: Expression, rest: Frame, st: SymState, path: Path): Action {
  const e = env(pl, st);
  if (Node.isYieldExpression(expr)) fail(expr, "TSLA035");
  if (Node.isBinaryExpression(expr)) {
    const op = expr.getOperatorToken().getKind();
    const next = forkState(st);
    if (op === SyntaxKind.EqualsToken) {
      // JS evaluates the target's path, then the value (which may shift or pop), then stores.
      const target = lvalue(pl, expr.getLeft(), st);
      assigns(pl, st, next, expr.getLeft(), target, expr.getRight(), expr);
      writeLv(next, target, valueWithEffects(pl, expr.getRight(), next));
      return run(pl, rest, next, path);
    }
    const arith = COMPOUND_OPS[op];
    if (arith) {
      checkArithmeticRange(expr);
      const lv = lvalue(pl, expr.getLeft(), st);
      writesInPlace(pl, next, expr.getLeft(), lv, expr);
      writeLv(next, lv, arithmetic(pl.ctx, readLv(st, lv), lowerExpr(e, expr.getRight()), (a, b) => T.binary(arith, a, b)));
      return run(pl, rest, next, path);
    }
  }
  if (Node.isPostfixUnaryExpression(expr) || Node.isPrefixUnaryExpression(expr)) {
    const tok = expr.getOperatorToken();
    if (tok === SyntaxKind.PlusPlusToken || tok === SyntaxKind.MinusMinusToken) {
      const next = forkState(st);
      checkArithmeticRange(expr);
      const lv = lvalue(pl, expr.getOperand(), st);
      writesInPlace(pl, next, expr.getOperand(), lv, expr);
      writeLv(next, lv, arithmetic(pl.ctx, readLv(st, lv), T.num(1), (a, b) => T.binary(tok === SyntaxKind.PlusPlusToken ? "+" : "-", a, b)));
      return run(pl, rest, next, path);
    }
  }
  if (Node.isCallExpression(expr)) return callStatement(pl, expr, rest, st, path);
  fail(expr, "TSLA040", `expression statement \`${expr.getText().slice(0, 40)}\``, "statements are assignments, updates, method calls on state, when(...), and helper calls");
}

function callStatement(pl: ProcLowering, call: import("ts-morph").CallExpression, rest: Frame, st: SymState, path: Path): Action {
  const e = env(pl, st);
  const lang = langCallName(e, call);
  const args = call.getArguments() as Expression[];
  if (lang === "when") return guard(lowerCondition(e, args[0]!), run(pl, rest, st, path));
  if (lang) fail(call, "TSLA046", `${lang}()`, "it has no effect as a statement", "use its value");
  const callee = call.getExpression();
  if (Node.isPropertyAccessExpression(callee)) {
    const method = callee.getName();
    const objType = callee.getExpression().getType();
    const isSeq = objType.isArray();
    const isSet = isSetType(objType);
    if (isSeq || isSet) {
      const next = forkState(st);
      const lv = lvalue(pl, callee.getExpression(), st);
      const cur = readLv(st, lv);
      const vals = args.map((a) => lowerExpr(e, a));
      if (["push", "unshift", "add"].includes(method)) {
        for (const a of args) if (mayBeObject(a)) checkStored(aliasEnv(env(pl, next)), a, placeOfWrite(lv.slot, lv.segs), true);
      }
      writesInPlace(pl, next, callee.getExpression(), lv, call, method);
      writeLv(next, lv, mutate(pl, call, isSeq, method, cur, vals, args));
      return run(pl, rest, next, path);
    }
  }
  const decl = declOf(callee);
  if (decl && (Node.isFunctionDeclaration(decl) || (Node.isVariableDeclaration(decl) && Node.isArrowFunction(decl.getInitializer())))) {
    return inlineStatementHelper(pl, call, decl, args, rest, st, path);
  }
  fail(call, "TSLA049", callee.getText());
}

function mutate(pl: ProcLowering, call: Node, isSeq: boolean, method: string, cur: Expr, vals: Expr[], args: Expression[]): Expr {
  if (isSeq) {
    switch (method) {
      case "push":
        return vals.reduce((acc, v) => T.call("Append", acc, v), cur);
      case "unshift":
        return T.binary("\\o", T.tuple(vals), cur);
      case "shift":
        // Not Tail: JS leaves an empty array empty.
        return T.call("SubSeq", cur, T.num(2), T.call("Len", cur));
      case "pop":
        return T.call("SubSeq", cur, T.num(1), T.binary("-", T.call("Len", cur), T.num(1)));
      case "splice": {
        if (args.length !== 2 || args[1]!.getText() !== "1") fail(call, "TSLA041", "splice other than splice(i, 1)", "remove one element: splice(i, 1); build other changes with slice and concat");
        // JS: a negative start counts from the end; a start at or past the end removes nothing.
        pl.ctx.usedPrelude.add("JsSpliceOne");
        return T.call("JsSpliceOne", cur, vals[0]!);
      }
      case "length":
      default:
        fail(call, "TSLA041", `array method .${method}() as a statement`, "supported: push, unshift, shift, pop, splice(i, 1)");
    }
  }
  switch (method) {
    case "add":
      return T.binary("\\cup", cur, T.setOf(vals));
    case "delete":
      return T.binary("\\", cur, T.setOf(vals));
    case "clear":
      return T.atom("{}");
    default:
      fail(call, "TSLA041", `set method .${method}() as a statement`, "supported: add, delete, clear");
  }
}

function guard(cond: Expr, body: Action): Action {
  return cond.text === "TRUE" ? body : { k: "guard", cond, body };
}

function inlineStatementHelper(
  pl: ProcLowering,
  call: import("ts-morph").CallExpression,
  decl: Node,
  args: Expression[],
  rest: Frame,
  st: SymState,
  path: Path,
): Action {
  for (let f: Frame | undefined = rest; f; f = f.parent) if (f.call === decl) fail(call, "TSLA047", call.getExpression().getText());
  const fn = Node.isFunctionDeclaration(decl) ? decl : ((decl as VariableDeclaration).getInitializer() as import("ts-morph").ArrowFunction);
  if (Node.isFunctionDeclaration(fn) && fn.isGenerator()) fail(call, "TSLA046", "generator helper", "helpers cannot contain steps", "write the steps in the process body");
  const body = fn.getBody();
  if (!body || !Node.isBlock(body)) fail(call, "TSLA041", "expression-bodied helper as a statement", "a statement helper has a block body");
  const next = forkState(st);
  const e = env(pl, st);
  const lets: Array<[string, Expr]> = [];
  fn.getParameters().forEach((p, i) => {
    const arg = args[i];
    if (p.isRestParameter()) fail(p, "TSLA041", "a rest parameter of a helper that changes the state", "take an array parameter instead");
    if (!arg || Node.isSpreadElement(arg)) fail(call, "TSLA041", arg ? "a spread argument" : "call with missing arguments", "pass every parameter");
    const b = Node.isIdentifier(arg) ? bindingOf(e, arg) : undefined;
    if (b && (b.k === "state" || b.k === "consts" || b.k === "alias")) {
      next.bindings.set(p, b);
      const info = next.aliases?.get(declOf(arg)!);
      if (info) next.aliases!.set(p, info);
      return;
    }
    const t = (() => {
      try {
        return irTypeOf(p.getType(), p, p.getName());
      } catch {
        return undefined;
      }
    })();
    if (t && isCompound(t) && isStatePath(e, arg)) {
      const lv = lvalue(pl, arg, st);
      next.bindings.set(p, { k: "alias", slot: lv.slot, segs: lv.segs, type: t });
      bindParameterAlias(next, p, lv.slot, lv.segs);
      return;
    }
    if (mayBeObject(arg)) bindLocalAlias(aliasEnv(env(pl, next)), p, placesOf(aliasEnv(e), arg).filter((x) => !x.owner));
    const value = lowerExpr(e, arg);
    if (value.atomic) next.bindings.set(p, { k: "value", expr: value });
    else {
      const name = pl.ctx.freshLocal(p.getName());
      lets.push([name, value]);
      next.bindings.set(p, { k: "value", expr: carrying(T.atom(name), value) });
    }
  });
  const frame: Frame = { stmts: body.getStatements(), idx: 0, call: decl, parent: rest };
  let action = run(pl, frame, next, path);
  for (const [name, value] of lets.reverse()) action = { k: "let", name, value, body: action };
  return action;
}

function isStatePath(e: ExprEnv, node: Node): boolean {
  if (Node.isNonNullExpression(node) || Node.isParenthesizedExpression(node)) return isStatePath(e, node.getExpression());
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    const base = node.getExpression();
    if (Node.isIdentifier(base)) return bindingOf(e, base)?.k === "state" || bindingOf(e, base)?.k === "alias";
    return isStatePath(e, base);
  }
  return false;
}
