// The embedded engine's exploration calls (npm `tla-checker`), loaded once and called synchronously:
// each call evaluates one state, so it is quick and needs no worker thread.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { explore_eval, explore_next, initSync } from "tla-checker";

const require = createRequire(import.meta.url);
let ready: boolean | undefined;

/** False when the engine cannot be loaded here. */
export function engineReady(): boolean {
  if (ready === undefined) {
    try {
      initSync({ module: readFileSync(require.resolve("tla-checker/tla_checker_bg.wasm")) });
      ready = true;
    } catch {
      ready = false;
    }
  }
  return ready;
}

/** The engine's JSON encoding of a state: `{__model}`, `{__fn: [[k, v]]}`, `{__tuple}`, arrays for sets. */
export type EngineJson = unknown;

export interface EngineTransition {
  action: string;
  state: { json: Record<string, EngineJson> };
}

/** Successor states of `state` under the cfg's NEXT; undefined when the engine fails. */
export function nextStates(spec: string, cfg: string, state: Record<string, EngineJson>): EngineTransition[] | undefined {
  if (!engineReady()) return undefined;
  try {
    const out = JSON.parse(explore_next(spec, cfg, "{}", JSON.stringify(state))) as { ok: boolean; transitions?: EngineTransition[] };
    return out.ok ? (out.transitions ?? []) : undefined;
  } catch {
    return undefined;
  }
}

/** The value of a TLA+ expression in `state`; undefined when the engine fails. */
export function evaluate(spec: string, cfg: string, state: Record<string, EngineJson>, expr: string): { json: EngineJson } | undefined {
  if (!engineReady()) return undefined;
  try {
    const out = JSON.parse(explore_eval(spec, cfg, "{}", JSON.stringify(state), expr)) as { ok: boolean; json?: EngineJson };
    return out.ok ? { json: out.json } : undefined;
  } catch {
    return undefined;
  }
}
