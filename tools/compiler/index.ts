// The compiler's entry points: find protocols, compile them, write generated/.
import fs from "node:fs";
import path from "node:path";
import { Node, Project, SourceFile, ts } from "ts-morph";
import { CompileError, diagnosticAtPosition, type Diagnostic } from "./diagnostics.ts";
import { emitModels } from "./emit/cfg.ts";
import { buildSourceMap } from "./emit/sourcemap.ts";
import { LANG_FILE, REPO_ROOT, type CompiledProtocol } from "./compiled.ts";
import { emitModule } from "./emit/tla.ts";
import { LowerContext } from "./lower/context.ts";
import { findProtocolCall, lowerProtocol, moduleName } from "./lower/protocol.ts";
import { es2024SetAlternative } from "./lower/expr.ts";
import { isSetType } from "./lower/types.ts";

export { LANG_FILE, REPO_ROOT, moduleText, testHooks, type CompiledProtocol } from "./compiled.ts";

export function createProject(): Project {
  return new Project({
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      // The language needs the ES library only: no DOM (parsing lib.dom.d.ts was a fifth of gen's time).
      lib: ["lib.es2022.d.ts"],
      types: [],
    },
    skipAddingFilesFromTsConfig: true,
  });
}

/**
 * Every `.ts` file under `dir` whose default export is `protocol(...)` (only those named `<only>.ts`,
 * when given). A file nested too deeply for TypeScript is left out of the project (its binder would
 * overflow the stack for every file of it) and reported in `tooDeep`.
 */
export function discoverProtocolFiles(project: Project, dir: string, only?: string, cwd: string = REPO_ROOT): { files: SourceFile[]; tooDeep: Diagnostic[] } {
  const tooDeep: Diagnostic[] = [];
  const files = listTsFiles(dir)
    .filter((f) => only === undefined || path.basename(f, ".ts") === only)
    .filter((f) => {
      const problem = nestingProblem(f, cwd);
      if (problem) tooDeep.push(problem);
      return !problem;
    })
    .map((f) => project.addSourceFileAtPath(f));
  return { files: files.filter((sf) => findProtocolCall(sf, LANG_FILE) !== undefined), tooDeep };
}

/** How deep TypeScript's recursive binder and checker, and the lowering, can safely follow an expression. */
export const MAX_NESTING = 400;

/** TSLA105 when the file nests syntax deeper than MAX_NESTING (measured without recursion). */
function nestingProblem(file: string, cwd: string): Diagnostic | undefined {
  const rel = path.relative(cwd, file);
  let sf: ts.SourceFile;
  try {
    sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, false);
  } catch (e) {
    if (e instanceof RangeError) return diagnosticAtPosition(rel, 1, 1, "TSLA105", "too", String(MAX_NESTING));
    return undefined; // unreadable: reported where it is read
  }
  const stack: Array<[ts.Node, number]> = [[sf, 0]];
  let deepest: [ts.Node, number] = [sf, 0];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest[1]) deepest = [node, depth];
    ts.forEachChild(node, (child) => void stack.push([child, depth + 1]));
  }
  if (deepest[1] <= MAX_NESTING) return undefined;
  const { line, character } = sf.getLineAndCharacterOfPosition(deepest[0].getStart(sf));
  return diagnosticAtPosition(rel, line + 1, character + 1, "TSLA105", String(deepest[1]), String(MAX_NESTING));
}

function listTsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return listTsFiles(p);
      return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [p] : [];
    });
}

export function protocolName(sf: SourceFile): string {
  return path.basename(sf.getFilePath(), ".ts");
}

/** The protocol file and the project files it imports, directly or not (not the language, not node_modules). */
function filesOfProtocol(sf: SourceFile): SourceFile[] {
  const seen = new Set<SourceFile>([sf]);
  const queue = [sf];
  while (queue.length) {
    const f = queue.shift()!;
    // Only `from "<string>"` names a file (`export { x }` names none; a damaged specifier is TypeScript's error).
    const declarations = [...f.getImportDeclarations(), ...f.getExportDeclarations()].filter((d) => {
      const spec = d.compilerNode.moduleSpecifier;
      return spec !== undefined && ts.isStringLiteral(spec);
    });
    for (const dep of declarations.map((d) => d.getModuleSpecifierSourceFile())) {
      if (!dep || seen.has(dep) || dep.isDeclarationFile() || dep.isInNodeModules() || dep.getFilePath() === LANG_FILE) continue;
      seen.add(dep);
      queue.push(dep);
    }
  }
  return [...seen];
}

function typeErrors(sf: SourceFile, cwd: string): Diagnostic[] {
  // A type error in a helper the protocol imports is the protocol's error too.
  const seen = new Set<string>();
  return filesOfProtocol(sf)
    .flatMap((f) => f.getPreEmitDiagnostics())
    .filter((d) => d.getCategory() === ts.DiagnosticCategory.Error)
    .filter((d) => {
      const key = `${d.getSourceFile()?.getFilePath() ?? ""}:${d.getStart() ?? 0}:${d.getCode()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 10)
    .map((d) => {
      const file = d.getSourceFile();
      const start = d.getStart() ?? 0;
      const lc = file ? file.getLineAndColumnAtPos(start) : { line: 1, column: 1 };
      // The compiler's own message text: ts-morph's getMessageText() wraps chains, which flatten to "undefined".
      const msg = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, " ");
      const filePath = file?.getFilePath() ?? sf.getFilePath();
      const es2024 = file && (d.getCode() === 2550 || d.getCode() === 2339) ? es2024SetMethod(file, start) : undefined;
      if (es2024) return diagnosticAtPosition(path.relative(cwd, filePath), lc.line, lc.column, "TSLA088", ...es2024);
      return diagnosticAtPosition(path.relative(cwd, filePath), lc.line, lc.column, "TSLA001", `TS${d.getCode()}: ${msg}`);
    });
}

/**
 * `s.union(t)` and the other ES2024 Set methods, which the ES2022 library (and Node 20) lacks: the
 * type error is TSLA088, naming the ts2tla function to call (lower/expr.ts, ES2024_SET_METHODS).
 */
function es2024SetMethod(file: SourceFile, start: number): [string, string] | undefined {
  const id = file.getDescendantAtPos(start);
  const access = id?.getParent();
  if (!id || !access || !Node.isPropertyAccessExpression(access) || access.getNameNode() !== id) return undefined;
  const receiver = access.getExpression();
  if (!isSetType(receiver.getType())) return undefined;
  const call = access.getParent();
  const arg = call && Node.isCallExpression(call) ? (call.getArguments()[0]?.getText() ?? "") : "";
  const alt = es2024SetAlternative(receiver.getText(), access.getName(), arg);
  return alt ? [access.getName(), alt] : undefined;
}

/** Compiles one protocol file. Throws CompileError with diagnostics when it is not valid. */
export function compileSourceFile(sf: SourceFile, cwd: string = REPO_ROOT): CompiledProtocol {
  const errors = typeErrors(sf, cwd);
  if (errors.length) throw new CompileError(errors);
  const call = findProtocolCall(sf, LANG_FILE);
  if (!call) throw new CompileError([diagnosticAtPosition(path.relative(cwd, sf.getFilePath()), 1, 1, "TSLA002")]);
  const name = protocolName(sf);
  const ctx = new LowerContext(sf, LANG_FILE, cwd);
  const ir = lowerProtocol(ctx, call, name);
  const mod = emitModule(ir);
  const models = emitModels(ir);
  const sourceMap = buildSourceMap(ir, mod, models);
  const dir = name;
  const moduleFile = `${dir}/${ir.module}.tla`;
  const files = [
    { path: moduleFile, text: mod.text },
    ...models.map((m) => ({ path: `${dir}/${m.file}`, text: m.text })),
    { path: `${dir}/${ir.module}.map.json`, text: JSON.stringify(sourceMap, null, 2) + "\n" },
  ];
  const sources = sf
    .getProject()
    .getProgram()
    .compilerObject.getSourceFiles()
    .map((f) => path.resolve(f.fileName))
    .filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`));
  return { name, ir, files, moduleFile, sourceMap, models, sources };
}

export function compileFile(file: string, cwd: string = REPO_ROOT): CompiledProtocol {
  const tooDeep = nestingProblem(path.resolve(cwd, file), cwd);
  if (tooDeep) throw new CompileError([tooDeep]);
  const project = createProject();
  return compileSourceFile(project.addSourceFileAtPath(path.resolve(cwd, file)), cwd);
}

export interface CompileAllResult {
  compiled: CompiledProtocol[];
  diagnostics: Diagnostic[];
}

/**
 * Compiles every protocol under `specDir` (or only protocol `only`, and what it imports); collects
 * diagnostics of all of them.
 */
export function compileAll(specDir: string, cwd: string = REPO_ROOT, only?: string): CompileAllResult {
  const project = createProject();
  const compiled: CompiledProtocol[] = [];
  const diagnostics: Diagnostic[] = [];
  const { files: sources, tooDeep } = discoverProtocolFiles(project, specDir, only, cwd);
  diagnostics.push(...tooDeep);
  const names = new Map<string, string>();
  for (const sf of sources) {
    const name = protocolName(sf);
    const other = names.get(moduleName(name));
    if (other) {
      diagnostics.push(diagnosticAtPosition(path.relative(cwd, sf.getFilePath()), 1, 1, "TSLA070", name, `protocol ${other}`));
      continue;
    }
    names.set(moduleName(name), name);
    try {
      compiled.push(compileSourceFile(sf, cwd));
    } catch (e) {
      if (e instanceof CompileError) diagnostics.push(...e.diagnostics);
      else throw e;
    }
  }
  return { compiled, diagnostics };
}

/** Writes generated files and removes stale ones; returns the paths written (relative to outDir). */
export function writeGenerated(outDir: string, compiled: CompiledProtocol[]): { written: string[]; removed: string[] } {
  const wanted = new Map(compiled.flatMap((c) => c.files.map((f) => [path.join(outDir, f.path), f.text] as const)));
  const removed: string[] = [];
  for (const existing of listAllFiles(outDir)) {
    if (!wanted.has(existing)) {
      fs.rmSync(existing);
      removed.push(path.relative(outDir, existing));
    }
  }
  const written: string[] = [];
  for (const [file, text] of wanted) {
    const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    if (old === text) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(path.relative(outDir, file));
  }
  for (const d of listDirs(outDir).reverse()) if (fs.readdirSync(d).length === 0) fs.rmdirSync(d);
  return { written, removed };
}

function listAllFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listAllFiles(p) : [p];
  });
}

function listDirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [path.join(dir, e.name), ...listDirs(path.join(dir, e.name))] : []));
}
