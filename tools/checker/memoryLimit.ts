// A memory cap per checker run: sizes as the command line takes them, the resident memory of a
// process tree (Linux /proc), and a watchdog that says when a run goes over its cap.
import { readFileSync } from "node:fs";
import type { CheckError } from "./types.ts";

const UNITS: Record<string, number> = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };

/** Bytes of `512m`, `4g`, `100k` or a plain number of bytes; null when it is not a size. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)([kmg]?)b?$/i.exec(text.trim());
  if (!m) return null;
  const bytes = Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
  return bytes > 0 ? bytes : null;
}

export function formatSize(bytes: number): string {
  if (bytes >= UNITS.g! && bytes % UNITS.g! === 0) return `${bytes / UNITS.g!}g`;
  return `${Math.max(1, Math.round(bytes / UNITS.m!))}m`;
}

/**
 * TLC's Java heap under a memory cap, when no heap is given: the JVM needs room beyond its heap
 * (metaspace, thread stacks, direct buffers for TLC's fingerprint set), so the heap gets 60%.
 */
export function heapUnderCap(capBytes: number): string {
  return `${Math.max(16, Math.floor((capBytes * 0.6) / UNITS.m!))}m`;
}

/** Resident memory in bytes of `pid` and all its descendants; undefined once it is gone. */
export function treeRss(pid: number): number | undefined {
  const own = rssOf(pid);
  if (own === undefined) return undefined;
  let total = own;
  for (const child of childrenOf(pid)) total += treeRss(child) ?? 0;
  return total;
}

function rssOf(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Samples `measure` until stopped; calls `onExceeded` once, with the measured bytes, when over `capBytes`. */
export function watchMemory(measure: () => number | undefined, capBytes: number, onExceeded: (bytes: number) => void, intervalMs = 200): () => void {
  const timer = setInterval(() => {
    const bytes = measure();
    if (bytes !== undefined && bytes > capBytes) {
      clearInterval(timer);
      onExceeded(bytes);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function overMemoryError(who: string, bytes: number, capBytes: number): CheckError {
  return {
    kind: "out-of-memory",
    message: `${who} used ${formatSize(bytes)} of memory, over the cap of ${formatSize(capBytes)}, and was stopped`,
    hint: "Raise the cap (--memory), or make the model smaller (fewer processes, smaller constants)",
  };
}
