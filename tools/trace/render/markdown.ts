// A Trace as Markdown (for issues and pull requests): the explanation, a table of the steps with
// what each changed, the loop marked, and the first and last state.
import { showValue } from "../show.ts";
import type { StepMove, Trace, TraceStep } from "../types.ts";
import { changeLines, locText, loopEndText, loopStartText, pcText, title, wakesText } from "./words.ts";

export function renderMarkdown(trace: Trace): string {
  const out: string[] = [];
  out.push(`## ✗ ${title(trace)}`, "");
  out.push(`**${escapeText(trace.explanation.headline)}**`, "");
  for (const d of trace.explanation.details) out.push(`- ${escapeText(d)}`);
  if (trace.explanation.details.length) out.push("");
  if (trace.setting) {
    const { description, constants } = trace.setting;
    out.push(`Scenario: \`${trace.scenario}\`${description ? ` (${escapeText(description)})` : ""}${constants.length ? `; constants ${constants.map((c) => `\`${c.name} = ${c.value}\``).join(", ")}` : ""}`, "");
  }
  out.push(`Processes: ${trace.processes.map((p) => (p.process === p.id ? `\`${p.id}\`` : `\`${p.id}\` (${p.process})`)).join(", ")}`, "");

  const first = trace.steps[0];
  if (first) out.push("### Initial state", "", ...stateTable(first), "");

  out.push("### Steps", "", "| # | process | step | where | what changed |", "| ---: | --- | --- | --- | --- |");
  const loopFrom = trace.explanation.loop && !trace.explanation.loop.stuttering ? trace.explanation.loop.fromStep : undefined;
  if (loopFrom === 0) out.push(markRow(`↻ ${loopStartText(trace)}`));
  for (const step of trace.steps.slice(1)) {
    out.push(moveRow(String(step.n), step));
    if (step.n === loopFrom) out.push(markRow(`↻ ${loopStartText(trace)}`));
  }
  if (trace.loop?.kind === "back-to-step") out.push(moveRow("↺", trace.loop.closing));
  const end = loopEndText(trace);
  if (end) out.push(markRow(`${trace.loop?.kind === "stuttering" ? "■" : "↺"} ${end}`));
  if (trace.steps.length <= 1) out.push(markRow("(no steps: the initial state already violates the property)"));
  out.push("");

  const last = trace.steps[trace.steps.length - 1];
  if (last && last.n > 0) out.push(`### State after step ${last.n}`, "", ...stateTable(last), "");
  if (trace.warnings.length) {
    out.push("### Warnings", "");
    for (const w of trace.warnings) out.push(`- ${escapeText(w)}`);
    out.push("");
  }
  return out.join("\n");
}

function stateTable(step: TraceStep): string[] {
  const rows = Object.entries(step.state.values).map(([name, v]) => `| \`${name}\` | ${code(showValue(v))} |`);
  return ["| variable | value |", "| --- | --- |", ...rows, `| (steps) | ${cell(pcText(step))} |`];
}

function moveRow(num: string, m: StepMove): string {
  const who = m.actor ? `\`${m.actor.id}\`` : "?";
  const step = m.label ? `\`${m.label}\`` : "";
  const where = m.at ? `${locText(m.at)}${m.statement ? `<br>${code(m.statement)}` : ""}` : "";
  const changes = changeLines(m).map((c) => (c.op === "moved" ? `${c.path} ${c.text}` : `${code(c.path)}: ${code(c.text)}`));
  const wakes = wakesText(m);
  if (wakes) changes.push(`**${wakes}**`);
  return `| ${num} | ${who} | ${step} | ${where} | ${changes.join("<br>") || "(nothing)"} |`;
}

function markRow(text: string): string {
  return `| | | | | **${cell(text)}** |`;
}

/** Inline code that survives a table cell: pipes escaped, backticks fenced. */
function code(s: string): string {
  const fence = s.includes("`") ? "``" : "`";
  const pad = s.includes("`") ? " " : "";
  return `${fence}${pad}${s.replace(/\|/g, "\\|")}${pad}${fence}`;
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|");
}

/** Prose: keep the explanation's backtick spans, escape what Markdown would misread. */
function escapeText(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\<>*_|[\]])/g, "\\$1")))
    .join("");
}
