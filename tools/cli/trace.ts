// ts2tla trace FILE --protocol NAME [--scenario S] [--format text|md|html|json|itf] [--out FILE]:
// show a saved TLC run (its -tool output or -dumpTrace json file) in the protocol's TypeScript terms.
import fs from "node:fs";
import type { CliOptions } from "./main.ts";
import { EXIT, usageError } from "./exit.ts";
import { openOutFile, reportWritten } from "./outFile.ts";
import { loadProtocols } from "./protocols.ts";
import { probeFor } from "../trace/compiled.ts";
import { TraceError } from "../trace/errors.ts";
import { loadTrace } from "../trace/fromRun.ts";
import { renderTrace, TRACE_FORMATS, type TraceFormat } from "../trace/render/index.ts";
import { textOptionsFor } from "../trace/render/text.ts";

export type TraceCliOptions = Pick<CliOptions, "protocol" | "scenario" | "format" | "out" | "json">;

export async function runTrace(opts: TraceCliOptions, args: string[]): Promise<number> {
  const format = (opts.json ? "json" : (opts.format ?? "text")) as TraceFormat;
  if (!TRACE_FORMATS.includes(format)) return usageError(`--format must be one of ${TRACE_FORMATS.join(", ")}`);
  if (args.length !== 1) return usageError(args.length === 0 ? "trace needs the file of a saved TLC run (its -tool output or -dumpTrace json file)" : `trace takes one file (got '${args.join(" ")}')`);
  if (!opts.protocol) return usageError("trace needs --protocol NAME: the protocol the run checked");
  const file = args[0]!;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    process.stderr.write(`ts2tla: cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}\n`);
    return EXIT.badInput;
  }

  const compiled = await loadProtocols();
  if (!compiled) return EXIT.badInput;
  const c = compiled.find((p) => p.name === opts.protocol);
  if (!c) return usageError(`unknown protocol '${opts.protocol}'; known: ${compiled.map((p) => p.name).join(", ")}`);

  let output: string;
  try {
    const trace = loadTrace(text, c.sourceMap, { ...(opts.scenario ? { scenario: opts.scenario } : {}), probeFor: (s) => probeFor(c, s) });
    const textOpts = opts.out ? { color: false, width: 100 } : textOptionsFor(process.stdout);
    output = renderTrace(trace, format, textOpts);
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    process.stderr.write(`ts2tla: ${file}: ${e.message}\n  hint: ${e.hint}\n`);
    return EXIT.badInput;
  }
  if (opts.out) {
    const outFile = openOutFile(opts.out);
    if (typeof outFile === "number") return outFile;
    fs.writeSync(outFile.fd, output);
    fs.closeSync(outFile.fd);
    reportWritten(opts.out);
  } else process.stdout.write(output);
  return EXIT.ok;
}
