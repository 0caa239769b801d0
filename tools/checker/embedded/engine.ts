// The `tla-checker` WebAssembly engine, run in a worker thread so that a long check neither blocks
// the event loop nor escapes a timeout or an AbortSignal (the wasm call itself cannot be interrupted).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { watchMemory } from "../memoryLimit.ts";

const require = createRequire(import.meta.url);

/** What `check_spec_with_options` returns (JSON). */
export interface EmbeddedRawResult {
  success: boolean;
  error_type: string | null;
  error_message: string | null;
  states_explored: number;
  /** `State k` blocks; for a liveness violation `[prefix, cycle]`. */
  trace: string[] | null;
  warnings?: unknown[];
}

export interface EmbeddedOptions {
  cfg_source: string;
  max_states: number;
  max_depth: number;
  allow_deadlock: boolean;
}

export type EngineOutcome =
  | { kind: "done"; result: EmbeddedRawResult }
  | { kind: "timeout" }
  | { kind: "cancelled" }
  /** The process grew past the memory cap while the engine ran. */
  | { kind: "over-memory"; bytes: number }
  | { kind: "failed"; message: string };

export function embeddedPackageVersion(): string {
  return (JSON.parse(readFileSync(require.resolve("tla-checker/package.json"), "utf8")) as { version: string }).version;
}

let wasmModule: WebAssembly.Module | undefined;

/** Compiled once per process; workers receive the compiled module. */
function compiledWasm(): WebAssembly.Module {
  wasmModule ??= new WebAssembly.Module(readFileSync(require.resolve("tla-checker/tla_checker_bg.wasm")));
  return wasmModule;
}

// Plain JavaScript evaluated in the worker: no TypeScript loader is needed there.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
import(workerData.moduleUrl).then((m) => {
  m.initSync({ module: workerData.wasm });
  parentPort.postMessage({ ok: true, text: m.check_spec_with_options(workerData.spec, workerData.options) });
}).catch((e) => parentPort.postMessage({ ok: false, message: String(e && e.message || e) }));
`;

/** Check one self-contained module. Never throws; failures come back as outcomes. */
export function runEngine(spec: string, options: EmbeddedOptions, limits: { timeoutMs?: number; signal?: AbortSignal; memoryLimit?: number } = {}): Promise<EngineOutcome> {
  if (limits.signal?.aborted) return Promise.resolve({ kind: "cancelled" });
  let moduleUrl: string;
  let wasm: WebAssembly.Module;
  try {
    moduleUrl = pathToFileURL(require.resolve("tla-checker")).href;
    wasm = compiledWasm();
  } catch (e) {
    return Promise.resolve({ kind: "failed", message: `cannot load the tla-checker package (${(e as Error).message})` });
  }
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { moduleUrl, wasm, spec, options: JSON.stringify(options) },
    });
    let settled = false;
    const settle = (outcome: EngineOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopWatching?.();
      limits.signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      resolve(outcome);
    };
    const onAbort = () => settle({ kind: "cancelled" });
    const timer = limits.timeoutMs ? setTimeout(() => settle({ kind: "timeout" }), limits.timeoutMs) : undefined;
    // The worker shares this process, so its memory is the process's growth since the run began.
    const baseline = process.memoryUsage.rss();
    const stopWatching = limits.memoryLimit
      ? watchMemory(() => process.memoryUsage.rss() - baseline, limits.memoryLimit, (bytes) => settle({ kind: "over-memory", bytes }))
      : undefined;
    limits.signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (msg: { ok: boolean; text?: string; message?: string }) => {
      if (!msg.ok) return settle({ kind: "failed", message: msg.message ?? "unknown failure" });
      try {
        settle({ kind: "done", result: JSON.parse(msg.text!) as EmbeddedRawResult });
      } catch (e) {
        settle({ kind: "failed", message: `unreadable result (${(e as Error).message})` });
      }
    });
    worker.on("error", (e) => settle({ kind: "failed", message: e.message }));
    worker.on("exit", (code) => settle({ kind: "failed", message: `the engine stopped (exit code ${code})` }));
  });
}
