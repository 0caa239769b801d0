// Small helpers shared by the benchmarks.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CompiledProtocol } from "../compiler/index.ts";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const fmt = (n: number | undefined): string => (n === undefined ? "?" : Math.round(n).toLocaleString("en-US"));

/** Writes the protocol's generated files into a fresh temp directory, runs `fn`, removes the directory. */
export async function withGeneratedFiles<T>(c: CompiledProtocol, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-bench-"));
  try {
    for (const f of c.files) fs.writeFileSync(path.join(dir, path.basename(f.path)), f.text);
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A Markdown table; columns of figures are right-aligned. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = head.map((_, i) => i > 0 && rows.every((r) => /^[\d?]/.test(r[i]!) || r[i] === ""));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  return [line(head), `| ${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`, ...rows.map(line)].join("\n");
}
