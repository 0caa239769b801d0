// Small builders for TLA+ expression text, so that lowering never concatenates raw strings.
import type { ExceptPathSeg, Expr, IrType } from "./ir.ts";

export const atom = (text: string): Expr => ({ text, atomic: true });
export const compound = (text: string): Expr => ({ text, atomic: false });

/** The expression as an operand: parenthesised unless atomic. */
export const operand = (e: Expr): string => (e.atomic ? e.text : `(${e.text})`);

export const TRUE = atom("TRUE");
export const FALSE = atom("FALSE");
export const NULL_VALUE = "Null";

export function str(value: string): Expr {
  return atom(`"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
}

export function num(value: number): Expr {
  return value < 0 ? compound(`-${-value}`) : atom(String(value));
}

/** Operators that bind no tighter than `=` (TLA+ precedence 5 and below). */
const LOOSE_OPS = new Set(["=", "#", "<", "<=", ">", ">=", "\\in", "\\notin", "\\subseteq", "/\\", "\\/", "=>"]);

/**
 * An operand of an infix operator. `~e` is written without parentheses elsewhere (it binds tighter than
 * `/\` and `\/`), but `~` (precedence 4) binds looser than every other infix operator: `~a \in S` is
 * `~(a \in S)`, so here it is parenthesised.
 */
const infixOperand = (e: Expr): string => (e.op === "~" ? `(${e.text})` : operand(e));

export const binary = (op: string, a: Expr, b: Expr): Expr => foldEquality(op, a, b) ?? { ...compound(`${infixOperand(a)} ${op} ${infixOperand(b)}`), op };

/** The kind of a literal whose text is its value (two such literals are equal exactly when their texts are). */
function literalKind(e: Expr): "string" | "number" | "boolean" | undefined {
  if (!e.atomic) return undefined;
  if (/^"(?:[^"\\]|\\.)*"$/.test(e.text)) return "string";
  if (/^\d+$/.test(e.text)) return "number";
  if (e.text === "TRUE" || e.text === "FALSE") return "boolean";
  return undefined;
}

/** `"a" = "a"` is TRUE: comparisons of literals (a helper called with a literal argument) fold away. */
function foldEquality(op: string, a: Expr, b: Expr): Expr | undefined {
  if (op !== "=" && op !== "#") return undefined;
  const kind = literalKind(a);
  if (!kind || kind !== literalKind(b)) return undefined;
  return (a.text === b.text) === (op === "=") ? TRUE : FALSE;
}

/** The expression as the right side of `x = e` or `x' = e`: parenthesised when its operator binds no tighter than `=`. */
export const rightOfEquals = (e: Expr): Expr => (e.op && LOOSE_OPS.has(e.op) ? atom(`(${e.text})`) : e);

export const call = (name: string, ...args: Expr[]): Expr => atom(`${name}(${args.map((a) => a.text).join(", ")})`);
export function apply(f: Expr, arg: Expr): Expr {
  const through = readThrough(f, { k: "index", expr: arg });
  return through ?? atom(`${operand(f)}[${arg.text}]`);
}

export function field(r: Expr, name: string): Expr {
  const through = readThrough(r, { k: "field", name });
  return through ?? atom(`${operand(r)}.${name}`);
}

const sameSeg = (a: PathSeg, b: PathSeg): boolean =>
  a.k === b.k && (a.k === "field" ? a.name === (b as typeof a).name : a.expr.text === (b as typeof a).expr.text);

/** Distinct literals (or field names) can never select the same part. */
const disjointSeg = (a: PathSeg, b: PathSeg): boolean => {
  if (a.k !== b.k) return false;
  if (a.k === "field") return a.name !== (b as typeof a).name;
  const lit = /^(-?\d+|"(?:[^"\\]|\\.)*")$/;
  const x = a.expr.text;
  const y = (b as typeof a).expr.text;
  return x !== y && lit.test(x) && lit.test(y);
};

/**
 * Reading one part of `[base EXCEPT ...]`: the value written there, or the base's part when no clause
 * can touch it; undefined when it cannot be told apart statically.
 */
function readThrough(e: Expr, seg: PathSeg): Expr | undefined {
  if (!e.except) return undefined;
  const { base, clauses } = e.except;
  for (let i = clauses.length - 1; i >= 0; i--) {
    const c = clauses[i]!;
    const head = c.path[0]!;
    if (disjointSeg(head, seg)) continue;
    if (!sameSeg(head, seg)) return undefined;
    if (c.path.length === 1) return c.value;
    return undefined;
  }
  return seg.k === "field" ? field(base, seg.name) : apply(base, seg.expr);
}
export const not = (e: Expr): Expr => (e.text === "TRUE" ? FALSE : e.text === "FALSE" ? TRUE : { ...atom(`~${operand(e)}`), op: "~" });
export const setOf = (elems: Expr[]): Expr => atom(`{${elems.map((e) => e.text).join(", ")}}`);
export const tuple = (elems: Expr[]): Expr => atom(`<<${elems.map((e) => e.text).join(", ")}>>`);
export const ifThenElse = (c: Expr, a: Expr, b: Expr): Expr => {
  if (c.text === "TRUE") return a;
  if (c.text === "FALSE") return b;
  const e = compound(`IF ${c.text} THEN ${a.text} ELSE ${b.text}`);
  // Either branch's JS-only values (undefined, NaN) may come out.
  const undef = a.js?.undef || b.js?.undef;
  const nan = a.js?.nan || b.js?.nan;
  return undef || nan ? { ...e, js: { ...(undef ? { undef } : {}), ...(nan ? { nan } : {}) } } : e;
};

export function record(fields: Array<[string, Expr]>): Expr {
  return atom(`[${fields.map(([k, v]) => `${k} |-> ${v.text}`).join(", ")}]`);
}

export function conj(parts: Expr[]): Expr {
  const kept = parts.filter((p) => p.text !== "TRUE");
  if (kept.length === 0) return TRUE;
  if (kept.length === 1) return kept[0]!;
  return { ...compound(kept.map(operand).join(" /\\ ")), op: "/\\" };
}

export function disj(parts: Expr[]): Expr {
  const kept = parts.filter((p) => p.text !== "FALSE");
  if (kept.length === 0) return FALSE;
  if (kept.length === 1) return kept[0]!;
  return { ...compound(kept.map(operand).join(" \\/ ")), op: "\\/" };
}

export type PathSeg = ExceptPathSeg;

/** `[base EXCEPT !path = value]`, merged into base's own EXCEPT when base is one. */
export function except(base: Expr, segs: PathSeg[], value: Expr): Expr {
  const prior = base.except;
  const root = prior ? prior.base : base;
  const clauses = (prior ? prior.clauses : []).filter((c) => !(c.path.length === segs.length && c.path.every((s, i) => sameSeg(s, segs[i]!))));
  clauses.push({ path: segs, value });
  const show = (path: PathSeg[]) => path.map((s) => (s.k === "field" ? `.${s.name}` : `[${s.expr.text}]`)).join("");
  return { text: `[${root.text} EXCEPT ${clauses.map((c) => `!${show(c.path)} = ${c.value.text}`).join(", ")}]`, atomic: true, except: { base: root, clauses } };
}

/** The set of all values of a type, as TypeOK uses it. */
export function typeSet(t: IrType, procSet: string): Expr {
  switch (t.k) {
    case "bool":
      return atom("BOOLEAN");
    case "int":
      return compound(`${t.lo}..${t.hi}`);
    case "lits":
      return setOf(t.values.map((v) => (typeof v === "string" ? str(v) : num(v))));
    case "pid":
      return atom(procSet);
    case "null":
      return setOf([atom(NULL_VALUE)]);
    case "union":
      return compound(t.members.map((m) => operand(typeSet(m, procSet))).join(" \\cup "));
    case "record":
      return atom(`[${t.fields.map((f) => `${f.name} : ${typeSet(f.type, procSet).text}`).join(", ")}]`);
    case "seq":
      return call("Seq", typeSet(t.elem, procSet));
    case "set":
      return compound(`SUBSET ${operand(typeSet(t.elem, procSet))}`);
    case "byPid":
      return atom(`[${t.domain ?? procSet} -> ${typeSet(t.value, procSet).text}]`);
  }
}

/**
 * A canonical value of a type, used to initialise process locals before their declaration runs (and
 * where they are dead): a process id is the process's own (`self`), which the TS engine gives too.
 */
export function defaultValue(t: IrType, procSet: string): Expr {
  switch (t.k) {
    case "bool":
      return FALSE;
    case "int":
      return num(t.lo);
    case "lits": {
      const v = t.values[0]!;
      return typeof v === "string" ? str(v) : num(v);
    }
    case "pid":
      return atom("self");
    case "null":
      return atom(NULL_VALUE);
    case "union": {
      const nullMember = t.members.find((m) => m.k === "null");
      return defaultValue(nullMember ?? t.members[0]!, procSet);
    }
    case "record":
      return record(t.fields.map((f) => [f.name, defaultValue(f.type, procSet)]));
    case "seq":
      return atom("<<>>");
    case "set":
      return atom("{}");
    case "byPid":
      return atom(`[p \\in ${t.domain ?? procSet} |-> ${defaultValue(t.value, procSet).text}]`);
  }
}

/** TLA+'s reserved words (TLA+2's proof language included): never a name, not even a record field's. */
export const TLA_KEYWORDS = new Set(
  (
    "ASSUME ASSUMPTION AXIOM BOOLEAN CASE CHOOSE CONSTANT CONSTANTS DOMAIN ELSE ENABLED EXCEPT EXTENDS IF IN " +
    "INSTANCE LET LOCAL MODULE OTHER SF_ STRING SUBSET THEN THEOREM UNCHANGED UNION VARIABLE VARIABLES WF_ WITH " +
    "LAMBDA RECURSIVE TRUE FALSE ACTION BY COROLLARY DEF DEFINE DEFS HAVE HIDE LEMMA NEW OBVIOUS OMITTED ONLY " +
    "PICK PROOF PROPOSITION PROVE QED STATE SUFFICES TAKE TEMPORAL USE WITNESS"
  ).split(" "),
);

/**
 * Names a protocol's own names must not take in the module: the reserved words, the operators of
 * the modules it extends (Integers, Sequences, FiniteSets, TLC), the step operators' parameter
 * `self`, and the names the compiler defines itself.
 */
export const TLA_RESERVED = new Set([
  ...TLA_KEYWORDS,
  ...(
    "Nat Int Seq Len Head Tail Append SubSeq SelectSeq Cardinality IsFiniteSet " +
    "Print PrintT Assert ToString TLCGet TLCSet TLCEval Permutations SortSeq RandomElement JavaTime Any self " +
    "Init Next Spec vars pc ProcSet TypeOK Terminating Null NaN Elems SeqContains SeqRemoveAt SeqIndexOf " +
    "JsRem jsn jsd jsm jsr Undefined JsGet JsAt JsClamp JsSlice JsSpliceOne JsPut JsIdx JsPick JsFnGet JsFnPut jss jsy jsq jsi jsj jsx jsv jsa jsb jsk"
  ).split(" "),
]);

/** A name TLA+ can read as an identifier: letters, digits and `_`, with a letter, not a word of its own. */
export const isTlaIdentifier = (name: string): boolean =>
  /^[A-Za-z0-9_]+$/.test(name) && /[A-Za-z]/.test(name) && !/^(WF|SF)_/.test(name) && !TLA_KEYWORDS.has(name);
