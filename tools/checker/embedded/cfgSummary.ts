// The few facts the embedded runner needs from a TLC model (.cfg): it reports a violated invariant by
// its position ("Invariant 1 violated"), so the names come from here.

export interface CfgSummary {
  /** INVARIANT / INVARIANTS names, in order. */
  invariants: string[];
  /** PROPERTY / PROPERTIES names, in order. */
  properties: string[];
  checkDeadlock?: boolean;
}

const KEYWORDS = new Set([
  "CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES",
  "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "CHECK_DEADLOCK",
  "POSTCONDITION", "ALIAS",
]);

export function summarizeCfg(text: string): CfgSummary {
  const tokens = text
    .replace(/\(\*[\s\S]*?\*\)/g, " ")
    .replace(/\\\*.*$/gm, " ")
    .split(/\s+/)
    .filter(Boolean);
  const summary: CfgSummary = { invariants: [], properties: [] };
  let section = "";
  for (const token of tokens) {
    if (KEYWORDS.has(token)) {
      section = token;
      continue;
    }
    if (section === "INVARIANT" || section === "INVARIANTS") summary.invariants.push(token);
    else if (section === "PROPERTY" || section === "PROPERTIES") summary.properties.push(token);
    else if (section === "CHECK_DEADLOCK" && (token === "TRUE" || token === "FALSE")) summary.checkDeadlock = token === "TRUE";
  }
  return summary;
}
