// A Trace as one self-contained HTML page (inline CSS and SVG, no external resources): the
// explanation, the sequence diagram, the step table, and the first and last state.
import { showValue } from "../show.ts";
import type { StepMove, Trace, TraceStep } from "../types.ts";
import { escapeXml as esc, renderDiagram } from "./diagram.ts";
import { changeLines, locText, loopEndText, loopStartText, pcText, title, wakesText } from "./words.ts";

const CSS = `
:root { --fg: #1d232b; --muted: #5d6877; --line: #d5dbe3; --bad: #b3261e; --ok: #2e7d32; --wake: #8e24aa; --loop: #fff4d6; --loop-edge: #e0a800; --box: #e8f0fe; --box-edge: #3b6fd8; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0; padding: 24px 32px 48px; max-width: 1400px; }
h1 { font-size: 20px; margin: 0 0 8px; color: var(--bad); }
h2 { font-size: 16px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.headline { font-size: 16px; font-weight: 600; margin: 8px 0; }
.details { margin: 6px 0 0; padding-left: 20px; color: var(--fg); }
.details li { margin: 3px 0; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
.meta { color: var(--muted); }
.diagram-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 8px; background: #fbfcfe; }
.sequence-diagram text { font: 12px system-ui, sans-serif; text-anchor: middle; fill: var(--fg); }
.lifeline-line { stroke: #9aa5b4; stroke-dasharray: 4 4; }
.lifeline-head { fill: #fff; stroke: #6b7686; }
.lifeline-id { font-weight: 700; }
.sequence-diagram .lifeline-process { font-size: 11px; fill: var(--muted); }
.step-box { fill: var(--box); stroke: var(--box-edge); }
.step-closing .step-box { stroke-dasharray: 5 3; }
.sequence-diagram .step-number { text-anchor: end; fill: var(--muted); font-weight: 600; }
.sequence-diagram .step-unknown { text-anchor: start; fill: var(--bad); }
.waiting { stroke: #e57373; stroke-width: 6; stroke-opacity: 0.55; }
.waiting-idle { stroke: #b0b8c4; stroke-opacity: 0.6; }
.legend { color: var(--muted); font-size: 12px; margin: 6px 2px 0; }
.legend .swatch { display: inline-block; width: 18px; height: 6px; border-radius: 3px; vertical-align: middle; margin: 0 4px 0 12px; }
.wake-line { stroke: var(--wake); stroke-width: 1.6; stroke-dasharray: 6 3; }
.wake-head { fill: var(--wake); }
.sequence-diagram .wake-label { font-size: 11px; fill: var(--wake); font-weight: 600; }
.loop-band { fill: var(--loop); stroke: var(--loop-edge); stroke-dasharray: 6 4; }
.sequence-diagram .loop-label { font-size: 11px; font-weight: 700; fill: #8a6200; }
.sequence-diagram .stutter-label { text-anchor: start; font-size: 11px; font-weight: 700; fill: #8a6200; }
.fate-box { fill: #fff; stroke: #9aa5b4; }
.fate-blocked .fate-box, .fate-waiting .fate-box, .fate-starved .fate-box { fill: #fde8e7; stroke: var(--bad); }
.fate-done .fate-box { fill: #e8f5e9; stroke: var(--ok); }
.fate-running .fate-box { fill: var(--loop); stroke: var(--loop-edge); }
.sequence-diagram .fate-status { font-weight: 700; }
.sequence-diagram .fate-at { font-size: 11px; fill: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f8; font-weight: 600; }
td.num { text-align: right; font-weight: 600; white-space: nowrap; }
td.where { white-space: nowrap; }
tr.mark td { background: var(--loop); font-weight: 600; color: #6b4d00; }
tr.in-loop td.num { background: var(--loop); }
.path-parent { color: var(--muted); }
.path-leaf { font-weight: 700; }
.op-added { color: var(--ok); }
.op-removed { color: var(--bad); }
.op-changed { color: #0b57d0; }
.op-moved { color: var(--muted); }
.wakes { color: var(--wake); font-weight: 700; }
.state td:first-child { white-space: nowrap; width: 1%; }
.warnings li { color: #8a6200; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;

export function renderHtml(trace: Trace): string {
  const heading = title(trace);
  const ex = trace.explanation;
  const body: string[] = [];
  body.push(`<header><h1>✗ ${esc(heading)}</h1>`);
  body.push(`<p class="headline">${inline(ex.headline)}</p>`);
  if (ex.details.length) body.push(`<ul class="details">${ex.details.map((d) => `<li>${inline(d)}</li>`).join("")}</ul>`);
  body.push(`<p class="meta">Protocol <code>${esc(trace.protocol)}</code> (${esc(trace.file)})${trace.scenario ? `, scenario <code>${esc(trace.scenario)}</code>${trace.setting?.description ? ` (${esc(trace.setting.description)})` : ""}` : ""}${trace.setting?.constants.length ? `, constants ${trace.setting.constants.map((c) => `<code>${esc(`${c.name} = ${c.value}`)}</code>`).join(", ")}` : ""}; counterexample from ${esc(sourceWord(trace.source))}; ${ex.evidence === "engine" ? "enabledness evaluated by the embedded engine" : "read from the trace alone"}.</p></header>`);

  const legend = trace.steps.some((s) => s.enabled)
    ? `<p class="legend">One lifeline per process, one box per step.<span class="swatch" style="background:#e57373"></span>cannot move (its next step is disabled)<span class="swatch" style="background:#b0b8c4"></span>never starts<span class="swatch" style="background:#8e24aa;height:2px"></span>a step that wakes another process</p>`
    : `<p class="legend">One lifeline per process, one box per step. Which steps are enabled was not evaluated, so waiting and wakes are not shown.</p>`;
  body.push(`<section id="diagram"><h2>Sequence diagram</h2><div class="diagram-wrap">${renderDiagram(trace)}</div>${legend}</section>`);
  body.push(`<section id="steps"><h2>Steps</h2>${stepTable(trace)}</section>`);
  const first = trace.steps[0];
  if (first) body.push(`<section id="initial-state"><h2>Initial state</h2>${stateTable(first)}</section>`);
  const last = trace.steps[trace.steps.length - 1];
  if (last && last.n > 0) body.push(`<section id="last-state"><h2>State after step ${last.n}</h2>${stateTable(last)}</section>`);
  if (trace.warnings.length) body.push(`<section id="warnings"><h2>Warnings</h2><ul class="warnings">${trace.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul></section>`);
  body.push(`<footer>Generated by ts2tla from the ${esc(trace.module)} counterexample.</footer>`);

  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(heading)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    ...body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function sourceWord(s: Trace["source"]): string {
  return s === "json-dump" ? "TLC's JSON trace" : s === "tool-text" ? "TLC's output" : s === "ts" ? "the TS engine" : "the embedded engine";
}

/** Text with `code spans` as <code>. */
function inline(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? `<code>${esc(part.slice(1, -1))}</code>` : esc(part)))
    .join("");
}

function stepTable(trace: Trace): string {
  const loop = trace.explanation.loop;
  const loopFrom = loop && !loop.stuttering ? loop.fromStep : undefined;
  const rows: string[] = [];
  const mark = (text: string) => rows.push(`<tr class="mark"><td class="num"></td><td colspan="5">${esc(text)}</td></tr>`);
  if (loopFrom === 0) mark(`↻ ${loopStartText(trace)}`);
  for (const s of trace.steps.slice(1)) {
    rows.push(moveRow(String(s.n), s, loopFrom !== undefined && s.n > loopFrom));
    if (s.n === loopFrom) mark(`↻ ${loopStartText(trace)}`);
  }
  if (trace.loop?.kind === "back-to-step") rows.push(moveRow("↺", trace.loop.closing, true));
  const end = loopEndText(trace);
  if (end) mark(`${trace.loop?.kind === "stuttering" ? "■" : "↺"} ${end}`);
  if (trace.steps.length <= 1) mark("No steps: the initial state already violates the property.");
  return `<table class="step-table"><thead><tr><th>#</th><th>process</th><th>step</th><th>where</th><th>statement</th><th>what changed</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function moveRow(num: string, m: StepMove, inLoop: boolean): string {
  const changes = changeLines(m).map((c) => {
    if (c.op === "moved") return `<div class="op-moved"><code>${esc(c.path)}</code> ${esc(c.text)}</div>`;
    const path = `<span class="path-parent">${esc(c.path.slice(0, c.parentLength))}</span><span class="path-leaf">${esc(c.path.slice(c.parentLength))}</span>`;
    return `<div><code>${path}</code> <code class="op-${c.op}">${esc(c.text)}</code></div>`;
  });
  const wakes = wakesText(m);
  if (wakes) changes.push(`<div class="wakes">⚡ ${esc(wakes)}</div>`);
  const who = m.actor ? `<code>${esc(m.actor.id)}</code>` : `<span class="op-removed">unknown</span>`;
  return `<tr${inLoop ? ' class="in-loop"' : ""}><td class="num">${esc(num)}</td><td>${who}</td><td><code>${esc(m.label ?? "?")}</code></td><td class="mono where">${esc(locText(m.at))}</td><td><code>${esc(m.statement ?? "")}</code></td><td>${changes.join("") || '<span class="meta">(nothing changes)</span>'}</td></tr>`;
}

function stateTable(step: TraceStep): string {
  const rows = Object.entries(step.state.values).map(([name, v]) => `<tr><td><code>${esc(name)}</code></td><td><code>${esc(showValue(v))}</code></td></tr>`);
  rows.push(`<tr><td class="meta">step of each process</td><td><code>${esc(pcText(step))}</code></td></tr>`);
  return `<table class="state"><tbody>${rows.join("")}</tbody></table>`;
}
