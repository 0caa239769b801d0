// A throwaway folder for protocols that tests write: its `node_modules/ts2tla` is this repository, so a
// protocol there imports "ts2tla" as a user's does. Removed with everything in it by `remove()`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { expect } from "chai";
import { execa } from "execa";
import type { Project } from "ts-morph";
import { compileSourceFile, REPO_ROOT, type CompiledProtocol } from "../../tools/compiler/index.ts";
import { CompileError, type Diagnostic } from "../../tools/compiler/diagnostics.ts";
import type { ScenarioReport } from "../../tools/verify/scenario.ts";

export type Compiled = { ok: true; compiled: CompiledProtocol } | { ok: false; diagnostics: Diagnostic[]; error: CompileError };

export class ProtocolFolder {
  readonly root: string;

  constructor(prefix: string) {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `ts2tla-${prefix}-`)));
    fs.mkdirSync(path.join(this.root, "node_modules"));
    fs.symlinkSync(REPO_ROOT, path.join(this.root, "node_modules/ts2tla"), "dir");
    // An ES module, as in this repository: loaded as CommonJS, the protocol would get a copy of the
    // language of its own, apart from the one the runtime installs its host in.
    fs.writeFileSync(path.join(this.root, "package.json"), JSON.stringify({ type: "module" }));
  }

  /** Writes `<name>.ts` (the module is named after it) and compiles it: the protocol, or the compiler's diagnostics. */
  compile(project: Project, name: string, text: string): Compiled {
    const file = path.join(this.root, `${name}.ts`);
    fs.writeFileSync(file, text);
    const sf = project.addSourceFileAtPath(file);
    try {
      return { ok: true, compiled: compileSourceFile(sf) };
    } catch (e) {
      if (e instanceof CompileError) return { ok: false, diagnostics: e.diagnostics, error: e };
      throw e;
    } finally {
      project.removeSourceFile(sf);
    }
  }

  /** Like `compile`, where a diagnostic fails the test (`where` says what was compiled). */
  compileValid(project: Project, name: string, text: string, where = `\n--- the protocol:\n${text}`): CompiledProtocol {
    const out = this.compile(project, name, text);
    if (!out.ok) expect.fail(`diagnostics on a protocol inside the language:\n${out.error.message}${where}`);
    return out.compiled;
  }

  /** The TS engine's report, from a process of its own: a V8 abort there fails this protocol only. */
  async tsEngineInChild(compiled: CompiledProtocol, scenario: string, where: string): Promise<ScenarioReport> {
    const input = path.join(this.root, `${compiled.name}.ts-engine.in`);
    const output = path.join(this.root, `${compiled.name}.ts-engine.json`);
    fs.writeFileSync(input, v8.serialize({ compiled, scenario }));
    const child = await execa("node", ["--import", "tsx", "test/helpers/runTsEngineChild.ts", input, output], { cwd: REPO_ROOT, reject: false });
    if (child.exitCode !== 0) {
      const stderr = child.stderr.split("\n").filter((l) => !/^\s*\d+: 0x/.test(l));
      expect.fail(`the TS engine's process failed (exit ${child.exitCode}, signal ${child.signal}):\n${stderr.slice(0, 12).join("\n")}${where}`);
    }
    return JSON.parse(fs.readFileSync(output, "utf8")) as ScenarioReport;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
