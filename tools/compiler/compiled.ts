// What a compiled protocol is, and the few facts about it that the checking stages need without
// loading the compiler (ts-morph and TypeScript take most of a second to load).
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EmittedModel } from "./emit/cfg.ts";
import type { SourceMap } from "./emit/sourcemap.ts";
import type { IrProtocol } from "./ir.ts";

export const LANG_FILE = fileURLToPath(new URL("../lang/index.ts", import.meta.url));
export const REPO_ROOT = path.resolve(path.dirname(LANG_FILE), "../..");

export interface CompiledProtocol {
  name: string;
  ir: IrProtocol;
  /** Files to write, relative to the generated/ folder. */
  files: Array<{ path: string; text: string }>;
  moduleFile: string;
  sourceMap: SourceMap;
  models: EmittedModel[];
  /** Absolute paths of the source files the compilation read (the protocol, what it imports, the language). */
  sources?: string[];
}

/**
 * For tests only: a change to the module text that checkers are given (never to generated/), so
 * that a test can break the translation on purpose and see the cross-check catch it.
 */
export const testHooks: { alterModule?: (text: string, c: CompiledProtocol) => string } = {};

/** The text of the protocol's generated TLA+ module. */
export function moduleText(c: CompiledProtocol): string {
  const text = c.files.find((f) => f.path === c.moduleFile)!.text;
  return testHooks.alterModule ? testHooks.alterModule(text, c) : text;
}
