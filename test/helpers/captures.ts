// Reading the recorded TLC outputs in test/fixtures (tlc-captures: shared captures; tlc-runs: ours).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { interpretTlcOutput } from "../../tools/checker/tlc/result.ts";
import { parseToolOutput } from "../../tools/checker/tlc/toolOutput.ts";
import type { CheckResult } from "../../tools/checker/types.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
export const CURRENT = path.join(FIXTURES, "tlc-captures/out");
export const V174 = path.join(FIXTURES, "tlc-captures/out-v1.7.4");
export const OURS = path.join(FIXTURES, "tlc-runs");

export interface Capture {
  stdout: string;
  stderr?: string;
  exitCode?: number;
  jsonDump?: string;
  userOutput?: string;
}

function optional(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** `base` is the file name without `.stdout.txt`, e.g. `Inv.tool` or `Race`. */
export function readCapture(dir: string, base: string): Capture {
  const c: Capture = { stdout: readFileSync(path.join(dir, `${base}.stdout.txt`), "utf8") };
  const stderr = optional(path.join(dir, `${base}.stderr.txt`));
  const exit = optional(path.join(dir, `${base}.exitcode.txt`))?.trim();
  const json = optional(path.join(dir, `${base}.trace.json`));
  const user = optional(path.join(dir, `${base}.user.txt`));
  if (stderr !== undefined) c.stderr = stderr;
  if (exit) c.exitCode = Number(exit);
  if (json !== undefined) c.jsonDump = json;
  if (user !== undefined) c.userOutput = user;
  return c;
}

export function captureNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".stdout.txt"))
    .map((f) => f.slice(0, -".stdout.txt".length))
    .sort();
}

/** The CheckResult a recorded run maps to (as runTlc would produce it, minus wall-clock time). */
export function interpretCapture(c: Capture, opts: { withJson?: boolean; ranWithUserFile?: boolean } = {}): CheckResult {
  const userOutput = c.userOutput ?? (opts.ranWithUserFile ? "" : undefined);
  return interpretTlcOutput({
    events: parseToolOutput(c.stdout),
    ...(c.stderr !== undefined ? { stderr: c.stderr } : {}),
    ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
    ...(c.jsonDump !== undefined && opts.withJson !== false ? { jsonDump: c.jsonDump } : {}),
    ...(userOutput !== undefined ? { userOutput } : {}),
  });
}

/** A recorded run of one of our specs (tlc-runs/), as runTlc produced it (it always passes -userFile). */
export function recordedRun(name: string): CheckResult {
  return interpretCapture(readCapture(OURS, name), { ranWithUserFile: true });
}
