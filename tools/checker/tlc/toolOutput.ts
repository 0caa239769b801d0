// Streaming parser of TLC's `-tool` output. Frames look like
//   @!@!@STARTMSG <code>:<severity> @!@!@ ... @!@!@ENDMSG <code> @!@!@
// They nest and may start in the middle of a line, so the parser scans for markers in the raw stream
// (chunks of any size, a marker may be split across chunks) and keeps a stack of open frames.
// Text outside any frame (SANY's report, Print output, "CounterExample written: ...") is kept as lines.

export interface ToolMessage {
  code: number;
  severity: number;
  /** The message's own text and its nested messages, in order. */
  parts: Array<string | ToolMessage>;
  /** The message's own text without nested messages, trailing newlines removed. */
  text: string;
  /** The stream ended (or a mismatched end marker arrived) before this frame was closed. */
  truncated?: boolean;
}

export type ToolEvent =
  /** A top-level frame, closed. Nested frames are inside its `parts`. */
  | { kind: "message"; message: ToolMessage }
  /** One line of text outside any frame, without its line break. */
  | { kind: "text"; text: string };

const MARK = "@!@!@";
const START_RE = /^@!@!@STARTMSG (\d+):(\d+) @!@!@/;
const END_RE = /^@!@!@ENDMSG (\d+) @!@!@/;
/** Longer than any real marker; a candidate that grows past this without matching is plain text. */
const MAX_MARKER_LENGTH = 48;

interface OpenFrame {
  code: number;
  severity: number;
  parts: Array<string | ToolMessage>;
}

export class ToolOutputParser {
  private buffer = "";
  private readonly stack: OpenFrame[] = [];
  private partialLine = "";
  /** A marker was just consumed: drop the line break that follows it. */
  private dropLineBreak = false;
  private events: ToolEvent[] = [];

  /** Feed a chunk; returns the events it completed. */
  push(chunk: string): ToolEvent[] {
    this.buffer += chunk;
    this.scan(false);
    return this.take();
  }

  /** The stream ended: flush text and close open frames as truncated. */
  end(): ToolEvent[] {
    this.scan(true);
    if (this.buffer) this.content(this.buffer);
    this.buffer = "";
    while (this.stack.length > 0) this.close(this.stack.length - 1, true);
    if (this.partialLine) this.emitLine(this.partialLine);
    this.partialLine = "";
    return this.take();
  }

  private take(): ToolEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  private scan(final: boolean): void {
    for (;;) {
      if (this.dropLineBreak) {
        if (this.buffer.startsWith("\r\n")) this.buffer = this.buffer.slice(2);
        else if (this.buffer.startsWith("\n")) this.buffer = this.buffer.slice(1);
        else if ((this.buffer === "" || this.buffer === "\r") && !final) return;
        this.dropLineBreak = false;
      }
      const at = this.buffer.indexOf(MARK);
      if (at === -1) {
        // Hold back a tail that could be the beginning of a marker.
        const keep = final ? 0 : heldBackLength(this.buffer);
        this.content(this.buffer.slice(0, this.buffer.length - keep));
        this.buffer = this.buffer.slice(this.buffer.length - keep);
        return;
      }
      if (at > 0) {
        this.content(this.buffer.slice(0, at));
        this.buffer = this.buffer.slice(at);
      }
      const start = START_RE.exec(this.buffer);
      if (start) {
        this.open(Number(start[1]), Number(start[2]));
        this.consume(start[0].length);
        continue;
      }
      const end = END_RE.exec(this.buffer);
      if (end) {
        this.closeCode(Number(end[1]));
        this.consume(end[0].length);
        continue;
      }
      const candidate = this.buffer.slice(0, MAX_MARKER_LENGTH);
      if (!final && this.buffer.length < MAX_MARKER_LENGTH && !candidate.includes("\n")) return; // wait for more
      this.content(MARK);
      this.buffer = this.buffer.slice(MARK.length);
    }
  }

  private consume(n: number): void {
    this.buffer = this.buffer.slice(n);
    this.dropLineBreak = true;
  }

  private content(text: string): void {
    if (!text) return;
    const top = this.stack[this.stack.length - 1];
    if (top) {
      const last = top.parts[top.parts.length - 1];
      if (typeof last === "string") top.parts[top.parts.length - 1] = last + text;
      else top.parts.push(text);
      return;
    }
    const lines = (this.partialLine + text).split("\n");
    this.partialLine = lines.pop() ?? "";
    for (const line of lines) this.emitLine(line);
  }

  private emitLine(line: string): void {
    this.events.push({ kind: "text", text: line.replace(/\r$/, "") });
  }

  private open(code: number, severity: number): void {
    if (this.stack.length === 0 && this.partialLine) {
      // A frame starting mid-line ends the unframed text before it.
      this.emitLine(this.partialLine);
      this.partialLine = "";
    }
    this.stack.push({ code, severity, parts: [] });
  }

  private closeCode(code: number): void {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      if (this.stack[i]!.code === code) {
        this.close(i, false);
        return;
      }
    }
    // An end marker without a matching start: ignore it.
  }

  /** Close the frame at `index` (and, as truncated, any frames still open inside it). */
  private close(index: number, truncated: boolean): void {
    while (this.stack.length > index) {
      const frame = this.stack.pop()!;
      const inner = this.stack.length > index;
      const message = finish(frame, truncated || inner);
      const parent = this.stack[this.stack.length - 1];
      if (parent) parent.parts.push(message);
      else this.events.push({ kind: "message", message });
    }
  }
}

function finish(frame: OpenFrame, truncated: boolean): ToolMessage {
  const parts = frame.parts.map((p) => (typeof p === "string" ? p.replace(/\r\n/g, "\n") : p));
  const own = parts.filter((p): p is string => typeof p === "string").join("");
  const message: ToolMessage = { code: frame.code, severity: frame.severity, parts, text: trimLineBreaks(own) };
  if (truncated) message.truncated = true;
  return message;
}

function trimLineBreaks(s: string): string {
  return s.replace(/[\r\n]+$/, "");
}

/** How many trailing characters of `s` are a proper prefix of the marker. */
function heldBackLength(s: string): number {
  for (let n = Math.min(MARK.length - 1, s.length); n > 0; n--) {
    if (MARK.startsWith(s.slice(s.length - n))) return n;
  }
  return 0;
}

/** The message's text with nested messages' text in place, trailing newlines removed. */
export function fullText(message: ToolMessage): string {
  return trimLineBreaks(message.parts.map((p) => (typeof p === "string" ? p : fullText(p) + "\n")).join(""));
}

/** Parse a complete output at once. */
export function parseToolOutput(text: string): ToolEvent[] {
  const parser = new ToolOutputParser();
  return [...parser.push(text), ...parser.end()];
}

/** The top-level messages of a list of events. */
export function messagesOf(events: readonly ToolEvent[]): ToolMessage[] {
  return events.flatMap((e) => (e.kind === "message" ? [e.message] : []));
}
