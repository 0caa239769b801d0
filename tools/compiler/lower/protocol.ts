// The protocol declaration → IR: state, constants, init, processes, properties, scenarios.
import {
  ArrowFunction,
  CallExpression,
  Expression,
  FunctionExpression,
  Node,
  ObjectLiteralExpression,
  PropertyAssignment,
  SourceFile,
  SyntaxKind,
  Type,
} from "ts-morph";
import { fail } from "../diagnostics.ts";
import type { Expr, IrConstant, IrInitStep, IrProcess, IrProtocol, IrStateVar, IrType } from "../ir.ts";
import * as T from "../tla.ts";
import { forkState, LowerContext } from "./context.ts";
import { choiceSet, declOf, fnOnDomain, langCallName, lowerCondition, lowerExpr, shorthandValue, type ExprEnv } from "./expr.ts";
import { lowerProperties } from "./properties.ts";
import { keyName, lowerScenarios } from "./scenarios.ts";
import { collectLabels, lowerProcess } from "./steps.ts";
import { irTypeOf, STATE_TYPE } from "./types.ts";

export function findProtocolCall(sf: SourceFile, langFile: string): CallExpression | undefined {
  const exported = sf.getDefaultExportSymbol();
  const decl = exported?.getDeclarations()[0];
  if (!decl || !Node.isExportAssignment(decl)) return undefined;
  const call = decl.getExpression();
  if (!Node.isCallExpression(call)) return undefined;
  const callee = declOf(call.getExpression());
  if (!callee || callee.getSourceFile().getFilePath() !== langFile) return undefined;
  return Node.isFunctionDeclaration(callee) && callee.getName() === "protocol" ? call : undefined;
}

export function lowerProtocol(ctx: LowerContext, call: CallExpression, name: string): IrProtocol {
  const [stateArg, constsArg] = call.getTypeArguments();
  const declObj = call.getArguments()[0];
  if (!stateArg) fail(call, "TSLA002");
  if (!declObj || !Node.isObjectLiteralExpression(declObj)) fail(declObj ?? call, "TSLA004");
  const field = (key: string, required: boolean): Expression | undefined => {
    const prop = declObj.getProperty(key);
    if (!prop) {
      if (required) fail(declObj, "TSLA003", key);
      return undefined;
    }
    if (Node.isPropertyAssignment(prop)) return prop.getInitializerOrThrow();
    if (Node.isMethodDeclaration(prop)) fail(prop, "TSLA065");
    fail(prop, "TSLA004");
  };

  // Constants and processes keep their names in TLA+; state fields are renamed around them.
  const constants = constsArg ? lowerConstants(ctx, constsArg.getType(), constsArg) : [];
  const processesNode = field("processes", true)!;
  const procDecls = readProcesses(ctx, processesNode);
  const stateVars = lowerStateType(ctx, stateArg.getType(), stateArg);
  for (const v of stateVars) checkMapDomains(ctx, v.type, stateArg, v.tsName);
  const initPrefix = lowerInit(ctx, field("init", true)!, stateVars);
  const processes: IrProcess[] = procDecls.map(({ name: pname, set, fairness, fn, node }) => {
    const lowered = lowerProcess(ctx, ctx.processes.get(pname)!, fn);
    for (const l of lowered.locals) markStringKeys(ctx, l.type);
    ctx.keptLocals.set(pname, lowered.locals);
    return {
      name: pname,
      set,
      fairness,
      operator: `${pname}_next`,
      initialLabel: lowered.initialLabel,
      labels: lowered.labels,
      steps: lowered.steps,
      locals: lowered.locals,
      pos: ctx.pos(node),
    };
  });
  const properties = lowerProperties(ctx, field("properties", false));
  const scenarios = lowerScenarios(ctx, field("scenarios", true)!, constants, properties.map((p) => p.tsName), processes.map((p) => p.name));
  return {
    name,
    module: moduleName(name),
    file: ctx.rel(call.getSourceFile().getFilePath()),
    stateVars,
    initPrefix,
    constants,
    processes,
    operators: ctx.operators,
    properties,
    scenarios,
    usesNull: ctx.usesNull,
    usesNaN: ctx.usesNaN,
    prelude: [...ctx.usedPrelude].sort(),
    pidLiterals: [...ctx.pidLiterals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, pos]) => ({ id, pos })),
  };
}

export function moduleName(protocol: string): string {
  return protocol
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

function reserveName(ctx: LowerContext, node: Node, name: string, what: string): void {
  if (T.TLA_RESERVED.has(name) || !T.isTlaIdentifier(name)) fail(node, "TSLA071", name, "a constant or a process");
  if (ctx.moduleNames.has(name)) fail(node, "TSLA070", name, what);
  ctx.moduleNames.add(name);
}

function lowerStateType(ctx: LowerContext, t: Type, where: Node): IrStateVar[] {
  const ir = irTypeOf(t, where, STATE_TYPE);
  if (ir.k !== "record") fail(where, "TSLA011", t.getText(where), `${STATE_TYPE} (it must be an interface or object type)`);
  return t.getProperties().map((prop, i) => {
    const decl = prop.getValueDeclaration() ?? prop.getDeclarations()[0] ?? where;
    const fieldType = ir.fields[i]!.type;
    const tlaName = ctx.tlaIdentifier(prop.getName());
    ctx.stateFields.set(prop.getName(), { tsName: prop.getName(), tlaName, type: fieldType });
    return { tsName: prop.getName(), tlaName, type: fieldType, init: { kind: "eq", expr: T.TRUE }, pos: ctx.pos(decl) };
  });
}

function lowerConstants(ctx: LowerContext, t: Type, where: Node): IrConstant[] {
  return t.getProperties().map((prop) => {
    const decl = prop.getValueDeclaration() ?? prop.getDeclarations()[0] ?? where;
    const pt = prop.getTypeAtLocation(decl);
    const symName = pt.getSymbol()?.getName() ?? pt.getAliasSymbol()?.getName();
    reserveName(ctx, decl, prop.getName(), "another constant");
    let c: IrConstant;
    if (symName === "ReadonlySet" && pt.getTypeArguments()[0] && irTypeOf(pt.getTypeArguments()[0]!, decl, prop.getName()).k === "pid") {
      c = { name: prop.getName(), kind: "pidSet", type: undefined, pos: ctx.pos(decl) };
    } else {
      const type = irTypeOf(pt, decl, `constant ${prop.getName()}`);
      // Values a scenario can write: scalars, and records, arrays and sets of them.
      const data = (t: IrType): boolean =>
        ["bool", "int", "lits"].includes(t.k) || (t.k === "record" && t.fields.every((f) => data(f.type))) || ((t.k === "set" || t.k === "seq") && data(t.elem));
      if (!data(type)) fail(decl, "TSLA020", prop.getName());
      c = { name: prop.getName(), kind: "value", type, pos: ctx.pos(decl) };
    }
    ctx.constants.set(c.name, c);
    return c;
  });
}

const innerTypes = (t: IrType): IrType[] =>
  t.k === "record" ? t.fields.map((f) => f.type) : t.k === "union" ? t.members : t.k === "seq" || t.k === "set" ? [t.elem] : t.k === "byPid" ? [t.value] : [];

/** Every `FnOn<"K", V>` in a state field's type names a set constant K. */
function checkMapDomains(ctx: LowerContext, t: IrType, where: Node, field: string): void {
  for (const x of innerTypes(t)) checkMapDomains(ctx, x, where, field);
  if (t.k !== "byPid" || !t.domain) return;
  const c = ctx.constants.get(t.domain);
  if (!c || (c.kind !== "pidSet" && c.type?.k !== "set")) {
    const sets = [...ctx.constants.values()].filter((k) => k.kind === "pidSet" || k.type?.k === "set").map((k) => k.name);
    fail(where, "TSLA011", `FnOn<"${t.domain}", ...>`, `state field ${field}: FnOn's first argument names a set constant (${sets.length ? sets.join(", ") : "the protocol has none"})`);
  }
  markStringKeys(ctx, t);
}

/** Marks the maps (in `t`) on a constant set of strings, whose TLA+ keys are strings, not model values. */
export function markStringKeys(ctx: LowerContext, t: IrType): void {
  for (const x of innerTypes(t)) markStringKeys(ctx, x);
  const c = t.k === "byPid" && t.domain ? ctx.constants.get(t.domain) : undefined;
  const elem = c?.type?.k === "set" ? c.type.elem : undefined;
  const strings = (e: IrType | undefined): boolean => (e?.k === "lits" && e.values.some((v) => typeof v === "string")) || (e?.k === "union" && e.members.some(strings));
  if (t.k === "byPid" && strings(elem)) t.stringKeys = true;
}

interface ProcDecl {
  name: string;
  set?: string;
  fairness: "weak" | "strong" | "none";
  fn: FunctionExpression;
  node: Node;
}

function readProcesses(ctx: LowerContext, node: Expression): ProcDecl[] {
  if (!Node.isObjectLiteralExpression(node)) fail(node, "TSLA004");
  const decls = node.getProperties().map((prop): ProcDecl => {
    if (!Node.isPropertyAssignment(prop)) fail(prop, "TSLA030", prop.getText().slice(0, 30));
    const name = keyName(prop);
    const call = prop.getInitializerOrThrow();
    const kind = langCallName({ ctx, mode: "pure", st: { slots: new Map(), bindings: new Map() } }, call);
    if (!Node.isCallExpression(call) || (kind !== "process" && kind !== "processSet")) fail(prop, "TSLA030", name);
    const args = call.getArguments();
    let set: string | undefined;
    if (kind === "processSet") {
      const setArg = args[0];
      if (!setArg || !Node.isStringLiteral(setArg)) fail(call, "TSLA032", setArg?.getText() ?? "", pidSets(ctx));
      set = setArg.getLiteralValue();
      if (!processIdType(ctx.constants.get(set))) fail(setArg, "TSLA032", set, pidSets(ctx));
    }
    const fn = args[kind === "processSet" ? 1 : 0];
    if (!fn || !Node.isFunctionExpression(fn) || !fn.isGenerator()) fail(fn ?? call, "TSLA031");
    const opts = args[kind === "processSet" ? 2 : 1];
    const fairness = readFairness(opts);
    reserveName(ctx, prop.getNameNode(), name, "a constant or another process");
    reserveName(ctx, prop.getNameNode(), `${name}_next`, "another name");
    ctx.processes.set(name, { name, set, idSet: set ?? `{${name}}`, idType: (set && processIdType(ctx.constants.get(set))) || { k: "pid" } });
    return { name, set, fairness, fn, node: prop };
  });
  for (const d of decls) {
    const labels = collectLabels(d.fn, d.name);
    ctx.labels.set(d.name, labels);
    for (const l of labels) reserveName(ctx, d.node, `${d.name}_${l}`, "another name (process name + step label)");
  }
  return decls;
}

function readFairness(opts: Node | undefined): "weak" | "strong" | "none" {
  if (!opts) return "weak";
  if (!Node.isObjectLiteralExpression(opts)) fail(opts, "TSLA004");
  const f = opts.getProperty("fairness");
  if (!f) return "weak";
  const init = Node.isPropertyAssignment(f) ? f.getInitializer() : undefined;
  if (!init || !Node.isStringLiteral(init)) fail(f, "TSLA004");
  return init.getLiteralValue() as "weak" | "strong" | "none";
}

/** The type of the ids of a process set declared on constant `c`: model values, or the integers of a set of them. */
export function processIdType(c: IrConstant | undefined): IrType | undefined {
  if (c?.kind === "pidSet") return { k: "pid" };
  const elem = c?.type?.k === "set" ? c.type.elem : undefined;
  if (elem?.k === "int" || (elem?.k === "lits" && elem.values.every((v) => typeof v === "number"))) return elem;
  return undefined;
}

export function pidSets(ctx: LowerContext): string {
  const sets = [...ctx.constants.values()].filter((c) => processIdType(c)).map((c) => c.name);
  return sets.length ? sets.join(", ") : "(none declared)";
}

/**
 * `init: (c) => ({ field: value, ... })`, or a block that chooses first and returns the fields:
 * `(c) => { const x = oneOf(S); when(P); return { field: x, ... }; }`. The block's steps become the
 * prefix of the state's initial predicate, in order (`\E x \in S : P /\ ...`).
 */
function lowerInit(ctx: LowerContext, node: Expression, stateVars: IrStateVar[]): IrInitStep[] {
  if (!Node.isArrowFunction(node)) fail(node, "TSLA065");
  const env: ExprEnv = { ctx, mode: "init", st: { slots: new Map(), bindings: new Map() } };
  const [c] = node.getParameters();
  if (c) env.st.bindings.set(c, { k: "consts" });
  let body: Node = node.getBody();
  const prefix: IrInitStep[] = [];
  if (Node.isBlock(body)) {
    const statements = body.getStatements();
    const last = statements.at(-1);
    for (const st of statements.slice(0, -1)) prefix.push(initStep(env, st));
    if (!last || !Node.isReturnStatement(last) || !last.getExpression()) fail(last ?? body, "TSLA065");
    body = last.getExpression()!;
  }
  while (Node.isParenthesizedExpression(body)) body = body.getExpression();
  if (!Node.isObjectLiteralExpression(body)) fail(body, "TSLA065");
  const seen = new Set<string>();
  for (const prop of (body as ObjectLiteralExpression).getProperties()) {
    if (!Node.isPropertyAssignment(prop) && !Node.isShorthandPropertyAssignment(prop)) fail(prop, "TSLA065");
    const name = keyName(prop);
    const v = stateVars.find((sv) => sv.tsName === name);
    if (!v) fail(prop, "TSLA064", name);
    seen.add(name);
    if (Node.isShorthandPropertyAssignment(prop)) {
      v.init = { kind: "eq", expr: shorthandValue(env, prop) };
      continue;
    }
    const init = prop.getInitializerOrThrow();
    const choices = initChoices(env, init);
    if (choices) {
      v.init = { kind: "in", expr: choices };
    } else {
      // A choice anywhere else (in an array literal, a spread, a callback with parameters) has no exact `x \in S` form here.
      const inner = init.getDescendants().find((d) => langCallName(env, d) === "oneOf");
      if (inner) fail(inner, "TSLA046", "oneOf()", "in init a choice is a field's value or part of it: inside a record literal, a `byPid` callback or an `Array.from({ length }, () => ...)` callback", "write `field: oneOf(values)`, `{ f: oneOf(values), g: e }`, `byPid(() => oneOf(values))` or `Array.from({ length: n }, () => oneOf(values))`, or choose first: `const x = oneOf(values);`");
      v.init = { kind: "eq", expr: lowerExpr(env, init) };
    }
  }
  for (const v of stateVars) if (!seen.has(v.tsName)) fail(body, "TSLA063", v.tsName);
  return prefix;
}

/** One statement before init's `return`: `const x = <choice or value>` or `when(condition)`. */
function initStep(env: ExprEnv, st: Node): IrInitStep {
  const pos = env.ctx.pos(st);
  if (Node.isExpressionStatement(st) && langCallName(env, st.getExpression()) === "when") {
    const [cond] = (st.getExpression() as CallExpression).getArguments();
    return { kind: "when", cond: lowerCondition(env, cond as Expression), pos };
  }
  const decls = Node.isVariableStatement(st) ? st.getDeclarations() : [];
  const decl = decls[0];
  if (decls.length !== 1 || !Node.isIdentifier(decl!.getNameNode()) || !decl!.getInitializer() || st.asKindOrThrow(SyntaxKind.VariableStatement).getDeclarationKind() !== "const") {
    fail(st, "TSLA065");
  }
  const value = decl!.getInitializerOrThrow();
  const name = env.ctx.freshLocal(decl!.getName());
  const choices = initChoices(env, value);
  const step: IrInitStep = choices ? { kind: "exists", name, set: choices, pos } : { kind: "let", name, expr: lowerExpr(env, value), pos };
  env.st.bindings.set(decl!, { k: "value", expr: T.atom(name) });
  return step;
}

/**
 * The set of every value an `init` field's initializer can give, when it chooses (`oneOf`) where the
 * choice has an exact `x \in S` form; undefined when it does not choose there. The runtime makes each
 * choice in turn, so the initial values are every combination:
 * - `oneOf(values)`: the values (a set, or an array's elements);
 * - `{ f: <choice>, g: e }`: the record set `[f : F, g : {e}]`;
 * - `byPid((p) => <choice>)`: `[ProcSet -> V]`, and when the choice depends on `p`,
 *   `{m \in [ProcSet -> UNION {V : p \in ProcSet}] : \A p \in ProcSet : m[p] \in V}`; `fnOn(c.K, ...)`
 *   the same on K;
 * - `Array.from({ length: n }, () => <choice>)`: `[1..n -> V]` (a function on 1..n is the sequence);
 *   with `length: oneOf(L)`, `UNION {[1..k -> V] : k \in L}`.
 */
function initChoices(env: ExprEnv, node: Expression): Expr | undefined {
  return choosesInPlace(env, node) ? lowerChoices(env, unparen(node)) : undefined;
}

const unparen = (node: Expression): Expression => (Node.isParenthesizedExpression(node) ? unparen(node.getExpression()) : node);

/** Whether `node` chooses where initChoices has a form for the choice (read without lowering it). */
function choosesInPlace(env: ExprEnv, node: Expression): boolean {
  node = unparen(node);
  const call = langCallName(env, node);
  if (call === "oneOf") return true;
  if (call === "byPid" || call === "fnOn") {
    const value = callbackValue((node as CallExpression).getArguments()[call === "fnOn" ? 1 : 0]);
    return value !== undefined && choosesInPlace(env, value);
  }
  if (Node.isObjectLiteralExpression(node)) {
    const fields = recordFields(node);
    return fields !== undefined && fields.some((p) => choosesInPlace(env, p.getInitializerOrThrow()));
  }
  const from = arrayFromParts(node);
  return from !== undefined && (choosesInPlace(env, from.length) || choosesInPlace(env, from.value));
}

function lowerChoices(env: ExprEnv, node: Expression): Expr {
  const call = langCallName(env, node);
  if (call === "oneOf") return choiceSet(env, (node as CallExpression).getArguments()[0] as Expression);
  if (call === "byPid") return mapChoices(env, (node as CallExpression).getArguments()[0] as ArrowFunction, env.ctx.procSet);
  if (call === "fnOn") return mapChoices(env, (node as CallExpression).getArguments()[1] as ArrowFunction, fnOnDomain(env, node as CallExpression));
  if (Node.isObjectLiteralExpression(node)) {
    return T.atom(`[${recordFields(node)!.map((p) => `${p.getName()} : ${partChoices(env, p.getInitializerOrThrow()).text}`).join(", ")}]`);
  }
  return arrayFromChoices(env, arrayFromParts(node)!);
}

/** The set a part of a choice gives: its choices, or the one value it has. */
function partChoices(env: ExprEnv, node: Expression): Expr {
  return initChoices(env, node) ?? T.atom(`{${lowerExpr(env, node).text}}`);
}

/** A record literal's `name: value` fields; undefined when it has a spread, a method, a quoted or computed name. */
function recordFields(node: ObjectLiteralExpression): PropertyAssignment[] | undefined {
  const props = node.getProperties();
  const plain = props.every((p) => Node.isPropertyAssignment(p) && Node.isIdentifier(p.getNameNode()));
  return plain ? (props as PropertyAssignment[]) : undefined;
}

/** The value of a callback: an expression body, or a block of one `return`. */
function callbackValue(fn: Node | undefined): Expression | undefined {
  if (!fn || !Node.isArrowFunction(fn)) return undefined;
  const body = fn.getBody();
  if (!Node.isBlock(body)) return body as Expression;
  const [only, ...rest] = body.getStatements();
  return only && !rest.length && Node.isReturnStatement(only) ? only.getExpression() : undefined;
}

/** The maps `byPid` (on ProcSet) or `fnOn` (on `domain`) gives, choosing each value. */
function mapChoices(env: ExprEnv, fn: ArrowFunction, domain: string): Expr {
  const { ctx } = env;
  if (fn.getParameters().length > 1) fail(fn, "TSLA041", "callback", "the callback takes exactly one parameter");
  const value = callbackValue(fn)!;
  const param = fn.getParameters()[0];
  const bound = ctx.freshLocal(param?.getName() ?? "p");
  const inner: ExprEnv = { ...env, st: forkState(env.st) };
  if (param) inner.st.bindings.set(param, { k: "value", expr: T.atom(bound) });
  const set = lowerChoices(inner, unparen(value));
  const usesParam = param !== undefined && [value, ...value.getDescendants()].some((n) => Node.isIdentifier(n) && declOf(n) === param);
  if (!usesParam) return T.atom(`[${domain} -> ${set.text}]`);
  const m = ctx.freshLocal("m");
  return T.atom(`{${m} \\in [${domain} -> UNION {${T.operand(set)} : ${bound} \\in ${domain}}] : \\A ${bound} \\in ${domain} : ${m}[${bound}] \\in ${T.operand(set)}}`);
}

interface ArrayFrom {
  call: CallExpression;
  length: Expression;
  fn: ArrowFunction;
  value: Expression;
}

/** `Array.from({ length: n }, () => value)`, the global `Array.from`; undefined for any other form. */
function arrayFromParts(node: Node): ArrayFrom | undefined {
  if (!Node.isCallExpression(node)) return undefined;
  const callee = node.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "from") return undefined;
  const base = callee.getExpression();
  if (!Node.isIdentifier(base) || base.getText() !== "Array" || !(base.getSymbol()?.getDeclarations() ?? []).every((d) => d.getSourceFile().isDeclarationFile())) return undefined;
  const [like, fn, ...rest] = node.getArguments();
  const value = callbackValue(fn);
  const lengthProp = like && Node.isObjectLiteralExpression(like) && like.getProperties().length === 1 ? like.getProperty("length") : undefined;
  if (rest.length || !value || !lengthProp || !Node.isPropertyAssignment(lengthProp)) return undefined;
  return { call: node, length: lengthProp.getInitializerOrThrow(), fn: fn as ArrowFunction, value };
}

function arrayFromChoices(env: ExprEnv, { length, fn, value }: ArrayFrom): Expr {
  if (fn.getParameters().length > 0) {
    fail(fn, "TSLA046", "a callback with parameters", "in init, Array.from chooses each element with a callback that takes no parameters", "write Array.from({ length: n }, () => oneOf(values))");
  }
  const each = partChoices(env, value);
  const lengths = initChoices(env, length);
  if (!lengths) return T.atom(`[1..${T.operand(lowerExpr(env, length))} -> ${each.text}]`);
  const k = env.ctx.freshLocal("n");
  return T.atom(`UNION {[1..${k} -> ${each.text}] : ${k} \\in ${T.operand(lengths)}}`);
}
