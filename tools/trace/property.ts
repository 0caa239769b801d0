// Which property a trace violates, by its TS name and source location; `(unnamed)` when the input
// does not say (a -dumpTrace json file names none).
import type { SourceMap } from "../compiler/emit/sourcemap.ts";
import type { TraceInfo, TracedProperty } from "./types.ts";

export const UNNAMED = "(unnamed)";

export function resolveProperty(map: SourceMap, info: TraceInfo): TracedProperty {
  const name = info.property;
  if (info.violationKind === "deadlock" || name === "deadlock") return { name: "deadlock", kind: "deadlock" };
  if (!name) return { name: UNNAMED, kind: info.violationKind === "property" ? "temporal" : info.violationKind === "action-property" ? "action" : info.violationKind === "invariant" ? "invariant" : "unknown" };
  if (name === "TypeOK") return { name, tla: "TypeOK", kind: "typeOK" };
  const entry = Object.entries(map.properties).find(([ts, p]) => ts === name || p.tla === name || `${p.tla}_unreached` === name);
  if (!entry) return { name, kind: "unknown" };
  const [ts, p] = entry;
  const kind = p.kind === "invariant" || p.kind === "temporal" || p.kind === "action" || p.kind === "witness" ? p.kind : "unknown";
  return { name: ts, tla: p.tla, kind, at: { file: p.pos.file, line: p.pos.line, col: p.pos.col } };
}
