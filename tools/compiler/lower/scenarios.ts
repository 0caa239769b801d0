// Scenarios are read statically (literal values only) and validated with zod against the constants.
import { Expression, Node } from "ts-morph";
import { z } from "zod";
import { fail } from "../diagnostics.ts";
import type { IrConstant, IrScenario, IrType, ScenarioConstantValue } from "../ir.ts";
import type { LowerContext } from "./context.ts";

type Literal = string | number | boolean | null | Literal[] | { [k: string]: Literal };

/** Reads a literal value; anything computed is a diagnostic. */
export function literalValue(node: Node, scenario: string): Literal {
  if (Node.isAsExpression(node) || Node.isParenthesizedExpression(node) || Node.isSatisfiesExpression(node)) {
    return literalValue(node.getExpression(), scenario);
  }
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isNumericLiteral(node)) return Number(node.getText());
  if (Node.isPrefixUnaryExpression(node) && node.getText().startsWith("-") && Node.isNumericLiteral(node.getOperand())) {
    return -Number(node.getOperand().getText());
  }
  if (Node.isTrueLiteral(node)) return true;
  if (Node.isFalseLiteral(node)) return false;
  if (Node.isNullLiteral(node)) return null;
  if (Node.isArrayLiteralExpression(node)) return node.getElements().map((e) => literalValue(e, scenario));
  if (Node.isObjectLiteralExpression(node)) {
    const out: { [k: string]: Literal } = {};
    for (const p of node.getProperties()) {
      if (!Node.isPropertyAssignment(p)) fail(p, "TSLA022", scenario);
      out[keyName(p)] = literalValue(p.getInitializerOrThrow(), scenario);
    }
    return out;
  }
  fail(node, "TSLA022", scenario);
}

/** Checks every scenario has besides its properties; `expect` may name them too. */
export const BUILT_IN_CHECKS = ["TypeOK", "deadlock"];

/** A property's key without quotes: `"two-procs": {...}` is the scenario two-procs. */
function keyName(p: import("ts-morph").PropertyAssignment): string {
  const n = p.getNameNode();
  return Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n) ? n.getLiteralValue() : p.getName();
}

const MODEL_VALUE = /^[A-Za-z][A-Za-z0-9_]*$/;
const SCENARIO_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

function constantSchema(c: IrConstant): z.ZodType {
  if (c.kind === "pidSet") {
    return z
      .array(z.string().regex(MODEL_VALUE, "a process id must be a TLA+ identifier (letters, digits, _)"))
      .min(1, "a process set needs at least one id")
      .superRefine((a, check) =>
        a.forEach((id, i) => {
          if (a.indexOf(id) < i) check.addIssue({ code: "custom", message: `process id "${id}" appears twice`, path: [i] });
        }),
      );
  }
  return valueSchema(c.type!);
}

function valueSchema(t: IrType): z.ZodType {
  switch (t.k) {
    case "bool":
      return z.boolean();
    case "int":
      return z.number().int().min(t.lo).max(t.hi);
    case "lits":
      return z.union(t.values.map((v) => z.literal(v)) as unknown as [z.ZodLiteral, z.ZodLiteral]);
    default:
      return z.never();
  }
}

export function lowerScenarios(
  ctx: LowerContext,
  node: Expression,
  constants: IrConstant[],
  propertyNames: string[],
): IrScenario[] {
  if (!Node.isObjectLiteralExpression(node)) fail(node, "TSLA004");
  const constantsShape = Object.fromEntries(constants.map((c) => [c.name, constantSchema(c)]));
  const verdict = z.enum(["holds", "violated"]);
  const schema = z
    .object({
      description: z.string().optional(),
      constants: z.object(constantsShape).strict(),
      deadlock: z.boolean().optional(),
      properties: z.array(z.string()).optional(),
      expect: z.record(z.string(), verdict).optional(),
    })
    .strict();
  return node.getProperties().map((prop) => {
    if (!Node.isPropertyAssignment(prop)) fail(prop, "TSLA022", prop.getText().slice(0, 20));
    const name = keyName(prop);
    if (!SCENARIO_NAME.test(name)) fail(prop.getNameNode(), "TSLA021", name, "a scenario name starts with a letter and uses letters, digits, '.', '-' and '_'");
    const raw = literalValue(prop.getInitializerOrThrow(), name);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
      let at = locate(prop.getInitializerOrThrow(), issue.path as Array<string | number>);
      if (issue.code === "unrecognized_keys" && Node.isObjectLiteralExpression(at)) at = at.getProperty(issue.keys[0]!) ?? at;
      fail(at, "TSLA021", name, `${where}${issue.message}`);
    }
    const data = parsed.data;
    const init = prop.getInitializerOrThrow();
    (data.properties ?? []).forEach((p, i) => {
      if (!propertyNames.includes(p)) fail(locate(init, ["properties", i]), "TSLA023", name, p);
    });
    for (const p of Object.keys(data.expect ?? {})) {
      const expectNode = locate(init, ["expect"]);
      const key = Node.isObjectLiteralExpression(expectNode) ? expectNode.getProperty(p) ?? expectNode.getProperty(JSON.stringify(p)) : undefined;
      if (!propertyNames.includes(p) && !BUILT_IN_CHECKS.includes(p)) fail(key ?? prop, "TSLA023", name, p);
    }
    const seenIds = new Map<string, string>();
    const values: Record<string, ScenarioConstantValue> = {};
    for (const c of constants) {
      const v = (data.constants as Record<string, unknown>)[c.name];
      if (c.kind === "pidSet") {
        const names = v as string[];
        for (const id of names) {
          const clash = seenIds.get(id) ?? (ctx.moduleNames.has(id) ? "a name of the protocol" : undefined);
          if (clash) fail(locate(prop.getInitializerOrThrow(), ["constants", c.name, names.indexOf(id)]), "TSLA021", name, `process id "${id}" is also ${clash}`);
          seenIds.set(id, `an id in ${c.name}`);
        }
        values[c.name] = { kind: "modelValues", names };
      } else if (typeof v === "boolean") values[c.name] = { kind: "bool", value: v };
      else if (typeof v === "number") values[c.name] = { kind: "int", value: v };
      else values[c.name] = { kind: "str", value: v as string };
    }
    return {
      name,
      description: data.description,
      constants: values,
      deadlock: data.deadlock ?? true,
      properties: data.properties ?? propertyNames,
      expect: (data.expect ?? {}) as Record<string, "holds" | "violated">,
      pos: ctx.pos(prop),
    };
  });
}

/** The node a zod issue path points at, for a precise diagnostic position. */
function locate(node: Node, path: Array<string | number>): Node {
  let cur = node;
  for (const key of path) {
    while (Node.isAsExpression(cur) || Node.isParenthesizedExpression(cur)) cur = cur.getExpression();
    if (Node.isObjectLiteralExpression(cur) && typeof key === "string") {
      const p = cur.getProperty(key);
      if (!p || !Node.isPropertyAssignment(p)) return cur;
      cur = p.getInitializerOrThrow();
    } else if (Node.isArrayLiteralExpression(cur) && typeof key === "number") {
      const el = cur.getElements()[key];
      if (!el) return cur;
      cur = el;
    } else return cur;
  }
  return cur;
}
