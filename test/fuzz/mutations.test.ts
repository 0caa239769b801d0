// Fuzzing the compiler with broken protocols: the valid protocols (spec-src/examples/*.ts and the DAX
// model) with random damage — a line deleted or repeated, tokens swapped, the file cut short, an
// identifier replaced, characters or statements inserted, a type changed — compile either to a
// protocol or to a CompileError whose diagnostics each have a file, a line and column inside it, a
// TSLA code and a message. Anything else thrown is a compiler crash. The mutants live only in memory
// (a ts-morph source file next to the original, so its imports resolve): nothing is written.
// SANY must accept the TLA+ of the mutants that compile (TLC tier). Then one mutant goes through the
// CLI (`ts2tla gen` in a throwaway project): exit 2, no stack trace.
import { expect } from "chai";
import { execa } from "execa";
import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ts } from "ts-morph";
import { CompileError, DIAGNOSTICS } from "../../tools/compiler/diagnostics.ts";
import { compileSourceFile, createProject, moduleText, REPO_ROOT } from "../../tools/compiler/index.ts";
import { requireTlc } from "../helpers/tlc.ts";
import { fuzzSettings, sanyRejections, type GeneratedModule } from "./helpers.ts";

const { seed: SEED, scale } = fuzzSettings(6_2024);
const RUNS = Math.ceil(90 * scale);

const SOURCES: Array<{ file: string; text: string }> = [
  ...fs
    .readdirSync(path.join(REPO_ROOT, "spec-src/examples"))
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => `spec-src/examples/${f}`),
  "spec-src/dax/dax.ts",
].map((file) => ({ file, text: withoutComments(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")) }));

/** The source reprinted without comments, so that mutations land in code. */
function withoutComments(text: string): string {
  return ts.createPrinter({ removeComments: true }).printFile(ts.createSourceFile("x.ts", text, ts.ScriptTarget.ES2022, true));
}

/** Identifiers and keywords a replaced identifier may become. */
const WORDS = ["s", "c", "self", "when", "nondet", "oneOf", "yield", "Int", "number", "string", "null", "undefined", "true", "this", "x", "Pid", "ByPid", "all", "any", "at", "done", "process", "processSet", "protocol", "invariant", "witness", "temporal", "Math", "length", "init", "processes", "properties", "scenarios", "constants", "expect", "TRUE", "Next", "Init", "pc", "self_1"];

/** Whole statements, valid TypeScript or nearly, inserted at the start of a line. */
const STATEMENTS = [
  'yield "extra";', 'yield "x y";', "when(true);", "when(nondet());", "return;", "return 1;", "break;", "continue;", "for (;;) {}", "while (s) {}",
  "const q = oneOf([]);", "let z: number = 0;", "let u;", "var v = 1;", "switch (1) {}", "try {} finally {}", "s = s;", "c = c;", "self = self;",
  "throw new Error();", "debugger;", "label: for (;;) { yield \"l\"; break label; }", "if (nondet()) { yield \"n\"; }", "do { yield \"d\"; } while (false);",
  "const f = () => 1;", "function g() {}", "class K {}", "async function h() {}", "yield* [];", "delete s.x;", "s.x ??= 1;", "[1].forEach(() => {});",
];

/** Replacements for a type written in the file. */
const TYPES = ["number", "string", "bigint", "unknown", "any", "never", "Int<3, 0>", "Int<0, 1000000>", "Int<-2, 2>", "Int<0.5, 2>", "Int<number, 3>", "Int<0, 3>[]", "Set<number>", "Map<string, boolean>", "Pid", "Pid | undefined", "boolean | number", '"a"', "Record<string, boolean>", "[boolean, boolean]", "() => void", "{ a?: boolean }"];

const INSERTS = ["{", "}", "(", ")", ";", '"', "`", "'", "=>", "*", "<", ">", "@", "#", "\\", "yield", "...", "?.", "??", "!", ",", ":", "\n", "/*", "//", "0x", "1e999", "\u0000"];

type Mutation = { focus: boolean } & (
  | { kind: "deleteLine" | "duplicateLine" | "truncate"; at: number }
  | { kind: "swapTokens"; at: number; other: number }
  | { kind: "replaceIdentifier"; at: number; by: string; everywhere: boolean }
  | { kind: "insertChars"; at: number; text: string }
  | { kind: "insertStatement"; at: number; text: string }
  | { kind: "changeType"; at: number; by: string }
);

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const anyMutation = fc.oneof(
  fc.record({ kind: fc.constantFrom("deleteLine" as const, "duplicateLine" as const, "truncate" as const), at: position }),
  fc.record({ kind: fc.constant("swapTokens" as const), at: position, other: position }),
  fc.record({ kind: fc.constant("replaceIdentifier" as const), at: position, by: fc.constantFrom(...WORDS), everywhere: fc.boolean() }),
  fc.record({ kind: fc.constant("insertChars" as const), at: position, text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ minLength: 1, maxLength: 3 })) }),
  fc.record({ kind: fc.constant("insertStatement" as const), at: position, text: fc.constantFrom(...STATEMENTS) }),
  fc.record({ kind: fc.constant("changeType" as const), at: position, by: fc.constantFrom(...TYPES) }),
);
/** Most mutations land in a process body (`focus`), where the compiler's own checks are. */
const mutation: fc.Arbitrary<Mutation> = fc.tuple(anyMutation, fc.integer({ min: 0, max: 3 })).map(([m, f]) => ({ ...m, focus: f > 0 }));

/** The lines (0-based, inclusive) of every generator function's body: the process bodies. */
function bodyLines(text: string): number[] {
  const sf = ts.createSourceFile("x.ts", text, ts.ScriptTarget.ES2022, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionExpression(node) && node.asteriskToken && node.body) {
      const from = sf.getLineAndCharacterOfPosition(node.body.getStart(sf)).line + 1;
      const to = sf.getLineAndCharacterOfPosition(node.body.getEnd()).line;
      for (let l = from; l < to; l++) lines.push(l);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return lines;
}

const pick = <T>(xs: readonly T[], at: number): T | undefined => xs[Math.floor(at * xs.length)];

function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  // Types are declared outside the bodies: a type change is never focused.
  const focused = m.focus && m.kind !== "changeType" ? bodyLines(text) : [];
  const line = focused.length ? pick(focused, m.at)! : Math.floor(m.at * lines.length);
  const lineOf: number[] = lines.flatMap((l, i) => new Array<number>(l.length + 1).fill(i));
  const focusedSet = new Set(focused);
  /** Matches of `re`, only those in a process body for a focused mutation. */
  const matches = (re: RegExp) => [...text.matchAll(re)].filter((x) => !focused.length || focusedSet.has(lineOf[x.index]!));
  // Within the line for a focused mutation, else anywhere in the file.
  const lineStart = lineOf.indexOf(line);
  const offset = focused.length ? lineStart + Math.floor(((m.at * lines.length) % 1) * ((lines[line]?.length ?? 0) + 1)) : Math.floor(m.at * (text.length + 1));
  switch (m.kind) {
    case "deleteLine":
      lines.splice(line, 1);
      return lines.join("\n");
    case "duplicateLine":
      lines.splice(line, 0, lines[line] ?? "");
      return lines.join("\n");
    case "truncate":
      return text.slice(0, offset);
    case "insertChars":
      return text.slice(0, offset) + m.text + text.slice(offset);
    case "insertStatement":
      lines.splice(line, 0, m.text);
      return lines.join("\n");
    case "swapTokens": {
      const tokens = matches(/[A-Za-z_$][\w$]*|\d+|"[^"\n]*"|[^\s\w]/g);
      const a = pick(tokens, m.at);
      const b = pick(tokens, m.other);
      if (!a || !b || a.index === b.index) return text;
      const [first, second] = a.index < b.index ? [a, b] : [b, a];
      return text.slice(0, first.index) + second[0] + text.slice(first.index + first[0].length, second.index) + first[0] + text.slice(second.index + second[0].length);
    }
    case "replaceIdentifier": {
      const ids = matches(/\b[A-Za-z_]\w*\b/g);
      const id = pick(ids, m.at);
      if (!id) return text;
      if (m.everywhere) return text.replace(new RegExp(`\\b${id[0]}\\b`, "g"), m.by);
      return text.slice(0, id.index) + m.by + text.slice(id.index + id[0].length);
    }
    case "changeType": {
      const types = matches(/Int<[^<>]*>|\bboolean\b|\bPid\b|\bPidSet\b|"[a-z]+"(?: \| "[a-z]+")+/g);
      const t = pick(types, m.at);
      if (!t) return text;
      return text.slice(0, t.index) + m.by + text.slice(t.index + t[0].length);
    }
  }
}

/** `Int<0, 3>` → `number` in the first local or state field that has one: the classic unbounded type. */
function unboundedCopy(text: string): string {
  return text.replace(/Int<\d+, \d+>/, "number");
}

describe("fuzz: the compiler on damaged protocols", function () {
  this.timeout(300_000);
  const project = createProject();
  let n = 0;
  /** The mutants that compiled, for SANY. */
  const compiledMutants: GeneratedModule[] = [];

  /** Compiles `text` as a file next to `file` (in memory only); the diagnostics, or [] when it compiles. */
  function compileText(file: string, text: string): CompileError | undefined {
    const base = path.basename(file, ".ts");
    const sf = project.createSourceFile(path.join(REPO_ROOT, path.dirname(file), `${base}Mutant${n++}.ts`), text, { overwrite: true });
    try {
      const compiled = compileSourceFile(sf);
      expect(compiled.files.length, "a compiled protocol has files").to.be.at.least(2);
      if (text !== SOURCES.find((x) => x.file === file)?.text) compiledMutants.push({ module: compiled.ir.module, tla: moduleText(compiled), source: text });
      return undefined;
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      expect(e.diagnostics.length, "a CompileError has diagnostics").to.be.at.least(1);
      for (const d of e.diagnostics) {
        const where = `${d.file}:${d.line}:${d.col}: ${d.code} ${d.message}`;
        expect(DIAGNOSTICS, where).to.have.property(d.code);
        expect(d.file, where).to.be.a("string").and.not.equal("");
        expect(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.col) && d.col >= 1, `${where}: a position`).to.equal(true);
        expect(d.message.trim(), where).to.not.equal("");
        expect(`${d.message}\n${d.hint}`, `${where}: unfilled placeholder`).to.not.match(/\{\d\}/);
        if (path.resolve(REPO_ROOT, d.file) === sf.getFilePath()) {
          const lines = text.split("\n");
          expect(d.line, `${where}: the line is in the file`).to.be.at.most(lines.length);
          expect(d.col, `${where}: the column is in the line`).to.be.at.most((lines[d.line - 1]?.length ?? 0) + 1);
        }
      }
      return e;
    } finally {
      project.removeSourceFile(sf);
    }
  }

  it("the unmutated protocols compile (the fuzzing starts from valid input)", () => {
    for (const { file, text } of SOURCES) expect(compileText(file, text), file).to.equal(undefined);
  });

  it("a mutant compiles or gets diagnostics with a code, a position in the file and a message — never a crash", () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(fc.constantFrom(...SOURCES), fc.array(mutation, { minLength: 1, maxLength: 2 }), (source, mutations) => {
        const error = compileText(source.file, mutations.reduce(mutate, source.text));
        const key = error ? error.diagnostics[0]!.code : "compiles";
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    if (process.env.TS2TLA_FUZZ_VERBOSE) console.log(outcomes);
    // Not only type errors: the mutants reach the compiler's own checks.
    expect([...outcomes.keys()].filter((k) => k !== "TSLA001" && k !== "compiles").length, JSON.stringify(Object.fromEntries(outcomes))).to.be.at.least(2);
  });

  it("SANY accepts the TLA+ of every mutant that compiles", async function () {
    const inst = await requireTlc(this);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-fuzz-sany-"));
    try {
      const rejected = await sanyRejections(inst, compiledMutants, dir);
      if (rejected) expect.fail(rejected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("Int<Lo, Hi> changed to number: TSLA010 at the changed type", () => {
    for (const { file, text } of SOURCES) {
      if (!/Int<\d+, \d+>/.test(text)) continue;
      const error = compileText(file, unboundedCopy(text));
      expect(error?.diagnostics.map((d) => d.code), file).to.deep.equal(["TSLA010"]);
    }
  });

  it("ts2tla gen on a mutant: exit 2, file:line:col: TSLAnnn, no stack trace", async function () {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-fuzz-")));
    try {
      fs.mkdirSync(path.join(root, "node_modules"));
      fs.symlinkSync(REPO_ROOT, path.join(root, "node_modules/ts2tla"), "dir");
      fs.mkdirSync(path.join(root, "spec-src"));
      const mutex = SOURCES.find((s) => s.file.endsWith("mutex.ts"))!;
      const lines = mutex.text.split("\n");
      const at = (lines.findIndex((l) => l.includes('yield "critical"')) + 1) / lines.length;
      fs.writeFileSync(path.join(root, "spec-src/mutex.ts"), mutate(mutex.text, { kind: "insertStatement", at, text: "var v = 1;", focus: false }));
      const r = await execa("node", [path.join(REPO_ROOT, "bin/ts2tla.mjs"), "gen"], { cwd: root, reject: false });
      const out = `${r.stdout}\n${r.stderr}`;
      expect(r.exitCode, out).to.equal(2);
      expect(out).to.match(/^spec-src\/mutex\.ts:\d+:\d+: TSLA053 \S/m);
      expect(out, "stack trace in the output").to.not.match(/^\s+at .+(:\d+:\d+\)?|native)$/m);
      expect(fs.existsSync(path.join(root, "generated")), "gen wrote generated/ despite errors").to.equal(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
