// Download the pinned TLC release into the per-user cache. The v1.8.0 pre-release asset is rebuilt on
// every commit (its hash changes), so the pin is the last numbered release.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cachedJarPath } from "./discover.ts";

export interface TlcRelease {
  version: string;
  url: string;
  sha256: string;
}

export const PINNED_TLC: TlcRelease = {
  version: "v1.7.4",
  url: "https://github.com/tlaplus/tlaplus/releases/download/v1.7.4/tla2tools.jar",
  sha256: "936a262061c914694dfd669a543be24573c45d5aa0ff20a8b96b23d01e050e88",
};

export class TlcInstallError extends Error {
  readonly hint: string;

  constructor(message: string, hint: string) {
    super(message);
    this.name = "TlcInstallError";
    this.hint = hint;
  }
}

export interface InstallOptions {
  env?: Record<string, string | undefined>;
  /** Default 120 s for the whole download. */
  timeoutMs?: number;
  /** For tests: another release (URL and hash). */
  release?: TlcRelease;
  /** For tests: a stand-in for the global fetch. */
  fetch?: typeof fetch;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Put the pinned tla2tools.jar at `${XDG_CACHE_HOME:-~/.cache}/ts2tla/tla2tools.jar`, verified by
 * SHA-256. Returns at once if the right jar is already there. Throws TlcInstallError (one line + hint).
 */
export async function installPinnedTlc(opts: InstallOptions = {}): Promise<{ jarPath: string; sha256: string; downloaded: boolean }> {
  const release = opts.release ?? PINNED_TLC;
  const target = cachedJarPath(opts.env ?? process.env);
  const offlineHint = `Without internet, set TLA2TOOLS_JAR to a tla2tools.jar, or place one at ${target}`;

  if (exists(target)) {
    const existing = sha256(readFileSync(target));
    if (existing === release.sha256) return { jarPath: target, sha256: existing, downloaded: false };
    throw new TlcInstallError(
      `A different tla2tools.jar is already at ${target} (SHA-256 ${existing.slice(0, 12)}…)`,
      `Keep using it (it is found automatically), or delete it to install TLC ${release.version}`,
    );
  }

  const timeoutMs = opts.timeoutMs ?? 120_000;
  let bytes: Uint8Array;
  try {
    const response = await (opts.fetch ?? fetch)(release.url, { redirect: "follow", signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new TlcInstallError(`Could not download TLC ${release.version}: HTTP ${response.status} from ${release.url}`, offlineHint);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    if (e instanceof TlcInstallError) throw e;
    throw new TlcInstallError(`Could not download TLC ${release.version} from ${new URL(release.url).host}: ${networkCause(e, timeoutMs)}`, offlineHint);
  }

  const actual = sha256(bytes);
  if (actual !== release.sha256) {
    throw new TlcInstallError(
      `The downloaded tla2tools.jar has SHA-256 ${actual}, expected ${release.sha256}; it was not kept`,
      `Retry later; if it persists, download TLC ${release.version} yourself, check it, and set TLA2TOOLS_JAR`,
    );
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.part`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new TlcInstallError(`Could not write ${target}: ${(e as Error).message}`, "Check that the cache folder is writable, or set XDG_CACHE_HOME");
  }
  return { jarPath: target, sha256: actual, downloaded: true };
}

function exists(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function networkCause(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const code = err.cause?.code;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `cannot resolve the host (${code}); no internet?`;
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "ETIMEDOUT" || code === "ENETUNREACH") return `network error (${code})`;
  return (err.cause?.message ?? err.message ?? String(e)).split("\n")[0]!;
}
