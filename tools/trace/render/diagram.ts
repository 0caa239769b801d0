// The sequence diagram of a Trace as inline SVG: one lifeline per process, a box per step on the
// lifeline of the process that took it, an arrow for each wake (a step that unblocks another
// process), the loop shaded and labelled, and how each process ends at the bottom.
import type { ProcessFate, StepMove, Trace } from "../types.ts";
import { changeLines, locText } from "./words.ts";

const GUTTER = 56;
const COL = 160;
const HEAD = 54;
const ROW = 46;
const BOX_W = 146;
const BOX_H = 30;
const FOOT = 56;

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

interface Row {
  label: string;
  move: StepMove;
  closing: boolean;
}

export function renderDiagram(trace: Trace): string {
  const ids = trace.processes.map((p) => p.id);
  const colX = (id: string) => GUTTER + ids.indexOf(id) * COL + COL / 2;
  const rows: Row[] = trace.steps.slice(1).map((s) => ({ label: String(s.n), move: s, closing: false }));
  if (trace.loop?.kind === "back-to-step") rows.push({ label: "↺", move: trace.loop.closing, closing: true });
  const width = GUTTER + Math.max(2, ids.length) * COL + 16;
  const rowsTop = HEAD + 24;
  const rowY = (i: number) => rowsTop + i * ROW;
  const bottom = rowY(rows.length) + 8;
  const height = bottom + FOOT;
  const parts: string[] = [];

  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="sequence-diagram" role="img" aria-label="Sequence diagram of the counterexample" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs><marker id="wake-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="wake-head"/></marker></defs>`,
  );

  // The loop: a shaded band over its rows, labelled in the gutter.
  const loop = trace.explanation.loop;
  if (loop && !loop.stuttering) {
    const firstRow = rows.findIndex((r) => !r.closing && Number(r.label) > loop.fromStep);
    const start = firstRow >= 0 ? firstRow : rows.length - 1;
    const y0 = rowY(start) - 6;
    const y1 = rowY(rows.length) - 6;
    parts.push(
      `<g class="loop"><rect x="4" y="${y0}" width="${width - 8}" height="${y1 - y0}" rx="8" class="loop-band"/>`,
      `<text x="${width - 14}" y="${y0 + 14}" class="loop-label" style="text-anchor:end">↻ loop: repeats forever</text>`,
      `<text x="${width - 14}" y="${y1 - 6}" class="loop-label" style="text-anchor:end">↺ back to step ${loop.fromStep}</text></g>`,
    );
  }

  // Lifelines and their heads.
  for (const p of trace.processes) {
    const x = colX(p.id);
    parts.push(
      `<g class="lifeline" data-process="${escapeXml(p.id)}">`,
      `<line x1="${x}" y1="${HEAD}" x2="${x}" y2="${bottom}" class="lifeline-line"/>`,
      `<rect x="${x - BOX_W / 2}" y="8" width="${BOX_W}" height="${HEAD - 14}" rx="6" class="lifeline-head"/>`,
      `<text x="${x}" y="26" class="lifeline-id">${escapeXml(clip(p.id, 18))}</text>`,
      `<text x="${x}" y="${HEAD - 12}" class="lifeline-process">${escapeXml(clip(p.set ? `${p.process} ∈ ${p.set}` : "single process", 22))}</text>`,
      `</g>`,
    );
  }

  // Where a process waits (its next step is disabled), a thick band over its lifeline.
  parts.push(...waitingBands(trace, rows, colX, rowY, HEAD));

  // One box per step, wakes as arrows to the woken lifeline.
  rows.forEach((r, i) => {
    const y = rowY(i);
    parts.push(`<text x="${GUTTER - 10}" y="${y + BOX_H / 2 + 4}" class="step-number">${escapeXml(r.label)}</text>`);
    const actor = r.move.actor?.id;
    if (!actor || !ids.includes(actor)) {
      parts.push(`<text x="${GUTTER + 8}" y="${y + BOX_H / 2 + 4}" class="step-unknown">(unknown process) ${escapeXml(r.move.label ?? "")}</text>`);
      return;
    }
    const x = colX(actor);
    const tip = [r.move.label, locText(r.move.at), r.move.statement, ...changeLines(r.move).map((c) => `${c.path} ${c.text}`)].filter(Boolean).join("\n");
    parts.push(
      `<g class="step${r.closing ? " step-closing" : ""}" data-step="${escapeXml(r.label)}"><title>${escapeXml(tip)}</title>`,
      `<rect x="${x - BOX_W / 2}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="5" class="step-box"/>`,
      `<text x="${x}" y="${y + BOX_H / 2 + 4}" class="step-label">${escapeXml(clip(r.move.label ?? "?", 22))}</text></g>`,
    );
    const woken = (r.move.wakes ?? []).filter((w) => ids.includes(w) && w !== actor);
    if (woken.length) {
      // One arrow per woken process (the same line, an arrowhead at each lifeline), one label for all.
      const wy = y + BOX_H / 2;
      parts.push(`<g class="wake" data-from="${escapeXml(actor)}" data-to="${escapeXml(woken.join(" "))}">`);
      for (const w of woken) {
        const tx = colX(w);
        const dir = tx > x ? 1 : -1;
        parts.push(`<line x1="${x + (dir * BOX_W) / 2}" y1="${wy}" x2="${tx - dir * 4}" y2="${wy}" class="wake-line" marker-end="url(#wake-arrow)"/>`);
      }
      const right = woken.some((w) => colX(w) > x);
      const lx = x + ((right ? 1 : -1) * BOX_W) / 2 + (right ? 6 : -6);
      parts.push(`<text x="${lx}" y="${wy - 6}" class="wake-label" style="text-anchor:${right ? "start" : "end"}">wakes ${escapeXml(clip(woken.join(", "), 40))}</text></g>`);
    }
  });

  // How each process ends.
  for (const f of trace.explanation.processes) {
    if (!ids.includes(f.id)) continue;
    const x = colX(f.id);
    parts.push(
      `<g class="fate fate-${f.status}"><title>${escapeXml(f.text)}</title>`,
      `<rect x="${x - BOX_W / 2}" y="${bottom + 6}" width="${BOX_W}" height="${BOX_H + 4}" rx="6" class="fate-box"/>`,
      `<text x="${x}" y="${bottom + 20}" class="fate-status">${escapeXml(fateWord(f))}</text>`,
      `<text x="${x}" y="${bottom + 33}" class="fate-at">${escapeXml(f.status === "done" ? "" : clip(`at ${f.at}`, 20))}</text></g>`,
    );
  }
  if (trace.loop?.kind === "stuttering") {
    parts.push(`<text x="${GUTTER - 10}" y="${bottom - 4}" class="stutter-label">■ stutters forever</text>`);
  }
  parts.push(`</svg>`);
  return parts.join("\n");
}

/**
 * Bands over the lifelines where a process has not finished and cannot move: before the first row
 * (the initial state) and after each row (the state that row leads to). Only with enabledness.
 */
function waitingBands(trace: Trace, rows: Row[], colX: (id: string) => number, rowY: (i: number) => number, top: number): string[] {
  const states = [trace.steps[0], ...rows.map((r, i) => (r.closing && trace.loop?.kind === "back-to-step" ? trace.steps[trace.loop.toStep] : trace.steps[i + 1]))];
  if (states.some((s) => s?.enabled === undefined)) return [];
  const idle = new Set(trace.explanation.processes.filter((f) => f.status === "idle").map((f) => f.id));
  const out: string[] = [];
  for (const p of trace.processes) {
    const x = colX(p.id);
    states.forEach((s, i) => {
      if (!s || s.state.pc[p.id] === "Done" || s.enabled!.includes(p.id)) return;
      const y0 = i === 0 ? top + 4 : rowY(i - 1) + BOX_H / 2;
      const y1 = i < rows.length ? rowY(i) + BOX_H / 2 : rowY(rows.length) - 4;
      if (y1 > y0) out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y1}" class="waiting${idle.has(p.id) ? " waiting-idle" : ""}"><title>${escapeXml(`${p.id} cannot move here`)}</title></line>`);
    });
  }
  return out.length ? [`<g class="waiting-bands">`, ...out, `</g>`] : [];
}

function fateWord(f: ProcessFate): string {
  switch (f.status) {
    case "done":
      return "✓ finished";
    case "running":
      return "↻ keeps running";
    case "blocked":
      return "✗ blocked forever";
    case "starved":
      return "✗ starved";
    case "waiting":
      return "✗ waits forever";
    case "idle":
      return "– never starts";
    case "active":
      return "● here at the end";
  }
}
