// A Trace as JSON: the Trace object itself, as published in tools/trace/trace.schema.json.
import type { Trace } from "../types.ts";

export function renderJson(trace: Trace): string {
  return JSON.stringify(trace, null, 2) + "\n";
}
