// Glue for callers that hold a compiled protocol (the CLI, scenario checks): its engine probe, and a
// Trace from a counterexample a scenario check reported.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PropertyReport } from "../verify/scenario.ts";
import { moduleText, REPO_ROOT, type CompiledProtocol } from "../compiler/compiled.ts";
import { decodeTrace } from "./decode.ts";
import { makeProbe, type Probe } from "./probe/probe.ts";
import type { Trace } from "./types.ts";

/** The embedded-engine probe for one scenario of a compiled protocol (undefined if the engine is unavailable). */
export function probeFor(c: CompiledProtocol, scenario: string): Probe | undefined {
  const file = path.resolve(REPO_ROOT, c.ir.file);
  const tsSource = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  return makeProbe({ moduleText: moduleText(c), map: c.sourceMap, scenario, ...(tsSource !== undefined ? { tsSource } : {}) });
}

export interface ReportTraceOptions {
  /** Evaluate enabledness and invariant parts with the embedded engine (default true). */
  engine?: boolean;
}

/** The Trace of a violated property of a scenario report; undefined when it has no counterexample. */
export function traceOfReport(c: CompiledProtocol, scenario: string, property: PropertyReport, opts: ReportTraceOptions = {}): Trace | undefined {
  if (!property.counterexample) return undefined;
  const probe = opts.engine === false ? undefined : probeFor(c, scenario);
  return decodeTrace(
    property.counterexample,
    c.sourceMap,
    {
      protocol: c.name,
      scenario,
      property: property.name,
      ...(property.violation ? { violationKind: property.violation.kind, message: property.violation.message } : {}),
    },
    probe ? { probe } : {},
  );
}
