// The same structure as tlaParts.ts, read from the invariant's TypeScript: `&&`, `||` and
// `all(set, (p) => body)`. Used to name the failing part of an invariant in the user's own words.
import { createRequire } from "node:module";
import type { ts } from "ts-morph";

// Loaded on first use: TypeScript takes most of a second to load, and most checks decode no trace.
let loaded: typeof ts | undefined;
const tsApi = (): typeof ts => (loaded ??= (createRequire(import.meta.url)("ts-morph") as { ts: typeof ts }).ts);

export type TsPart =
  | { k: "and" | "or"; parts: TsPart[]; text: string }
  | { k: "forall"; bound: string; body: TsPart; text: string }
  | { k: "atom"; text: string };

/** The predicate of `name: invariant((s, c) => PRED)` given the property's source text; undefined if not found. */
export function tsPredicate(propertySource: string): TsPart | undefined {
  const ts = tsApi();
  const wrapped = `const __p = { ${propertySource} };`;
  const sf = ts.createSourceFile("property.ts", wrapped, ts.ScriptTarget.ES2022, true);
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && ["invariant", "witness"].includes(n.expression.text)) {
      const fn = n.arguments[0];
      if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) found = bodyExpression(fn.body);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found && toPart(found, sf);
}

function bodyExpression(body: ts.ConciseBody): ts.Expression | undefined {
  const ts = tsApi();
  if (!ts.isBlock(body)) return body;
  const ret = body.statements.length === 1 ? body.statements[0] : undefined;
  return ret && ts.isReturnStatement(ret) ? ret.expression : undefined;
}

function toPart(e: ts.Expression, sf: ts.SourceFile): TsPart {
  const ts = tsApi();
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  const text = e.getText(sf);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const k = op === ts.SyntaxKind.AmpersandAmpersandToken ? "and" : op === ts.SyntaxKind.BarBarToken ? "or" : undefined;
    if (k) {
      const parts = [toPart(e.left, sf), toPart(e.right, sf)].flatMap((p) => (p.k === k ? p.parts : [p]));
      return { k, parts, text };
    }
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "all" && e.arguments.length === 2) {
    const fn = e.arguments[1]!;
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.parameters.length === 1 && ts.isIdentifier(fn.parameters[0]!.name)) {
      const body = bodyExpression(fn.body);
      if (body) return { k: "forall", bound: fn.parameters[0]!.name.text, body: toPart(body, sf), text };
    }
  }
  return { k: "atom", text };
}
