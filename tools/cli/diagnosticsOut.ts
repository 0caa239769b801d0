// Compiler diagnostics on stderr: `file:line:col: CODE message` first (editors and problem matchers
// link it); on a terminal, or with TS2TLA_CODE_FRAME=1, the source line with a caret under the
// construct; TS2TLA_CODE_FRAME=0 leaves the frame out.
import { formatDiagnostic, type Diagnostic } from "../compiler/diagnostics.ts";

export function writeDiagnostics(diagnostics: readonly Diagnostic[]): void {
  const setting = process.env.TS2TLA_CODE_FRAME;
  const codeFrame = setting === "1" || (setting !== "0" && process.stderr.isTTY === true);
  for (const d of diagnostics) process.stderr.write(formatDiagnostic(d, process.cwd(), { codeFrame }) + "\n");
}
