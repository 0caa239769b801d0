// TLA+ values as TLC (and the embedded engine) print them: parse into TlaValue, print back.
import type { TlaValue } from "../types.ts";

export interface ParseValueOptions {
  /** The embedded engine prints booleans as `true` / `false`; TLC would read those as model values. */
  lowercaseBooleans?: boolean;
}

export class TlaValueSyntaxError extends Error {
  readonly offset: number;
  readonly line: number;
  readonly column: number;

  constructor(problem: string, input: string, offset: number) {
    const before = input.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    const near = input.slice(offset, offset + 20).replace(/\n/g, "\\n");
    super(`${problem} at line ${line}, column ${column}${near ? ` (near "${near}")` : " (at end of input)"}`);
    this.name = "TlaValueSyntaxError";
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

/** Intervals like `1..3` are expanded; beyond this many elements the value is refused. */
const MAX_INTERVAL = 100_000;

class ValueParser {
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly opts: ParseValueOptions,
  ) {}

  parseWhole(): TlaValue {
    const value = this.value();
    this.skipSpace();
    if (this.pos < this.src.length) this.fail("unexpected text after the value");
    return value;
  }

  /** `a, b, c` up to the end of input (action arguments). */
  parseList(): TlaValue[] {
    this.skipSpace();
    if (this.pos >= this.src.length) return [];
    const items = [this.value()];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.src.length) return items;
      this.expect(",");
      items.push(this.value());
    }
  }

  private value(): TlaValue {
    const first = this.primary();
    this.skipSpace();
    // TLC writes functions as `(k :> v @@ ...)`; accept the chain without the parentheses too.
    if (this.startsWith(":>")) return this.functionChain(first);
    return first;
  }

  private primary(): TlaValue {
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === undefined) this.fail("expected a value");
    if (c === '"') return { kind: "str", value: this.string() };
    if (c === "{") return { kind: "set", elems: this.list("{", "}") };
    if (this.startsWith("<<")) return { kind: "seq", elems: this.list("<<", ">>") };
    if (c === "[") return this.record();
    if (c === "(") return this.parenthesised();
    if (c === "-" || isDigit(c)) return this.integerOrInterval();
    if (isIdentStart(c)) return this.identifier();
    return this.fail("expected a value");
  }

  private list(open: string, close: string): TlaValue[] {
    this.expect(open);
    this.skipSpace();
    const elems: TlaValue[] = [];
    if (this.startsWith(close)) {
      this.pos += close.length;
      return elems;
    }
    for (;;) {
      elems.push(this.value());
      this.skipSpace();
      if (this.startsWith(close)) {
        this.pos += close.length;
        return elems;
      }
      this.expect(",", `expected "," or "${close}"`);
    }
  }

  private record(): TlaValue {
    this.expect("[");
    const fields: Record<string, TlaValue> = {};
    for (;;) {
      this.skipSpace();
      const name = this.fieldName();
      this.skipSpace();
      this.expect("|->", 'expected "|->" in a record');
      fields[name] = this.value();
      this.skipSpace();
      if (this.src[this.pos] === "]") {
        this.pos++;
        return { kind: "record", fields };
      }
      this.expect(",", 'expected "," or "]" in a record');
    }
  }

  private parenthesised(): TlaValue {
    this.expect("(");
    const inner = this.value();
    this.skipSpace();
    this.expect(")", 'expected ")"');
    return inner;
  }

  private functionChain(firstKey: TlaValue): TlaValue {
    const entries: Array<[TlaValue, TlaValue]> = [];
    let key = firstKey;
    for (;;) {
      this.skipSpace();
      this.expect(":>");
      entries.push([key, this.primary()]);
      this.skipSpace();
      if (!this.startsWith("@@")) return { kind: "fn", entries };
      this.pos += 2;
      key = this.primary();
    }
  }

  private integerOrInterval(): TlaValue {
    const low = this.integer();
    this.skipSpace();
    if (!this.startsWith("..")) return { kind: "int", value: low };
    this.pos += 2;
    this.skipSpace();
    const high = this.integer();
    if (high - low + 1 > MAX_INTERVAL) this.fail(`interval ${low}..${high} is too large to expand`);
    const elems: TlaValue[] = [];
    for (let i = low; i <= high; i++) elems.push({ kind: "int", value: i });
    return { kind: "set", elems };
  }

  private integer(): number {
    const m = /^-?\d+/.exec(this.src.slice(this.pos, this.pos + 40));
    if (!m) return this.fail("expected an integer");
    const n = Number(m[0]);
    if (!Number.isSafeInteger(n)) this.fail(`integer ${m[0]} is too large`);
    this.pos += m[0].length;
    return n;
  }

  private identifier(): TlaValue {
    const name = this.word();
    if (name === "TRUE") return { kind: "bool", value: true };
    if (name === "FALSE") return { kind: "bool", value: false };
    if (this.opts.lowercaseBooleans && (name === "true" || name === "false")) return { kind: "bool", value: name === "true" };
    return { kind: "modelValue", name };
  }

  private fieldName(): string {
    if (this.src[this.pos] === '"') return this.string();
    if (!isIdentStart(this.src[this.pos])) this.fail("expected a record field name");
    return this.word();
  }

  private word(): string {
    const start = this.pos;
    while (this.pos < this.src.length && isIdentPart(this.src[this.pos]!)) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private string(): string {
    const start = this.pos;
    this.pos++; // opening quote
    let out = "";
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) {
        this.pos = start;
        this.fail("unterminated string");
      }
      this.pos++;
      if (c === '"') return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.src[this.pos++];
      if (e === undefined) {
        this.pos = start;
        this.fail("unterminated string");
      }
      out += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e === "f" ? "\f" : e;
    }
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  private expect(s: string, problem = `expected "${s}"`): void {
    this.skipSpace();
    if (!this.startsWith(s)) this.fail(problem);
    this.pos += s.length;
  }

  private fail(problem: string): never {
    throw new TlaValueSyntaxError(problem, this.src, this.pos);
  }
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}
function isIdentStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}
function isIdentPart(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

/** Parse one printed value, e.g. `[a |-> 1, b |-> {M1, M2}]`. Throws TlaValueSyntaxError. */
export function parseTlaValue(text: string, opts: ParseValueOptions = {}): TlaValue {
  return new ValueParser(text, opts).parseWhole();
}

/** Parse a comma-separated list of values, e.g. the arguments in `Pass("p1","p2")`. */
export function parseTlaValueList(text: string, opts: ParseValueOptions = {}): TlaValue[] {
  return new ValueParser(text, opts).parseList();
}

/** Print a value in TLC's syntax. `ambiguousEmpty` prints as `{}`. */
export function printTlaValue(v: TlaValue): string {
  switch (v.kind) {
    case "bool":
      return v.value ? "TRUE" : "FALSE";
    case "int":
      return String(v.value);
    case "str":
      return printString(v.value);
    case "modelValue":
      return v.name;
    case "set":
      return `{${v.elems.map(printTlaValue).join(", ")}}`;
    case "seq":
      return `<<${v.elems.map(printTlaValue).join(", ")}>>`;
    case "record":
      return `[${Object.entries(v.fields)
        .map(([k, x]) => `${k} |-> ${printTlaValue(x)}`)
        .join(", ")}]`;
    case "fn":
      if (v.entries.length === 0) return "<<>>";
      return `(${v.entries.map(([k, x]) => `${printTlaValue(k)} :> ${printTlaValue(x)}`).join(" @@ ")})`;
    case "ambiguousEmpty":
      return "{}";
  }
}

function printString(s: string): string {
  const escaped = s.replace(/[\\"\n\t\r\f]/g, (c) =>
    c === "\n" ? "\\n" : c === "\t" ? "\\t" : c === "\r" ? "\\r" : c === "\f" ? "\\f" : `\\${c}`,
  );
  return `"${escaped}"`;
}

/** Value equality in TLA+ terms: sets and function entries compare regardless of printing order. */
export function tlaValuesEqual(a: TlaValue, b: TlaValue): boolean {
  return canonicalText(a) === canonicalText(b);
}

function canonicalText(v: TlaValue): string {
  switch (v.kind) {
    case "set":
      return `{${v.elems.map(canonicalText).sort().join(",")}}`;
    case "seq":
      return `<<${v.elems.map(canonicalText).join(",")}>>`;
    case "record":
      return `[${Object.keys(v.fields)
        .sort()
        .map((k) => `${k}|->${canonicalText(v.fields[k]!)}`)
        .join(",")}]`;
    case "fn":
      return `(${v.entries.map(([k, x]) => `${canonicalText(k)}:>${canonicalText(x)}`).sort().join("@@")})`;
    default:
      return printTlaValue(v);
  }
}
