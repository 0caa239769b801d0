// Which process locals are live at which step boundary: a control-flow liveness analysis over a
// process body. The nodes are the body's statements and its step boundaries (`yield "label"`); the
// edges follow blocks, if/else (a `nondet()` branch too), `while`/`for (;;)` loops with their back
// edges, `break`, `continue` and `return` (which ends the process: nothing is live after it). A local
// is live at a boundary when some path from it reads the local before writing it. Only a whole
// assignment `x = e` or the declaration writes a local; `x.f = e`, `x += e`, `x.push(e)` and the like
// read it first. A helper declared outside the process body cannot see its locals (only what is passed
// to it, read at the call); a function declared inside the body reads every local it mentions, at each
// place it is mentioned. The analysis never fails: what the lowering rejects it reads conservatively.
import { Block, FunctionExpression, Node, Statement, SyntaxKind, VariableDeclaration } from "ts-morph";

/** A live local, with a read that makes it live (on some path, the first read of it). */
export type LiveSet = Map<VariableDeclaration, Node>;

export interface ProcessLiveness {
  /** The body's locals (declarations outside nested functions), in source order. */
  locals: VariableDeclaration[];
  /** Per step label: the locals live right after its `yield`, and that yield's statement. */
  atLabel: Map<string, { live: LiveSet; boundary: Node }>;
}

interface Cont {
  next: LiveSet;
  brk?: LiveSet;
  cont?: LiveSet;
}

export function analyzeLiveness(fn: FunctionExpression): ProcessLiveness {
  const body = fn.getBody() as Block;
  const locals: VariableDeclaration[] = [];
  const inner: Node[] = [];
  body.forEachDescendant((n, traversal) => {
    if (Node.isFunctionLikeDeclaration(n)) {
      inner.push(n);
      traversal.skip();
      return undefined;
    }
    if (Node.isVariableDeclaration(n) && Node.isIdentifier(n.getNameNode())) {
      const init = n.getInitializer();
      // `const f = () => ...` is a function of the body (its reads count where it is mentioned).
      if (!(init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init)))) locals.push(n);
    }
    return undefined;
  });
  const a = new Analysis(new Set(locals), new Set(inner));
  a.stmts(body.getStatements(), { next: new Map() });
  return { locals, atLabel: a.atLabel };
}

class Analysis {
  readonly atLabel = new Map<string, { live: LiveSet; boundary: Node }>();
  private readonly names: Set<string>;
  private readonly fnReads = new Map<Node, LiveSet>();

  constructor(
    private readonly locals: ReadonlySet<VariableDeclaration>,
    private readonly innerFns: ReadonlySet<Node>,
  ) {
    this.names = new Set([...locals].map((d) => d.getName()));
    for (const f of innerFns) {
      const owner = Node.isFunctionDeclaration(f) ? f : f.getParent();
      const name = owner && (Node.isFunctionDeclaration(owner) || Node.isVariableDeclaration(owner)) ? owner.getName() : undefined;
      if (name) this.names.add(name);
    }
  }

  stmts(list: readonly Statement[], k: Cont): LiveSet {
    let live = k.next;
    for (let i = list.length - 1; i >= 0; i--) live = this.stmt(list[i]!, { ...k, next: live });
    return live;
  }

  private stmt(s: Statement, k: Cont): LiveSet {
    if (Node.isExpressionStatement(s)) {
      const e = s.getExpression();
      if (Node.isYieldExpression(e)) {
        const arg = e.getExpression();
        const label = arg && Node.isStringLiteral(arg) ? arg.getLiteralValue() : arg && Node.isCallExpression(arg) && Node.isStringLiteral(arg.getArguments()[0]) ? (arg.getArguments()[0] as import("ts-morph").StringLiteral).getLiteralValue() : undefined;
        if (label !== undefined) this.atLabel.set(label, { live: new Map(k.next), boundary: s });
        return k.next;
      }
      if (Node.isBinaryExpression(e) && e.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
        const target = this.localOf(e.getLeft());
        if (target) return union(this.reads(e.getRight()), without(k.next, target));
      }
      return union(this.reads(e), k.next);
    }
    if (Node.isVariableStatement(s)) {
      let live = k.next;
      const decls = s.getDeclarations();
      for (let i = decls.length - 1; i >= 0; i--) {
        const d = decls[i]!;
        if (this.locals.has(d)) live = without(live, d);
        const init = d.getInitializer();
        if (init) live = union(this.reads(init), live);
      }
      return live;
    }
    if (Node.isBlock(s)) return this.stmts(s.getStatements(), k);
    if (Node.isIfStatement(s)) {
      const then = this.stmts(blockOf(s.getThenStatement()), k);
      const e = s.getElseStatement();
      const other = e ? this.stmts(blockOf(e), k) : k.next;
      return union(this.reads(s.getExpression()), union(then, other));
    }
    if (Node.isWhileStatement(s) || (Node.isForStatement(s) && !s.getInitializer() && !s.getIncrementor())) {
      const cond = Node.isWhileStatement(s) ? s.getExpression() : s.getCondition();
      const always = !cond || cond.getKind() === SyntaxKind.TrueKeyword;
      const condReads = cond ? this.reads(cond) : new Map();
      let head: LiveSet = new Map();
      for (;;) {
        const body = this.stmts(blockOf(s.getStatement()), { next: head, brk: k.next, cont: head });
        const next = union(condReads, always ? body : union(body, k.next));
        if (sameKeys(next, head)) return next;
        head = next;
      }
    }
    if (Node.isBreakStatement(s) && !s.getLabel()) return k.brk ?? k.next;
    if (Node.isContinueStatement(s) && !s.getLabel()) return k.cont ?? k.next;
    if (Node.isReturnStatement(s)) {
      const e = s.getExpression();
      return e ? this.reads(e) : new Map();
    }
    if (Node.isEmptyStatement(s) || Node.isFunctionDeclaration(s)) return k.next;
    // Rejected by the lowering (switch, do, for-of, try, labels, ...): every mention is a read, but
    // of the locals declared outside it (one declared inside cannot be read before it runs).
    let live = union(this.reads(s), k.next);
    for (const d of s.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) live = without(live, d);
    return live;
  }

  /** The local that `node` names (a whole-variable assignment target), if any. */
  private localOf(node: Node): VariableDeclaration | undefined {
    if (!Node.isIdentifier(node)) return undefined;
    const d = declOfId(node);
    return d && this.locals.has(d as VariableDeclaration) ? (d as VariableDeclaration) : undefined;
  }

  /** The locals `node` reads: its mentions of them, and those of functions of the body it mentions. */
  reads(node: Node): LiveSet {
    return this.readsOf(Node.isIdentifier(node) ? [node] : node.getDescendantsOfKind(SyntaxKind.Identifier), new Set());
  }

  private readsOf(ids: Node[], seen: Set<Node>): LiveSet {
    const out: LiveSet = new Map();
    for (const id of ids) {
      if (!this.names.has(id.getText())) continue;
      const d = declOfId(id);
      if (!d) continue;
      if (this.locals.has(d as VariableDeclaration) && !isDeclName(id)) {
        if (!out.has(d as VariableDeclaration)) out.set(d as VariableDeclaration, id);
        continue;
      }
      const fnNode = this.innerFunction(d);
      if (fnNode && !seen.has(fnNode)) {
        seen.add(fnNode);
        for (const [l, at] of this.functionReads(fnNode, seen)) if (!out.has(l)) out.set(l, at);
      }
    }
    return out;
  }

  private innerFunction(d: Node): Node | undefined {
    if (this.innerFns.has(d)) return d;
    if (Node.isVariableDeclaration(d)) {
      const init = d.getInitializer();
      if (init && this.innerFns.has(init)) return init;
    }
    return undefined;
  }

  private functionReads(fnNode: Node, seen: Set<Node>): LiveSet {
    const known = this.fnReads.get(fnNode);
    if (known) return known;
    const out = this.readsOf(fnNode.getDescendantsOfKind(SyntaxKind.Identifier), seen);
    this.fnReads.set(fnNode, out);
    return out;
  }
}

/** The declaration an identifier refers to (the variable, for `{ x }` shorthand). */
function declOfId(id: Node): Node | undefined {
  const parent = id.getParent();
  if (parent && Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === id) {
    const v = parent.getValueSymbol();
    return v?.getValueDeclaration() ?? v?.getDeclarations()[0];
  }
  const sym = id.getSymbol();
  const target = sym?.isAlias() ? sym.getAliasedSymbol() : sym;
  return target?.getValueDeclaration() ?? target?.getDeclarations()[0];
}

/** The name in a declaration itself (not a read). */
function isDeclName(id: Node): boolean {
  const p = id.getParent();
  return !!p && Node.isVariableDeclaration(p) && p.getNameNode() === id;
}

function blockOf(s: Statement): Statement[] {
  return Node.isBlock(s) ? s.getStatements() : [s];
}

function union(a: LiveSet, b: LiveSet): LiveSet {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const out = new Map(a);
  for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
  return out;
}

function without(a: LiveSet, d: VariableDeclaration): LiveSet {
  if (!a.has(d)) return a;
  const out = new Map(a);
  out.delete(d);
  return out;
}

function sameKeys(a: LiveSet, b: LiveSet): boolean {
  if (a.size !== b.size) return false;
  for (const k of a.keys()) if (!b.has(k)) return false;
  return true;
}
