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
import type { Action, Expr, FairnessKind, IrLocal, IrStep } from "../ir.ts";
import * as T from "../tla.ts";
import { forkState, type Binding, type LowerContext, type ProcessInfo, type SymState } from "./context.ts";
import {
  bindingOf,
  blockStatements,
  declOf,
  langCallName,
  lowerExpr,
  seqIndex,
  stateField,
  type ExprEnv,
} from "./expr.ts";
import { irTypeOf, isCompound } from "./types.ts";

type LoopNode = WhileStatement | ForStatement;

interface Frame {
  stmts: Statement[];
  idx: number;
  /** This frame is the body of a loop: running off its end goes back to the loop head. */
  loop?: LoopNode;
  /** This frame is the body of an inlined helper. */
  call?: Node;
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
    if (Node.isFunctionLikeDeclaration(n) && n !== fn) return traversal.skip();
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
 * A local lives across steps when some use of it may run after a step boundary that follows its
 * declaration: a use after the first later yield in its block, or inside a loop that contains one.
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
  const pl: ProcLowering = { ctx, proc, fn, locals: [], localByDecl: new Map(), labels: ctx.labels.get(proc.name) ?? [] };
  collectLocals(pl, body);
  const initialLabel = findInitialLabel(pl, body.getStatements());
  const steps: IrStep[] = [];
  walkForSteps(body.getStatements(), undefined, undefined, (label, fairness, node, frame) => {
    ctx.beginDefinition();
    const st = initialState(pl);
    const action = run(pl, frame, st, { visitedLoops: new Set() });
    const next = frame.stmts[frame.idx];
    steps.push({
      process: proc.name,
      label,
      operator: `${proc.name}_${label}`,
      fairness,
      action,
      pos: ctx.pos(node.getParentOrThrow().getParentOrThrow()),
      firstStatement: next?.getText().split("\n")[0],
    });
  });
  return { steps, locals: pl.locals, initialLabel, labels: pl.labels };
}

function collectLocals(pl: ProcLowering, body: Block): void {
  const { ctx, proc } = pl;
  body.forEachDescendant((n, traversal) => {
    if (Node.isFunctionLikeDeclaration(n)) return traversal.skip();
    if (Node.isVariableDeclaration(n) && isCrossStep(n)) {
      if (!Node.isIdentifier(n.getNameNode())) fail(n, "TSLA040", "destructuring", "declare one variable at a time");
      const tsName = n.getName();
      let tlaName = `${proc.name}_${tsName}`;
      for (let i = 2; ctx.moduleNames.has(tlaName); i++) tlaName = `${proc.name}_${tsName}_${i}`;
      ctx.moduleNames.add(tlaName);
      const type = irTypeOf(n.getType(), n, `local ${tsName}`);
      pl.locals.push({ process: proc.name, tsName, tlaName, type, init: T.defaultValue(type, ctx.procSet), pos: ctx.pos(n) });
      pl.localByDecl.set(n, pl.locals[pl.locals.length - 1]!);
    }
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
  const [self, s, c] = pl.fn.getParameters();
  if (self) bindings.set(self, { k: "value", expr: T.atom("self"), type: { k: "pid" } });
  if (s) bindings.set(s, { k: "state" });
  if (c) bindings.set(c, { k: "consts" });
  return { slots, bindings };
}

/** Code before the first yield may only declare locals with initial values; they become Init. */
function findInitialLabel(pl: ProcLowering, stmts: Statement[]): string {
  for (const stmt of stmts) {
    const y = yieldLabel(stmt);
    if (y) return y.label;
    if (Node.isVariableStatement(stmt)) {
      for (const d of stmt.getDeclarations()) setLocalInit(pl, d);
      continue;
    }
    if (isInfiniteLoop(stmt)) return findInitialLabel(pl, blockStatements((stmt as LoopNode).getStatement()));
    // A do/switch/try/for-of around steps, or a yield expression, is reported as such (TSLA040/039).
    if (containsYield(stmt)) walkForSteps([stmt], undefined, undefined, () => undefined);
    fail(stmt, "TSLA033");
  }
  fail(pl.fn, "TSLA033");
}

function setLocalInit(pl: ProcLowering, d: VariableDeclaration): void {
  const local = pl.localByDecl.get(d);
  const init = d.getInitializer();
  if (!local) fail(d, "TSLA033");
  if (!init) fail(d, "TSLA052", d.getName());
  const st: SymState = { slots: new Map(), bindings: new Map() };
  const [self, , c] = pl.fn.getParameters();
  if (self) st.bindings.set(self, { k: "value", expr: T.atom("self"), type: { k: "pid" } });
  if (c) st.bindings.set(c, { k: "consts" });
  local.init = lowerExpr({ ctx: pl.ctx, mode: "init", st }, init);
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
  for (const l of pl.locals) {
    const v = st.slots.get(`local:${l.tlaName}`)!;
    if (v.text !== `${l.tlaName}[self]`) updates.set(l.tlaName, T.atom(`[${l.tlaName} EXCEPT ![self] = ${v.text}]`));
  }
  return { k: "leaf", updates };
}

function run(pl: ProcLowering, frame: Frame | undefined, st: SymState, path: Path): Action {
  for (;;) {
    if (!frame) return leaf(pl, st, "Done");
    if (frame.idx >= frame.stmts.length) {
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
      case SyntaxKind.ExpressionStatement:
        return expressionStatement(pl, (stmt as import("ts-morph").ExpressionStatement).getExpression(), rest, st, path);
      case SyntaxKind.IfStatement:
        return ifStatement(pl, stmt as import("ts-morph").IfStatement, rest, st, path);
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
      case SyntaxKind.ForInStatement:
        fail(stmt, "TSLA040", "for...of/for...in", "use all(), any() or array methods inside a step; loop with for(;;) across steps");
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
  const cond = lowerExpr(env(pl, st), condNode);
  return branch(cond, run(pl, body, forkState(st), next), run(pl, after, forkState(st), next));
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
    return { k: "either", branches: [run(pl, thenFrame, forkState(st), path), run(pl, elseFrame, forkState(st), path)] };
  }
  const cond = lowerExpr(env(pl, st), stmt.getExpression());
  return branch(cond, run(pl, thenFrame, forkState(st), path), run(pl, elseFrame, forkState(st), path));
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
    const lang = langCallName(e, init);
    if (lang === "oneOf") {
      const set = lowerExpr(e, (init as import("ts-morph").CallExpression).getArguments()[0] as Expression);
      const name = pl.ctx.freshLocal(d.getName());
      const next = forkState(cur);
      if (local) next.slots.set(`local:${local.tlaName}`, T.atom(name));
      else next.bindings.set(d, { k: "value", expr: T.atom(name) });
      return { k: "exists", name, set, body: go(i + 1, next) };
    }
    const next = forkState(cur);
    const value = valueWithEffects(pl, init, next);
    if (local) {
      next.slots.set(`local:${local.tlaName}`, value);
      return go(i + 1, next);
    }
    return bindLocal(pl, d, value, next, stmt.getDeclarationKind() === "let", (s) => go(i + 1, s));
  };
  return go(0, st);
}

/** Binds a step-local variable, naming non-trivial values with LET so the TLA+ stays readable. */
function bindLocal(pl: ProcLowering, d: VariableDeclaration, value: Expr, st: SymState, mutable: boolean, k: (st: SymState) => Action): Action {
  const named = value.atomic ? undefined : pl.ctx.freshLocal(d.getName());
  const expr = named ? T.atom(named) : value;
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
      if (callee.getName() === "shift") {
        writeLv(st, lv, T.call("Tail", cur));
        return T.call("Head", cur);
      }
      writeLv(st, lv, T.call("SubSeq", cur, T.num(1), T.binary("-", T.call("Len", cur), T.num(1))));
      return T.apply(cur, T.call("Len", cur));
    }
  }
  return lowerExpr(env(pl, st), init);
}

// ---- writes ----

interface LValue {
  slot: string;
  segs: T.PathSeg[];
  node: Node;
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
    const inner = lvalue(pl, base, st);
    return { ...inner, segs: [...inner.segs, { k: "field", name: node.getName() }], node };
  }
  if (Node.isElementAccessExpression(node)) {
    const base = node.getExpression();
    const inner = lvalue(pl, base, st);
    const arg = node.getArgumentExpressionOrThrow();
    const t = base.getType();
    const seg: T.PathSeg = t.isArray() || t.isTuple()
      ? { k: "index", expr: seqIndex(e, arg) }
      : Node.isStringLiteral(arg)
        ? { k: "field", name: arg.getLiteralValue() }
        : { k: "index", expr: lowerExpr(e, arg) };
    return { ...inner, segs: [...inner.segs, seg], node };
  }
  fail(node, "TSLA043", node.getText());
}

function readLv(st: SymState, lv: LValue): Expr {
  let v = st.slots.get(lv.slot)!;
  for (const seg of lv.segs) v = seg.k === "field" ? T.field(v, seg.name) : T.apply(v, seg.expr);
  return v;
}

function writeLv(st: SymState, lv: LValue, value: Expr): void {
  const cur = st.slots.get(lv.slot)!;
  st.slots.set(lv.slot, lv.segs.length === 0 ? value : T.except(cur, lv.segs, value));
}

const COMPOUND_OPS: Partial<Record<SyntaxKind, string>> = {
  [SyntaxKind.PlusEqualsToken]: "+",
  [SyntaxKind.MinusEqualsToken]: "-",
  [SyntaxKind.AsteriskEqualsToken]: "*",
};

function expressionStatement(pl: ProcLowering, expr: Expression, rest: Frame, st: SymState, path: Path): Action {
  const e = env(pl, st);
  if (Node.isYieldExpression(expr)) fail(expr, "TSLA035");
  if (Node.isBinaryExpression(expr)) {
    const op = expr.getOperatorToken().getKind();
    const next = forkState(st);
    if (op === SyntaxKind.EqualsToken) {
      const target = lvalue(pl, expr.getLeft(), st);
      writeLv(next, target, lowerExpr(e, expr.getRight()));
      return run(pl, rest, next, path);
    }
    const arith = COMPOUND_OPS[op];
    if (arith) {
      const lv = lvalue(pl, expr.getLeft(), st);
      writeLv(next, lv, T.binary(arith, readLv(st, lv), lowerExpr(e, expr.getRight())));
      return run(pl, rest, next, path);
    }
  }
  if (Node.isPostfixUnaryExpression(expr) || Node.isPrefixUnaryExpression(expr)) {
    const tok = expr.getOperatorToken();
    if (tok === SyntaxKind.PlusPlusToken || tok === SyntaxKind.MinusMinusToken) {
      const next = forkState(st);
      const lv = lvalue(pl, expr.getOperand(), st);
      writeLv(next, lv, T.binary(tok === SyntaxKind.PlusPlusToken ? "+" : "-", readLv(st, lv), T.num(1)));
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
  if (lang === "when") return guard(lowerExpr(e, args[0]!), run(pl, rest, st, path));
  if (lang) fail(call, "TSLA046", `${lang}()`, "it has no effect as a statement", "use its value");
  const callee = call.getExpression();
  if (Node.isPropertyAccessExpression(callee)) {
    const method = callee.getName();
    const objType = callee.getExpression().getType();
    const isSeq = objType.isArray();
    const isSet = ["Set", "ReadonlySet"].includes(objType.getSymbol()?.getName() ?? "");
    if (isSeq || isSet) {
      const next = forkState(st);
      const lv = lvalue(pl, callee.getExpression(), st);
      const cur = readLv(st, lv);
      const vals = args.map((a) => lowerExpr(e, a));
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
        return T.call("Tail", cur);
      case "pop":
        return T.call("SubSeq", cur, T.num(1), T.binary("-", T.call("Len", cur), T.num(1)));
      case "splice": {
        if (args.length !== 2 || args[1]!.getText() !== "1") fail(call, "TSLA041", "splice other than splice(i, 1)", "remove one element: splice(i, 1)");
        pl.ctx.usedPrelude.add("SeqRemoveAt");
        return T.call("SeqRemoveAt", cur, T.binary("+", vals[0]!, T.num(1)));
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
    if (!arg) fail(call, "TSLA041", "call with missing arguments", "pass every parameter");
    const b = Node.isIdentifier(arg) ? bindingOf(e, arg) : undefined;
    if (b && (b.k === "state" || b.k === "consts" || b.k === "alias")) {
      next.bindings.set(p, b);
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
      return;
    }
    const value = lowerExpr(e, arg);
    if (value.atomic) next.bindings.set(p, { k: "value", expr: value });
    else {
      const name = pl.ctx.freshLocal(p.getName());
      lets.push([name, value]);
      next.bindings.set(p, { k: "value", expr: T.atom(name) });
    }
  });
  const frame: Frame = { stmts: body.getStatements(), idx: 0, call: decl, parent: rest };
  let action = run(pl, frame, next, path);
  for (const [name, value] of lets.reverse()) action = { k: "let", name, value, body: action };
  return action;
}

function isStatePath(e: ExprEnv, node: Node): boolean {
  if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
    const base = node.getExpression();
    if (Node.isIdentifier(base)) return bindingOf(e, base)?.k === "state" || bindingOf(e, base)?.k === "alias";
    return isStatePath(e, base);
  }
  return false;
}
