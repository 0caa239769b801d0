// Snapshot files for rendered output: test/snapshots/<dir>/<name>. A missing snapshot is written (and
// the test passes); UPDATE_SNAPSHOTS=1 rewrites every snapshot the tests touch.
import { expect } from "chai";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SNAPSHOTS = fileURLToPath(new URL("../snapshots/", import.meta.url));

export function matchSnapshot(relative: string, actual: string): void {
  const file = path.join(SNAPSHOTS, relative);
  if (process.env.UPDATE_SNAPSHOTS === "1" || !existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, "utf8");
  if (actual !== expected) {
    // chai's diff of long strings is unreadable; compare line by line for the first difference.
    const a = actual.split("\n");
    const e = expected.split("\n");
    const i = a.findIndex((l, k) => l !== e[k]);
    const at = i === -1 ? Math.min(a.length, e.length) : i;
    expect.fail(`${relative} differs from its snapshot at line ${at + 1}:\n  expected: ${JSON.stringify(e[at])}\n  actual:   ${JSON.stringify(a[at])}\n(run with UPDATE_SNAPSHOTS=1 to accept the new output)`);
  }
}
