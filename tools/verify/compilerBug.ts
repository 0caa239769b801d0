// A parse or semantic error in a module ts2tla generated is a compiler bug, not the user's: say so,
// and point at the TypeScript that the offending TLA+ line translates.
import path from "node:path";
import type { CheckError } from "../checker/types.ts";
import { moduleText, type CompiledProtocol } from "../compiler/compiled.ts";
import { tsSourceOfTlaLine } from "../compiler/emit/sourcemap.ts";

const REJECTED = new Set<CheckError["kind"]>(["parse-error", "semantic-error"]);

export function attributeToSource(c: CompiledProtocol, error: CheckError): CheckError {
  if (!REJECTED.has(error.kind)) return error;
  const where = error.location ?? locateNamedIdentifier(moduleText(c), error);
  if (where?.module !== undefined && where.module !== c.ir.module) return error;
  const generated = path.join("generated", c.moduleFile);
  const region = where ? tsSourceOfTlaLine(c.sourceMap, where.line) : undefined;
  const tlaAt = where ? `${generated}:${where.line}:${where.col}` : generated;
  const tsAt = region ? `${region.pos.file}:${region.pos.line}:${region.pos.col}` : c.ir.file;
  const what = region ? `, the translation of ${region.what}` : "";
  return {
    ...error,
    message: `${tsAt}: ts2tla compiler bug: the checker rejects the generated TLA+ at ${tlaAt}${what}: ${error.message}`,
    hint: `This is a bug in ts2tla's compiler, not in your protocol: please report it with ${generated} and the TypeScript at ${tsAt}; writing that TypeScript another way may avoid it meanwhile`,
  };
}

/** For checkers that name an undefined identifier but give no position (the embedded engine). */
function locateNamedIdentifier(moduleText: string, error: CheckError): CheckError["location"] {
  const name = /undefined (?:variable|operator) `([A-Za-z_][A-Za-z0-9_]*)`/.exec(error.message)?.[1];
  if (!name) return undefined;
  const word = new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`);
  const lines = moduleText.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const code = lines[i]!.replace(/\\\*.*$/, "");
    const m = word.exec(code);
    if (m) return { line: i + 1, col: m.index + 1 };
  }
  return undefined;
}
