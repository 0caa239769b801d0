// Exit statuses and the one-line usage error every command shares.
export const EXIT = {
  ok: 0,
  /** A property is violated (and the scenario did not expect it), or an expected violation did not happen. */
  violated: 1,
  /** Bad input: unknown protocol or scenario, bad flags, compile errors. */
  badInput: 2,
  /** The checker failed: missing, crashed, out of memory, timed out. */
  checkerFailed: 3,
} as const;

export function usageError(message: string): number {
  process.stderr.write(`ts2tla: ${message}\nRun 'ts2tla --help' for usage.\n`);
  return EXIT.badInput;
}
