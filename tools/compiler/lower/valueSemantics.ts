// Where JavaScript's object identity would show through: `===` and membership tests on objects.
// TLA+ values have no identity, so these are rejected with the value-based alternative.
import { Node, SyntaxKind, type BinaryExpression, type Expression } from "ts-morph";
import { fail } from "../diagnostics.ts";
import type { IrType } from "../ir.ts";
import { irTypeOf, mayHoldCompound } from "./types.ts";

function irType(node: Node): IrType | undefined {
  try {
    return irTypeOf(node.getType(), node, node.getText());
  } catch {
    return undefined;
  }
}

const kindName = (t: IrType): string =>
  t.k === "record" ? "records" : t.k === "seq" ? "arrays" : t.k === "set" ? "sets" : t.k === "byPid" ? "maps" : "objects";

/** `a === b` / `a !== b` where both sides may be objects. */
export function checkReferenceEquality(node: BinaryExpression): void {
  const kind = node.getOperatorToken().getKind();
  if (kind !== SyntaxKind.EqualsEqualsEqualsToken && kind !== SyntaxKind.ExclamationEqualsEqualsToken) return;
  const a = irType(node.getLeft());
  const b = irType(node.getRight());
  if (!a || !b || !mayHoldCompound(a) || !mayHoldCompound(b)) return;
  const compound = a.k === "union" ? b : a;
  fail(node.getOperatorToken(), "TSLA080", node.getOperatorToken().getText(), kindName(compound));
}

/** `q.includes(v)`, `q.indexOf(v)`, `set.has(v)` with an object `v`. */
export function checkReferenceMembership(method: string, receiver: Expression, args: Expression[]): void {
  if (!["includes", "indexOf", "has"].includes(method) || !args[0]) return;
  const t = irType(args[0]);
  if (!t || !mayHoldCompound(t)) return;
  const hint =
    method === "has"
      ? "keep a set of primitive values"
      : method === "includes"
        ? `write ${receiver.getText()}.some((x) => equals(x, ${args[0].getText()}))`
        : "look for the element with some((x) => equals(x, v)), or keep its index";
  fail(args[0], "TSLA081", method, kindName(t.k === "union" ? t.members.find(mayHoldCompound)! : t), hint);
}
