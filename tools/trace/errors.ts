// The one error the trace stage throws: bad input it cannot turn into a Trace. Every other problem is
// a warning on the Trace. The message is one line saying what is wrong; the hint says what to do.

export type TraceErrorCode =
  /** The file is neither TLC `-tool` output nor a `-dumpTrace json` file. */
  | "unknown-format"
  /** The file is TLC output or a dump, but broken (cut short, garbled, invalid JSON). */
  | "unreadable"
  /** The run has no counterexample (the property held, or TLC failed before finding one). */
  | "no-counterexample"
  /** The trace's variables or actions do not belong to the protocol's source map. */
  | "protocol-mismatch"
  | "io";

export class TraceError extends Error {
  readonly code: TraceErrorCode;
  readonly hint: string;

  constructor(code: TraceErrorCode, message: string, hint: string) {
    super(oneLine(message));
    this.name = "TraceError";
    this.code = code;
    this.hint = oneLine(hint);
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}
