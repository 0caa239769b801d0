// The protocol declaration → IR: state, constants, init, processes, properties, scenarios.
import {
  ArrowFunction,
  CallExpression,
  Expression,
  FunctionExpression,
  Node,
  ObjectLiteralExpression,
  SourceFile,
  Type,
} from "ts-morph";
import { fail } from "../diagnostics.ts";
import type { Expr, IrConstant, IrProcess, IrProtocol, IrStateVar } from "../ir.ts";
import * as T from "../tla.ts";
import { forkState, LowerContext } from "./context.ts";
import { choiceSet, declOf, langCallName, lowerExpr, type ExprEnv } from "./expr.ts";
import { lowerProperties } from "./properties.ts";
import { lowerScenarios } from "./scenarios.ts";
import { collectLabels, lowerProcess } from "./steps.ts";
import { irTypeOf } from "./types.ts";

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

  const stateVars = lowerStateType(ctx, stateArg.getType(), stateArg);
  const constants = constsArg ? lowerConstants(ctx, constsArg.getType(), constsArg) : [];
  const processesNode = field("processes", true)!;
  const procDecls = readProcesses(ctx, processesNode);
  lowerInit(ctx, field("init", true)!, stateVars);
  const processes: IrProcess[] = procDecls.map(({ name: pname, set, fairness, fn, node }) => {
    const lowered = lowerProcess(ctx, ctx.processes.get(pname)!, fn);
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
  const scenarios = lowerScenarios(ctx, field("scenarios", true)!, constants, properties.map((p) => p.tsName));
  return {
    name,
    module: moduleName(name),
    file: ctx.rel(call.getSourceFile().getFilePath()),
    stateVars,
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
  if (T.TLA_RESERVED.has(name)) fail(node, "TSLA071", name);
  if (ctx.moduleNames.has(name)) fail(node, "TSLA070", name, what);
  ctx.moduleNames.add(name);
}

function lowerStateType(ctx: LowerContext, t: Type, where: Node): IrStateVar[] {
  const ir = irTypeOf(t, where, "the state");
  if (ir.k !== "record") fail(where, "TSLA011", t.getText(where), "the state (it must be an interface or object type)");
  return t.getProperties().map((prop, i) => {
    const decl = prop.getValueDeclaration() ?? prop.getDeclarations()[0] ?? where;
    const fieldType = ir.fields[i]!.type;
    reserveName(ctx, decl, prop.getName(), "another state field or constant");
    ctx.stateFields.set(prop.getName(), { tsName: prop.getName(), tlaName: prop.getName(), type: fieldType });
    return { tsName: prop.getName(), tlaName: prop.getName(), type: fieldType, init: { kind: "eq", expr: T.TRUE }, pos: ctx.pos(decl) };
  });
}

function lowerConstants(ctx: LowerContext, t: Type, where: Node): IrConstant[] {
  return t.getProperties().map((prop) => {
    const decl = prop.getValueDeclaration() ?? prop.getDeclarations()[0] ?? where;
    const pt = prop.getTypeAtLocation(decl);
    const symName = pt.getSymbol()?.getName() ?? pt.getAliasSymbol()?.getName();
    reserveName(ctx, decl, prop.getName(), "a state field or another constant");
    let c: IrConstant;
    if (symName === "ReadonlySet" && pt.getTypeArguments()[0] && irTypeOf(pt.getTypeArguments()[0]!, decl, prop.getName()).k === "pid") {
      c = { name: prop.getName(), kind: "pidSet", type: undefined, pos: ctx.pos(decl) };
    } else {
      const type = irTypeOf(pt, decl, `constant ${prop.getName()}`);
      const scalar = (t: typeof type) => ["bool", "int", "lits"].includes(t.k);
      if (!scalar(type) && !((type.k === "set" || type.k === "seq") && scalar(type.elem))) fail(decl, "TSLA020", prop.getName());
      c = { name: prop.getName(), kind: "value", type, pos: ctx.pos(decl) };
    }
    ctx.constants.set(c.name, c);
    return c;
  });
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
    const name = prop.getName();
    const call = prop.getInitializerOrThrow();
    const kind = langCallName({ ctx, mode: "pure", st: { slots: new Map(), bindings: new Map() } }, call);
    if (!Node.isCallExpression(call) || (kind !== "process" && kind !== "processSet")) fail(prop, "TSLA030", name);
    const args = call.getArguments();
    let set: string | undefined;
    if (kind === "processSet") {
      const setArg = args[0];
      if (!setArg || !Node.isStringLiteral(setArg)) fail(call, "TSLA032", setArg?.getText() ?? "", pidSets(ctx));
      set = setArg.getLiteralValue();
      if (ctx.constants.get(set)?.kind !== "pidSet") fail(setArg, "TSLA032", set, pidSets(ctx));
    }
    const fn = args[kind === "processSet" ? 1 : 0];
    if (!fn || !Node.isFunctionExpression(fn) || !fn.isGenerator()) fail(fn ?? call, "TSLA031");
    const opts = args[kind === "processSet" ? 2 : 1];
    const fairness = readFairness(opts);
    reserveName(ctx, prop.getNameNode(), name, "a state field, constant or another process");
    reserveName(ctx, prop.getNameNode(), `${name}_next`, "another name");
    ctx.processes.set(name, { name, set, idSet: set ?? `{${name}}` });
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

export function pidSets(ctx: LowerContext): string {
  const sets = [...ctx.constants.values()].filter((c) => c.kind === "pidSet").map((c) => c.name);
  return sets.length ? sets.join(", ") : "(none declared)";
}

function lowerInit(ctx: LowerContext, node: Expression, stateVars: IrStateVar[]): void {
  if (!Node.isArrowFunction(node)) fail(node, "TSLA065");
  let body: Node = node.getBody();
  while (Node.isParenthesizedExpression(body)) body = body.getExpression();
  if (!Node.isObjectLiteralExpression(body)) fail(node, "TSLA065");
  const env: ExprEnv = { ctx, mode: "init", st: { slots: new Map(), bindings: new Map() } };
  const [c] = node.getParameters();
  if (c) env.st.bindings.set(c, { k: "consts" });
  const seen = new Set<string>();
  for (const prop of (body as ObjectLiteralExpression).getProperties()) {
    if (!Node.isPropertyAssignment(prop)) fail(prop, "TSLA065");
    const name = prop.getName();
    const v = stateVars.find((sv) => sv.tsName === name);
    if (!v) fail(prop, "TSLA064", name);
    seen.add(name);
    const init = prop.getInitializerOrThrow();
    if (langCallName(env, init) === "oneOf") {
      v.init = { kind: "in", expr: choiceSet(env, (init as CallExpression).getArguments()[0] as Expression) };
    } else if (langCallName(env, init) === "byPid" && eachPicks(env, (init as CallExpression).getArguments()[0])) {
      v.init = { kind: "in", expr: eachPidPicks(env, (init as CallExpression).getArguments()[0] as ArrowFunction) };
    } else {
      // A choice anywhere else (in an object, an array, deeper in a byPid callback) has no exact `x \in S` form here.
      const inner = init.getDescendants().find((d) => langCallName(env, d) === "oneOf");
      if (inner) fail(inner, "TSLA046", "oneOf()", "in init a choice is the whole value of a field, or of each process in byPid", "write `field: oneOf(values)` or `field: byPid(() => oneOf(values))`, with a set or array of whole values");
      v.init = { kind: "eq", expr: lowerExpr(env, init) };
    }
  }
  for (const v of stateVars) if (!seen.has(v.tsName)) fail(body, "TSLA063", v.tsName);
}

/** The `values` of `byPid((p) => oneOf(values))` (an expression body, or a block of one `return`). */
function eachPicks(env: ExprEnv, fn: Node | undefined): Expression | undefined {
  if (!fn || !Node.isArrowFunction(fn)) return undefined;
  let body: Node = fn.getBody();
  if (Node.isBlock(body)) {
    const [only, ...rest] = body.getStatements();
    if (!only || rest.length || !Node.isReturnStatement(only) || !only.getExpression()) return undefined;
    body = only.getExpression()!;
  }
  while (Node.isParenthesizedExpression(body)) body = body.getExpression();
  return langCallName(env, body) === "oneOf" ? ((body as CallExpression).getArguments()[0] as Expression | undefined) : undefined;
}

/**
 * `byPid((p) => oneOf(values))`: the runtime picks each process's value in turn, so the initial
 * values are every function from the process ids to `values`: `[ProcSet -> values]`, and when
 * `values` depends on `p`, `{m \in [ProcSet -> UNION {values : p \in ProcSet}] : \A p \in ProcSet : m[p] \in values}`.
 */
function eachPidPicks(env: ExprEnv, fn: ArrowFunction): Expr {
  const { ctx } = env;
  if (fn.getParameters().length > 1) fail(fn, "TSLA041", "callback", "the callback takes exactly one parameter");
  const param = fn.getParameters()[0];
  const bound = ctx.freshLocal(param?.getName() ?? "p");
  const inner: ExprEnv = { ...env, st: forkState(env.st) };
  if (param) inner.st.bindings.set(param, { k: "value", expr: T.atom(bound) });
  const values = eachPicks(env, fn)!;
  const set = choiceSet(inner, values);
  const usesParam = param !== undefined && [values, ...values.getDescendants()].some((n) => Node.isIdentifier(n) && declOf(n) === param);
  if (!usesParam) return T.atom(`[${ctx.procSet} -> ${set.text}]`);
  const m = ctx.freshLocal("m");
  return T.atom(`{${m} \\in [${ctx.procSet} -> UNION {${T.operand(set)} : ${bound} \\in ${ctx.procSet}}] : \\A ${bound} \\in ${ctx.procSet} : ${m}[${bound}] \\in ${T.operand(set)}}`);
}
