// One entry point over the renderers.
import type { Trace } from "../types.ts";
import { renderHtml } from "./html.ts";
import { renderItf } from "./itf.ts";
import { renderJson } from "./json.ts";
import { renderMarkdown } from "./markdown.ts";
import { renderText, type TextOptions } from "./text.ts";

export const TRACE_FORMATS = ["text", "md", "html", "json", "itf"] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

export function renderTrace(trace: Trace, format: TraceFormat, text?: TextOptions): string {
  switch (format) {
    case "text":
      return renderText(trace, text);
    case "md":
      return renderMarkdown(trace);
    case "html":
      return renderHtml(trace);
    case "json":
      return renderJson(trace);
    case "itf":
      return renderItf(trace);
  }
}
