// A full disk under the checker's temporary directory: how file system calls and Java report it.
import type { CheckError } from "./types.ts";

/** ENOSPC (or EDQUOT) from a file system call. */
export function isNoSpace(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOSPC" || code === "EDQUOT";
}

/** The text of ENOSPC (and EDQUOT) as Java prints it in an IOException. */
export const NO_SPACE_TEXT = /No space left on device|Disk quota exceeded/;

/** `what` ran out of space in the folder `where`. */
export function diskFullError(what: string, where?: string): CheckError {
  return {
    kind: "disk-full",
    message: `${what}${where ? ` in ${where}` : ""}: no space left on device`,
    hint: "Free space in the temporary directory (TMPDIR), or point TMPDIR at a disk with more room",
  };
}
