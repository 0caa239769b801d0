// Where JavaScript's object identity would show through: `===` and membership tests on objects.
// TLA+ values have no identity, so these are rejected with the value-based alternative. The test is on
// the TS types themselves (not the IR types, which need Int bounds): a local bound to a record or
// array literal (`{ f: number }`, `number[]`) or a literal argument (`q.includes([1])`) is an object
// too, and a fresh one: `===` with it is always false in JS, and includes never finds it.
import { SyntaxKind, type BinaryExpression, type Expression, type Type } from "ts-morph";
import { fail } from "../diagnostics.ts";
import { isSetType, isValueSetType } from "./types.ts";

/** True when some value of the TS type is a JS object: records, arrays, tuples, sets, maps, and unions holding one. */
export function typeMayBeObject(t: Type): boolean {
  if (t.isUnion()) return t.getUnionTypes().some(typeMayBeObject);
  // Branded primitives (Int<Lo, Hi> = number & {...}, Pid = string & {...}) are not objects.
  if (t.isIntersection()) return t.getIntersectionTypes().every(typeMayBeObject);
  return t.isObject();
}

function objectMember(t: Type): Type {
  return t.isUnion() ? t.getUnionTypes().find(typeMayBeObject)! : t;
}

function kindName(t: Type): string {
  const m = objectMember(t);
  if (m.isArray() || m.isTuple() || m.getSymbol()?.getName() === "ReadonlyArray") return "arrays";
  if (isSetType(m)) return "sets";
  if (m.getAliasSymbol()?.getName() === "ByPid" || m.getStringIndexType()) return "maps";
  return m.getCallSignatures().length ? "functions" : "records";
}

/** `a === b` / `a !== b` where both sides may be objects. */
export function checkReferenceEquality(node: BinaryExpression): void {
  const kind = node.getOperatorToken().getKind();
  if (kind !== SyntaxKind.EqualsEqualsEqualsToken && kind !== SyntaxKind.ExclamationEqualsEqualsToken) return;
  const a = node.getLeft().getType();
  const b = node.getRight().getType();
  if (!typeMayBeObject(a) || !typeMayBeObject(b)) return;
  fail(node.getOperatorToken(), "TSLA080", node.getOperatorToken().getText(), kindName(a.isUnion() ? b : a));
}

/** `q.includes(v)`, `q.indexOf(v)`, `set.has(v)` with an object `v`. */
export function checkReferenceMembership(method: string, receiver: Expression, args: Expression[]): void {
  if (!["includes", "indexOf", "has"].includes(method) || !args[0]) return;
  if (method === "has" && isValueSetType(receiver.getType())) return;
  const t = args[0].getType();
  if (!typeMayBeObject(t)) return;
  const hint =
    method === "has"
      ? "keep a set of primitive values"
      : method === "includes"
        ? `write ${receiver.getText()}.some((x) => equals(x, ${args[0].getText()}))`
        : "look for the element with some((x) => equals(x, v)), or keep its index";
  fail(args[0], "TSLA081", method, kindName(t), hint);
}
