// SANY's own report (unframed text between messages 2220 and 2219): parse vs semantic errors, and the
// first error in one line with its location.

export interface SanyReport {
  kind: "parse-error" | "semantic-error";
  /** One line: what is wrong and where. */
  summary: string;
  /** SANY's error text without the progress lines. */
  detail: string;
  location?: { module?: string; line: number; col: number };
  /** What to do, when SANY's complaint implies something specific. */
  hint?: string;
}

const NOISE = [/^Parsing file /, /^Semantic processing of module /, /^Linting of module /, /^\*{6} SANY2 Version/];

/** Undefined when the text reports no error. */
export function analyzeSanyText(lines: readonly string[]): SanyReport | undefined {
  const kept = lines.filter((l) => !NOISE.some((re) => re.test(l)));
  const detail = kept.join("\n").trim();
  if (!detail) return undefined;

  const missing = /Cannot find source file for module (\w+)(?: imported in module (\w+))?/.exec(detail);
  if (missing) {
    return {
      kind: "semantic-error",
      summary: `Module ${missing[1]} not found${missing[2] ? ` (imported by module ${missing[2]})` : ""}`,
      detail,
      hint: `Pass ${missing[1]}.tla in extraModules: TLC runs in a private directory and sees only the files it is given`,
    };
  }

  if (/\*\*\*Parse Error\*\*\*|Lexical error|Fatal errors while parsing/.test(detail)) {
    const module = /(?:Fatal errors while parsing TLA\+ spec in file|In module|Could not parse module)\s+(\w+)/.exec(detail)?.[1];
    const encountered = /Encountered "(.*?)" at line (\d+), column (\d+)/.exec(detail);
    const lexical = /Lexical error at line (\d+), column (\d+)\.\s*(.*)/.exec(detail);
    const expecting = /Was expecting:?\s*"?(.*?)"?\s*$/m.exec(detail)?.[1];
    const where = (line: number, col: number) => `${module ? `module ${module}, ` : ""}line ${line}, column ${col}`;
    if (encountered) {
      const line = Number(encountered[2]);
      const col = Number(encountered[3]);
      const summary = `Parse error in ${where(line, col)}: unexpected "${encountered[1]}"${expecting ? ` (expected ${expecting})` : ""}`;
      return { kind: "parse-error", summary, detail, location: withModule({ line, col }, module) };
    }
    if (lexical) {
      const line = Number(lexical[1]);
      const col = Number(lexical[2]);
      return { kind: "parse-error", summary: `Lexical error in ${where(line, col)}: ${lexical[3]!.trim()}`, detail, location: withModule({ line, col }, module) };
    }
    return { kind: "parse-error", summary: `Parse error${module ? ` in module ${module}` : ""}: ${firstMeaningfulLine(kept)}`, detail };
  }

  if (/Semantic errors:|\*\*\* Errors:/.test(detail)) {
    const at = /line (\d+), col (\d+) to line \d+, col \d+ of module (\w+)\s*\n+\s*(.+)/.exec(detail);
    if (at) {
      const line = Number(at[1]);
      const col = Number(at[2]);
      return {
        kind: "semantic-error",
        summary: `Semantic error in module ${at[3]}, line ${line}, column ${col}: ${at[4]!.trim()}`,
        detail,
        location: { module: at[3]!, line, col },
      };
    }
    return { kind: "semantic-error", summary: `Semantic error: ${firstMeaningfulLine(kept)}`, detail };
  }
  return undefined;
}

function withModule(loc: { line: number; col: number }, module: string | undefined): SanyReport["location"] {
  return module ? { module, ...loc } : loc;
}

function firstMeaningfulLine(lines: readonly string[]): string {
  return (
    lines.map((l) => l.trim()).find((l) => l && !/^(\*\*\*|Semantic errors:|Residual stack trace|In module|Fatal errors)/.test(l)) ??
    "see the SANY output"
  );
}
