// Properties written in TS → invariants, witnesses and temporal formulas.
import { ArrowFunction, Expression, Node } from "ts-morph";
import { fail } from "../diagnostics.ts";
import type { Expr, IrProperty, IrType, TemporalFormula } from "../ir.ts";
import * as T from "../tla.ts";
import { forkState, type LowerContext } from "./context.ts";
import { langCallName, lowerArrowBody, type ExprEnv } from "./expr.ts";
import { keyName } from "./scenarios.ts";

export function lowerProperties(ctx: LowerContext, node: Expression | undefined): IrProperty[] {
  if (!node) return [];
  if (!Node.isObjectLiteralExpression(node)) fail(node, "TSLA004");
  const base: ExprEnv = { ctx, mode: "property", st: { slots: new Map(), bindings: new Map() } };
  return node.getProperties().map((prop) => {
    if (!Node.isPropertyAssignment(prop)) fail(prop, "TSLA061", prop.getText().slice(0, 30));
    const name = keyName(prop);
    const init = prop.getInitializerOrThrow();
    const kind = langCallName(base, init);
    if (!Node.isCallExpression(init) || (kind !== "invariant" && kind !== "witness" && kind !== "temporal" && kind !== "action")) fail(prop, "TSLA061", name);
    if (name === "TypeOK" || name === "deadlock") fail(prop.getNameNode(), "TSLA070", name, `the built-in check ${name} (which scenarios' expect and properties name so)`);
    const tlaName = ctx.tlaIdentifier(name);
    ctx.beginDefinition();
    const arg = init.getArguments()[0] as Expression;
    const pos = ctx.pos(prop);
    if (kind === "temporal") return { tsName: name, tlaName, kind, formula: lowerTemporal(base, arg), pos };
    if (kind === "action") return { tsName: name, tlaName, kind, pred: lowerActionPredicate(base, arg), pos };
    return { tsName: name, tlaName, kind, pred: lowerPredicate(base, arg), pos };
  });
}

function lowerPredicate(env: ExprEnv, fn: Node) {
  if (!Node.isArrowFunction(fn)) fail(fn, "TSLA041", "predicate", "write a predicate as (s, c) => condition");
  const inner: ExprEnv = { ...env, st: forkState(env.st) };
  const [s, c] = fn.getParameters();
  if (s) inner.st.bindings.set(s, { k: "state" });
  if (c) inner.st.bindings.set(c, { k: "consts" });
  return lowerArrowBody(inner, fn as ArrowFunction);
}

/** `(before, after, c) => condition`: `after`'s fields are the primed variables. */
function lowerActionPredicate(env: ExprEnv, fn: Node) {
  if (!Node.isArrowFunction(fn)) fail(fn, "TSLA041", "action predicate", "write an action property as (before, after, c) => condition");
  const inner: ExprEnv = { ...env, st: forkState(env.st) };
  const [before, after, c] = fn.getParameters();
  if (before) inner.st.bindings.set(before, { k: "state" });
  if (after) inner.st.bindings.set(after, { k: "state", primed: true });
  if (c) inner.st.bindings.set(c, { k: "consts" });
  return lowerArrowBody(inner, fn as ArrowFunction);
}

function lowerTemporal(env: ExprEnv, node: Node): TemporalFormula {
  const op = langCallName(env, node);
  if (!Node.isCallExpression(node) || !op) fail(node, "TSLA041", "temporal formula", "use always, eventually, alwaysEventually, eventuallyAlways, leadsTo and forAll");
  const args = node.getArguments();
  switch (op) {
    case "always":
    case "eventually":
    case "alwaysEventually":
    case "eventuallyAlways":
      return { op, pred: lowerPredicate(env, args[0]!) };
    case "leadsTo":
      return { op, from: lowerPredicate(env, args[0]!), to: lowerPredicate(env, args[1]!) };
    case "forAll": {
      const setArg = args[0]!;
      // `forAll("Readers", ...)`, or over several: `forAll(["Readers", "Writers"], ...)`.
      const names = Node.isArrayLiteralExpression(setArg) ? setArg.getElements() : [setArg];
      if (!names.length) fail(setArg, "TSLA060", setArg.getText(), knownSets(env.ctx));
      const domains = names.map((n) => {
        if (!Node.isStringLiteral(n)) fail(n, "TSLA060", n.getText(), knownSets(env.ctx));
        return quantifiedSet(env.ctx, n.getLiteralValue()) ?? fail(n, "TSLA060", n.getLiteralValue(), knownSets(env.ctx));
      });
      const sets = names.map((n) => (n as import("ts-morph").StringLiteral).getLiteralValue());
      const domain = domains.length === 1 ? domains[0]! : { set: T.compound(`(${domains.map((d) => T.operand(d.set)).join(" \\cup ")})`), elem: unionOf(domains.map((d) => d.elem)) };
      const fn = args[1]!;
      if (!Node.isArrowFunction(fn) || fn.getParameters().length !== 1) fail(fn, "TSLA041", "forAll body", "write forAll(\"Set\", (p) => formula)");
      const param = fn.getParameters()[0]!;
      const bound = env.ctx.freshLocal(param.getName());
      const inner: ExprEnv = { ...env, st: forkState(env.st) };
      inner.st.bindings.set(param, { k: "value", expr: T.atom(bound), type: domain.elem });
      const body = fn.getBody();
      return { op, bound, set: domain.set, sets, body: lowerTemporal(inner, body) };
    }
    default:
      fail(node, "TSLA041", `${op}() in a temporal formula`, "use always, eventually, alwaysEventually, eventuallyAlways, leadsTo and forAll");
  }
}

/** The type of an element of any of several sets. */
function unionOf(types: IrType[]): IrType {
  const distinct = types.filter((t, i) => types.findIndex((u) => JSON.stringify(u) === JSON.stringify(t)) === i);
  return distinct.length === 1 ? distinct[0]! : { k: "union", members: distinct };
}

/** What `forAll(name, ...)` ranges over: a process set, a single process, or a constant set of values. */
function quantifiedSet(ctx: LowerContext, name: string): { set: Expr; elem: IrType } | undefined {
  const proc = ctx.processes.get(name);
  if (proc) return { set: T.atom(proc.set ?? `{${name}}`), elem: proc.idType };
  const c = ctx.constants.get(name);
  if (c?.kind === "pidSet") return { set: T.atom(name), elem: { k: "pid" } };
  if (c?.type?.k === "set") return { set: T.atom(name), elem: c.type.elem };
  return undefined;
}

function knownSets(ctx: LowerContext): string {
  const sets = [...ctx.constants.values()].filter((c) => c.kind === "pidSet" || c.type?.k === "set").map((c) => c.name);
  const singles = [...ctx.processes.values()].filter((p) => !p.set).map((p) => p.name);
  return [...sets, ...singles].join(", ") || "(none)";
}
