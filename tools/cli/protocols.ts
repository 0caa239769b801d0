// Loads and compiles the protocols the CLI works on, printing diagnostics the way every command does.
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT, type CompiledProtocol } from "../compiler/compiled.ts";
import { cachedCompile, storeCompile } from "../compiler/cache.ts";
import { writeDiagnostics } from "./diagnosticsOut.ts";

/** The project: the nearest folder from the working directory up that has spec-src/, else this repository. */
export function projectRoot(cwd: string = process.cwd()): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "spec-src"))) return dir;
    if (path.dirname(dir) === dir) return REPO_ROOT;
  }
}

export const specDir = (root: string): string => path.join(root, "spec-src");
export const generatedDir = (root: string): string => path.join(root, "generated");

/**
 * Every protocol compiled (or only protocol `only`: from the compile cache when nothing it reads has
 * changed), or undefined after printing the diagnostics.
 */
export async function loadProtocols(root: string = projectRoot(), only?: string): Promise<CompiledProtocol[] | undefined> {
  if (only !== undefined) {
    const candidates = listTsFiles(specDir(root)).filter((f) => path.basename(f, ".ts") === only);
    const cached = candidates.map((f) => cachedCompile(f, root));
    if (candidates.length > 0 && cached.every((c) => c !== undefined)) return cached as CompiledProtocol[];
  }
  const { compileAll } = await import("../compiler/index.ts");
  const { compiled, diagnostics } = compileAll(specDir(root), root, only);
  if (only !== undefined) for (const c of compiled) storeCompile(path.resolve(root, c.ir.file), root, c);
  if (diagnostics.length) {
    writeDiagnostics(diagnostics);
    process.stderr.write(`ts2tla: ${diagnostics.length} error${diagnostics.length > 1 ? "s" : ""}; nothing written\n`);
    return undefined;
  }
  return compiled;
}

function listTsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return listTsFiles(p);
      return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [p] : [];
    });
}
