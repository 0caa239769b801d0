// The text the probe gives the engine: the generated module with one extra next-state definition per
// process id, a model (.cfg) with the scenario's constants, and definitions read back from the module.
import type { SourceMap } from "../../compiler/emit/sourcemap.ts";

export function appendDefinitions(moduleText: string, defs: string[]): string {
  const end = moduleText.search(/^={4,}\s*$/m);
  const body = end >= 0 ? moduleText.slice(0, end) : moduleText;
  return `${body}\n${defs.join("\n")}\n${"=".repeat(77)}\n`;
}

export function constantsBlock(map: SourceMap, scenario: string): string {
  const s = map.scenarios[scenario]!;
  const lines: string[] = [];
  for (const [name, c] of Object.entries(map.constants)) {
    if (c.kind === "processId" || c.kind === "null" || c.kind === "undefined" || c.kind === "nan") lines.push(`    ${name} = ${name}`);
    else if (c.kind === "pidLiteral") lines.push(`    ${name} = ${c.id}`);
    else if (name in s.constants && c.kind === "value" && hasDefinition(s.constants[name])) lines.push(`    ${name} <- ${s.constants[name].def}`);
    else if (name in s.constants && c.kind === "value" && c.type?.k === "set") lines.push(`    ${name} = {${(s.constants[name] as unknown[]).map(constantText).join(", ")}}`);
    else if (name in s.constants) lines.push(`    ${name} = ${constantText(s.constants[name])}`);
  }
  return lines.length ? `CONSTANTS\n${lines.join("\n")}` : "";
}

/** A sequence or record constant: the module defines its value (`Order_run == <<...>>`). */
const hasDefinition = (v: unknown): v is { def: string } => typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { def?: unknown }).def === "string";

function constantText(v: unknown): string {
  if (Array.isArray(v)) return `{${v.map(String).join(", ")}}`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  return JSON.stringify(String(v));
}

/** `name == body` at the start of a line, with its indented continuation lines; the trailing comment dropped. */
export function definitionText(moduleText: string, name: string): string | undefined {
  const lines = moduleText.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`${name} ==`));
  if (start < 0) return undefined;
  const body = [lines[start]!.slice(`${name} ==`.length)];
  for (let i = start + 1; i < lines.length && /^\s+\S/.test(lines[i]!); i++) body.push(lines[i]!);
  return body
    .map((l) => l.replace(/\s+\\\*[^"]*$/, ""))
    .join("\n")
    .trim();
}
