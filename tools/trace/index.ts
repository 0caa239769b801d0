// The trace stage: counterexamples (TLA+ terms) → Trace (TS terms) → text, Markdown, HTML, JSON, ITF.
export type * from "./types.ts";
export { TraceError, type TraceErrorCode } from "./errors.ts";
export { decodeTrace, type DecodeOptions } from "./decode.ts";
export { explainTrace } from "./explain.ts";
export { makeProbe, type Probe, type ProbeInput } from "./probe/probe.ts";
export { readTlcRun, type LoadedRun } from "./load.ts";
export { loadTrace, type LoadTraceOptions } from "./fromRun.ts";
export { probeFor, traceOfReport, type ReportTraceOptions } from "./compiled.ts";
export { renderTrace, TRACE_FORMATS, type TraceFormat } from "./render/index.ts";
export { renderText, textOptionsFor, type TextOptions } from "./render/text.ts";
export { renderMarkdown } from "./render/markdown.ts";
export { renderHtml } from "./render/html.ts";
export { renderJson } from "./render/json.ts";
export { renderItf, toItf, type ItfTrace } from "./render/itf.ts";
export { showValue } from "./show.ts";
