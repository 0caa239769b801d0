// Every invalid protocol in test/fixtures/invalid gives exactly one diagnostic, with the code and
// position its first line announces (`// expect: TSLA034 14:9`), a message and a hint, never a crash,
// and writes nothing. Then a few of them go through the CLI (`ts2tla gen`) as a user would see them.
import { expect } from "chai";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CompileError, DIAGNOSTICS, type Diagnostic } from "../tools/compiler/diagnostics.ts";
import { compileAll, compileFile, createProject, REPO_ROOT } from "../tools/compiler/index.ts";
import { ProtocolFolder } from "./helpers/protocolFolder.ts";

const INVALID_DIR = path.join(REPO_ROOT, "test/fixtures/invalid");
const GENERATED_DIR = path.join(REPO_ROOT, "generated");
const EXPECT_RE = /^\/\/ expect: (TSLA\d{3}) (\d+):(\d+)\s*$/;

interface Fixture {
  name: string;
  file: string;
  code: string;
  line: number;
  col: number;
}

function readFixtures(): Fixture[] {
  return fs
    .readdirSync(INVALID_DIR)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => {
      const file = path.join(INVALID_DIR, f);
      const first = fs.readFileSync(file, "utf8").split("\n")[0] ?? "";
      const m = EXPECT_RE.exec(first);
      if (!m) throw new Error(`${f}: the first line must be \`// expect: TSLAnnn line:col\`, got: ${first}`);
      return { name: path.basename(f, ".ts"), file, code: m[1]!, line: Number(m[2]), col: Number(m[3]) };
    });
}

/** Path, size and mtime of every file under `dir`: compared before and after a compile. */
function snapshot(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).map((e) => {
    const p = path.join(e.parentPath, e.name);
    const st = fs.statSync(p);
    return `${path.relative(dir, p)} ${e.isDirectory() ? "dir" : `${st.size} ${st.mtimeMs}`}`;
  }).sort();
}

const WRITERS = [
  "writeFileSync", "appendFileSync", "mkdirSync", "mkdtempSync", "rmSync", "rmdirSync", "unlinkSync",
  "renameSync", "copyFileSync", "cpSync", "symlinkSync", "truncateSync",
  "writeFile", "appendFile", "mkdir", "rm", "rmdir", "unlink", "rename", "copyFile", "cp",
] as const;

/** Runs `fn` with every file-writing function of node:fs replaced by a recorder. */
function recordingWrites<T>(fn: () => T): { result?: T; error?: unknown; writes: string[] } {
  const writes: string[] = [];
  const target = fs as unknown as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  for (const name of WRITERS) {
    saved.set(name, target[name]);
    target[name] = (...args: unknown[]) => {
      writes.push(`${name}(${String(args[0])})`);
      throw new Error(`unexpected fs.${name} during compile`);
    };
  }
  syncBuiltinESMExports();
  try {
    return { result: fn(), writes };
  } catch (error) {
    return { error, writes };
  } finally {
    for (const [name, f] of saved) target[name] = f;
    syncBuiltinESMExports();
  }
}

const fixtures = readFixtures();

describe("compiler diagnostics on invalid protocols", () => {
  it("has a corpus of at least 30 invalid protocols, covering the diagnostics users meet most", () => {
    expect(fixtures.length).to.be.at.least(30);
    const count = (code: string) => fixtures.filter((f) => f.code === code).length;
    const required: Record<string, number> = {
      TSLA001: 1, TSLA002: 1, TSLA003: 1, TSLA010: 1, TSLA011: 2, TSLA012: 1, TSLA013: 1, TSLA014: 1,
      TSLA020: 1, TSLA021: 4, TSLA022: 1, TSLA023: 1,
      TSLA030: 1, TSLA031: 1, TSLA032: 1, TSLA033: 1, TSLA034: 1, TSLA035: 1, TSLA036: 1, TSLA037: 1, TSLA038: 1, TSLA039: 1,
      TSLA040: 4, TSLA041: 3, TSLA042: 1, TSLA043: 1, TSLA044: 2, TSLA045: 1, TSLA046: 3, TSLA047: 1, TSLA048: 1,
      TSLA053: 1, TSLA054: 1,
      TSLA060: 1, TSLA061: 1, TSLA062: 1, TSLA063: 1, TSLA064: 1, TSLA065: 1, TSLA070: 1, TSLA071: 2,
    };
    const missing = Object.entries(required).filter(([code, n]) => count(code) < n).map(([code, n]) => `${code} (${count(code)}/${n})`);
    expect(missing, "codes without enough fixtures").to.deep.equal([]);
    for (const f of fixtures) expect(DIAGNOSTICS, f.name).to.have.property(f.code);
  });

  for (const fx of fixtures) {
    it(`${fx.name}.ts → ${fx.code} at ${fx.line}:${fx.col}`, () => {
      const before = { fixtures: snapshot(INVALID_DIR), generated: snapshot(GENERATED_DIR) };
      const { result, error, writes } = recordingWrites(() => compileFile(fx.file));
      expect(writes, "file writes during compile").to.deep.equal([]);
      expect(snapshot(INVALID_DIR), "test/fixtures/invalid changed").to.deep.equal(before.fixtures);
      expect(snapshot(GENERATED_DIR), "generated/ changed").to.deep.equal(before.generated);
      expect(result, "compiled without a diagnostic").to.equal(undefined);
      if (!(error instanceof CompileError)) {
        throw new Error(`expected a CompileError, got: ${error instanceof Error ? error.stack : String(error)}`);
      }
      const ds: Diagnostic[] = error.diagnostics;
      const shown = ds.map((d) => `${d.code} ${d.line}:${d.col} ${d.message}`).join("\n");
      expect(ds, `exactly one diagnostic, got:\n${shown}`).to.have.length(1);
      const d = ds[0]!;
      expect(`${d.code} ${d.line}:${d.col}`, d.message).to.equal(`${fx.code} ${fx.line}:${fx.col}`);
      expect(path.resolve(REPO_ROOT, d.file), "the diagnostic's file").to.equal(fx.file);
      expect(d.message.trim(), "message").to.not.equal("");
      expect(d.hint.trim(), "hint").to.not.equal("");
      expect(`${d.message}\n${d.hint}`, "unfilled placeholder").to.not.match(/\{\d\}/);
      expect(error.message, "the error's text").to.include(`${d.code} ${d.message}`);
    });
  }
});

// `ts2tla gen` works on the project around the working directory (the nearest folder with spec-src/).
// The test makes a throwaway project with ts2tla installed (a node_modules link to this repository)
// and just the fixture in its spec-src/, and runs the CLI there: the real spec-src/ and generated/
// are not touched.
const CLI_MAIN = path.join(REPO_ROOT, "tools/cli/main.ts");
const CLI_CASES = ["ts-type-error", "unbounded-number", "scenario-duplicate-ids", "duplicate-label", "undefined-identifier", "at-unknown-step"];

describe("ts2tla gen on invalid protocols", function () {
  let root = "";
  let main: ((argv: string[]) => Promise<number>) | undefined;

  before(async function () {
    if (!fs.existsSync(CLI_MAIN)) this.skip();
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-diag-")));
    fs.mkdirSync(path.join(root, "node_modules"));
    fs.symlinkSync(REPO_ROOT, path.join(root, "node_modules/ts2tla"), "dir");
    fs.mkdirSync(path.join(root, "spec-src"));
    main = ((await import(pathToFileURL(CLI_MAIN).href)) as { main: typeof main }).main;
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  for (const name of CLI_CASES) {
    it(`gen reports ${name}.ts as file:line:col: TSLAnnn and exits 2`, async function () {
      const fx = fixtures.find((f) => f.name === name);
      if (!fx) throw new Error(`no fixture ${name}.ts`);
      const specDir = path.join(root, "spec-src");
      for (const f of fs.readdirSync(specDir)) fs.rmSync(path.join(specDir, f));
      fs.copyFileSync(fx.file, path.join(specDir, `${name}.ts`));
      let out = "";
      const writeOut = process.stdout.write.bind(process.stdout);
      const writeErr = process.stderr.write.bind(process.stderr);
      const capture = (chunk: string | Uint8Array) => ((out += String(chunk)), true);
      const cwd = process.cwd();
      let code: number;
      process.chdir(root);
      process.stdout.write = capture as typeof process.stdout.write;
      process.stderr.write = capture as typeof process.stderr.write;
      try {
        code = await main!(["gen"]);
      } finally {
        process.stdout.write = writeOut;
        process.stderr.write = writeErr;
        process.chdir(cwd);
      }
      expect(code, out).to.equal(2);
      expect(out).to.match(new RegExp(`^spec-src/${name}\\.ts:${fx.line}:${fx.col}: ${fx.code} \\S`, "m"));
      expect(out).to.match(/^  hint: \S/m);
      expect(out, "stack trace in the output").to.not.match(/^\s+at .+(:\d+:\d+\)?|native)$/m);
      expect(fs.existsSync(path.join(root, "generated")), "gen wrote generated/ despite errors").to.equal(false);
    });
  }
});

describe("type errors in what a protocol imports", () => {
  it("reports a type error in an imported helper file at its own file:line:col, as the protocol's error", () => {
    const folder = new ProtocolFolder("imported-error");
    try {
      fs.writeFileSync(path.join(folder.root, "helpers.ts"), `export function next(n: number): number {\n  const label: string = n;\n  return n + 1;\n}\n`);
      const out = folder.compile(
        createProject(),
        "usesHelper",
        `import { process, protocol, type Int } from "ts2tla";
import { next } from "./helpers.ts";
interface State { n: Int<0, 3> }
export default protocol<State>({
  init: () => ({ n: 0 }),
  processes: { main: process(function* (self, s) { yield "a"; s.n = Math.min(next(s.n), 3); }) },
  scenarios: { run: { constants: {}, deadlock: false } },
});
`,
      );
      if (out.ok) expect.fail("compiled without a diagnostic; expected the helper's type error");
      const d = out.diagnostics[0]!;
      expect(`${path.basename(d.file)}:${d.line}:${d.col} ${d.code}`).to.equal("helpers.ts:2:9 TSLA001");
      expect(d.message).to.match(/TS2322: Type 'number' is not assignable to type 'string'/);
    } finally {
      folder.remove();
    }
  });
});

describe("deep nesting", () => {
  const chain = (n: number) => Array.from({ length: n }, (_, i) => `s.n === ${i % 4}`).join(" || ");
  const protocolWith = (cond: string) => `import { invariant, process, protocol, type Int } from "ts2tla";
interface State { n: Int<0, 3> }
export default protocol<State>({
  init: () => ({ n: 0 }),
  processes: { main: process(function* (self, s) { yield "a"; if (${cond}) s.n = 1; }) },
  properties: { ok: invariant((s) => s.n <= 3) },
  scenarios: { run: { constants: {}, deadlock: false } },
});
`;

  it("a 3000-term condition is TSLA105 at the expression, and the other protocols of the folder still compile", () => {
    const folder = new ProtocolFolder("deep");
    try {
      const deep = protocolWith(chain(3000));
      fs.writeFileSync(path.join(folder.root, "deep.ts"), deep);
      // At an innermost node: the second term's `n` (the chain nests to the left).
      const col = deep.split("\n")[4]!.indexOf("s.n === 1") + 3;
      fs.writeFileSync(path.join(folder.root, "long.ts"), protocolWith(chain(100)));
      const { compiled, diagnostics } = compileAll(folder.root, folder.root);
      expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).to.deep.equal([`deep.ts:5:${col} TSLA105`]);
      expect(diagnostics[0]!.message).to.match(/nest 30\d\d deep here; the compiler follows at most 400 levels/);
      expect(compiled.map((c) => c.name)).to.deep.equal(["long"]);
    } finally {
      folder.remove();
    }
  });
});
