// ts2tla gen: compile every protocol and write generated/.
import fs from "node:fs";
import path from "node:path";
import type { CliOptions } from "./main.ts";
import { EXIT, usageError } from "./exit.ts";
import { generatedDir, loadProtocols, projectRoot } from "./protocols.ts";
import { writeGenerated, type CompiledProtocol } from "../compiler/index.ts";

export async function runGen(opts: CliOptions, args: string[]): Promise<number> {
  if (args.length) return usageError(`gen takes no arguments (got '${args.join(" ")}')`);
  const root = projectRoot();
  const compiled = await loadProtocols(root);
  if (!compiled) return EXIT.badInput;
  const GENERATED_DIR = generatedDir(root);
  if (opts.check) {
    const stale = compiled.flatMap((c) => c.files).filter((f) => {
      const p = path.join(GENERATED_DIR, f.path);
      return !fs.existsSync(p) || fs.readFileSync(p, "utf8") !== f.text;
    });
    for (const f of stale) process.stderr.write(`generated/${f.path} is out of date\n`);
    if (stale.length) process.stderr.write("run 'ts2tla gen' and commit generated/\n");
    return stale.length ? EXIT.violated : EXIT.ok;
  }
  const { written, removed } = writeGenerated(GENERATED_DIR, compiled);
  for (const c of compiled) for (const line of keptLocals(c)) process.stdout.write(`${line}\n`);
  for (const f of written) process.stdout.write(`wrote generated/${f}\n`);
  for (const f of removed) process.stdout.write(`removed generated/${f}\n`);
  const files = compiled.reduce((n, c) => n + c.files.length, 0);
  process.stdout.write(`${compiled.length} protocols, ${files} files${written.length + removed.length ? "" : ", all up to date"}\n`);
  return EXIT.ok;
}

/**
 * Which process locals the TLA+ keeps as state and why: a local is a variable only where it is live
 * at a step boundary (some path from that `yield` reads it before writing it); elsewhere it is reset.
 */
export function keptLocals(c: CompiledProtocol): string[] {
  const at = (p: { file: string; line: number; col: number }) => `${p.file}:${p.line}:${p.col}`;
  return c.ir.processes.flatMap((p) =>
    p.locals.map((l) => {
      const one = (r: (typeof l.reasons)[number]) => `read at ${at(r.read)} after the step boundary at ${at(r.boundary)}`;
      const why = l.reasons.length === 1 ? one(l.reasons[0]!) : l.reasons.map((r) => `at ${r.label}: ${one(r)}`).join("; ");
      return `${c.name}: ${p.name}.${l.tsName} kept as state, live at step${l.liveAt.length > 1 ? "s" : ""} ${l.liveAt.join(", ")} (${why}); reset to its default elsewhere`;
    }),
  );
}
