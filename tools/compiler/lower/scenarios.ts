// Scenarios are read statically (literal values, and spreads or names of module-level `const` literals)
// and validated with zod against the constants.
import { ArrowFunction, Expression, Node, VariableDeclaration } from "ts-morph";
import { z } from "zod";
import { fail } from "../diagnostics.ts";
import type { FairnessKind, IrConstant, IrScenario, IrType, ScenarioConstantValue } from "../ir.ts";
import type { LowerContext } from "./context.ts";
import { evaluateDerived, type Plain } from "./derivedConstants.ts";
import { checkModuleConstant, declOf } from "./expr.ts";
import { LANG_FILE } from "../compiled.ts";
import { combinations, matrixName } from "../../lang/matrix.ts";
import { valueKey } from "../../lang/valueSet.ts";
import { isCompound } from "./types.ts";

type Literal = string | number | boolean | null | Literal[] | { [k: string]: Literal };

/** A value read from the source with the node each part came from (a spread's parts point into its constant). */
interface Read {
  value: Literal;
  node: Node;
  parts?: Map<string | number, Read>;
  /** The property that gave it, for an object's part. */
  prop?: Node;
  /** A constant computed from the others (`(c) => range(1, c.N)`): its value is filled in after reading. */
  computed?: ArrowFunction;
}

function unwrap(node: Node): Node {
  let n = node;
  while (Node.isAsExpression(n) || Node.isParenthesizedExpression(n) || Node.isSatisfiesExpression(n)) n = n.getExpression();
  return n;
}

/**
 * Reads a literal value. `...base`, `...base.constants`, `base` and `base.constants` read a module-level
 * `const base = { ... }` of the same file (nested, later properties overriding earlier ones, as JS
 * spreads do); anything computed is a diagnostic.
 */
function readLiteral(node: Node, scenario: string, reading: Set<Node> = new Set()): Read {
  const n = unwrap(node);
  const leaf = (value: Literal): Read => ({ value, node: n });
  if (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n)) return leaf(n.getLiteralValue());
  if (Node.isNumericLiteral(n)) return leaf(Number(n.getText()));
  if (Node.isPrefixUnaryExpression(n) && n.getText().startsWith("-") && Node.isNumericLiteral(n.getOperand())) {
    return leaf(-Number(n.getOperand().getText()));
  }
  if (Node.isTrueLiteral(n)) return leaf(true);
  if (Node.isFalseLiteral(n)) return leaf(false);
  if (Node.isNullLiteral(n)) return leaf(null);
  if (Node.isArrowFunction(n)) return { value: null, node: n, computed: n };
  if (Node.isArrayLiteralExpression(n)) {
    const items: Read[] = [];
    for (const e of n.getElements()) {
      if (Node.isSpreadElement(e)) {
        const r = readLiteral(e.getExpression(), scenario, reading);
        if (!Array.isArray(r.value)) fail(e.getExpression(), "TSLA066", scenario, e.getExpression().getText(), "an array can only spread an array");
        items.push(...[...r.parts!.values()]);
      } else items.push(readLiteral(e, scenario, reading));
    }
    return { value: items.map((r) => r.value), node: n, parts: new Map(items.map((r, i) => [i, r])) };
  }
  if (Node.isObjectLiteralExpression(n)) {
    const parts = new Map<string | number, Read>();
    for (const p of n.getProperties()) {
      if (Node.isPropertyAssignment(p)) parts.set(keyName(p), { ...readLiteral(p.getInitializerOrThrow(), scenario, reading), prop: p });
      else if (Node.isShorthandPropertyAssignment(p)) parts.set(p.getName(), { ...readLiteral(p.getNameNode(), scenario, reading), prop: p });
      else if (Node.isSpreadAssignment(p)) {
        const r = readLiteral(p.getExpression(), scenario, reading);
        if (!r.parts || Array.isArray(r.value)) fail(p.getExpression(), "TSLA066", scenario, p.getExpression().getText(), "an object can only spread an object");
        for (const [k, v] of r.parts) parts.set(k, v);
      } else fail(p, "TSLA022", scenario);
    }
    const value: { [k: string]: Literal } = {};
    for (const [k, v] of parts) value[k] = v.value;
    return { value, node: n, parts };
  }
  if (Node.isIdentifier(n)) {
    const parent = n.getParent();
    const decl = parent && Node.isShorthandPropertyAssignment(parent) ? parent.getValueSymbol()?.getValueDeclaration() : declOf(n);
    const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
    if (!decl || !Node.isVariableDeclaration(decl) || !init || decl.getSourceFile() !== n.getSourceFile() || decl.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a))) {
      fail(n, "TSLA066", scenario, n.getText(), "it is not a module-level `const` of this file with a literal value");
    }
    checkModuleConstant(decl as VariableDeclaration);
    if (reading.has(decl)) fail(n, "TSLA066", scenario, n.getText(), "its value refers to itself");
    reading.add(decl);
    try {
      return readLiteral(init, scenario, reading);
    } finally {
      reading.delete(decl);
    }
  }
  if (Node.isPropertyAccessExpression(n)) {
    const base = readLiteral(n.getExpression(), scenario, reading);
    const part = !Array.isArray(base.value) ? base.parts?.get(n.getName()) : undefined;
    if (!part) fail(n.getNameNode(), "TSLA066", scenario, n.getText(), `\`${n.getExpression().getText()}\` has no property \`${n.getName()}\``);
    return part;
  }
  fail(n, "TSLA022", scenario);
}

/** Checks every scenario has besides its properties; `expect` may name them too. */
export const BUILT_IN_CHECKS = ["TypeOK", "deadlock"];

/** A property's key without quotes: `"two-procs": {...}` is the scenario two-procs. */
export function keyName(p: import("ts-morph").PropertyAssignment | import("ts-morph").ShorthandPropertyAssignment): string {
  const n = p.getNameNode();
  return Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n) ? n.getLiteralValue() : p.getName();
}

const MODEL_VALUE = /^[A-Za-z][A-Za-z0-9_]*$/;
const SCENARIO_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

function constantSchema(c: IrConstant): z.ZodType {
  if (c.kind === "pidSet") {
    return distinct(
      z.array(z.string().regex(MODEL_VALUE, "a process id must be a TLA+ identifier (letters, digits, _)")),
      (id) => `process id "${id}"`,
    );
  }
  return valueSchema(c.type!);
}

function distinct(schema: z.ZodArray<z.ZodType>, what: (v: unknown) => string): z.ZodType {
  return schema.superRefine((a, check) => {
    const keys = a.map(valueKey);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) < i) check.addIssue({ code: "custom", message: `${what(a[i])} appears twice`, path: [i] });
    });
  });
}

/** A constant whose value a TLC model cannot write: the module defines it and the model substitutes it. */
const needsDefinition = (t: IrType): boolean => t.k === "record" || ((t.k === "set" || t.k === "seq") && isCompound(t.elem));

function valueSchema(t: IrType): z.ZodType {
  switch (t.k) {
    case "bool":
      return z.boolean();
    case "int":
      return z.number().int().min(t.lo).max(t.hi);
    case "lits":
      return z.union(t.values.map((v) => z.literal(v)) as unknown as [z.ZodLiteral, z.ZodLiteral]);
    // A set is written as an array of its elements, each once; a sequence as an array.
    case "set":
      return distinct(z.array(valueSchema(t.elem)), (v) => `the element ${JSON.stringify(v)}`);
    case "seq":
      return z.array(valueSchema(t.elem));
    case "record":
      return z.object(Object.fromEntries(t.fields.map((f) => [f.name, valueSchema(f.type)]))).strict();
    default:
      return z.never();
  }
}

/** The module's definition of a scenario's value of a constant that its model substitutes (`Order <- Order_run`). */
function constantDefinition(ctx: LowerContext, read: Read, scenario: string, constant: string): string {
  const def = `${constant}_${scenario.replace(/[^A-Za-z0-9_]/g, "_")}`;
  if (ctx.moduleNames.has(def)) fail(locate(read, ["constants", constant]), "TSLA070", def, `a name of the protocol (it is the definition of this scenario's value of the constant ${constant})`);
  ctx.moduleNames.add(def);
  return def;
}

export function lowerScenarios(
  ctx: LowerContext,
  node: Expression,
  constants: IrConstant[],
  propertyNames: string[],
  processNames: string[],
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
      fairness: z.record(z.string(), z.enum(["weak", "strong", "none"])).optional(),
    })
    .strict();
  const seenNames = new Set<string>();
  return node.getProperties().flatMap(scenarioEntries).map(({ name, read, nameNode: at, whole }) => {
    if (!SCENARIO_NAME.test(name)) fail(at, "TSLA021", name, "a scenario name starts with a letter and uses letters, digits, '.', '-' and '_'");
    if (seenNames.has(name)) fail(at, "TSLA021", name, "two scenarios have this name");
    seenNames.add(name);
    const computed = computeConstants(read, name, constants);
    const parsed = schema.safeParse(read.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
      const path = issue.path as Array<string | number>;
      fail(locate(read, issue.code === "unrecognized_keys" ? [...path, issue.keys[0]!] : path, issue.code === "unrecognized_keys"), "TSLA021", name, `${where}${issue.message}`);
    }
    const data = parsed.data;
    (data.properties ?? []).forEach((p, i) => {
      if (!propertyNames.includes(p)) fail(locate(read, ["properties", i]), "TSLA023", name, p);
    });
    for (const p of Object.keys(data.expect ?? {})) {
      if (!propertyNames.includes(p) && !BUILT_IN_CHECKS.includes(p)) fail(locate(read, ["expect", p], true), "TSLA023", name, p);
    }
    for (const p of Object.keys(data.fairness ?? {})) {
      if (!processNames.includes(p)) fail(locate(read, ["fairness", p], true), "TSLA021", name, `fairness: \`${p}\` is not a process (${processNames.join(", ")})`);
    }
    let fairness: IrScenario["fairness"];
    if (data.fairness && Object.keys(data.fairness).length) {
      const spec = `Spec_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
      if (ctx.moduleNames.has(spec)) fail(locate(read, ["fairness"], true), "TSLA070", spec, "a name of the protocol (it is the Spec of this scenario's fairness)");
      ctx.moduleNames.add(spec);
      fairness = { byProcess: data.fairness as Record<string, FairnessKind>, spec };
    }
    const seenIds = new Map<string, string>();
    const values: Record<string, ScenarioConstantValue> = {};
    for (const c of constants) {
      const v = (data.constants as Record<string, unknown>)[c.name];
      if (c.kind === "pidSet") {
        const names = v as string[];
        for (const id of names) {
          const clash = seenIds.get(id) ?? (ctx.moduleNames.has(id) ? "a name of the protocol" : undefined);
          if (clash) fail(locate(read, ["constants", c.name, names.indexOf(id)]), "TSLA021", name, `process id "${id}" is also ${clash}`);
          seenIds.set(id, `an id in ${c.name}`);
        }
        values[c.name] = { kind: "modelValues", names };
      } else if (needsDefinition(c.type!)) {
        values[c.name] = { kind: "data", value: v, def: constantDefinition(ctx, read, name, c.name) };
      } else if (c.type!.k === "set") {
        const elems = v as Array<boolean | number | string>;
        // The ids of two process sets over integers are one ProcSet: an integer in both would be two processes with one pc.
        if (idSetsOfProcesses(ctx).has(c.name)) {
          elems.forEach((id, i) => {
            const clash = seenIds.get(String(id));
            if (clash) fail(locate(read, ["constants", c.name, i]), "TSLA021", name, `process id ${id} is also ${clash}`);
            seenIds.set(String(id), `an id in ${c.name}`);
          });
        }
        values[c.name] = { kind: "set", elems };
      }
      else if (c.type!.k === "seq") {
        values[c.name] = { kind: "seq", elems: v as Array<boolean | number | string>, def: constantDefinition(ctx, read, name, c.name) };
      }
      else if (typeof v === "boolean") values[c.name] = { kind: "bool", value: v };
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
      ...(fairness ? { fairness } : {}),
      ...(Object.keys(computed).length ? { computed } : {}),
      pos: ctx.pos(whole),
    };
  });
}

/**
 * Fills in the constants computed from the others (`Nodes: (c) => range(0, c.N - 1)`), evaluated on
 * this scenario's values; returns each one's function text. A function anywhere else is TSLA022.
 */
function computeConstants(read: Read, scenario: string, constants: IrConstant[]): Record<string, string> {
  const part = read.parts?.get("constants");
  const texts: Record<string, string> = {};
  if (part?.parts && !Array.isArray(part.value) && part.value !== null && typeof part.value === "object") {
    const values: Record<string, Plain | ArrowFunction> = {};
    for (const [k, r] of part.parts) values[String(k)] = r.computed ?? (r.value as Plain);
    const fns = [...part.parts].filter(([, r]) => r.computed);
    for (const [k, r] of fns) {
      if (constants.find((c) => c.name === k)?.kind === "pidSet") fail(r.node, "TSLA066", scenario, r.node.getText(), "a PidSet is written as its ids (`[\"w1\", \"w2\"]`)");
    }
    if (fns.length) {
      const result = evaluateDerived(scenario, values);
      const obj = part.value as { [k: string]: Literal };
      for (const [k, r] of fns) {
        obj[k] = result[String(k)]!;
        r.value = result[String(k)]!;
        texts[String(k)] = r.node.getText();
        r.computed = undefined;
      }
    }
  }
  const stray = (r: Read): void => {
    if (r.computed) fail(r.node, "TSLA022", scenario);
    for (const p of r.parts?.values() ?? []) stray(p);
  };
  stray(read);
  return texts;
}

interface ScenarioEntry {
  name: string;
  read: Read;
  /** Where the scenario is named (its key, or the matrix's name template). */
  nameNode: Node;
  /** Where it is written (the property, or the matrix's spread). */
  whole: Node;
}

/** `name: { ... }`, `base,` (the module-level const of that name) or `...matrix(...)`: scenarios as read. */
function scenarioEntries(prop: Node): ScenarioEntry[] {
  if (Node.isSpreadAssignment(prop)) return matrixEntries(prop.getExpression()).map((e) => ({ ...e, whole: prop }));
  if (!Node.isPropertyAssignment(prop) && !Node.isShorthandPropertyAssignment(prop)) fail(prop, "TSLA022", prop.getText().slice(0, 20));
  const name = Node.isPropertyAssignment(prop) ? keyName(prop) : prop.getName();
  return [{ name, read: readLiteral(Node.isPropertyAssignment(prop) ? prop.getInitializerOrThrow() : prop.getNameNode(), name), nameNode: prop.getNameNode(), whole: prop }];
}

/**
 * `...matrix("seed-{Version}", { Version: ["v5.12", "v5.13"] }, base)`: one scenario per combination of
 * the varied constants' values (the first key varying slowest), each `base` with those constants
 * replaced, named by the template.
 */
function matrixEntries(call: Node): Array<Omit<ScenarioEntry, "whole">> {
  const callee = Node.isCallExpression(call) ? declOf(call.getExpression()) : undefined;
  if (!Node.isCallExpression(call) || !callee || !Node.isFunctionDeclaration(callee) || callee.getName() !== "matrix" || callee.getSourceFile().getFilePath() !== LANG_FILE) {
    fail(call, "TSLA022", call.getText().slice(0, 20));
  }
  const [templateArg, varyArg, baseArg] = call.getArguments();
  const label = call.getText().slice(0, 30);
  if (!templateArg || !(Node.isStringLiteral(templateArg) || Node.isNoSubstitutionTemplateLiteral(templateArg)) || !varyArg || !baseArg) {
    fail(templateArg ?? call, "TSLA066", label, call.getText().slice(0, 40), "write matrix(\"name-{Constant}\", { Constant: [values] }, base)");
  }
  const template = templateArg.getLiteralValue();
  const vary = readLiteral(varyArg, template);
  if (!vary.parts || Array.isArray(vary.value)) fail(varyArg, "TSLA066", template, varyArg.getText(), "the varied constants are an object of arrays of values");
  const axes = [...vary.parts].map(([k, r]) => {
    if (!Array.isArray(r.value) || !r.parts?.size) fail(r.node, "TSLA066", template, r.node.getText(), `the values of ${k} are a non-empty array`);
    if (!template.includes(`{${k}}`)) fail(templateArg, "TSLA066", template, template, `the name template has no {${k}}: the scenarios would have one name`);
    return [String(k), [...r.parts.values()]] as const;
  });
  return combinations(axes).map((combo) => {
    const name = matrixName(template, combo.map(([key, value]) => [key, value.value] as const));
    const base = readLiteral(baseArg, name);
    const constants = base.parts?.get("constants");
    if (!constants?.parts || Array.isArray(constants.value) || typeof constants.value !== "object" || constants.value === null) {
      fail(baseArg, "TSLA066", name, baseArg.getText(), "the base of a matrix is a scenario with constants");
    }
    const parts = new Map(constants.parts);
    const value = { ...(constants.value as { [k: string]: Literal }) };
    for (const [key, v] of combo) {
      parts.set(key, { ...v });
      value[key] = v.value;
    }
    const merged: Read = { ...constants, value, parts };
    const top = new Map(base.parts).set("constants", merged);
    return { name, read: { ...base, value: { ...(base.value as { [k: string]: Literal }), constants: value }, parts: top }, nameNode: templateArg };
  });
}

/** The integer constants that are the ids of a process set. */
function idSetsOfProcesses(ctx: LowerContext): Set<string> {
  return new Set([...ctx.processes.values()].flatMap((p) => (p.set && ctx.constants.get(p.set)?.kind !== "pidSet" ? [p.set] : [])));
}

/** The node a zod issue path points at, for a precise diagnostic position (inside a spread constant for its parts). */
function locate(read: Read, path: Array<string | number>, property = false): Node {
  let cur = read;
  for (const key of path) {
    const next = cur.parts?.get(key);
    if (!next) return cur.node;
    cur = next;
  }
  return (property ? cur.prop : undefined) ?? cur.node;
}
