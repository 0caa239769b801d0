// Scenario constants computed from the scenario's other constants: `Nodes: (c) => range(0, c.N - 1)`.
// The compiler evaluates the function statically, as JavaScript would, on the scenario's literal values,
// and writes the result into the model like any literal value; the runtime runs the user's function
// and checks that it gives the same value (tools/runtime/runtime.ts).
import { ArrowFunction, Node } from "ts-morph";
import { LANG_FILE } from "../compiled.ts";
import { fail } from "../diagnostics.ts";
import { declOf } from "./expr.ts";

export type Plain = string | number | boolean | null | Plain[];
/** A Set while evaluating (JS semantics: insertion order, no duplicates); an array of its elements after. */
type Value = Plain | Set<Plain>;

const WHAT = "a computed constant is an arrow function `(c) => ...` of literals, `c.X`, arithmetic, comparisons, `?:`, `Math.floor/min/max/abs`, `range`, `setOf`, arrays and `new Set([...])`";

/**
 * Evaluates every computed constant of one scenario in `values` (name → literal value or the arrow
 * function), in dependency order; a cycle or anything outside the subset is TSLA066.
 */
export function evaluateDerived(scenario: string, values: Record<string, Plain | ArrowFunction>): Record<string, Plain> {
  const done: Record<string, Plain> = {};
  const evaluating = new Set<string>();
  const valueOf = (name: string, at: Node): Plain => {
    if (name in done) return done[name]!;
    const v = values[name];
    if (v === undefined) fail(at, "TSLA066", scenario, at.getText(), `the scenario has no constant ${name}`);
    if (!(v instanceof ArrowFunction)) return (done[name] = v);
    if (evaluating.has(name)) fail(at, "TSLA066", scenario, at.getText(), `the value of ${name} refers to itself`);
    evaluating.add(name);
    const result = toPlain(evaluateArrow(scenario, v, valueOf));
    evaluating.delete(name);
    return (done[name] = result);
  };
  for (const [name, v] of Object.entries(values)) {
    if (v instanceof ArrowFunction) valueOf(name, v);
    else done[name] = v;
  }
  return done;
}

function toPlain(v: Value): Plain {
  return v instanceof Set ? [...v] : v;
}

function evaluateArrow(scenario: string, fn: ArrowFunction, valueOf: (name: string, at: Node) => Plain): Value {
  const params = fn.getParameters();
  const param = params[0];
  if (params.length > 1 || (param && !Node.isIdentifier(param.getNameNode()))) fail(fn, "TSLA066", scenario, fn.getText(), WHAT);
  const body = fn.getBody();
  if (!Node.isExpression(body)) fail(body, "TSLA066", scenario, fn.getText(), `${WHAT} (an expression body, no block)`);
  const bad = (n: Node): never => fail(n, "TSLA066", scenario, n.getText(), WHAT);
  const num = (n: Node): number => {
    const v = ev(n);
    if (typeof v !== "number") bad(n);
    return v as number;
  };
  const isLang = (callee: Node, name: string): boolean => {
    const d = declOf(callee);
    return !!d && Node.isFunctionDeclaration(d) && d.getName() === name && d.getSourceFile().getFilePath() === LANG_FILE;
  };
  const ev = (n: Node): Value => {
    if (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n) || Node.isNonNullExpression(n)) return ev(n.getExpression());
    if (Node.isNumericLiteral(n)) return Number(n.getText());
    if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) return n.getLiteralValue();
    if (Node.isTrueLiteral(n)) return true;
    if (Node.isFalseLiteral(n)) return false;
    if (Node.isNullLiteral(n)) return null;
    if (Node.isPropertyAccessExpression(n)) {
      const obj = n.getExpression();
      if (param && Node.isIdentifier(obj) && obj.getText() === param.getName()) return valueOf(n.getName(), n);
      bad(n);
    }
    if (Node.isPrefixUnaryExpression(n)) {
      const op = n.getText().trimStart()[0];
      if (op === "-") return -num(n.getOperand());
      if (op === "+") return num(n.getOperand());
      if (op === "!") return !ev(n.getOperand());
      bad(n);
    }
    if (Node.isBinaryExpression(n)) {
      const op = n.getOperatorToken().getText();
      if (op === "&&") return ev(n.getLeft()) && ev(n.getRight());
      if (op === "||") return ev(n.getLeft()) || ev(n.getRight());
      if (op === "===" || op === "!==") {
        const same = ev(n.getLeft()) === ev(n.getRight());
        return op === "===" ? same : !same;
      }
      const a = num(n.getLeft());
      const b = num(n.getRight());
      switch (op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return a / b;
        case "%": return a % b;
        case "<": return a < b;
        case "<=": return a <= b;
        case ">": return a > b;
        case ">=": return a >= b;
      }
      bad(n);
    }
    if (Node.isConditionalExpression(n)) return ev(n.getCondition()) ? ev(n.getWhenTrue()) : ev(n.getWhenFalse());
    if (Node.isArrayLiteralExpression(n)) return n.getElements().map((e) => (Node.isSpreadElement(e) ? bad(e) : toPlain(ev(e))));
    if (Node.isNewExpression(n) && n.getExpression().getText() === "Set") {
      const [arg, ...rest] = n.getArguments();
      if (rest.length) bad(n);
      const items = arg ? ev(arg) : [];
      if (!Array.isArray(items)) bad(n);
      return new Set(items as Plain[]);
    }
    if (Node.isCallExpression(n)) {
      const callee = n.getExpression();
      const args = n.getArguments();
      if (Node.isPropertyAccessExpression(callee) && callee.getExpression().getText() === "Math") {
        const xs = args.map(num);
        switch (callee.getName()) {
          case "floor": if (xs.length === 1) return Math.floor(xs[0]!); break;
          case "abs": if (xs.length === 1) return Math.abs(xs[0]!); break;
          case "min": if (xs.length === 2) return Math.min(xs[0]!, xs[1]!); break;
          case "max": if (xs.length === 2) return Math.max(xs[0]!, xs[1]!); break;
        }
        bad(n);
      }
      if (isLang(callee, "range") && args.length === 2) {
        const lo = num(args[0]!);
        const hi = num(args[1]!);
        const out = new Set<Plain>();
        for (let i = lo; i <= hi; i++) out.add(i);
        return out;
      }
      if (isLang(callee, "setOf")) return new Set(args.map((a) => toPlain(ev(a))));
    }
    return bad(n);
  };
  return ev(body);
}
