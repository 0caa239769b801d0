// `for (const q of set) { ... }` inside a step. TypeScript runs the body once per element, in the
// set's insertion order; TLA+ has no order on a set. The two agree when no iteration can see what
// another one did: every write of the body is at the loop variable's own entry of a ByPid or FnOn
// map in the state (`s.inbox[q].add(m)`, `s.count[q] += 1`), the body reads the maps it writes only
// at that entry, and it neither blocks nor chooses. Each written map is then one function of its old
// value, `[k \in DOMAIN m |-> IF k \in S THEN <the body's value of m[q], q = k> ELSE m[k]]`.
import { Node, SyntaxKind, type ForOfStatement, type VariableDeclaration } from "ts-morph";
import { fail } from "../diagnostics.ts";
import type { Action, Expr } from "../ir.ts";
import * as T from "../tla.ts";
import { changesMeaning, placeOfWrite } from "./aliasing.ts";
import type { LoopWrite, SymState } from "./context.ts";
import { bindingOf, declOf, langCallName, type ExprEnv } from "./expr.ts";
import { isSetType } from "./types.ts";

const HINT_WRITE = (q: string) => `change only s.field[${q}] (or inside it), so that no iteration sees another's change and the order of the elements does not matter`;

/** The loop's variable, once the loop is one the language can translate. */
export function setLoopVariable(env: ExprEnv, loop: ForOfStatement): VariableDeclaration {
  const list = loop.getInitializer();
  const decls = Node.isVariableDeclarationList(list) ? list.getDeclarations() : [];
  const decl = decls[0];
  if (loop.isAwaited() || !Node.isVariableDeclarationList(list) || list.getDeclarationKind() !== "const" || decls.length !== 1 || !decl || !Node.isIdentifier(decl.getNameNode())) {
    fail(list, "TSLA106", "the loop variable must be one `const`", "for (const q of set) { ... }");
  }
  const set = loop.getExpression();
  if (!isSetType(set.getType())) {
    fail(set, "TSLA106", `\`${set.getText()}\` is not a set`, "loop over a Set, ReadonlySet or ValueSet (an array may hold an element twice); for arrays use all(), any() or the array methods");
  }
  const body = loop.getStatement();
  body.forEachDescendant((n, traversal) => {
    if (Node.isFunctionLikeDeclaration(n)) {
      traversal.skip();
      return undefined;
    }
    if (Node.isYieldExpression(n)) fail(n, "TSLA106", "a step boundary inside it", "a loop over a set runs inside one step; loop across steps with for (;;)");
    if (Node.isBreakStatement(n) || Node.isContinueStatement(n) || Node.isReturnStatement(n)) {
      fail(n, "TSLA106", `\`${n.getText()}\` inside it`, "every element is visited: test a condition inside the body instead");
    }
    const lang = langCallName(env, n);
    if (lang === "when" || lang === "oneOf" || lang === "nondet") blocksOrChooses(n, `${lang}()`);
    return undefined;
  });
  return decl;
}

function blocksOrChooses(node: Node, what: string): never {
  fail(node, "TSLA106", `${what} inside it`, "a loop over a set can neither block nor choose (TLA+ gives its elements no order to choose in); choose before the loop, or test with if");
}

/**
 * The body's writes to the state, checked: each write is at `[q]` of a ByPid field (writes to what the
 * body declares itself are its own). `pre` is the state before the loop.
 */
export function loopWrites(env: ExprEnv, pre: SymState, writes: readonly LoopWrite[], q: string, decl: VariableDeclaration): LoopWrite[] {
  const out: LoopWrite[] = [];
  for (const w of writes) {
    if (!pre.slots.has(w.slot)) continue;
    const field = w.slot.startsWith("state:") ? env.ctx.stateFields.get(w.slot.slice("state:".length)) : undefined;
    const head = w.segs[0];
    if (!field || field.type.k !== "byPid" || head?.k !== "index" || head.expr.text !== q) {
      fail(w.node, "TSLA106", `it changes \`${w.node.getText()}\`, which is not the entry of ${decl.getName()}`, HINT_WRITE(decl.getName()));
    }
    out.push(w);
  }
  return out;
}

/**
 * The loop reads a written field only at `[q]`, and names no local that may share an object with
 * one (an earlier iteration's change would show through it); the set it iterates reads none of them.
 */
export function checkLoopReads(env: ExprEnv, loop: ForOfStatement, decl: VariableDeclaration, writes: readonly LoopWrite[]): void {
  const written = writes.map((w) => w.slot);
  const fields = new Set(written.map((slot) => slot.slice("state:".length)));
  // Another iteration's write, at an element not known here; as a call that may move elements.
  const places = writes.map((w) => ({ slot: w.slot, segs: [{ k: "index" as const }, ...placeOfWrite(w.slot, w.segs.slice(1)).segs] }));
  const body = loop.getStatement();
  for (const id of loop.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const b = bindingOf(env, id);
    const d = declOf(id);
    const info = d && env.st.aliases?.get(d);
    const shared = info && places.some((p) => changesMeaning(info, p, "?"));
    if (shared && !body.containsRange(d.getPos(), d.getEnd())) {
      fail(id, "TSLA106", `\`${id.getText()}\` may share an object with what the loop changes`, "read it from the state inside the loop, at the loop variable");
    }
    if (b?.k !== "state") continue;
    const parent = id.getParent();
    if (!parent || !Node.isPropertyAccessExpression(parent) || parent.getExpression() !== id) {
      fail(id, "TSLA106", `it passes the whole state \`${id.getText()}\`, which the loop changes`, `pass s.field[${decl.getName()}]`);
    }
    if (!fields.has(parent.getName())) continue;
    const access = parent.getParent();
    const arg = access && Node.isElementAccessExpression(access) && access.getExpression() === parent ? access.getArgumentExpression() : undefined;
    const atQ = arg && Node.isIdentifier(arg) && declOf(arg) === decl && body.containsRange(id.getPos(), id.getEnd());
    if (!atQ) fail(parent, "TSLA106", `it reads \`${(access ?? parent).getText()}\`, which the loop changes at other elements`, HINT_WRITE(decl.getName()));
  }
}

/**
 * The body's value of `slot[q]`: the value at each path's end, under the body's branches and LETs.
 * `ends` gives each path's state by its leaf; `before` is the slot's value before the loop, which
 * the result reads as `beforeRef`.
 */
export function valueAt(loop: ForOfStatement, tree: Action, ends: ReadonlyMap<Action, SymState>, slot: string, q: Expr, before: Expr, beforeRef: Expr): Expr {
  const at = (a: Action): Expr => valueAt(loop, a, ends, slot, q, before, beforeRef);
  switch (tree.k) {
    case "leaf":
      return readAt(ends.get(tree)!.slots.get(slot)!, q, before, beforeRef);
    case "let":
      return T.compound(`LET ${tree.name} == ${tree.value.text} IN ${at(tree.body).text}`);
    case "if":
      return T.ifThenElse(tree.cond, at(tree.then), at(tree.else));
    default:
      // A helper the body calls blocks (when) or chooses (oneOf, nondet).
      return blocksOrChooses(loop, "a helper that blocks or chooses");
  }
}

/**
 * `m[q]`, where `m` is `before` changed by the body: read through the body's EXCEPT clauses at `[q]`
 * (all its writes are there) down to `beforeRef[q]`; `m[q]` as it is when it has another shape.
 */
function readAt(m: Expr, q: Expr, before: Expr, beforeRef: Expr): Expr {
  if (m.text === before.text) return T.apply(beforeRef, q);
  const ex = m.except;
  const prior = before.except ? before.except.clauses : [];
  const base = before.except ? before.except.base : before;
  if (!ex || ex.base.text !== base.text || ex.clauses.length < prior.length || prior.some((c, i) => ex.clauses[i]!.value.text !== c.value.text)) return T.apply(m, q);
  let value = T.apply(beforeRef, q);
  for (const c of ex.clauses.slice(prior.length)) {
    const head = c.path[0]!;
    if (head.k !== "index" || head.expr.text !== q.text) return T.apply(m, q);
    value = c.path.length === 1 ? c.value : T.except(value, c.path.slice(1), c.value);
  }
  return value;
}

/**
 * The map after the loop: its entries at the set's elements are the body's, the others as they were.
 * The body read the map's value before the loop as `before`, which is `beforeRef` here.
 */
export function mapAfterLoop(before: Expr, beforeRef: Expr, set: Expr, q: string, entry: Expr): Expr {
  const value = before.text === beforeRef.text ? entry.text : entry.text.split(before.text).join(beforeRef.text);
  return T.atom(`[${q} \\in DOMAIN ${T.operand(beforeRef)} |-> IF ${q} \\in ${T.operand(set)} THEN ${value} ELSE ${T.apply(beforeRef, T.atom(q)).text}]`);
}
