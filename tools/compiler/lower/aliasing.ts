// Objects are shared by reference in TypeScript and are values in TLA+. The two agree as long as no
// object is reachable by two names of which one is later changed in place and the other read. This
// module tracks, along each path of a step, what every local of object type may point into, and
// rejects the reads, writes and stores where the two meanings would part.
//
// Places are paths from a root: `state:<field>` (the state), a local's slot, `consts`, a module
// constant, `old:` (an object a local kept from an earlier step) or `?` (anything). Index segments
// carry the index's TLA+ text when known.
import { Node, SyntaxKind, type Expression, type VariableDeclaration } from "ts-morph";
import { LANG_FILE } from "../compiled.ts";
import { fail } from "../diagnostics.ts";
import type { IrType } from "../ir.ts";
import type { PathSeg } from "../tla.ts";
import type { Binding, SymState } from "./context.ts";
import { irTypeOfNode as irType, irTypeOf, mayHoldCompound } from "./types.ts";

export type Seg = { k: "field"; name: string } | { k: "index"; text?: string };

export interface Place {
  slot: string;
  segs: Seg[];
  /** The local whose own object this is (a fresh value bound to a `let` or `const`). */
  owner?: Node;
}

export interface AliasInfo {
  /** snapshot: a local holding an object that may live elsewhere; reference: a helper parameter naming one path. */
  kind: "snapshot" | "reference";
  places: Place[];
  stale?: Node;
}

export interface AliasEnv {
  st: SymState;
  bindingOf(id: Node): Binding | undefined;
  declOf(id: Node): Node | undefined;
  isLang(decl: Node | undefined): boolean;
}

const ANY = "?";

/** The value of `node` may be a JS object (a record, array, set or map). */
export function mayBeObject(node: Node): boolean {
  const t = irType(node);
  if (t) return mayHoldCompound(t);
  const ts = node.getType();
  return ts.isObject() || (ts.isUnion() && ts.getUnionTypes().some((u) => u.isObject()));
}

const unwrap = (n: Node): Node =>
  Node.isParenthesizedExpression(n) || Node.isNonNullExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n) ? unwrap(n.getExpression()) : n;

const extend = (places: Place[], seg: Seg): Place[] => places.map((p) => ({ ...p, segs: [...p.segs, seg] }));

export const ownSlot = (decl: Node, b: Binding | undefined): string => (b?.k === "slot" ? b.slot : `const:${decl.getStart()}`);

/** What the value of `node` may point into; empty when it is a new object or not an object. */
export function placesOf(env: AliasEnv, node: Node): Place[] {
  if (!mayBeObject(node)) return [];
  const n = unwrap(node);
  if (Node.isIdentifier(n)) return identifierPlaces(env, n);
  if (Node.isShorthandPropertyAssignment(n)) return identifierPlaces(env, n.getNameNode());
  if (Node.isPropertyAccessExpression(n)) {
    const base = n.getExpression();
    const b = Node.isIdentifier(base) ? env.bindingOf(base) : undefined;
    if (b?.k === "state") return [{ slot: `state:${n.getName()}`, segs: [] }];
    if (b?.k === "consts") return [{ slot: "consts", segs: [] }];
    return extend(placesOf(env, base), { k: "field", name: n.getName() });
  }
  if (Node.isElementAccessExpression(n)) return extend(placesOf(env, n.getExpression()), { k: "index" });
  if (Node.isObjectLiteralExpression(n)) {
    return n.getProperties().flatMap((p) => {
      if (Node.isPropertyAssignment(p)) return placesOf(env, p.getInitializerOrThrow());
      if (Node.isShorthandPropertyAssignment(p)) return placesOf(env, p);
      if (Node.isSpreadAssignment(p)) return spreadOfRecord(env, p.getExpression());
      return [{ slot: ANY, segs: [] }];
    });
  }
  if (Node.isArrayLiteralExpression(n)) {
    return n.getElements().flatMap((el) => (Node.isSpreadElement(el) ? elementsOf(env, el.getExpression()) : placesOf(env, el)));
  }
  if (Node.isConditionalExpression(n)) return [...placesOf(env, n.getWhenTrue()), ...placesOf(env, n.getWhenFalse())];
  if (Node.isNewExpression(n)) return [];
  if (Node.isCallExpression(n)) return callPlaces(env, n);
  if (n.getKind() === SyntaxKind.NullKeyword) return [];
  return [{ slot: ANY, segs: [] }];
}

function identifierPlaces(env: AliasEnv, id: Node): Place[] {
  const b = env.bindingOf(id);
  const decl = env.declOf(id);
  if (!b || !decl) return [{ slot: `module:${id.getText()}`, segs: [] }];
  if (b.k === "state") return [{ slot: ANY, segs: [] }];
  if (b.k === "consts") return [{ slot: "consts", segs: [] }];
  const info = env.st.aliases?.get(decl);
  if (info) return info.places;
  if (b.k === "alias") return [{ slot: b.slot, segs: b.segs.map(segOf) }];
  return [{ slot: ownSlot(decl, b), segs: [], owner: decl }];
}

/** `{ ...r }` shares r's fields that are objects. */
function spreadOfRecord(env: AliasEnv, base: Expression): Place[] {
  const t = irType(base);
  const inner = t?.k === "record" ? t.fields.some((f) => mayHoldCompound(f.type)) : true;
  return inner ? placesOf(env, base).map((p) => ({ ...p, owner: undefined })) : [];
}

/** `[...q]`, `q.filter(...)`: a new array of q's elements, which it shares when they are objects. */
function elementsOf(env: AliasEnv, seq: Node): Place[] {
  const t = irType(seq);
  const elem = t?.k === "seq" ? t.elem : t?.k === "set" ? t.elem : undefined;
  if (elem && !mayHoldCompound(elem)) return [];
  return extend(placesOf(env, seq), { k: "index" }).map((p) => ({ ...p, owner: undefined }));
}

/** The functions of ts2tla that return a new value, never one that points into the state (a Set holds no objects, TSLA082). */
const FRESH_SET_FUNCTIONS = ["copy", "union", "intersection", "difference", "filterSet", "mapSet", "others", "subsets"];

function callPlaces(env: AliasEnv, call: import("ts-morph").CallExpression): Place[] {
  const callee = call.getExpression();
  const args = call.getArguments();
  const decl = env.declOf(callee);
  if (env.isLang(decl) && Node.isFunctionDeclaration(decl)) {
    const name = decl.getName();
    if (name === "oneOf") return args[0] ? elementsOf(env, args[0]) : [];
    // The set functions build new Sets (of primitive values: a Set holds no objects, TSLA082).
    return FRESH_SET_FUNCTIONS.includes(name ?? "") || name === "setOf" || name === "range" || name === "byPid" || name === "fnOn" ? [] : [{ slot: ANY, segs: [] }];
  }
  if (Node.isPropertyAccessExpression(callee)) {
    const method = callee.getName();
    const recv = callee.getExpression();
    if (method === "shift" || method === "pop") return [];
    if (method === "filter" || method === "slice" || method === "at") return elementsOf(env, recv);
    if (method === "concat") return [...elementsOf(env, recv), ...args.flatMap((a) => elementsOf(env, a))];
    if (method === "map") return mapsToFresh(call) ? [] : [{ slot: ANY, segs: [] }];
  }
  if (decl && returnsFresh(decl)) return [];
  return [{ slot: ANY, segs: [] }];
}

/** `q.map(f)` is a new array; its elements are new too when `f` returns no object or builds a new one. */
function mapsToFresh(call: import("ts-morph").CallExpression): boolean {
  const f = call.getArguments()[0];
  if (!f || !Node.isArrowFunction(f)) return false;
  const body = f.getBody();
  if (Node.isBlock(body)) return returnsFresh(f);
  return isFreshSyntax(body);
}

const freshCache = new WeakMap<Node, boolean>();

/** Every value a helper returns is a new object (or not an object). */
function returnsFresh(decl: Node): boolean {
  const cached = freshCache.get(decl);
  if (cached !== undefined) return cached;
  freshCache.set(decl, false);
  const fn = Node.isFunctionDeclaration(decl) || Node.isArrowFunction(decl) ? decl : Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
  let fresh = false;
  if (fn && (Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn))) {
    const body = fn.getBody();
    if (body && Node.isBlock(body)) {
      const returns = body.getDescendantsOfKind(SyntaxKind.ReturnStatement).filter((r) => r.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a)) === fn);
      fresh = returns.every((r) => {
        const e = r.getExpression();
        return !e || isFreshSyntax(e);
      });
    } else if (body) fresh = isFreshSyntax(body);
  }
  freshCache.set(decl, fresh);
  return fresh;
}

/** A new object built only of literals and fresh parts (no names: they may point anywhere). */
export function isFreshSyntax(node: Node): boolean {
  if (!mayBeObject(node)) return true;
  const n = unwrap(node);
  if (n.getKind() === SyntaxKind.NullKeyword || Node.isNewExpression(n)) return true;
  if (Node.isObjectLiteralExpression(n)) {
    return n.getProperties().every((p) => {
      if (Node.isPropertyAssignment(p)) return isFreshSyntax(p.getInitializerOrThrow());
      if (Node.isSpreadAssignment(p)) {
        const t = irType(p.getExpression());
        return t?.k === "record" && !t.fields.some((f) => mayHoldCompound(f.type));
      }
      return Node.isShorthandPropertyAssignment(p) && !mayBeObject(p);
    });
  }
  if (Node.isArrayLiteralExpression(n)) {
    return n.getElements().every((el) => {
      if (!Node.isSpreadElement(el)) return isFreshSyntax(el);
      const t = irType(el.getExpression());
      return (t?.k === "seq" || t?.k === "set") && !mayHoldCompound(t.elem);
    });
  }
  if (Node.isConditionalExpression(n)) return isFreshSyntax(n.getWhenTrue()) && isFreshSyntax(n.getWhenFalse());
  if (Node.isCallExpression(n)) {
    const callee = n.getExpression();
    const sym = callee.getSymbol();
    const target = sym?.isAlias() ? sym.getAliasedSymbol() : sym;
    const decl = target?.getValueDeclaration();
    if (decl && Node.isFunctionDeclaration(decl) && decl.getSourceFile().getFilePath() === LANG_FILE) return FRESH_SET_FUNCTIONS.includes(decl.getName() ?? "");
    if (Node.isPropertyAccessExpression(callee)) {
      const method = callee.getName();
      const t = irType(callee.getExpression());
      if (["filter", "slice", "concat"].includes(method) && t?.k === "seq" && !mayHoldCompound(t.elem)) return true;
      return method === "map" && t?.k === "seq" && mapsToFresh(n);
    }
    return decl !== undefined && returnsFresh(decl);
  }
  return false;
}

const segOf = (s: PathSeg): Seg => (s.k === "field" ? { k: "field", name: s.name } : { k: "index", text: s.expr.text });

export function placeOfWrite(slot: string, segs: PathSeg[]): Place {
  return { slot, segs: segs.map(segOf) };
}

const LITERAL = /^(-?\d+|"(?:[^"\\]|\\.)*")$/;

function segsOverlap(a: Seg, b: Seg): boolean {
  if (a.k !== b.k) return true;
  if (a.k === "field") return a.name === (b as typeof a).name;
  const x = a.text;
  const y = (b as typeof a).text;
  if (x === undefined || y === undefined || x === y) return true;
  return !(LITERAL.test(x) && LITERAL.test(y));
}

const segsEqual = (a: Seg, b: Seg): boolean =>
  a.k === b.k && (a.k === "field" ? a.name === (b as typeof a).name : a.text !== undefined && a.text === (b as typeof a).text);

const slotsOverlap = (a: string, b: string): boolean => a === b || a === ANY || b === ANY;

/** The first `n` segments of two places may name the same object. */
function overlapOn(a: Place, b: Place, n: number): boolean {
  if (!slotsOverlap(a.slot, b.slot)) return false;
  for (let i = 0; i < n; i++) if (!segsOverlap(a.segs[i]!, b.segs[i]!)) return false;
  return true;
}

/** Array methods that leave every element where it was. */
const KEEPS_POSITIONS = new Set(["push", "add", "delete", "clear"]);

/**
 * A write at `w`: by assignment (`method` undefined) or by a mutating method called on the object at
 * `w`. Marks the aliases whose meaning in TypeScript it changes apart from TLA+.
 */
export function noteWrite(st: SymState, w: Place, node: Node, method?: string): void {
  if (!st.aliases) return;
  for (const [decl, info] of st.aliases) {
    if (!info.stale && changesMeaning(info, w, method)) st.aliases.set(decl, { ...info, stale: node });
  }
}

/** After the write at `w`, the alias means one thing in TypeScript and another in TLA+. */
export function changesMeaning(info: AliasInfo, w: Place, method?: string): boolean {
  return info.places.some((p) => {
    const n = Math.min(p.segs.length, w.segs.length);
    if (!overlapOn(p, w, n)) return false;
    if (info.kind === "snapshot") return w.segs.length > p.segs.length || (w.segs.length === p.segs.length && method !== undefined);
    // A parameter names a path: writes inside its object are seen through it; replacing or moving
    // the object (or anything on the way to it) leaves the parameter on the old one.
    if (w.segs.length > p.segs.length) return false;
    if (w.segs.length === p.segs.length) return method === undefined;
    return method === undefined || !KEEPS_POSITIONS.has(method);
  });
}

function aliases(st: SymState): Map<Node, AliasInfo> {
  if (!st.aliases) st.aliases = new Map();
  return st.aliases;
}

/** `decl` now holds the value of `value` (a declaration or an assignment to the whole local). */
export function bindLocalAlias(env: AliasEnv, decl: Node, value: Node | Place[]): void {
  const places = Array.isArray(value) ? value : placesOf(env, value);
  const own = places.filter((p) => p.owner !== decl || p.segs.length > 0);
  if (own.length === 0) env.st.aliases?.delete(decl);
  else aliases(env.st).set(decl, { kind: "snapshot", places: own });
}

export function bindParameterAlias(st: SymState, param: Node, slot: string, segs: PathSeg[]): void {
  aliases(st).set(param, { kind: "reference", places: [placeOfWrite(slot, segs)] });
}

export function bindParameterValue(env: AliasEnv, param: Node, arg: Node): void {
  const places = placesOf(env, arg).filter((p) => !p.owner);
  if (places.length) aliases(env.st).set(param, { kind: "snapshot", places });
}

/** Locals kept from an earlier step: an object that some assignment shares holds `old:`. */
export function bindKeptLocal(st: SymState, decl: VariableDeclaration, tsName: string): void {
  const fn = decl.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a));
  if (!fn || !mayBeObject(decl)) return;
  const init = decl.getInitializer();
  const assigned = fn
    .getDescendantsOfKind(SyntaxKind.BinaryExpression)
    .filter((b) => b.getOperatorToken().getKind() === SyntaxKind.EqualsToken && Node.isIdentifier(b.getLeft()) && b.getLeft().getText() === tsName)
    .map((b) => b.getRight());
  if ([init, ...assigned].every((e) => !e || isFreshSyntax(e))) return;
  aliases(st).set(decl, { kind: "snapshot", places: [{ slot: `old:${tsName}`, segs: [] }] });
}

function describe(p: Place): string {
  if (p.slot.startsWith("state:")) {
    return `s.${p.slot.slice(6)}${p.segs.map((s) => (s.k === "field" ? `.${s.name}` : "[…]")).join("")}`;
  }
  if (p.slot === "consts") return "a constant";
  if (p.slot.startsWith("module:")) return `the module constant ${p.slot.slice(7)}`;
  if (p.slot.startsWith("old:")) return "the object it kept from an earlier step";
  return "the state";
}

const lineOf = (n: Node): string => `line ${n.getStartLineNumber()}`;

/** A read of the local or parameter `id`. */
export function checkRead(env: AliasEnv, id: Node, declared?: Node): void {
  const decl = declared ?? env.declOf(id);
  const info = decl ? env.st.aliases?.get(decl) : undefined;
  if (!info?.stale) return;
  const name = id.getText();
  const hint =
    info.kind === "reference"
      ? `read the state again after the change, or pass the values the helper needs instead of \`${name}\``
      : `bind \`${name}\` to its own copy (copy(...) from ts2tla) if it should keep the old value, or read ${describe(info.places[0]!)} again if it should see the change`;
  fail(id, "TSLA083", name, `${lineOf(info.stale)} (\`${info.stale.getText().split("\n")[0]!.slice(0, 60)}\`)`, hint);
}

/** A write into the object the local `root` holds (`root.f = v`, `root.push(v)`). */
export function checkWriteThrough(env: AliasEnv, root: Node): void {
  const decl = env.declOf(root);
  const info = decl ? env.st.aliases?.get(decl) : undefined;
  if (!info) return;
  if (info.kind === "reference") {
    if (info.stale) checkRead(env, root);
    return;
  }
  const where = describe(info.places[0]!);
  fail(root, "TSLA084", root.getText(), where, where.startsWith("s.") ? `${where}.…` : "s.<field>");
}

/**
 * A value stored at `target` (assigned there, or inserted into the object there). Sharing is fine
 * when the shared object leaves the place it is stored over, or is a local's own new object (which
 * then points into the state).
 */
export function checkStored(env: AliasEnv, value: Node, target: Place, insert: boolean): void {
  const places = placesOf(env, value);
  for (const p of places) {
    if (p.owner) continue;
    const under = !insert && p.slot === target.slot && target.segs.every((s, i) => p.segs[i] !== undefined && segsEqual(p.segs[i]!, s));
    if (!under) fail(value, "TSLA085", p.slot === ANY ? "through another name" : `as ${describe(p)}`);
  }
  const stored: Place = insert ? { ...target, segs: [...target.segs, { k: "index" }] } : target;
  for (const p of places) {
    if (!p.owner) continue;
    const info = env.st.aliases?.get(p.owner);
    aliases(env.st).set(p.owner, { kind: "snapshot", places: [...(info?.places ?? []), { slot: stored.slot, segs: [...stored.segs, ...p.segs] }] });
  }
}

/** The local or parameter a write path starts from (`e` in `e.f[i] = v`). */
export function rootIdentifier(node: Node): Node | undefined {
  const n = unwrap(node);
  if (Node.isIdentifier(n)) return n;
  if (Node.isPropertyAccessExpression(n) || Node.isElementAccessExpression(n)) return rootIdentifier(n.getExpression());
  return undefined;
}
