// JavaScript values outside a value's TS type, and JavaScript's truthiness, with their exact TLA+.
//
// `undefined` comes from an array read outside its elements, a map read of an id the scenario does not
// have, or shift/pop of []; arithmetic on it gives NaN. JS computes on with both (NaN < 1 is false,
// !undefined is true), where TLC would stop: an expression that may be one of them carries a mark
// (Expr.js), and the operators it reaches are written so that TLA+ computes what JS does. Kept in the
// state, either one is in no type, so TypeOK fails on both engines.
//
// Truthiness: `if`, `while`, `when`, `?:`, `!`, `&&` and `||` take any value in JS, false only for
// false, 0, "", null, undefined and NaN; TLA+ takes booleans only there.
import { Node, ts, type Expression } from "ts-morph";
import { fail } from "../diagnostics.ts";
import type { Expr, IrType } from "../ir.ts";
import * as T from "../tla.ts";
import type { LowerContext } from "./context.ts";
import { irTypeOf, irTypeOfNode as irType } from "./types.ts";

export const UNDEFINED = "Undefined";
export const NAN = "NaN";

const isMarked = (e: Expr): boolean => e.js !== undefined;
const mayBeNaN = (e: Expr): boolean => e.js?.nan === true;

/** `e`, marked as what it may also be besides its type's values. */
export function marked(e: Expr, js: Expr["js"]): Expr {
  return js && (js.undef || js.nan) ? { ...e, js: { ...e.js, ...js } } : e;
}

/** The marks of values `from` carried into `e` (a name bound to one, a choice between them). */
export function carrying(e: Expr, ...from: Expr[]): Expr {
  const undef = from.some((f) => f.js?.undef);
  const nan = from.some((f) => f.js?.nan);
  return marked(e, { ...(undef ? { undef: true } : {}), ...(nan ? { nan: true } : {}) });
}

/** A read that may give undefined (JsGet, JsAt, JsFnGet, shift/pop's value). */
export const mayBeUndefined = (e: Expr): Expr => marked(e, { undef: true });

const bothInt = (a: Expr, b: Expr): Expr =>
  T.conj([a, b].filter(isMarked).map((x) => ({ ...T.compound(`${T.operand(x)} \\in Int`), op: "\\in" })));

/** `a op b` for + - * and the like (`build` writes it): NaN when an operand is undefined or NaN. */
export function arithmetic(ctx: LowerContext, a: Expr, b: Expr, build: (a: Expr, b: Expr) => Expr): Expr {
  if (!isMarked(a) && !isMarked(b)) return build(a, b);
  ctx.usesNaN = true;
  return marked(T.ifThenElse(bothInt(a, b), build(a, b), T.atom(NAN)), { nan: true });
}

/** `-a`, Math.abs(a) and the like. */
export function arithmetic1(ctx: LowerContext, a: Expr, build: (a: Expr) => Expr): Expr {
  return arithmetic(ctx, a, T.num(0), (x) => build(x));
}

/** `a < b` and the other orderings: false when an operand is undefined or NaN. */
export function ordering(op: string, a: Expr, b: Expr): Expr {
  if (!isMarked(a) && !isMarked(b)) return T.binary(op, a, b);
  return T.conj([bothInt(a, b), T.binary(op, a, b)]);
}

/** `a === b`, `a !== b`: NaN equals nothing, itself included (undefined equals undefined). */
export function strictEquality(op: "=" | "#", a: Expr, b: Expr): Expr {
  if (!mayBeNaN(a) && !mayBeNaN(b)) return T.binary(op, a, b);
  const nan = mayBeNaN(a) ? a : b;
  const equal = T.conj([T.binary("=", a, b), T.binary("#", nan, T.atom(NAN))]);
  return op === "=" ? equal : T.not(equal);
}

/**
 * `e` (the value of `node`) as a TLA+ boolean that is TRUE exactly when JS takes it as true. Rejected
 * (TSLA086) for a type that mixes kinds whose falsy values TLC cannot compare (a number or a boolean).
 */
export function truthy(ctx: LowerContext, node: Expression, e: Expr): Expr {
  // Narrowed to no value at all (code TS proves unreachable, `if (b && !b) { ... b ... }`): nothing to test.
  if (node.getType().getFlags() & ts.TypeFlags.Never) return e;
  const { members, undef } = valueTypes(node);
  const falsy: Expr[] = [];
  const kinds = new Set<string>();
  for (const m of members) {
    if (m.k === "bool") kinds.add("bool");
    else if (m.k === "int") {
      kinds.add("int");
      falsy.push(T.num(0));
    } else if (m.k === "lits") {
      for (const v of m.values) {
        kinds.add(typeof v === "number" ? "int" : "string");
        if (v === "" || v === 0) falsy.push(typeof v === "string" ? T.str(v) : T.num(v));
      }
    } else if (m.k === "null") {
      ctx.usesNull = true;
      falsy.push(T.atom(T.NULL_VALUE));
    } else kinds.add("object");
  }
  // One kind (besides null and undefined): TLC compares 0 with integers only, "" with strings only.
  if (members.length === 0 || kinds.size > 1) fail(node, "TSLA086", node.getText(), members.length ? "values of different kinds" : "a value of no supported type");
  if (undef || e.js?.undef) falsy.push(T.atom(UNDEFINED));
  if (e.js?.nan) falsy.push(T.atom(NAN));
  // Booleans: TRUE is the one truthy value (tested as `= TRUE` when it may be something else).
  if (kinds.has("bool")) return falsy.length ? T.binary("=", e, T.TRUE) : e;
  // Model values (Null, Undefined, NaN) first: TLC compares them with anything, 0 and "" only with their kind.
  const isModel = (f: Expr): boolean => !/^(-?\d+|".*")$/.test(f.text);
  return T.conj([...falsy.filter(isModel), ...falsy.filter((f) => !isModel(f))].map((f) => T.binary("#", e, f)));
}

/** The IR types a value of `node` may have (a union taken apart), and whether its TS type admits undefined. */
function valueTypes(node: Node): { members: IrType[]; undef: boolean } {
  const t = node.getType();
  const parts = t.isUnion() ? t.getUnionTypes() : [t];
  const members: IrType[] = [];
  for (const p of parts.filter((x) => !x.isUndefined())) {
    // A plain number (a length, a size) counts as an integer here.
    if (p.isNumber()) {
      members.push({ k: "int", lo: 0, hi: 0 });
      continue;
    }
    try {
      const ir = irTypeOf(p, node, node.getText());
      members.push(...(ir.k === "union" ? ir.members : [ir]));
    } catch {
      return { members: [], undef: false };
    }
  }
  return { members, undef: parts.some((x) => x.isUndefined()) };
}

/** Whether `node` is boolean-typed, so that `&&` / `||` on it give a boolean in JS too. */
export function isBooleanTyped(node: Expression): boolean {
  return irType(node)?.k === "bool";
}
