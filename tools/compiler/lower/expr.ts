// TS expressions → TLA+ expressions, under the symbolic state of a path.
import {
  ArrowFunction,
  CallExpression,
  ElementAccessExpression,
  Expression,
  FunctionDeclaration,
  Node,
  PropertyAccessExpression,
  Statement,
  SyntaxKind,
  Type,
} from "ts-morph";
import { fail } from "../diagnostics.ts";
import { pidConstant, type Expr, type IrType } from "../ir.ts";
import * as T from "../tla.ts";
import type { Binding, LowerContext, Mode, SymState } from "./context.ts";
import { forkState } from "./context.ts";
import { checkArithmeticRange, checkTlcInt, excludesZero, intBounds, irTypeOf, isSetType, isValueSetType } from "./types.ts";
import { checkRead, type AliasEnv } from "./aliasing.ts";
import { checkReferenceEquality, checkReferenceMembership, typeMayBeObject } from "./valueSemantics.ts";
import { arithmetic, arithmetic1, carrying, isBooleanTyped, mayBeUndefined, ordering, strictEquality, truthy } from "./jsValues.ts";

export interface ExprEnv {
  ctx: LowerContext;
  mode: Mode;
  st: SymState;
}

/** The declaration an identifier resolves to (through imports). */
export function declOf(node: Node): Node | undefined {
  const sym = node.getSymbol();
  const target = sym?.isAlias() ? sym.getAliasedSymbol() : sym;
  return target?.getValueDeclaration() ?? target?.getDeclarations()[0];
}

export function bindingOf(env: ExprEnv, id: Node): Binding | undefined {
  const decl = declOf(id);
  return decl ? env.st.bindings.get(decl) : undefined;
}

/** The view of the lowering state that alias tracking needs. */
export function aliasEnv(env: ExprEnv): AliasEnv {
  return { st: env.st, bindingOf: (id) => bindingOf(env, id), declOf, isLang: (d) => env.ctx.isLang(d) };
}

/** The IR type of an expression as the TS checker sees it. */
export function typeOfNode(env: ExprEnv, node: Node): IrType | undefined {
  return typeOfType(node.getType(), node);
}

function typeOfType(t: Type, node: Node): IrType | undefined {
  try {
    return irTypeOf(t, node, node.getText());
  } catch {
    return undefined;
  }
}

function langName(env: ExprEnv, callee: Node): string | undefined {
  const decl = declOf(callee);
  return env.ctx.isLang(decl) && Node.isFunctionDeclaration(decl) ? decl.getName() : undefined;
}

export function langCallName(env: ExprEnv, node: Node): string | undefined {
  return Node.isCallExpression(node) ? langName(env, node.getExpression()) : undefined;
}

const isSeqType = (t: Type): boolean =>
  t.isArray() || t.getSymbol()?.getName() === "ReadonlyArray" || t.isTuple();

/** Lowers an expression to a TLA+ value. */
export function lowerExpr(env: ExprEnv, node: Expression): Expr {
  const { ctx } = env;
  switch (node.getKind()) {
    case SyntaxKind.NumericLiteral:
      return T.num(numericValue(node as import("ts-morph").NumericLiteral));
    case SyntaxKind.StringLiteral:
    case SyntaxKind.NoSubstitutionTemplateLiteral:
      return stringLiteral(env, node as import("ts-morph").StringLiteral);
    case SyntaxKind.TrueKeyword:
      return T.TRUE;
    case SyntaxKind.FalseKeyword:
      return T.FALSE;
    case SyntaxKind.NullKeyword:
      ctx.usesNull = true;
      return T.atom(T.NULL_VALUE);
    case SyntaxKind.ParenthesizedExpression:
    case SyntaxKind.NonNullExpression:
    case SyntaxKind.AsExpression:
    case SyntaxKind.SatisfiesExpression:
      return lowerExpr(env, (node as import("ts-morph").ParenthesizedExpression).getExpression());
    case SyntaxKind.Identifier:
      return lowerIdentifier(env, node);
    case SyntaxKind.PropertyAccessExpression:
      return lowerPropertyAccess(env, node as PropertyAccessExpression);
    case SyntaxKind.ElementAccessExpression:
      return lowerElementAccess(env, node as ElementAccessExpression);
    case SyntaxKind.PrefixUnaryExpression:
      return lowerPrefix(env, node as import("ts-morph").PrefixUnaryExpression);
    case SyntaxKind.BinaryExpression:
      return lowerBinary(env, node as import("ts-morph").BinaryExpression);
    case SyntaxKind.ConditionalExpression: {
      const c = node as import("ts-morph").ConditionalExpression;
      return T.ifThenElse(lowerCondition(env, c.getCondition()), lowerExpr(env, c.getWhenTrue()), lowerExpr(env, c.getWhenFalse()));
    }
    case SyntaxKind.ObjectLiteralExpression:
      return lowerObjectLiteral(env, node as import("ts-morph").ObjectLiteralExpression);
    case SyntaxKind.ArrayLiteralExpression:
      return lowerArrayLiteral(env, node as import("ts-morph").ArrayLiteralExpression);
    case SyntaxKind.CallExpression:
      return lowerCall(env, node as CallExpression);
    case SyntaxKind.NewExpression:
      return lowerNew(env, node as import("ts-morph").NewExpression);
    case SyntaxKind.YieldExpression:
      fail(node, "TSLA039");
    case SyntaxKind.TemplateExpression:
      fail(node, "TSLA041", "template string", "strings are values here: use a string literal");
    case SyntaxKind.ArrowFunction:
    case SyntaxKind.FunctionExpression:
      fail(node, "TSLA041", "function value", "functions may only be passed to all, any, filterSet, mapSet, some, every, filter, map, byPid and fnOn");
    case SyntaxKind.PostfixUnaryExpression:
      fail(node, "TSLA041", `${node.getText()} as a value`, "write the update as a statement of its own");
    default:
      fail(node, "TSLA041", node.getKindName(), "see the README's language reference for what expressions are supported");
  }
}

/** A string where a Pid is expected is a process id (`pidLiteral`). */
function stringLiteral(env: ExprEnv, node: import("ts-morph").StringLiteral): Expr {
  const value = node.getLiteralValue();
  if (!wantsPid(node, value)) return T.str(value);
  return pidLiteral(env, node, value);
}

/** A process id is a TLA+ identifier, as the scenario's ids are (lower/scenarios.ts). */
const PID_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * The string `value` as a process id. A single process's name is the model value of that name (a
 * CONSTANT `main` with `main = main` in every cfg). Any other id may be one of a process set's ids,
 * which come from the scenario: it is the CONSTANT `Pid_<id>`, which every cfg sets to the model value
 * `<id>` (TLC interns model values by name: the same value as the `<id>` in `W = {w1, <id>}`). An id
 * that is in no set of the scenario equals none of its processes, as the string does in JS.
 */
function pidLiteral(env: ExprEnv, node: Node, value: string): Expr {
  const { ctx } = env;
  const proc = ctx.processes.get(value);
  if (proc && !proc.set) return T.atom(value);
  if (!PID_NAME.test(value)) {
    fail(node, "TSLA041", `process id "${value}"`, "a process id is a TLA+ identifier (letters, digits, _, starting with a letter), as the scenario's ids are");
  }
  const name = pidConstant(value);
  if (!ctx.pidLiterals.has(value)) {
    if (ctx.moduleNames.has(name)) fail(node, "TSLA070", name, `a name of the protocol; it is the TLA+ constant of the process id "${value}"`);
    ctx.moduleNames.add(name);
    ctx.pidLiterals.set(value, ctx.pos(node));
  }
  return T.atom(name);
}

/**
 * A string literal is a process id where its contextual type admits a Pid (`Pid`, `Pid | null`) and the
 * literal is not one of its string-literal members, and likewise as an operand of `===` / `!==` whose
 * other side admits a Pid (`"p1" === self`, `s.holder !== "p1"`): a Pid is a model value in TLA+, so the
 * string "p1" would never equal it there while it does in TS.
 */
function wantsPid(node: Node, value: string): boolean {
  const admits = (t: Type | undefined): boolean => {
    if (!t) return false;
    const parts = t.isUnion() ? t.getUnionTypes() : [t];
    if (parts.some((u) => u.isStringLiteral() && u.getLiteralValue() === value)) return false;
    return parts.some((u) => irTypeIsPid(u, node));
  };
  if (admits((node as Expression).getContextualType())) return true;
  let child: Node = node;
  let parent = node.getParent();
  while (parent && Node.isParenthesizedExpression(parent)) [child, parent] = [parent, parent.getParent()];
  if (parent && Node.isBinaryExpression(parent)) {
    const k = parent.getOperatorToken().getKind();
    if (k === SyntaxKind.EqualsEqualsEqualsToken || k === SyntaxKind.ExclamationEqualsEqualsToken) {
      const other = parent.getLeft() === child ? parent.getRight() : parent.getLeft();
      return admits(other.getType());
    }
  }
  return false;
}

function irTypeIsPid(t: Type, where: Node): boolean {
  try {
    return irTypeOf(t, where, "").k === "pid";
  } catch {
    return false;
  }
}

function lowerIdentifier(env: ExprEnv, node: Node): Expr {
  const text = node.getText();
  if (text === "undefined") fail(node, "TSLA050", "undefined", "use null for 'no value'");
  const binding = bindingOf(env, node);
  if (binding) {
    checkRead(aliasEnv(env), node);
    return readBinding(env, node, binding);
  }
  const decl = declOf(node);
  // Globals of the JS library (Infinity, NaN, ...) and declared-only consts are reported at the use.
  const ownConst = decl && Node.isVariableDeclaration(decl) && decl.hasInitializer() && !decl.getSourceFile().isDeclarationFile();
  if (ownConst && isModuleLevel(decl)) return moduleConstant(env, decl);
  fail(node, "TSLA044", text);
}

function readBinding(env: ExprEnv, node: Node, b: Binding): Expr {
  switch (b.k) {
    case "value":
      return b.expr;
    case "slot":
      return env.st.slots.get(b.slot)!;
    case "alias":
      return readPath(env, b.slot, b.segs);
    case "state":
    case "consts":
      fail(node, "TSLA041", `\`${node.getText()}\` as a value`, "read its fields: s.field, c.Name");
  }
}

function readPath(env: ExprEnv, slot: string, segs: T.PathSeg[]): Expr {
  let e = env.st.slots.get(slot)!;
  for (const seg of segs) e = seg.k === "field" ? T.field(e, seg.name) : T.apply(e, seg.expr);
  return e;
}

function isModuleLevel(decl: Node): boolean {
  return decl.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) === undefined;
}

/**
 * A module-level value is read by TLA+ as a constant: it must be a `const`, and no top-level statement
 * (which runs when the module loads, before any checking) may change it.
 */
export function checkModuleConstant(decl: import("ts-morph").VariableDeclaration): void {
  // A top-level statement first: it is what changes the value (`let X = 1; X = 2;` is reported there).
  for (const st of decl.getSourceFile().getStatements()) {
    if (Node.isImportDeclaration(st) || Node.isExportDeclaration(st) || Node.isExportAssignment(st) || Node.isFunctionDeclaration(st) ||
        Node.isInterfaceDeclaration(st) || Node.isTypeAliasDeclaration(st) || Node.isVariableStatement(st) || Node.isEmptyStatement(st)) continue;
    fail(st, "TSLA104", decl.getName(), "is declared in a file with a top-level statement, which runs when the module loads and may change it");
  }
  const kind = decl.getVariableStatement()?.getDeclarationKind();
  if (kind !== "const") fail(decl, "TSLA104", decl.getName(), `is declared with \`${kind}\`: TypeScript can change it, TLA+ reads its initial value as a constant`);
}

/** A module-level `const NAME = <literal expression>` becomes a TLA+ operator `NAME == ...`. */
function moduleConstant(env: ExprEnv, decl: import("ts-morph").VariableDeclaration): Expr {
  const { ctx } = env;
  const existing = ctx.operatorByDecl.get(decl);
  if (existing) return T.atom(existing);
  const init = decl.getInitializer();
  if (!init || Node.isArrowFunction(init) || Node.isFunctionExpression(init)) fail(decl, "TSLA044", decl.getName());
  checkModuleConstant(decl);
  const name = decl.getName();
  const body = lowerExpr({ ctx, mode: "pure", st: { slots: new Map(), bindings: new Map() } }, init);
  ctx.operators.push({ name, params: [], body, comment: `${ctx.rel(decl.getSourceFile().getFilePath())}:${ctx.pos(decl).line}`, pos: ctx.pos(decl) });
  ctx.operatorByDecl.set(decl, name);
  ctx.moduleNames.add(name);
  return T.atom(name);
}

function lowerPropertyAccess(env: ExprEnv, node: PropertyAccessExpression): Expr {
  const base = node.getExpression();
  const name = node.getName();
  const baseBinding = Node.isIdentifier(base) ? bindingOf(env, base) : undefined;
  if (baseBinding?.k === "state") return stateField(env, node, name, baseBinding.primed);
  if (baseBinding?.k === "consts") return constantRef(env, node, name);
  const baseType = base.getType();
  const spread = name === "length" ? setSpreadLiteral(base) : undefined;
  if (spread) return setSpreadLength(env, spread);
  if (name === "length" && isSeqType(baseType)) return T.call("Len", lowerExpr(env, base));
  if (name === "size" && isSetType(baseType)) return T.call("Cardinality", lowerExpr(env, base));
  if (isSeqType(baseType) || isSetType(baseType)) fail(node, "TSLA041", `.${name}`, "supported: .length on arrays, .size on sets");
  return T.field(lowerExpr(env, base), name);
}

export function stateField(env: ExprEnv, node: Node, name: string, primed?: true): Expr {
  const field = env.ctx.stateFields.get(name);
  if (!field) fail(node, "TSLA044", `s.${name}`);
  if (env.mode === "pure") fail(node, "TSLA046", `s.${name}`, "a pure helper cannot read the state", "pass the value as a parameter");
  if (env.mode === "init") fail(node, "TSLA046", `s.${name}`, "init cannot read the state", "compute initial values from constants");
  if (primed) return T.atom(`${field.tlaName}'`);
  return env.st.slots.get(`state:${name}`) ?? T.atom(field.tlaName);
}

function constantRef(env: ExprEnv, node: Node, name: string): Expr {
  if (!env.ctx.constants.has(name)) fail(node, "TSLA044", `c.${name}`);
  return T.atom(name);
}

function lowerElementAccess(env: ExprEnv, node: ElementAccessExpression): Expr {
  const base = node.getExpression();
  const arg = node.getArgumentExpressionOrThrow();
  const baseType = base.getType();
  const tupleLength = baseType.isTuple() ? baseType.getTupleElements().length : undefined;
  if (tupleLength !== undefined && Node.isNumericLiteral(arg) && numericValue(arg) >= 0 && numericValue(arg) < tupleLength) {
    // A tuple has an element at each of its positions.
    return T.apply(lowerExpr(env, base), T.num(numericValue(arg) + 1));
  }
  if (isSeqType(baseType)) {
    // JS: outside the elements (negative, past the end) the read gives undefined.
    ctxPrelude(env, "JsGet");
    return mayBeUndefined(T.call("JsGet", lowerExpr(env, base), lowerExpr(env, arg)));
  }
  const key = byPidKey(env, base, arg);
  if (key && pidKeyMayBeAbsent(env, arg)) {
    // JS: a key that is not in the map (an id this scenario does not have) reads as undefined.
    ctxPrelude(env, "JsFnGet");
    return mayBeUndefined(T.call("JsFnGet", lowerExpr(env, base), key));
  }
  if (key) return T.apply(lowerExpr(env, base), key);
  if (Node.isStringLiteral(arg)) return T.field(lowerExpr(env, base), arg.getLiteralValue());
  return T.apply(lowerExpr(env, base), lowerExpr(env, arg));
}

/**
 * The constant set an `fnOn(c.K, ...)` builds its map on: `c.K` itself, the set the type it is given
 * to names (`FnOn<"K", V>`), so that the map's TLA+ domain is the one TypeOK and the steps expect.
 */
export function fnOnDomain(env: ExprEnv, call: CallExpression): string {
  const [keys] = call.getArguments();
  const named = keys && Node.isPropertyAccessExpression(keys) && Node.isIdentifier(keys.getExpression()) && bindingOf(env, keys.getExpression())?.k === "consts" ? keys.getName() : undefined;
  const context = call.getContextualType();
  const expected = context ? typeOfType(context, call) : undefined;
  const domain = expected?.k === "byPid" ? expected.domain : undefined;
  if (!named || !env.ctx.constants.has(named) || (domain !== undefined && domain !== named)) {
    fail(keys ?? call, "TSLA046", "fnOn()", `its set is the constant its FnOn type names${domain ? ` (c.${domain})` : ""}`, `write fnOn(c.${domain ?? "K"}, (k) => value) for a field of type FnOn<"${domain ?? "K"}", V>`);
  }
  return named;
}

/** The values `oneOf(values)` picks from, as a TLA+ set (an array's elements: `Elems(q)`). */
export function choiceSet(env: ExprEnv, values: Expression): Expr {
  return asSet(env, values) ?? lowerExpr(env, values);
}

/** A set as it is, an array as the set of its elements (`Elems(q)`); undefined for anything else. */
function asSet(env: ExprEnv, e: Expression): Expr | undefined {
  if (isSetType(e.getType())) return lowerExpr(env, e);
  if (!isSeqType(e.getType())) return undefined;
  ctxPrelude(env, "Elems");
  return T.call("Elems", lowerExpr(env, e));
}

/**
 * A ByPid map is a function over process ids: in `m["p1"]` the key is the process p1 (never a field).
 * An FnOn map's literal key is an element of its set: a model value of a PidSet, else the string.
 */
export function byPidKey(env: ExprEnv, base: Expression, arg: Expression): Expr | undefined {
  const t = typeOfNode(env, base);
  if (!Node.isStringLiteral(arg) || t?.k !== "byPid") return undefined;
  if (t.domain && env.ctx.constants.get(t.domain)?.kind !== "pidSet") return T.str(arg.getLiteralValue());
  return pidLiteral(env, arg, arg.getLiteralValue());
}

/**
 * Whether the literal key of a ByPid map (byPidKey) may be outside the map's domain, ProcSet: a single
 * process's name never is, a process-set id is outside it in a scenario without that id.
 */
export function pidKeyMayBeAbsent(env: ExprEnv, arg: Expression): boolean {
  if (!Node.isStringLiteral(arg)) return false;
  const proc = env.ctx.processes.get(arg.getLiteralValue());
  return !(proc && !proc.set);
}

/**
 * The index of an array element written to (`q[i] = v`, `q[i].f = v`): TS arrays are 0-based, TLA+
 * sequences 1-based. A literal negative index is rejected (TSLA091): JS would add a property `"-1"`,
 * not an element, which a TLA+ sequence cannot hold (a computed one stops both engines at run time).
 */
export function seqIndex(env: ExprEnv, arg: Expression): Expr {
  const lit = unwrap(arg);
  if (Node.isPrefixUnaryExpression(lit) && lit.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(lit.getOperand()) && numericValue(lit.getOperand() as import("ts-morph").NumericLiteral) !== 0) {
    fail(arg, "TSLA091", lit.getText());
  }
  if (Node.isNumericLiteral(arg)) return T.num(numericValue(arg) + 1);
  const e = lowerExpr(env, arg);
  return T.binary("+", e, T.num(1));
}

/**
 * A numeric literal by its value, not its text (`1_000`, `0x1c`, `1e3` are integers), which must be a
 * whole number inside TLC's integers.
 */
export function numericValue(node: import("ts-morph").NumericLiteral): number {
  const v = node.getLiteralValue();
  checkTlcInt(v, node, `the literal ${node.getText()}`);
  return v;
}

function lowerPrefix(env: ExprEnv, node: import("ts-morph").PrefixUnaryExpression): Expr {
  const operand = node.getOperand();
  switch (node.getOperatorToken()) {
    case SyntaxKind.ExclamationToken:
      return lowerCondition(env, node);
    case SyntaxKind.MinusToken:
      // JS `-0` is 0 for every operation of the language (=== , Set membership, TLA+ encoding).
      return Node.isNumericLiteral(operand) ? T.num(-numericValue(operand)) : arithmetic1(env.ctx, lowerExpr(env, operand), (a) => T.compound(`-${T.operand(a)}`));
    case SyntaxKind.PlusToken:
      return lowerExpr(env, operand);
    default:
      fail(node, "TSLA041", `${node.getText()} as a value`, "write the update as a statement of its own");
  }
}

const BINARY_OPS: Partial<Record<SyntaxKind, string>> = {
  [SyntaxKind.EqualsEqualsEqualsToken]: "=",
  [SyntaxKind.ExclamationEqualsEqualsToken]: "#",
  [SyntaxKind.AmpersandAmpersandToken]: "/\\",
  [SyntaxKind.BarBarToken]: "\\/",
  [SyntaxKind.PlusToken]: "+",
  [SyntaxKind.MinusToken]: "-",
  [SyntaxKind.AsteriskToken]: "*",
  [SyntaxKind.PercentToken]: "%",
  [SyntaxKind.LessThanToken]: "<",
  [SyntaxKind.LessThanEqualsToken]: "<=",
  [SyntaxKind.GreaterThanToken]: ">",
  [SyntaxKind.GreaterThanEqualsToken]: ">=",
};

function lowerBinary(env: ExprEnv, node: import("ts-morph").BinaryExpression): Expr {
  checkReferenceEquality(node);
  const kind = node.getOperatorToken().getKind();
  if (kind === SyntaxKind.EqualsEqualsToken) fail(node.getOperatorToken(), "TSLA045", "===", "==");
  if (kind === SyntaxKind.ExclamationEqualsToken) fail(node.getOperatorToken(), "TSLA045", "!==", "!=");
  if (kind === SyntaxKind.SlashToken) fail(node.getOperatorToken(), "TSLA041", "division", "integers only: write Math.floor(a / b)");
  const op = BINARY_OPS[kind];
  if (!op) {
    const what = node.getOperatorToken().getText();
    if (/=$/.test(what) && !/[=!<>]=$/.test(what)) fail(node, "TSLA041", `assignment \`${what}\` inside an expression`, "write the assignment as a statement of its own");
    fail(node.getOperatorToken(), "TSLA041", `operator \`${what}\``, "supported: === !== && || ! + - * % < <= > >= ?:");
  }
  const left = node.getLeft();
  if (op === "+" && (left.getType().isString() || left.getType().isStringLiteral())) {
    fail(node, "TSLA041", "string concatenation", "strings are atomic values here; use a union of literals");
  }
  if (op === "%") return lowerRemainder(env, node, left, node.getRight());
  if (op === "/\\" || op === "\\/") return lowerLogical(env, node);
  const a = lowerExpr(env, left);
  const b = lowerExpr(env, node.getRight());
  if (op === "=" || op === "#") return strictEquality(op, a, b);
  if (op === "<" || op === "<=" || op === ">" || op === ">=") return ordering(op, a, b);
  checkArithmeticRange(node);
  return arithmetic(env.ctx, a, b, (x, y) => T.binary(op, x, y));
}

const LOGICAL = [SyntaxKind.AmpersandAmpersandToken, SyntaxKind.BarBarToken];

/**
 * `node` where JS tests its truthiness (`if`, `while`, `when`, `?:`, `!`): a TLA+ boolean. `&&`, `||`
 * and `!` inside it are tested the same way (the truthiness of `a && b` is that of a and of b).
 */
export function lowerCondition(env: ExprEnv, node: Expression): Expr {
  if (Node.isParenthesizedExpression(node)) return lowerCondition(env, node.getExpression());
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) return T.not(lowerCondition(env, node.getOperand()));
  if (Node.isBinaryExpression(node) && LOGICAL.includes(node.getOperatorToken().getKind())) {
    const parts = [lowerCondition(env, node.getLeft()), lowerCondition(env, node.getRight())];
    return node.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken ? T.conj(parts) : T.disj(parts);
  }
  return truthy(env.ctx, node, lowerExpr(env, node));
}

/**
 * `a && b`, `a || b` as a value: JS gives one of the operands (`a && b` is b when a is truthy, else a),
 * which for two booleans is the conjunction (disjunction) TLA+ writes.
 */
function lowerLogical(env: ExprEnv, node: import("ts-morph").BinaryExpression): Expr {
  const and = node.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken;
  const [left, right] = [node.getLeft(), node.getRight()];
  const a = lowerExpr(env, left);
  const b = lowerExpr(env, right);
  if (isBooleanTyped(left) && isBooleanTyped(right) && !a.js && !b.js) return and ? T.conj([a, b]) : T.disj([a, b]);
  const test = lowerCondition(env, left);
  return and ? T.ifThenElse(test, b, a) : T.ifThenElse(test, a, b);
}

/** The integer a lowered expression is, when it is a numeral (a literal, or a value the step set). */
function numeralOf(e: Expr): number | undefined {
  const m = /^\(?(-?\d+)\)?$/.exec(e.text.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * Rejects a division (`a % b`, `a / b`) whose divisor may be 0 (JS: NaN or Infinity; TLC: an error),
 * at the divisor: it is fine when its value on this path is a nonzero numeral (a literal, or a state
 * field or local the step set to one), or else when its TS type excludes 0.
 */
function checkDivisor(division: Node, divisor: Expression, lowered: Expr): void {
  const k = numeralOf(lowered);
  if (k !== undefined ? k === 0 : !excludesZero(divisor.getType())) fail(divisor, "TSLA102", division.getText(), divisor.getText());
}

/**
 * JS `a % b` has the sign of `a` (-3 % 2 === -1, 3 % -2 === 1); TLC's `a % b` is the modulus in 0..b-1
 * and needs b > 0. Plain `%` only where both agree by the TS types (a >= 0, b >= 1), else JsRem.
 */
function lowerRemainder(env: ExprEnv, node: Node, left: Expression, right: Expression): Expr {
  const a = lowerExpr(env, left);
  const b = lowerExpr(env, right);
  checkDivisor(node, right, b);
  const ka = numeralOf(a);
  const kb = numeralOf(b);
  const la = ka !== undefined ? { lo: ka } : intBounds(left.getType());
  const lb = kb !== undefined ? { lo: kb } : intBounds(right.getType());
  if (la && lb && la.lo >= 0 && lb.lo >= 1 && !a.js) return T.binary("%", a, b);
  ctxPrelude(env, "JsRem");
  return arithmetic(env.ctx, a, b, (x, y) => T.call("JsRem", x, y));
}

function lowerObjectLiteral(env: ExprEnv, node: import("ts-morph").ObjectLiteralExpression): Expr {
  const props = node.getProperties();
  const first = props[0];
  const asType = (t: Type | undefined): IrType | undefined => {
    try {
      return t ? irTypeOf(t, node, "") : undefined;
    } catch {
      return undefined;
    }
  };
  if (asType(node.getContextualType())?.k === "byPid") {
    fail(node, "TSLA103", "an object literal as a ByPid map", "build the map in init with byPid((p) => value), and change it with s.m[p] = v");
  }
  if (props.length === 0) fail(node, "TSLA103", "an empty object literal `{}`", "records have fields: write every field; a ByPid map is built with byPid((p) => value)");
  for (const p of props) {
    if ((Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && !Node.isIdentifier(p.getNameNode()) && !Node.isStringLiteral(p.getNameNode())) {
      fail(p, "TSLA103", `the computed or numeric field name \`${p.getNameNode().getText()}\``, "fields are names: write `name: value`, or change a ByPid map entry with a statement s.m[p] = v");
    }
  }
  if (first && Node.isSpreadAssignment(first)) {
    // JS copies the own enumerable properties: a record's fields (exact: a copy), an array's indices,
    // nothing of a Set. Only records (and ByPid maps, without new fields) are spread.
    const baseNode = first.getExpression();
    const baseType = asType(baseNode.getType());
    const records = baseType?.k === "record" ? [baseType] : baseType?.k === "union" && baseType.members.every((m) => m.k === "record") ? baseType.members : undefined;
    const kind = records ? "record" : baseType?.k;
    if (kind !== "record" && kind !== "byPid") {
      const what = kind === "seq" ? "an array" : kind === "set" ? "a Set" : `a value of type ${baseNode.getType().getText(node)}`;
      fail(first, "TSLA103", `\`{ ...${baseNode.getText()} }\` spreads ${what}: JavaScript copies its own properties (${kind === "seq" ? "the indices \"0\", \"1\", ..." : kind === "set" ? "none" : "whatever they are"}), not its elements`, "spread records only: { ...r, f: v }; copy an array with [...a], a set with new Set(s)");
    }
    const fields = records ? records.map((r) => (r.k === "record" ? r.fields.map((f) => f.name) : [])).reduce((a, b) => a.filter((f) => b.includes(f))) : [];
    for (const p of props.slice(1)) {
      if ((Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && !fields.includes(p.getName())) {
        fail(p, "TSLA103", `field \`${p.getName()}\` is not a field of \`${baseNode.getText()}\` (${fields.join(", ") || "a ByPid map"}): JavaScript adds it, TLA+ EXCEPT cannot`, "write the whole record literal with every field, or update only fields of the spread record");
      }
    }
    const base = lowerExpr(env, baseNode);
    const updates = props.slice(1).map((p) => objectProperty(env, p));
    if (updates.length === 0) return base;
    return T.atom(`[${base.text} EXCEPT ${updates.map(([k, v]) => `!.${k} = ${v.text}`).join(", ")}]`);
  }
  return T.record(props.map((p) => objectProperty(env, p)));
}

function objectProperty(env: ExprEnv, p: Node): [string, Expr] {
  if (Node.isPropertyAssignment(p)) return [p.getName(), lowerExpr(env, p.getInitializerOrThrow())];
  if (Node.isShorthandPropertyAssignment(p)) return [p.getName(), shorthandValue(env, p)];
  fail(p, "TSLA041", p.getKindName(), "object literals take `name: value` fields, with one leading spread: { ...e, f: v }");
}

/** `{ key }`: the value is the variable `key`, which the checker resolves apart from the property. */
export function shorthandValue(env: ExprEnv, p: import("ts-morph").ShorthandPropertyAssignment): Expr {
  const checker = p.getProject().getTypeChecker().compilerObject;
  const decl = checker.getShorthandAssignmentValueSymbol(p.compilerNode)?.valueDeclaration;
  for (const [node, binding] of env.st.bindings) {
    if (node.compilerNode !== decl) continue;
    checkRead(aliasEnv(env), p.getNameNode(), node);
    return readBinding(env, p, binding);
  }
  return lowerIdentifier(env, p.getNameNode());
}

function lowerArrayLiteral(env: ExprEnv, node: import("ts-morph").ArrayLiteralExpression): Expr {
  const parts: Expr[] = [];
  let pending: Expr[] = [];
  for (const el of node.getElements()) {
    if (Node.isSpreadElement(el)) {
      checkArraySpread(node, el.getExpression());
      if (pending.length) parts.push(T.tuple(pending));
      pending = [];
      parts.push(lowerExpr(env, el.getExpression()));
    } else pending.push(lowerExpr(env, el));
  }
  if (pending.length || parts.length === 0) parts.push(T.tuple(pending));
  if (parts.length === 2 && parts[1]!.text.startsWith("<<") && !parts[0]!.text.startsWith("<<") && node.getElements().length === 2) {
    return T.call("Append", parts[0]!, T.atom(parts[1]!.text.slice(2, -2)));
  }
  return parts.length === 1 ? parts[0]! : T.compound(parts.map(T.operand).join(" \\o "));
}

/**
 * `[...x]`: an array's elements in order (exact); a Set's come in insertion order, which a TLA+ set has
 * not: rejected at the array literal (only its order-free uses are translated, see setSpreadLiteral).
 */
function checkArraySpread(literal: Node, e: Expression): void {
  if (isSetType(e.getType())) {
    fail(literal, "TSLA103", `\`${literal.getText()}\` makes an array of the Set \`${e.getText()}\`: its order is the order of insertion, which a TLA+ set does not have`, "keep it a set (new Set(s) copies it; all/any/isIn/has/size read it; [...s].length, [...s].includes(x), [...s].some/every(f) are fine), or keep an array in the state instead of the set");
  }
  if (!isSeqType(e.getType())) fail(e, "TSLA103", `\`...${e.getText()}\` spreads a value that is not an array`, "spread arrays into array literals, records into object literals");
}

/**
 * An array literal that spreads a Set (`[...s.t]`, `[x, ...s.t, ...q]`): its order is not in the TLA+
 * value, so only uses that do not depend on it are translated: `.length` (each set counts its size:
 * JS spreads every element once), `.includes(x)`, `.some(f)`, `.every(f)` (membership in the union).
 */
function setSpreadLiteral(node: Node): import("ts-morph").ArrayLiteralExpression | undefined {
  const e = unwrap(node);
  if (!Node.isArrayLiteralExpression(e)) return undefined;
  return e.getElements().some((el) => Node.isSpreadElement(el) && isSetType(el.getExpression().getType())) ? e : undefined;
}

/** `[...].length` of such a literal: the sizes of the spread sets and arrays plus the single elements. */
function setSpreadLength(env: ExprEnv, arr: import("ts-morph").ArrayLiteralExpression): Expr {
  const parts: Expr[] = [];
  let singles = 0;
  for (const el of arr.getElements()) {
    if (!Node.isSpreadElement(el)) {
      lowerExpr(env, el); // evaluated by JS: its diagnostics count
      singles++;
      continue;
    }
    const x = el.getExpression();
    if (isSetType(x.getType())) parts.push(T.call("Cardinality", lowerExpr(env, x)));
    else {
      checkArraySpread(arr, x);
      parts.push(T.call("Len", lowerExpr(env, x)));
    }
  }
  if (singles) parts.push(T.num(singles));
  return parts.reduce((acc, p) => T.binary("+", acc, p));
}

/** The elements of an array literal `[x, ...a, ...s]` as a set: {x} \cup Elems(a) \cup s. */
function elementSet(env: ExprEnv, arr: import("ts-morph").ArrayLiteralExpression): Expr {
  const elemsOf = (e: Expression): Expr => asSet(env, e) ?? fail(e, "TSLA103", `\`${e.getText()}\` is neither an array nor a set`, "spread arrays or sets here");
  const parts: Expr[] = [];
  let singles: Expr[] = [];
  for (const el of arr.getElements()) {
    if (!Node.isSpreadElement(el)) singles.push(lowerExpr(env, el));
    else {
      if (singles.length) parts.push(T.setOf(singles));
      singles = [];
      parts.push(elemsOf(el.getExpression()));
    }
  }
  if (singles.length || parts.length === 0) parts.push(T.setOf(singles));
  return parts.length === 1 ? parts[0]! : T.compound(parts.map(T.operand).join(" \\cup "));
}

/** `.includes(x)`, `.some(f)`, `.every(f)` on an array literal that spreads a Set: over its element set. */
function lowerSetSpreadMethod(env: ExprEnv, arr: import("ts-morph").ArrayLiteralExpression, method: string, args: Expression[]): Expr {
  if (method === "includes" && args.length === 1) return T.binary("\\in", lowerExpr(env, args[0]!), elementSet(env, arr));
  if ((method === "some" || method === "every") && args.length === 1) {
    const set = elementSet(env, arr);
    const { name, body } = lowerLambda(env, args[0]!, true);
    return T.compound(`${method === "some" ? "\\E" : "\\A"} ${name} \\in ${set.text} : ${body.text}`);
  }
  return lowerExpr(env, arr); // rejected there (TSLA103): the result depends on the order
}

/**
 * `new Set()`, `new Set(set)` (a copy: the same TLA+ value), `new Set(array)` (Elems), and
 * `new Set([x, ...a, ...s])`: the union of {x}, Elems(a) and s (a set's order does not count).
 * `new ValueSet(...)` the same: its elements are compared by value, as TLA+ compares them.
 */
function lowerNew(env: ExprEnv, node: import("ts-morph").NewExpression): Expr {
  const made = node.getExpression().getText();
  if (made !== "Set" && !(made === "ValueSet" && isValueSetType(node.getType()))) fail(node, "TSLA041", `new ${made}`, "only `new Set([...])` and `new ValueSet([...])` create a value");
  const elem = node.getType().getTypeArguments()[0];
  if (made === "Set" && elem && typeMayBeObject(elem)) fail(node, "TSLA082", "values that may be objects", node.getText());
  const [arg] = node.getArguments();
  if (!arg) return T.atom("{}");
  if (Node.isArrayLiteralExpression(arg)) return elementSet(env, arg);
  const e = arg as Expression;
  return asSet(env, e) ?? fail(e, "TSLA103", `\`${e.getText()}\` is neither an array nor a set`, "new Set takes an array or a set");
}

export function ctxPrelude(env: ExprEnv, name: string): void {
  env.ctx.usedPrelude.add(name);
}

/**
 * A callback `(x) => body` with `x` bound to a fresh TLA+ name. `predicate`: JS tests the result's
 * truthiness (some, every, filter, all, any, filterSet), so an expression body is lowered as a
 * condition; a block body that may give undefined or NaN is rejected.
 */
export function lowerLambda(env: ExprEnv, fn: Node, predicate = false): { name: string; body: Expr } {
  if (!Node.isArrowFunction(fn)) fail(fn, "TSLA041", "callback", "pass an arrow function: (x) => ...");
  const param = fn.getParameters()[0];
  if (fn.getParameters().length > 1) fail(fn, "TSLA041", "callback", "the callback takes exactly one parameter");
  const name = env.ctx.freshLocal(param?.getName() ?? "x");
  const inner: ExprEnv = { ...env, st: forkState(env.st) };
  if (param) inner.st.bindings.set(param, { k: "value", expr: T.atom(name) });
  const body = fn.getBody();
  if (predicate && !Node.isBlock(body)) return { name, body: lowerCondition(inner, body as Expression) };
  const value = lowerArrowBody(inner, fn);
  if (predicate && value.js) fail(fn, "TSLA103", "the predicate may give undefined or NaN, which JavaScript tests as false and TLC cannot", "write the predicate as an expression (its truthiness is then translated exactly), or return a boolean");
  return { name, body: value };
}

export function lowerArrowBody(env: ExprEnv, fn: ArrowFunction): Expr {
  const body = fn.getBody();
  if (Node.isBlock(body)) return lowerPureStatements(env, body.getStatements(), fn);
  return lowerExpr(env, body as Expression);
}

function lowerCall(env: ExprEnv, node: CallExpression): Expr {
  const callee = node.getExpression();
  const args = node.getArguments() as Expression[];
  const lang = langName(env, callee);
  if (lang) return lowerLangCall(env, node, lang, args);
  if (Node.isPropertyAccessExpression(callee)) {
    const obj = callee.getExpression();
    const method = callee.getName();
    if (obj.getText() === "Math") return lowerMath(env, node, method, args);
    const objType = obj.getType();
    if (isSeqType(objType) || isSetType(objType)) checkReferenceMembership(method, obj, args);
    const spread = setSpreadLiteral(obj);
    if (spread) return lowerSetSpreadMethod(env, spread, method, args);
    if (isSeqType(objType)) return lowerSeqMethod(env, node, obj, method, args);
    if (isSetType(objType)) return lowerSetMethod(env, node, obj, method, args);
  }
  const decl = declOf(callee);
  if (decl && (Node.isFunctionDeclaration(decl) || (Node.isVariableDeclaration(decl) && Node.isArrowFunction(decl.getInitializer())))) {
    return lowerHelperCall(env, node, decl, args);
  }
  fail(node, "TSLA049", callee.getText());
}

function lowerMath(env: ExprEnv, node: CallExpression, method: string, args: Expression[]): Expr {
  if (method === "floor" && args.length === 1) {
    const inner = unwrap(args[0]!);
    if (Node.isBinaryExpression(inner) && inner.getOperatorToken().getKind() === SyntaxKind.SlashToken) {
      // TLC's \div is floor division for every sign (tlc2/module/Integers.java, Divide): exactly
      // Math.floor(a / b) for b # 0 (the double quotient of two 32-bit ints never rounds across an integer).
      const a = lowerExpr(env, inner.getLeft());
      const b = lowerExpr(env, inner.getRight());
      checkDivisor(inner, inner.getRight(), b);
      return arithmetic(env.ctx, a, b, (x, y) => T.binary("\\div", x, y));
    }
  }
  if ((method === "min" || method === "max") && args.length === 2) {
    const [a, b] = args.map((x) => lowerExpr(env, x)) as [Expr, Expr];
    return arithmetic(env.ctx, a, b, (x, y) => T.ifThenElse(T.binary(method === "min" ? "<=" : ">=", x, y), x, y));
  }
  if (method === "abs" && args.length === 1) {
    return arithmetic1(env.ctx, lowerExpr(env, args[0]!), (a) => T.ifThenElse(T.binary(">=", a, T.num(0)), a, T.compound(`-${T.operand(a)}`)));
  }
  fail(node, "TSLA041", `Math.${method}`, "supported: Math.floor(a / b), Math.min, Math.max, Math.abs");
}

function unwrap(e: Node): Node {
  return Node.isParenthesizedExpression(e) || Node.isAsExpression(e) || Node.isNonNullExpression(e) || Node.isSatisfiesExpression(e) ? unwrap(e.getExpression()) : e;
}

function lowerLangCall(env: ExprEnv, node: CallExpression, name: string, args: Expression[]): Expr {
  const { ctx } = env;
  switch (name) {
    case "equals":
      return T.binary("=", lowerExpr(env, args[0]!), lowerExpr(env, args[1]!));
    case "copy":
      return lowerExpr(env, args[0]!);
    case "isIn":
      // A ValueSet finds records by value (isIn calls its `has`), as `\in` does; an array by `===`.
      checkReferenceMembership(isValueSetType(args[1]!.getType()) ? "has" : "includes", args[1]!, args);
      return T.binary("\\in", lowerExpr(env, args[0]!), choiceSet(env, args[1]!));
    case "all":
    case "any": {
      const set = lowerExpr(env, args[0]!);
      const { name: bound, body } = lowerLambda(env, args[1]!, true);
      return T.compound(`${name === "all" ? "\\A" : "\\E"} ${bound} \\in ${set.text} : ${body.text}`);
    }
    case "range":
      return T.compound(`${T.operand(lowerExpr(env, args[0]!))}..${T.operand(lowerExpr(env, args[1]!))}`);
    case "setOf":
      return T.setOf(args.map((a) => lowerExpr(env, a)));
    case "union":
    case "intersection":
    case "difference":
    case "isSubsetOf":
    case "isSupersetOf":
    case "isDisjointFrom":
    case "filterSet":
    case "mapSet":
    case "pick":
    case "subsets":
      return lowerSetFunction(env, node, name, args);
    case "at":
    case "done": {
      if (env.mode !== "property") fail(node, "TSLA046", `${name}()`, "only properties can ask where a process is", "use state fields in process bodies");
      const pid = lowerExpr(env, args[0]!);
      const label = name === "done" ? "Done" : stringArg(args[1]!);
      if (name === "at") checkLabelExists(env, node, label);
      return T.binary("=", T.apply(T.atom("pc"), pid), T.str(label));
    }
    case "local": {
      if (env.mode !== "property") fail(node, "TSLA046", "local()", "only properties can read a process's locals", "use state fields in process bodies");
      const [procArg, pidArg, nameArg] = args;
      const proc = procArg && Node.isStringLiteral(procArg) ? ctx.processes.get(procArg.getLiteralValue()) : undefined;
      if (!proc) fail(procArg ?? node, "TSLA046", "local()", "its first argument names a process (a string literal)", `one of ${[...ctx.processes.keys()].join(", ")}`);
      const name = nameArg && Node.isStringLiteral(nameArg) ? nameArg.getLiteralValue() : undefined;
      const kept = ctx.keptLocals.get(proc.name) ?? [];
      const l = kept.find((x) => x.tsName === name);
      if (!l) {
        fail(nameArg ?? node, "TSLA046", "local()", `its last argument names a local of ${proc.name} that is kept across steps (kept: ${kept.map((x) => x.tsName).join(", ") || "none"})`, "a local that no later step reads is not in the state: keep what the property needs in a state field");
      }
      return T.apply(T.atom(l.tlaName), lowerExpr(env, pidArg!));
    }
    case "others": {
      const arg = args[0] ? unwrap(args[0]) : undefined;
      const bound = arg && Node.isIdentifier(arg) ? bindingOf(env, arg) : undefined;
      const proc = bound?.k === "value" ? bound.selfOf : undefined;
      if (!proc) fail(args[0] ?? node, "TSLA046", "others()", "it names the other processes of a process's own set", "pass the process's `self`: `others(self)`");
      return T.compound(`${T.operand(T.atom(proc.idSet))} \\ {self}`);
    }
    case "byPid": {
      if (env.mode !== "init") fail(node, "TSLA046", "byPid()", "it builds initial values", "use it in init");
      const { name: bound, body } = lowerLambda(env, args[0]!);
      return T.atom(`[${bound} \\in ${ctx.procSet} |-> ${body.text}]`);
    }
    case "fnOn": {
      if (env.mode !== "init") fail(node, "TSLA046", "fnOn()", "it builds initial values", "use it in init");
      const domain = fnOnDomain(env, node);
      const { name: bound, body } = lowerLambda(env, args[1]!);
      return T.atom(`[${bound} \\in ${domain} |-> ${body.text}]`);
    }
    case "nondet":
      fail(node, "TSLA046", "nondet()", "it only chooses between the branches of an if", "write `if (nondet()) { ... } else { ... }`");
    case "oneOf": {
      // A choice the statement made (steps.ts, hoistChoices): `\E v \in values : ...` around it.
      const chosen = env.st.bindings.get(node);
      if (chosen?.k === "value") return chosen.expr;
      fail(node, "TSLA046", "oneOf()", "it chooses for a whole step only where JavaScript always evaluates it in a statement (not under ?:, &&, ||, ??, in a callback, a helper, a loop condition or a property; in init see the README)", "choose first: `const x = oneOf(values);`, then use x");
    }
    case "when":
      fail(node, "TSLA046", "when()", "it is a statement", "write `when(condition);` on its own line in a step");
    default:
      fail(node, "TSLA046", `${name}()`, "it is not an expression", "see the README's language reference");
  }
}

function stringArg(e: Node): string {
  if (!Node.isStringLiteral(e)) fail(e, "TSLA041", "non-literal step label", "write the label as a string literal");
  return e.getLiteralValue();
}

function checkLabelExists(env: ExprEnv, node: Node, label: string): void {
  const labelsOfAll = [...env.ctx.labels.values()].flat();
  if (!labelsOfAll.includes(label)) {
    const owner = [...env.ctx.labels.keys()].join(", ");
    const labelArg = Node.isCallExpression(node) ? node.getArguments()[1] : undefined;
    fail(labelArg ?? node, "TSLA062", owner, label, labelsOfAll.join(", "));
  }
}

function lowerSeqMethod(env: ExprEnv, node: CallExpression, obj: Expression, method: string, args: Expression[]): Expr {
  const seq = lowerExpr(env, obj);
  if ((method === "includes" || method === "indexOf") && args.length !== 1) {
    fail(node, "TSLA041", `.${method}() with a start index`, `search a slice instead: q.slice(from).${method}(x)${method === "indexOf" ? " (and add from to a found index)" : ""}`);
  }
  switch (method) {
    case "includes":
      ctxPrelude(env, "SeqContains");
      return T.call("SeqContains", seq, lowerExpr(env, args[0]!));
    case "indexOf":
      ctxPrelude(env, "SeqIndexOf");
      return T.call("SeqIndexOf", seq, lowerExpr(env, args[0]!));
    case "some":
    case "every": {
      ctxPrelude(env, "Elems");
      const { name, body } = lowerLambda(env, args[0]!, true);
      return T.compound(`${method === "some" ? "\\E" : "\\A"} ${name} \\in Elems(${seq.text}) : ${body.text}`);
    }
    case "filter": {
      const { name, body } = lowerLambda(env, args[0]!, true);
      return T.atom(`SelectSeq(${seq.text}, LAMBDA ${name} : ${body.text})`);
    }
    case "map": {
      const i = env.ctx.freshLocal("i");
      const inner: ExprEnv = { ...env, st: forkState(env.st) };
      const fn = args[0]!;
      if (!Node.isArrowFunction(fn) || fn.getParameters().length !== 1) fail(fn, "TSLA041", "callback", "pass an arrow function: (x) => ...");
      inner.st.bindings.set(fn.getParameters()[0]!, { k: "value", expr: T.apply(seq, T.atom(i)) });
      return T.atom(`[${i} \\in 1..Len(${seq.text}) |-> ${lowerArrowBody(inner, fn).text}]`);
    }
    case "slice": {
      // JS clamps both ends to 0..length and counts negative ones from the end.
      if (args.length === 0) return seq;
      const lit = (a: Expression | undefined): number | undefined => (a && Node.isNumericLiteral(a) ? Number(a.getText()) : undefined);
      const from = lit(args[0]);
      if (args.length === 1 && from !== undefined && from >= 0) return T.call("SubSeq", seq, T.num(from + 1), T.call("Len", seq));
      ctxPrelude(env, "JsSlice");
      return T.call("JsSlice", seq, lowerExpr(env, args[0]!), args[1] ? lowerExpr(env, args[1]) : T.call("Len", seq));
    }
    case "concat":
      // JS: an array argument is spread, any other value is appended as one element.
      return args.reduce((acc, a) => (isSeqType(a.getType()) ? T.binary("\\o", acc, lowerExpr(env, a)) : T.call("Append", acc, lowerExpr(env, a))), seq);
    case "at":
      // JS: a negative index counts from the end; outside the elements, undefined.
      ctxPrelude(env, "JsAt");
      return mayBeUndefined(T.call("JsAt", seq, lowerExpr(env, args[0]!)));
    default:
      fail(node, "TSLA041", `array method .${method}() as a value`, "supported: includes, indexOf, some, every, filter, map, slice, concat, at; push/splice as statements; shift/pop as statements or as the whole value stored (`const x = q.shift()`, `s.n = q.pop()!`)");
  }
}

/** The ES2024 Set methods (Node 20 has none of them) and the ts2tla functions to call instead. */
const ES2024_SET_METHODS: Record<string, (a: string, b: string) => string> = {
  union: (a, b) => `union(${a}, ${b})`,
  intersection: (a, b) => `intersection(${a}, ${b})`,
  difference: (a, b) => `difference(${a}, ${b})`,
  symmetricDifference: (a, b) => `union(difference(${a}, ${b}), difference(${b}, ${a}))`,
  isSubsetOf: (a, b) => `isSubsetOf(${a}, ${b})`,
  isSupersetOf: (a, b) => `isSupersetOf(${a}, ${b})`,
  isDisjointFrom: (a, b) => `isDisjointFrom(${a}, ${b})`,
};

/** The call of ts2tla to write instead of `receiver.method(arg)`, for an ES2024 Set method. */
export function es2024SetAlternative(receiver: string, method: string, arg: string): string | undefined {
  const alt = Object.prototype.hasOwnProperty.call(ES2024_SET_METHODS, method) ? ES2024_SET_METHODS[method] : undefined;
  return alt?.(receiver, arg || "t");
}

/** `s.union(t)` and the other ES2024 Set methods: TSLA088 at the method's name, naming the ts2tla function. */
function checkEs2024SetMethod(node: CallExpression, obj: Expression, method: string, args: Expression[]): void {
  const alt = es2024SetAlternative(obj.getText(), method, args[0]?.getText() ?? "");
  const callee = node.getExpression();
  if (alt) fail(Node.isPropertyAccessExpression(callee) ? callee.getNameNode() : node, "TSLA088", method, alt);
}

/**
 * The set functions of ts2tla (issue #11): each argument is a Set (the TS signatures take no arrays:
 * `new Set(q)` makes one), lowered to the TLA+ set operator of the same meaning.
 */
function lowerSetFunction(env: ExprEnv, node: CallExpression, name: string, args: Expression[]): Expr {
  for (const a of args) if (Node.isSpreadElement(a)) fail(a, "TSLA041", `a spread argument to ${name}()`, `pass the sets one by one: ${name}(a, b)`);
  const set = (i: number): Expr => {
    const e = lowerExpr(env, args[i]!);
    if (e.js) fail(args[i]!, "TSLA103", `\`${args[i]!.getText()}\` may be ${e.js.nan ? "NaN" : "undefined"}, not a set: JavaScript throws a TypeError where TLC fails otherwise`, "read an element that exists (check the index or the key first)");
    return e;
  };
  switch (name) {
    case "union":
      if (args.length === 0) return T.atom("{}");
      return args.map((_, i) => set(i)).reduce((acc, x) => T.binary("\\cup", acc, x));
    case "intersection":
      return T.binary("\\cap", set(0), set(1));
    case "difference":
      return T.binary("\\", set(0), set(1));
    case "isSubsetOf":
      return T.binary("\\subseteq", set(0), set(1));
    case "isSupersetOf": {
      const [a, b] = [set(0), set(1)];
      return T.binary("\\subseteq", b, a);
    }
    case "isDisjointFrom":
      return T.binary("=", T.binary("\\cap", set(0), set(1)), T.atom("{}"));
    case "subsets":
      return T.compound(`SUBSET ${T.operand(set(0))}`);
    case "filterSet": {
      const s = set(0);
      const { name: bound, body } = lowerLambda(env, args[1]!, true);
      return T.atom(`{${bound} \\in ${T.operand(s)} : ${body.text}}`);
    }
    case "mapSet": {
      const s = set(0);
      const { name: bound, body } = lowerLambda(env, args[1]!);
      const elem = node.getType().getTypeArguments()[0];
      if (elem && typeMayBeObject(elem) && !isValueSetType(node.getType())) fail(args[1]!, "TSLA082", "values that may be objects", node.getText());
      if (body.js) {
        fail(args[1]!, "TSLA089", body.js.nan ? "NaN" : "undefined", "JavaScript would keep it in the set, where no type of the language has it", "give every element a value of the callback's type (check an index or a key before reading it)");
      }
      // The element expression in parentheses: `{x \in T : x \in S}` would read as a filter.
      return T.atom(`{${T.operand(body)} : ${bound} \\in ${T.operand(s)}}`);
    }
    case "pick": {
      const s = set(0);
      const t = args[0]!.getType().getTypeArguments()[0];
      const parts = t ? (t.isUnion() ? t.getUnionTypes() : [t]) : [];
      const numeric = (u: Type): boolean => u.isNumber() || u.isNumberLiteral() || (u.isIntersection() && u.getIntersectionTypes().some((x) => x.isNumber()));
      if (parts.length === 0 || !parts.every(numeric)) fail(args[0]!, "TSLA087", args[0]!.getText(), elementKinds(args[0]!, parts));
      ctxPrelude(env, "JsPick");
      return T.call("JsPick", s);
    }
    default:
      fail(node, "TSLA046", `${name}()`, "it is not an expression", "see the README's language reference");
  }
}

/** What the elements of a set `pick` rejects are, for TSLA087. */
function elementKinds(where: Node, parts: Type[]): string {
  const kinds = new Set<string>();
  for (const u of parts) {
    if (u.isIntersection() && u.getIntersectionTypes().some((x) => x.isString())) kinds.add("process ids");
    else if (u.isString() || u.isStringLiteral()) kinds.add("strings");
    else if (u.isBoolean() || u.isBooleanLiteral()) kinds.add("booleans");
    else if (u.isNull()) kinds.add("null");
    else if (u.isNumber() || u.isNumberLiteral() || u.isIntersection()) continue;
    else kinds.add(`values of type ${u.getText(where)}`);
  }
  return kinds.size ? [...kinds].join(" and ") : "of no type";
}

function lowerSetMethod(env: ExprEnv, node: CallExpression, obj: Expression, method: string, args: Expression[]): Expr {
  checkEs2024SetMethod(node, obj, method, args);
  const set = lowerExpr(env, obj);
  if (method === "has") return T.binary("\\in", lowerExpr(env, args[0]!), set);
  fail(node, "TSLA041", `set method .${method}() as a value`, "supported: has, .size; add/delete as statements");
}

// ---- helpers: pure ones become TLA+ operators, ones that read the state are inlined ----

type HelperDecl = FunctionDeclaration | import("ts-morph").VariableDeclaration;

function helperParts(decl: HelperDecl): { params: import("ts-morph").ParameterDeclaration[]; body: Node; name: string } {
  if (Node.isFunctionDeclaration(decl)) {
    if (decl.isGenerator()) fail(decl, "TSLA046", `generator helper ${decl.getName()}`, "helpers cannot contain steps", "write the steps in the process body");
    return { params: decl.getParameters(), body: decl.getBodyOrThrow(), name: decl.getName() ?? "helper" };
  }
  const fn = decl.getInitializer() as ArrowFunction;
  return { params: fn.getParameters(), body: fn.getBody(), name: decl.getName() };
}

function takesState(env: ExprEnv, params: import("ts-morph").ParameterDeclaration[]): boolean {
  const stateNames = [...env.ctx.stateFields.keys()];
  return params.some((p) => {
    const t = p.getType();
    if (!t.isObject()) return false;
    const props = t.getProperties().map((x) => x.getName());
    return stateNames.length > 0 && stateNames.every((n) => props.includes(n));
  });
}

function lowerHelperCall(env: ExprEnv, node: CallExpression, decl: HelperDecl, args: Expression[]): Expr {
  const { ctx } = env;
  const { params, body, name } = helperParts(decl);
  if (ctx.inlining.includes(decl) || ctx.operatorsInProgress.has(decl)) fail(node, "TSLA047", name);
  if (takesState(env, params) || env.mode === "property") {
    return inlineHelperExpr(env, node, decl, params, body, args);
  }
  const values = params.map((p, i) => paramValue(env, node, params, args, i)!);
  // An operator's parameters are plain values: an argument that may be undefined or NaN is followed
  // into the helper's body instead, where the operators it reaches are written for it.
  if (values.some((v) => v.js)) return inlineHelperExpr(env, node, decl, params, body, args);
  const op = helperOperator(env, decl, name, params, body);
  return T.call(op, ...values);
}

/**
 * The value of a helper's `i`-th parameter at a call: its argument, or for a rest parameter
 * (`...ps: T[]`) the remaining arguments as an array (`<<a, b>>`). Every parameter is passed: TLA+
 * operators have no optional parameters or default values.
 */
function paramValue(env: ExprEnv, node: CallExpression, params: readonly import("ts-morph").ParameterDeclaration[], args: readonly Expression[], i: number): Expr {
  const p = params[i]!;
  if (p.isRestParameter()) {
    const rest = args.slice(i);
    const spread = rest.length === 1 && Node.isSpreadElement(rest[0]) ? rest[0].getExpression() : undefined;
    if (spread) return lowerExpr(env, spread);
    if (rest.some((a) => Node.isSpreadElement(a))) fail(node, "TSLA041", "a spread among other arguments of a rest parameter", "pass the elements, or one spread array");
    return T.tuple(rest.map((a) => lowerExpr(env, a)));
  }
  const arg = args[i];
  if (!arg || Node.isSpreadElement(arg)) fail(node, "TSLA041", arg ? "a spread argument" : "call with missing arguments", "pass every parameter (a helper becomes a TLA+ operator, which has no optional parameters or default values)");
  return lowerExpr(env, arg);
}

function inlineHelperExpr(
  env: ExprEnv,
  node: CallExpression,
  decl: HelperDecl,
  params: import("ts-morph").ParameterDeclaration[],
  body: Node,
  args: Expression[],
): Expr {
  const inner: ExprEnv = { ...env, st: forkState(env.st) };
  const lets: Array<[string, Expr]> = [];
  params.forEach((p, i) => {
    const arg = args[i];
    const b = arg && !p.isRestParameter() ? bindingOf(env, arg) : undefined;
    if (arg && Node.isIdentifier(arg) && b && (b.k === "state" || b.k === "consts")) {
      inner.st.bindings.set(p, b);
      return;
    }
    const value = paramValue(env, node, params, args, i);
    if (value.atomic) inner.st.bindings.set(p, { k: "value", expr: value });
    else {
      const letName = env.ctx.freshLocal(p.getName());
      lets.push([letName, value]);
      inner.st.bindings.set(p, { k: "value", expr: carrying(T.atom(letName), value) });
    }
  });
  env.ctx.inlining.push(decl);
  try {
    const result = Node.isBlock(body) ? lowerPureStatements(inner, body.getStatements(), decl) : lowerExpr(inner, body as Expression);
    return wrapLets(lets, result);
  } finally {
    env.ctx.inlining.pop();
  }
}

/**
 * `LET a == x IN LET b == y IN body`, on one line: a definition on a line of its own would start left
 * of the `/\` bullet the expression sits in, which ends the bullet's list in SANY's layout rules.
 */
export function wrapLets(lets: Array<[string, Expr]>, body: Expr): Expr {
  if (lets.length === 0) return body;
  return T.compound(`${lets.map(([n, v]) => `LET ${n} == ${v.text} IN `).join("")}${body.text}`);
}

function helperOperator(
  env: ExprEnv,
  decl: HelperDecl,
  name: string,
  params: import("ts-morph").ParameterDeclaration[],
  body: Node,
): string {
  const { ctx } = env;
  const existing = ctx.operatorByDecl.get(decl);
  if (existing) return existing;
  ctx.operatorsInProgress.add(decl);
  const inner: ExprEnv = { ctx, mode: "pure", st: { slots: new Map(), bindings: new Map() } };
  const names: string[] = [];
  for (const p of params) {
    const t = p.getType();
    const isConsts = t.isObject() && [...ctx.constants.keys()].length > 0 && [...ctx.constants.keys()].every((c) => t.getProperty(c));
    if (isConsts) {
      inner.st.bindings.set(p, { k: "consts" });
      continue;
    }
    const pname = ctx.freshLocal(p.getName());
    names.push(pname);
    inner.st.bindings.set(p, { k: "value", expr: T.atom(pname) });
  }
  const result = Node.isBlock(body) ? lowerPureStatements(inner, body.getStatements(), decl) : lowerExpr(inner, body as Expression);
  ctx.operatorsInProgress.delete(decl);
  const opName = ctx.tlaIdentifier(name);
  ctx.operators.push({ name: opName, params: names, body: result, comment: `${ctx.rel(decl.getSourceFile().getFilePath())}:${ctx.pos(decl).line}`, pos: ctx.pos(decl) });
  ctx.operatorByDecl.set(decl, opName);
  return opName;
}

/** A helper body made of `const`s, `if`s and `return`s, as one expression. */
export function lowerPureStatements(env: ExprEnv, stmts: Statement[], owner: Node): Expr {
  const [first, ...rest] = stmts;
  if (!first) fail(owner, "TSLA041", "helper without a return value on some path", "every path must end in `return <value>`");
  if (Node.isReturnStatement(first)) {
    const e = first.getExpression();
    if (!e) fail(first, "TSLA041", "empty return in a value helper", "return a value");
    return lowerExpr(env, e);
  }
  if (Node.isVariableStatement(first)) {
    const inner: ExprEnv = { ...env, st: forkState(env.st) };
    const lets: Array<[string, Expr]> = [];
    for (const d of first.getDeclarations()) {
      if (first.getDeclarationKind() !== "const") fail(first, "TSLA048", owner.getSymbol()?.getName() ?? "helper");
      const value = lowerExpr(inner, d.getInitializerOrThrow());
      const name = env.ctx.freshLocal(d.getName());
      lets.push([name, value]);
      inner.st.bindings.set(d, { k: "value", expr: carrying(T.atom(name), value) });
    }
    return wrapLets(lets, lowerPureStatements(inner, rest, owner));
  }
  if (Node.isIfStatement(first)) {
    const cond = lowerCondition(env, first.getExpression());
    const thenStmts = blockStatements(first.getThenStatement());
    const elseNode = first.getElseStatement();
    const thenExpr = lowerPureStatements(env, thenStmts, owner);
    const elseExpr = elseNode ? lowerPureStatements(env, blockStatements(elseNode), owner) : lowerPureStatements(env, rest, owner);
    return T.ifThenElse(cond, thenExpr, elseExpr);
  }
  if (Node.isExpressionStatement(first) || Node.isThrowStatement(first)) {
    fail(first, "TSLA048", helperName(owner));
  }
  fail(first, "TSLA040", first.getKindName() + " in a value helper", "value helpers are made of const declarations, if/else and return");
}

function helperName(owner: Node): string {
  return (Node.isFunctionDeclaration(owner) || Node.isVariableDeclaration(owner) ? owner.getName() : undefined) ?? "helper";
}

export function blockStatements(s: Statement): Statement[] {
  return Node.isBlock(s) ? s.getStatements() : [s];
}

