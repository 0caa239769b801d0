// Loads and compiles the protocols the CLI works on, printing diagnostics the way every command does.
import path from "node:path";
import { compileAll, REPO_ROOT, type CompiledProtocol } from "../compiler/index.ts";
import { formatDiagnostic } from "../compiler/diagnostics.ts";

export const SPEC_DIR = path.join(REPO_ROOT, "spec-src");
export const GENERATED_DIR = path.join(REPO_ROOT, "generated");

/** Every protocol compiled, or undefined after printing the diagnostics. */
export function loadProtocols(): CompiledProtocol[] | undefined {
  const { compiled, diagnostics } = compileAll(SPEC_DIR, REPO_ROOT);
  if (diagnostics.length) {
    for (const d of diagnostics) process.stderr.write(formatDiagnostic(d, process.cwd()) + "\n");
    process.stderr.write(`ts2tla: ${diagnostics.length} error${diagnostics.length > 1 ? "s" : ""}; nothing written\n`);
    return undefined;
  }
  return compiled;
}
