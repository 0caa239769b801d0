// Pure extractors for the text inside individual TLC messages (counts, names, durations).

/** `5,994,083` → 5994083 (TLC groups digits by locale; the runner forces en-US). */
export function parseCount(text: string): number {
  return Number(text.replace(/[,\s\u00a0\u202f]/g, ""));
}

const COUNT = String.raw`(-?[\d,]+)`;

export interface ProgressCounts {
  depth?: number;
  statesGenerated: number;
  distinctStates: number;
  queue: number;
}

/** 2200 (and 2209 in simulation): `Progress(4) at ...: 6 states generated (693 s/min), 4 distinct states found (462 ds/min), 0 states left on queue.` */
export function parseProgress(text: string): ProgressCounts | undefined {
  const m = new RegExp(
    String.raw`Progress\((\d[\d,]*)\).*?:\s*${COUNT} states generated.*?,\s*${COUNT} distinct states found.*?,\s*${COUNT} states left on queue`,
    "s",
  ).exec(text);
  if (!m) return undefined;
  return { depth: parseCount(m[1]!), statesGenerated: parseCount(m[2]!), distinctStates: parseCount(m[3]!), queue: parseCount(m[4]!) };
}

/** 2199: `6 states generated, 4 distinct states found, 0 states left on queue.` */
export function parseFinalStats(text: string): { statesGenerated: number; distinctStates: number; queue: number } | undefined {
  const m = new RegExp(String.raw`${COUNT} states generated,\s*${COUNT} distinct states found,\s*${COUNT} states left on queue`).exec(text);
  if (!m) return undefined;
  return { statesGenerated: parseCount(m[1]!), distinctStates: parseCount(m[2]!), queue: parseCount(m[3]!) };
}

/** 2194: `The depth of the complete state graph search is 4.` */
export function parseDepth(text: string): number | undefined {
  const m = /search is\s+([\d,]+)/.exec(text);
  return m ? parseCount(m[1]!) : undefined;
}

/** 2190: `Finished computing initial states: 1 distinct state generated at ...` */
export function parseInitialStates(text: string): number | undefined {
  const m = /([\d,]+) distinct states? generated/.exec(text);
  return m ? parseCount(m[1]!) : undefined;
}

/** 2262: `TLC2 Version 2026.11.25.113257 (rev: cc6b616cf)` or `TLC2 Version 2.19 of 08 August 2024`. */
export function parseVersion(text: string): string | undefined {
  return /TLC2? Version \S.*?(?: \(rev: [0-9a-f]+\))?(?=\s*$)/m.exec(text)?.[0];
}

/** 2186: `Finished in 520ms at (...)`, `Finished in 01min 02s at ...`, `Finished in 1h 02min 03s ...`. */
export function parseFinishedSeconds(text: string): number | undefined {
  const m = /Finished in (.*?) at\b/.exec(text);
  if (!m) return undefined;
  const unit: Record<string, number> = { d: 86400, h: 3600, min: 60, s: 1, ms: 0.001 };
  let total = 0;
  let found = false;
  for (const part of m[1]!.matchAll(/(\d+)\s*(ms|min|d|h|s)\b/g)) {
    total += Number(part[1]) * unit[part[2]!]!;
    found = true;
  }
  return found ? total : undefined;
}

/** 2110 / 2107: `Invariant Small is violated.` / `Invariant Pos is violated by the initial state:` */
export function parseInvariantName(text: string): string | undefined {
  return /^Invariant (\S+) is violated/m.exec(text)?.[1];
}

/** 2112: `Action property Monotone is violated.` */
export function parseActionPropertyName(text: string): string | undefined {
  return /^Action property (\S+) is violated/m.exec(text)?.[1];
}

/**
 * 2116 / 2108: `Temporal property X was violated.`, `Temporal properties X and Y were violated.`,
 * or (TLC 2.19) `Temporal properties were violated.` without names.
 */
export function parsePropertyNames(text: string): string[] {
  const m = /propert(?:y|ies)\s+(.*?)\s+(?:is|was|were|are)\s+violated/i.exec(text);
  if (!m) return [];
  return m[1]!
    .split(/\s*,\s*|\s+and\s+/)
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z_][\w!]*$/.test(s));
}

export interface SourceRange {
  module: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** `line 4, col 21 to line 4, col 25 of module Assume` (TLC's location format). */
export function parseLocation(text: string): SourceRange | undefined {
  const m = /line (\d+), col (\d+) to line (\d+), col (\d+) of module (\w+)/.exec(text);
  if (!m) return undefined;
  return { line: Number(m[1]), col: Number(m[2]), endLine: Number(m[3]), endCol: Number(m[4]), module: m[5]! };
}

/** 2103: the innermost position of `N. Line 6, column 14 to line 6, column 21 in Eval`. */
export function parseInnermostPosition(text: string): SourceRange | undefined {
  let last: SourceRange | undefined;
  for (const m of text.matchAll(/\d+\. Line (\d+), column (\d+) to line (\d+), column (\d+) in (\w+)/g)) {
    last = { line: Number(m[1]), col: Number(m[2]), endLine: Number(m[3]), endCol: Number(m[4]), module: m[5]! };
  }
  return last;
}

/** Several lines of TLC text as one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\s+/g, " ").trim();
}
