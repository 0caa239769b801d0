// Loads and compiles the protocols the CLI works on, printing diagnostics the way every command does.
import fs from "node:fs";
import path from "node:path";
import { compileAll, REPO_ROOT, type CompiledProtocol } from "../compiler/index.ts";
import { formatDiagnostic } from "../compiler/diagnostics.ts";

/** The project: the nearest folder from the working directory up that has spec-src/, else this repository. */
export function projectRoot(cwd: string = process.cwd()): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "spec-src"))) return dir;
    if (path.dirname(dir) === dir) return REPO_ROOT;
  }
}

export const specDir = (root: string): string => path.join(root, "spec-src");
export const generatedDir = (root: string): string => path.join(root, "generated");

/** Every protocol compiled (or only protocol `only`), or undefined after printing the diagnostics. */
export function loadProtocols(root: string = projectRoot(), only?: string): CompiledProtocol[] | undefined {
  const { compiled, diagnostics } = compileAll(specDir(root), root, only);
  if (diagnostics.length) {
    for (const d of diagnostics) process.stderr.write(formatDiagnostic(d, process.cwd()) + "\n");
    process.stderr.write(`ts2tla: ${diagnostics.length} error${diagnostics.length > 1 ? "s" : ""}; nothing written\n`);
    return undefined;
  }
  return compiled;
}
