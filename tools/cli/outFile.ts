// `--out FILE`: opened before any work, so that a folder that is missing or read-only is one line and
// exit 2 up front, not a crash after a long check; one line on stderr names the file once written.
import fs from "node:fs";
import { EXIT } from "./exit.ts";

/** Opens FILE for writing, or prints one line and returns the bad-input status. */
export function openOutFile(file: string): number | { fd: number } {
  try {
    return { fd: fs.openSync(file, "w") };
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such folder" : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
    process.stderr.write(`ts2tla: cannot write --out ${file}: ${reason}\n`);
    return EXIT.badInput;
  }
}

export function reportWritten(file: string): void {
  process.stderr.write(`wrote ${file}\n`);
}
