// TS types (from the type checker) → IR types. Anything unbounded or unsupported is a diagnostic.
import { fileURLToPath } from "node:url";
import { Node, SyntaxKind, Type } from "ts-morph";
export { showType } from "../showType.ts";
import { fail } from "../diagnostics.ts";
import { isTlaIdentifier } from "../tla.ts";
import type { IrType } from "../ir.ts";

function brandProperty(t: Type, brand: string): Type | undefined {
  for (const member of t.isIntersection() ? t.getIntersectionTypes() : [t]) {
    for (const prop of member.getProperties()) {
      if (prop.getName().startsWith(`__@${brand}@`)) {
        const decl = prop.getValueDeclaration() ?? prop.getDeclarations()[0];
        return decl ? prop.getTypeAtLocation(decl) : undefined;
      }
    }
  }
  return undefined;
}

function literalOf(t: Type): number | undefined {
  const v = t.getLiteralValue();
  return typeof v === "number" ? v : undefined;
}

function intRange(t: Type, where: Node, what: string): IrType | undefined {
  const brand = brandProperty(t, "intRange");
  if (!brand) return undefined;
  const tuple = brand.isUnion() ? brand.getUnionTypes().find((u) => u.isTuple()) : brand;
  const elems = tuple?.getTupleElements() ?? [];
  const lo = elems[0] && literalOf(elems[0]);
  const hi = elems[1] && literalOf(elems[1]);
  if (lo === undefined || hi === undefined) fail(where, "TSLA010", what);
  if (lo > hi) fail(where, "TSLA014", String(lo), String(hi));
  for (const v of [lo, hi]) checkTlcInt(v, where, `the bound ${v} of Int<${lo}, ${hi}>`);
  return { k: "int", lo, hi };
}

/**
 * TLC's integers are Java ints, and a numeral above 2^31 - 1 is an error in TLC (so -2^31 cannot be
 * written either): every integer the protocol writes (literals, Int bounds, literal types) lies in
 * -(2^31 - 1)..2^31 - 1, and is a whole number (TLC has no fractions).
 */
export const TLC_INT_MAX = 2147483647;
export function checkTlcInt(v: number, where: Node, what: string): void {
  if (!Number.isInteger(v)) fail(where, "TSLA100", what, String(v));
  if (Math.abs(v) > TLC_INT_MAX) fail(where, "TSLA101", what, String(v));
}

type ArithmeticOp = "+" | "-" | "*";
const ARITHMETIC_OPS: Partial<Record<SyntaxKind, ArithmeticOp>> = {
  [SyntaxKind.PlusToken]: "+",
  [SyntaxKind.MinusToken]: "-",
  [SyntaxKind.AsteriskToken]: "*",
};
/** `a += b`, `a -= b`, `a *= b`: the arithmetic each compound assignment does. */
export const COMPOUND_OPS: Partial<Record<SyntaxKind, ArithmeticOp>> = {
  [SyntaxKind.PlusEqualsToken]: "+",
  [SyntaxKind.MinusEqualsToken]: "-",
  [SyntaxKind.AsteriskEqualsToken]: "*",
};
const INCREMENTS = new Set([SyntaxKind.PlusPlusToken, SyntaxKind.MinusMinusToken]);

/**
 * The integers `a + b`, `a - b`, `a * b` or `-a` (also written `a += b`, `a++`, ...) may take, from
 * the operands' TS types (and literals), when every operand's type says; undefined otherwise.
 */
export function arithmeticRange(node: Node): { lo: number; hi: number } | undefined {
  const n = Node.isParenthesizedExpression(node) || Node.isNonNullExpression(node) ? node.getExpression() : node;
  if (Node.isNumericLiteral(n)) return { lo: n.getLiteralValue(), hi: n.getLiteralValue() };
  if (Node.isPrefixUnaryExpression(n) && n.getOperatorToken() === SyntaxKind.MinusToken) {
    const r = arithmeticRange(n.getOperand());
    return r && { lo: -r.hi, hi: -r.lo };
  }
  if ((Node.isPrefixUnaryExpression(n) || Node.isPostfixUnaryExpression(n)) && INCREMENTS.has(n.getOperatorToken())) {
    const r = arithmeticRange(n.getOperand());
    const d = n.getOperatorToken() === SyntaxKind.PlusPlusToken ? 1 : -1;
    return r && { lo: r.lo + d, hi: r.hi + d };
  }
  if (Node.isBinaryExpression(n)) {
    const token = n.getOperatorToken().getKind();
    const op = ARITHMETIC_OPS[token] ?? COMPOUND_OPS[token];
    if (!op) return undefined;
    const a = arithmeticRange(n.getLeft());
    const b = arithmeticRange(n.getRight());
    if (!a || !b) return undefined;
    if (op === "+") return { lo: a.lo + b.lo, hi: a.hi + b.hi };
    if (op === "-") return { lo: a.lo - b.hi, hi: a.hi - b.lo };
    const products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
    return { lo: Math.min(...products), hi: Math.max(...products) };
  }
  const b = intBounds(n.getType());
  return b && { lo: b.lo, hi: b.hi };
}

/**
 * Rejects arithmetic whose result may leave TLC's integers (TLC stops with an overflow where JS goes
 * on exactly), as the operands' types say.
 */
export function checkArithmeticRange(node: Node): void {
  const r = arithmeticRange(node);
  if (!r || (r.lo >= -TLC_INT_MAX && r.hi <= TLC_INT_MAX)) return;
  fail(node, "TSLA101", `\`${node.getText()}\``, r.hi > TLC_INT_MAX ? `as large as ${r.hi} by its operands' types` : `as small as ${r.lo} by its operands' types`);
}

/**
 * The integer values a TS type allows, when it says: a number literal, a union of them, or Int<Lo, Hi>
 * (`values` is set for literals). Plain `number` (e.g. the type of `a + 1`) says nothing: undefined.
 */
export function intBounds(t: Type): { lo: number; hi: number; values?: number[] } | undefined {
  if (t.isNumberLiteral()) {
    const v = t.getLiteralValue() as number;
    return { lo: v, hi: v, values: [v] };
  }
  const brand = brandProperty(t, "intRange");
  if (brand) {
    const tuple = brand.isUnion() ? brand.getUnionTypes().find((u) => u.isTuple()) : brand;
    const elems = tuple?.getTupleElements() ?? [];
    const lo = elems[0] && literalOf(elems[0]);
    const hi = elems[1] && literalOf(elems[1]);
    return lo === undefined || hi === undefined ? undefined : { lo, hi };
  }
  if (t.isUnion()) {
    const parts = t.getUnionTypes();
    if (!parts.every((u) => u.isNumberLiteral())) return undefined;
    const values = parts.map((u) => u.getLiteralValue() as number);
    return { lo: Math.min(...values), hi: Math.max(...values), values };
  }
  return undefined;
}

/** True when the TS type allows no 0 (a nonzero literal, a literal union without 0, Int<Lo, Hi> with 0 outside). */
export function excludesZero(t: Type): boolean {
  const b = intBounds(t);
  if (!b) return false;
  return b.values ? !b.values.includes(0) : b.lo > 0 || b.hi < 0;
}

const isPid = (t: Type): boolean => brandProperty(t, "pidBrand") !== undefined;

function containerName(t: Type): string | undefined {
  return t.getSymbol()?.getName() ?? t.getAliasSymbol()?.getName();
}

const VALUE_SET_FILE = fileURLToPath(new URL("../../lang/valueSet.ts", import.meta.url));

/**
 * The language's set types, by their declarations (a protocol's own class named Set or ValueSet is
 * neither): JS Sets (primitive elements) from TypeScript's library, ValueSets (compared by value, any
 * element) from tools/lang.
 */
function setKind(t: Type): "plain" | "value" | undefined {
  const sym = t.getSymbol() ?? t.getAliasSymbol();
  const name = sym?.getName();
  const files = (sym?.getDeclarations() ?? []).map((d) => d.getSourceFile());
  if ((name === "Set" || name === "ReadonlySet") && files.length > 0 && files.every((f) => f.isDeclarationFile())) return "plain";
  if ((name === "ValueSet" || name === "ReadonlyValueSet") && files.some((f) => f.getFilePath() === VALUE_SET_FILE)) return "value";
  return undefined;
}

/** A Set, ReadonlySet, ValueSet or ReadonlyValueSet type. */
export const isSetType = (t: Type): boolean => setKind(t) !== undefined;

/** A ValueSet or ReadonlyValueSet type: its elements are compared by value, so they may be objects. */
export const isValueSetType = (t: Type): boolean => setKind(t) === "value";

/** The IR type of an expression as the TS checker sees it; undefined where it has none. */
export function irTypeOfNode(node: Node): IrType | undefined {
  try {
    return irTypeOf(node.getType(), node, node.getText());
  } catch {
    return undefined;
  }
}

/** Maps a TS type to the IR. `where` and `what` say where to report a problem. */
export function irTypeOf(t: Type, where: Node, what: string): IrType {
  if (t.isBoolean()) return { k: "bool" };
  if (t.isNull()) return { k: "null" };
  const int = intRange(t, where, what);
  if (int) return int;
  if (isPid(t)) return { k: "pid" };
  if (t.isNumberLiteral()) checkTlcInt(t.getLiteralValue() as number, where, `the literal type ${t.getLiteralValue()}`);
  if (t.isStringLiteral() || t.isNumberLiteral()) return { k: "lits", values: [t.getLiteralValue() as string | number] };
  if (t.isBooleanLiteral()) return { k: "bool" };
  if (t.isNumber()) fail(where, "TSLA010", what);
  if (t.isString()) fail(where, "TSLA013", what);
  if (t.isUnion()) return unionType(t, where, what);
  if (t.isArray()) return { k: "seq", elem: irTypeOf(t.getArrayElementTypeOrThrow(), where, what) };
  // A tuple is an array in JS and a sequence in TLA+ (`<<x, y>>`); its elements' types, as one.
  if (t.isTuple()) {
    const elems = t.getTupleElements().map((e, i) => irTypeOf(e, where, `${what}[${i}]`));
    if (elems.length === 0) fail(where, "TSLA011", t.getText(where), `${what} (an empty tuple)`);
    const distinct = elems.filter((e, i) => elems.findIndex((x) => JSON.stringify(x) === JSON.stringify(e)) === i);
    // TypeOK checks a sequence's elements against one set, and TLC cannot compare an integer with a
    // string or a boolean there: the elements must be of one kind.
    if (new Set(distinct.map(valueKind)).size > 1) fail(where, "TSLA011", t.getText(where), `${what} (a tuple whose elements are of different kinds: use a record)`);
    return { k: "seq", elem: distinct.length === 1 ? distinct[0]! : { k: "union", members: distinct } };
  }
  const name = containerName(t);
  if (name === "ReadonlyArray" && t.getTypeArguments().length === 1) {
    return { k: "seq", elem: irTypeOf(t.getTypeArguments()[0]!, where, what) };
  }
  const set = setKind(t);
  if (set && t.getTypeArguments().length === 1) {
    const elem = irTypeOf(t.getTypeArguments()[0]!, where, what);
    if (set === "value") return { k: "set", elem, byValue: true };
    if (mayHoldCompound(elem)) fail(where, "TSLA082", elem.k === "union" ? "values that may be objects" : elem.k === "record" ? "records" : elem.k === "seq" ? "arrays" : elem.k === "set" ? "sets" : "maps", what);
    return { k: "set", elem };
  }
  if (t.getAliasSymbol()?.getName() === "FnOn") {
    const [k, v] = t.getAliasTypeArguments();
    if (!k?.isStringLiteral()) fail(where, "TSLA011", t.getText(where), what);
    return { k: "byPid", value: irTypeOf(v!, where, what), domain: k.getLiteralValue() as string };
  }
  if (t.getAliasSymbol()?.getName() === "ByPid") {
    return { k: "byPid", value: irTypeOf(t.getAliasTypeArguments()[0]!, where, what) };
  }
  const indexType = t.getStringIndexType();
  if (indexType && t.isObject()) return { k: "byPid", value: irTypeOf(indexType, where, what) };
  // Library classes (Map, Date, ...) are not records: report them at `where`, not inside lib.d.ts.
  const fromLib = t.getSymbol()?.getDeclarations().some((d) => d.getSourceFile().isDeclarationFile() && (Node.isInterfaceDeclaration(d) || Node.isClassDeclaration(d))) ?? false;
  if (t.isObject() && !t.getCallSignatures().length && !fromLib) return recordType(t, where, what);
  fail(where, "TSLA011", t.getText(where), what);
}

/**
 * The checker orders literal types by when the program first made them (they are shared by every file
 * it reads), so the generated text would depend on what else is compiled: strings go in the order the
 * declaration, its type alias or else its file first writes them; numbers ascending.
 */
function inSourceOrder(literals: Array<string | number>, t: Type, where: Node): Array<string | number> {
  const text = [where.getText(), ...(t.getAliasSymbol()?.getDeclarations().map((d) => d.getText()) ?? []), where.getSourceFile().getFullText()].join("\n");
  const at = (v: string | number): number => {
    if (typeof v === "number") return -1;
    const i = [JSON.stringify(v), `'${v}'`].map((q) => text.indexOf(q)).filter((k) => k >= 0);
    return i.length ? Math.min(...i) : text.length;
  };
  return [...literals].sort((a, b) => at(a) - at(b) || (typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a === "number" ? -1 : 1));
}

function unionType(t: Type, where: Node, what: string): IrType {
  const parts = t.getUnionTypes();
  const literals: Array<string | number> = [];
  const members: IrType[] = [];
  let booleans = 0;
  for (const part of parts) {
    if (part.isNumberLiteral()) checkTlcInt(part.getLiteralValue() as number, where, `the literal type ${part.getLiteralValue()}`);
    if (part.isStringLiteral() || part.isNumberLiteral()) literals.push(part.getLiteralValue() as string | number);
    else if (part.isBooleanLiteral()) booleans++;
    else if (part.isUndefined()) fail(where, "TSLA011", "undefined", what);
    else members.push(irTypeOf(part, where, what));
  }
  if (literals.some((l) => typeof l === "string") && members.some(isCompound)) {
    fail(where, "TSLA011", t.getText(where), `${what} (TLC cannot compare strings with records, arrays or sets: use a record field for the tag)`);
  }
  // TLC stops with an error where it compares an integer with a string or a boolean (in TypeOK, and in
  // any `===` between them), where JavaScript just says false. Model values (process ids, null) compare
  // with anything.
  const kinds = new Set([...literals.map((l) => typeof l), ...(booleans ? ["boolean"] : []), ...members.map(valueKind).filter((k) => k === "number" || k === "string")]);
  if (kinds.size > 1) {
    fail(where, "TSLA011", t.getText(where), `${what} (it mixes ${[...kinds].sort().join(" and ")} values, which TLC cannot compare: use null for a missing value, or a record with a tag field)`);
  }
  if (booleans > 0) members.unshift({ k: "bool" });
  if (literals.length > 0) members.unshift({ k: "lits", values: inSourceOrder(literals, t, where) });
  return members.length === 1 ? members[0]! : { k: "union", members };
}

function recordType(t: Type, where: Node, what: string): IrType {
  const fields = t.getProperties().map((prop) => {
    const decl = prop.getValueDeclaration() ?? prop.getDeclarations()[0] ?? where;
    if (Node.isPropertySignature(decl) && decl.hasQuestionToken()) fail(decl, "TSLA012", prop.getName());
    // The state's fields are TLA+ variables, which the compiler renames; a record's fields keep their names.
    if (what !== STATE_TYPE && !isTlaIdentifier(prop.getName())) fail(decl, "TSLA071", prop.getName(), "a record field");
    return { name: prop.getName(), type: irTypeOf(prop.getTypeAtLocation(decl), decl, `${what}.${prop.getName()}`) };
  });
  return { k: "record", fields };
}

/** What TLC can compare a value with: integers with integers, strings with strings, and so on. */
function valueKind(t: IrType): string {
  if (t.k === "int" || (t.k === "lits" && t.values.every((v) => typeof v === "number"))) return "number";
  if (t.k === "lits" && t.values.every((v) => typeof v === "string")) return "string";
  if (t.k === "union") return [...new Set(t.members.map(valueKind))].sort().join("|");
  return t.k;
}

/** The `what` of the state's own type, whose fields are variables, not record fields. */
export const STATE_TYPE = "the state";

/** True when some value of type `t` is a JS object (compared and passed by reference). */
export function mayHoldCompound(t: IrType): boolean {
  return isCompound(t) || (t.k === "union" && t.members.some(mayHoldCompound));
}

/** True when a value of type `t` is a container or record (passed by reference in JS). */
export function isCompound(t: IrType): boolean {
  return t.k === "record" || t.k === "seq" || t.k === "set" || t.k === "byPid";
}

/** A short TS-like spelling of an IR type, for the source map and messages. */
