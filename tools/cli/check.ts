// ts2tla check: model-check scenarios with TLC, the embedded engine, or both.
import fs from "node:fs";
import os from "node:os";
import type { CliOptions } from "./main.ts";
import { EXIT, usageError } from "./exit.ts";
import { openOutFile, reportWritten } from "./outFile.ts";
import { loadProtocols, projectRoot } from "./protocols.ts";
import { replayReports, translationBugs } from "../verify/replay.ts";
import { inParallel } from "../verify/parallel.ts";
import { parseSize } from "../checker/memoryLimit.ts";
import { checkScenario, type ScenarioReport } from "../verify/scenario.ts";
import { compareEngines } from "../verify/compare.ts";
import { crossCheck } from "../verify/crossCheck.ts";
import { ENGINE_CHOICES, resolveEngines } from "../verify/engines.ts";
import { renderMarkdownTable, renderSummaryTable, renderText, reportJson } from "../report/scenarioReport.ts";
import type { Trace } from "../trace/types.ts";
import { ProgressLine } from "./progress.ts";
import type { CompiledProtocol } from "../compiler/index.ts";
import type { EngineName } from "../checker/types.ts";

const FORMATS = ["text", "md", "html", "json", "itf"] as const;

export async function runCheck(opts: CliOptions, args: string[]): Promise<number> {
  const engineChoice = (opts.engine ?? "auto") as (typeof ENGINE_CHOICES)[number];
  if (!ENGINE_CHOICES.includes(engineChoice)) return usageError(`--engine must be one of ${ENGINE_CHOICES.join(", ")}`);
  const format = (opts.json ? "json" : (opts.format ?? "text")) as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) return usageError(`--format must be one of ${FORMATS.join(", ")}`);
  const workers = opts.workers === undefined ? undefined : opts.workers === "auto" ? "auto" : Number(opts.workers);
  if (typeof workers === "number" && !(Number.isInteger(workers) && workers > 0)) return usageError("--workers takes a positive whole number or 'auto'");
  const timeoutSeconds = opts.timeout === undefined ? undefined : Number(opts.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) return usageError("--timeout takes a number of seconds");
  const traceSource = (opts["trace-source"] ?? "auto") as "auto" | "json" | "text";
  if (!["auto", "json", "text"].includes(traceSource)) return usageError("--trace-source must be auto, json or text");
  if (args.length > 1) return usageError(`check takes at most one protocol (got '${args.join(" ")}')`);
  if (opts.scenario && opts.all) return usageError("--scenario and --all exclude each other");
  const parallel = opts.jobs === undefined ? 1 : opts.jobs === "auto" ? os.availableParallelism() : Number(opts.jobs);
  if (!(Number.isInteger(parallel) && parallel > 0)) return usageError("--jobs takes a positive whole number or 'auto'");
  const memoryLimit = opts.memory === undefined ? undefined : parseSize(opts.memory);
  if (memoryLimit === null) return usageError("--memory takes a size such as 2g or 512m");
  if (!args[0] && !opts.all) return usageError("name a protocol, or pass --all to check every protocol");

  // `check P` compiles P (and what it imports) only; every protocol is compiled to name them when P is unknown.
  const compiled = await loadProtocols(projectRoot(), args[0]);
  if (!compiled) return EXIT.badInput;
  const chosen = args[0] ? compiled.filter((c) => c.name === args[0]) : compiled;
  if (chosen.length === 0) {
    const known = await loadProtocols();
    if (!known) return EXIT.badInput;
    return usageError(`unknown protocol '${args[0]}'; known: ${known.map((c) => c.name).join(", ")}`);
  }
  const every = chosen.flatMap((c) => c.ir.scenarios.filter((s) => !opts.scenario || s.name === opts.scenario).map((s) => ({ c, s: s.name })));
  if (every.length === 0) return usageError(`unknown scenario '${opts.scenario}' of ${chosen[0]!.name}; known: ${chosen[0]!.ir.scenarios.map((s) => s.name).join(", ")}`);
  // --shard K/N: the K-th of N interleaved slices, so that N CI machines split a sweep between them.
  const shard = /^(\d+)\/(\d+)$/.exec(opts.shard ?? "1/1");
  const [k, n] = shard ? [Number(shard[1]), Number(shard[2])] : [0, 0];
  if (!(k >= 1 && k <= n)) return usageError("--shard takes K/N with 1 <= K <= N, e.g. 2/4");
  const jobs = every.filter((_, i) => i % n === k - 1).map((job, i) => ({ ...job, k: i + 1 }));

  const outFile = opts.out ? openOutFile(opts.out) : undefined;
  if (typeof outFile === "number") return outFile;
  const engines = await resolveEngines(engineChoice, { crossCheck: !opts["no-cross-check"] });
  if ("error" in engines) {
    process.stderr.write(`ts2tla: ${engines.error.message}\n  hint: ${engines.error.hint}\n`);
    return EXIT.checkerFailed;
  }
  if (engines.note) process.stderr.write(`${engines.note}\n`);

  const out = outFile ? fs.createWriteStream("", { fd: outFile.fd }) : process.stdout;
  const progress = new ProgressLine(parallel === 1 && format !== "json" && process.stderr.isTTY === true);
  const root = projectRoot();
  const checkJob = async ({ c, s, k }: (typeof jobs)[number]): Promise<{ c: CompiledProtocol; reports: ScenarioReport[]; problems: string[]; notes: string[] }> => {
    const reports: ScenarioReport[] = [];
    const run = async (engine: EngineName): Promise<ScenarioReport> => {
      progress.start(`[${k}/${jobs.length}] ${c.name} ${s} [${engine}]`);
      const keepGraph = engines.crossCheck;
      const r = await checkScenario(c, s, { engine, workers, timeoutSeconds, traceSource, heap: opts.heap, memoryLimit, keepGraph, cwd: root, onProgress: (p) => progress.update(p) });
      progress.stop();
      return r;
    };
    for (const engine of engines.list) reports.push(await run(engine));
    // The TS engine's counterexamples are the TypeScript's own: only the other engines' are replayed.
    if (!opts["no-replay"]) await replayReports(c, reports.filter((r) => r.engine !== "ts"), root);
    const problems = reports.flatMap(translationBugs);
    const notes: string[] = [];
    const tlc = reports.find((r) => r.engine === "tlc");
    if (engines.crossCheck && tlc && (tlc.verdict !== "error" || tlc.error?.kind === "runtime-error")) {
      const ts = reports.find((r) => r.engine === "ts") ?? (await run("ts"));
      const x = crossCheck(c, tlc, ts);
      problems.push(...x.problems);
      if (!x.problems.length) notes.push(x.summary);
    } else if (reports.length === 2) problems.push(...compareEngines(reports[0]!, reports[1]!).map((d) => `engines disagree on ${c.name} ${s}: ${d}`));
    return { c, reports, problems, notes };
  };

  const reports: ScenarioReport[] = [];
  const traceSections: string[] = [];
  const itfTraces: unknown[] = [];
  let status: number = EXIT.ok;
  for (const pending of inParallel(jobs, parallel, checkJob)) {
    const { c, reports: perEngine, problems, notes } = await pending;
    for (const r of perEngine) {
      reports.push(r);
      for (const w of r.warnings ?? []) process.stderr.write(`${r.protocol} ${r.scenario} [${r.engine}]: note: ${w}\n`);
      if (format === "json") out.write(JSON.stringify({ ...reportJson(r), traces: Object.fromEntries(await tracesOf(c, r)) }) + "\n");
      else if (format === "text") out.write(renderText(r) + (await decodedTraces(c, r, "text", !opts.out)));
      else if (format === "md") traceSections.push(await decodedTraces(c, r, "md", false));
      else if (format === "itf") itfTraces.push(...(await itfTracesOf(c, r)));
      else out.write(await decodedTraces(c, r, format, false));
      if (r.verdict === "error") status = EXIT.checkerFailed;
      else if (r.surprises.length && status === EXIT.ok) status = EXIT.violated;
    }
    for (const n of notes) process.stderr.write(`${n}\n`);
    for (const p of problems) process.stderr.write(`ts2tla: ${p}\n`);
    if (problems.length) status = EXIT.checkerFailed;
  }
  if (format === "md") out.write(renderMarkdownTable(reports) + traceSections.filter(Boolean).map((t) => `\n${t}`).join(""));
  if (format === "text" && reports.length > 1) out.write(`\n${renderSummaryTable(reports)}`);
  // One JSON document: the counterexample's ITF trace, or an array of them when there are several (or none).
  if (format === "itf") out.write(JSON.stringify(itfTraces.length === 1 ? itfTraces[0] : itfTraces, null, 2) + "\n");
  if (opts.out) {
    await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
    reportWritten(opts.out);
  }
  return status;
}

/** Every counterexample of a report decoded into the protocol's TS terms, by property. */
async function tracesOf(c: CompiledProtocol, r: ScenarioReport): Promise<Array<[string, Trace]>> {
  const withTrace = r.properties.filter((p) => p.counterexample);
  if (withTrace.length === 0) return [];
  const { traceOfReport } = await import("../trace/compiled.ts");
  return withTrace.flatMap((p) => {
    const trace = traceOfReport(c, r.scenario, p);
    return trace ? [[p.name, trace] as [string, Trace]] : [];
  });
}

/** Every counterexample of a report as an ITF trace. */
async function itfTracesOf(c: CompiledProtocol, r: ScenarioReport): Promise<unknown[]> {
  const traces = await tracesOf(c, r);
  if (traces.length === 0) return [];
  const { toItf } = await import("../trace/render/itf.ts");
  return traces.map(([, t]) => toItf(t));
}

/** Every counterexample of a report, decoded into the protocol's TS terms and rendered. */
async function decodedTraces(c: CompiledProtocol, r: ScenarioReport, format: "text" | "md" | "html", tty: boolean): Promise<string> {
  const traces = await tracesOf(c, r);
  if (traces.length === 0) return "";
  // Loaded when there is something to render.
  const [{ renderTrace }, { textOptionsFor }] = await Promise.all([import("../trace/render/index.ts"), import("../trace/render/text.ts")]);
  return traces.map(([, trace]) => renderTrace(trace, format, format === "text" ? textOptionsFor(tty ? process.stdout : {}) : undefined)).join("\n");
}
