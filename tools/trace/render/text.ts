// A Trace for the terminal: the explanation first, the initial state in full, then each step with
// only what it changed (nested paths, the changed part highlighted), the loop marked, the last state.
import { showValue } from "../show.ts";
import type { StepMove, Trace, TraceStep } from "../types.ts";
import { changeLines, locText, loopEndText, loopStartText, moveTitle, pcText, title, wakesText, type ChangeLine } from "./words.ts";

export interface TextOptions {
  /** ANSI colours. */
  color: boolean;
  /** Columns to fit; longer lines are cut with `…`. */
  width: number;
}

/** Colour when the stream is a terminal and NO_COLOR is unset or empty; its width, or 100. */
export function textOptionsFor(stream: { isTTY?: boolean; columns?: number }, env: Record<string, string | undefined> = process.env): TextOptions {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  return { color: stream.isTTY === true && !noColor, width: Math.max(60, stream.columns ?? 100) };
}

type Style = "bold" | "dim" | "red" | "green" | "yellow" | "cyan" | "magenta";
const CODES: Record<Style, [number, number]> = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39], magenta: [35, 39] };

export function renderText(trace: Trace, opts: TextOptions = { color: false, width: 100 }): string {
  const paint = (s: string, ...styles: Style[]) => (opts.color ? styles.reduce((acc, st) => `\x1b[${CODES[st][0]}m${acc}\x1b[${CODES[st][1]}m`, s) : s);
  const out: string[] = [];
  const line = (s: string) => out.push(fit(s, opts.width));

  line(paint(`✗ ${title(trace)}`, "bold", "red"));
  for (const l of wrap(trace.explanation.headline, opts.width - 2)) line(`  ${l}`);
  for (const d of trace.explanation.details) wrap(d, opts.width - 4).forEach((l, i) => line(`${i === 0 ? "  • " : "    "}${l}`));
  line("");
  const label = (name: string) => paint(name.padEnd(9), "bold");
  if (trace.setting) {
    const { description, constants } = trace.setting;
    wrap(`${trace.scenario}${description ? `: ${description}` : ""}`, opts.width - 11).forEach((l, i) => line(`${i === 0 ? label("Scenario") : " ".repeat(9)}  ${l}`));
    if (constants.length) chunks(constants.map((c) => `${c.name} = ${c.value}`).join(", "), opts.width - 11).forEach((c, i) => line(`${i === 0 ? label("Constants") : " ".repeat(9)}  ${c}`));
  }
  const procs = trace.processes.map((p) => (p.process === p.id ? p.id : `${p.id} (${p.process})`)).join(", ");
  chunks(procs, opts.width - 11).forEach((c, i) => line(`${i === 0 ? paint("Processes", "bold") : " ".repeat(9)}  ${c}`));
  line("");

  const first = trace.steps[0];
  if (first) {
    line(paint("Initial state", "bold"));
    stateLines(first, paint, opts.width).forEach(line);
    line("");
  }
  const loopFrom = trace.explanation.loop && !trace.explanation.loop.stuttering ? trace.explanation.loop.fromStep : undefined;
  const steps = trace.steps.slice(1);
  if (loopFrom === 0) line(paint(`↻ ${loopStartText(trace)}`, "yellow", "bold"));
  for (const step of steps) {
    moveLines(`${String(step.n).padStart(3)}`, step, paint, opts.width).forEach(line);
    if (step.n === loopFrom) line(paint(`↻ ${loopStartText(trace)}`, "yellow", "bold"));
  }
  if (trace.loop?.kind === "back-to-step") moveLines("  ↺", trace.loop.closing, paint, opts.width).forEach(line);
  const end = loopEndText(trace);
  if (end) line(paint(`${trace.loop?.kind === "stuttering" ? "■" : "↺"} ${end}`, "yellow", "bold"));

  const last = trace.steps[trace.steps.length - 1];
  if (last && last.n > 0) {
    line("");
    line(paint(`State after step ${last.n}`, "bold"));
    stateLines(last, paint, opts.width).forEach(line);
  }
  if (trace.warnings.length) {
    line("");
    for (const w of trace.warnings) wrap(`warning: ${w}`, opts.width - 2).forEach((l) => line(paint(`  ${l}`, "yellow")));
  }
  return out.join("\n") + "\n";
}

type Paint = (s: string, ...styles: Style[]) => string;

function stateLines(step: TraceStep, paint: Paint, width: number): string[] {
  const names = Object.keys(step.state.values);
  const pad = Math.max(5, ...names.map((n) => n.length));
  const lines: string[] = [];
  const entry = (name: string, value: string, dim = false) =>
    chunks(value, width - pad - 4).forEach((c, i) => lines.push(`  ${i === 0 ? paint(name.padEnd(pad), ...(dim ? (["dim"] as Style[]) : [])) : " ".repeat(pad)}  ${c}`));
  for (const n of names) entry(n, showValue(step.state.values[n]!));
  entry("steps", pcText(step), true);
  return lines;
}

function moveLines(num: string, m: StepMove, paint: Paint, width: number): string[] {
  const head = `${paint(num, "bold")} │ ${paint(moveTitle(m), "cyan", "bold")}`;
  const where = locText(m.at);
  const gap = Math.max(2, width - visible(head).length - where.length);
  const out = [where ? `${head}${" ".repeat(gap)}${paint(where, "dim")}` : head];
  if (m.statement) out.push(`    │ ${paint(m.statement, "dim")}`);
  const changes = changeLines(m);
  const pad = Math.max(0, ...changes.filter((c) => c.op !== "moved").map((c) => c.path.length));
  for (const c of changes) out.push(...changeText(c, pad, paint, width - 8).map((l) => `    │   ${l}`));
  if (changes.length === 0) out.push(`    │   ${paint("(nothing changes)", "dim")}`);
  const wakes = wakesText(m);
  if (wakes) out.push(`    │   ${paint(`⚡ ${wakes}`, "magenta", "bold")}`);
  return out;
}

function changeText(c: ChangeLine, pad: number, paint: Paint, width: number): string[] {
  if (c.op === "moved") return [`${paint(c.path, "cyan")} ${c.text}`];
  const parent = c.path.slice(0, c.parentLength);
  const leaf = c.path.slice(c.parentLength);
  const path = `${parent}${paint(leaf, "bold")}${" ".repeat(Math.max(0, pad - c.path.length))}`;
  const color: Style = c.op === "removed" ? "red" : "green";
  const indent = Math.max(pad, c.path.length) + 2;
  return chunks(c.text, width - indent).map((t, i) => (i === 0 ? `${path}  ${paint(t, color)}` : `${" ".repeat(indent)}${paint(t, color)}`));
}

/** Split a value's text into pieces of at most `size` characters, after a comma or a space when possible. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  const max = Math.max(20, size);
  while (rest.length > max) {
    let cut = rest.lastIndexOf(", ", max - 1);
    if (cut > max / 3) cut += 2;
    else {
      cut = rest.lastIndexOf(" ", max - 1);
      cut = cut > max / 3 ? cut + 1 : max;
    }
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

function visible(s: string): string {
  return s.replace(ANSI, "");
}

/** Cut a line to `width` visible characters (keeping colour codes balanced by resetting at the cut). */
function fit(s: string, width: number): string {
  if (visible(s).length <= width) return s;
  let shown = 0;
  let out = "";
  for (let i = 0; i < s.length; ) {
    ANSI.lastIndex = i;
    const m = ANSI.exec(s);
    if (m && m.index === i) {
      out += m[0];
      i += m[0].length;
      continue;
    }
    if (shown === width - 1) break;
    out += s[i];
    shown++;
    i++;
  }
  return out + "…" + (out.includes("\x1b[") ? "\x1b[0m" : "");
}

function wrap(text: string, width: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let cur = "";
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}
