// What `-help` and `-version` said about a TLC, kept on disk per TLC (path, size, mtime) and Java, so
// that each `ts2tla check` does not start two JVMs to ask again. Any problem with the cache (missing,
// unreadable, damaged, read-only) means probing as if there were none.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface ProbeResult {
  version?: string;
  options: string[];
}

type Env = Record<string, string | undefined>;

function entryPath(dir: string, key: string): string {
  return path.join(dir, "probes", `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`);
}

export function readCachedProbe(dir: string, key: string): ProbeResult | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(entryPath(dir, key), "utf8")) as { key?: unknown; options?: unknown; version?: unknown };
    if (entry.key !== key || !Array.isArray(entry.options) || !entry.options.every((o) => typeof o === "string")) return undefined;
    const out: ProbeResult = { options: entry.options as string[] };
    if (typeof entry.version === "string") out.version = entry.version;
    return out;
  } catch {
    return undefined;
  }
}

export function writeCachedProbe(dir: string, key: string, probe: ProbeResult): void {
  const file = entryPath(dir, key);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify({ key, ...probe }));
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

/** Probe caching is on unless TS2TLA_NO_PROBE_CACHE=1. */
export function probeCacheEnabled(env: Env): boolean {
  return env.TS2TLA_NO_PROBE_CACHE !== "1";
}
