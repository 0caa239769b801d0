// Renders scenario reports as text, Markdown and JSON.
import type { ScenarioReport } from "../verify/scenario.ts";
import type { ReplayCheck } from "../verify/replay.ts";

const num = (n: number | undefined): string => (n === undefined ? "?" : n.toLocaleString("en-US"));
const secs = (s: number): string => `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;

function verdictText(r: ScenarioReport): string {
  if (r.verdict === "error") return `error: ${r.error?.message ?? "unknown"}`;
  const violated = r.properties.filter((p) => p.verdict === "violated");
  if (violated.length === 0) return "all properties hold";
  return violated.map((p) => `${p.name} violated${p.expected === "violated" ? " (expected)" : ""}`).join(", ");
}

/** The statistics worth showing: of a complete exploration when there was one. */
function shownStats(r: ScenarioReport): { stats: ScenarioReport["stats"]; partial: boolean } {
  return r.completeStats ? { stats: r.completeStats, partial: false } : { stats: r.stats, partial: r.verdict === "violated" };
}

export function renderText(r: ScenarioReport): string {
  const lines = [`${r.protocol} ${r.scenario} [${r.engine}]: ${verdictText(r)}`];
  const { stats, partial } = shownStats(r);
  // A run that failed before it counted anything has no statistics to show.
  const failedEarly = r.verdict === "error" && stats.distinctStates === undefined;
  const where = partial ? " (up to the first violation)" : r.verdict === "error" ? " (before the error)" : "";
  if (!failedEarly) {
    lines.push(`  ${num(stats.distinctStates)} distinct states${where}, ${num(stats.statesGenerated)} generated, depth ${num(stats.depth)}, ${secs(r.stats.seconds)}, ${r.runs} run${r.runs > 1 ? "s" : ""}`);
  }
  for (const p of r.properties) {
    const exp = p.expected ? ` (expected ${p.expected})` : "";
    const asExpected = p.verdict === (p.expected ?? "holds");
    const vacuous = p.vacuousOver ? `, vacuously: no process in ${p.vacuousOver}` : "";
    lines.push(`  ${p.verdict === "unknown" ? "??  " : asExpected ? "ok  " : "FAIL"} ${p.name}: ${p.verdict}${exp}${vacuous}`);
    if (p.replay) lines.push(...replayLines(p.replay));
  }
  for (const w of r.witnesses) lines.push(`  ${w.reached ? "ok  " : "FAIL"} witness ${w.name}: ${w.reached ? "reached" : "unreachable"}`);
  if (r.error?.hint) lines.push(`  hint: ${r.error.hint}`);
  for (const s of r.surprises) lines.push(`  unexpected: ${s}`);
  return lines.join("\n") + "\n";
}

function replayLines(r: ReplayCheck): string[] {
  if (r.ok === true) return [`         its counterexample replays in the TypeScript (${r.states} states match)`];
  if (r.ok === "not-run") return [`         not replayed in the TypeScript: ${r.reason}`];
  return [
    `  FAIL   translation bug: its counterexample does not replay in the TypeScript at state ${r.step}: ${r.message}`,
    ...r.diff.split("\n").map((l) => `         ${l}`),
  ];
}

const SUMMARY_HEAD = ["protocol", "scenario", "engine", "verdict", "distinct states", "depth", "time"];
const SUMMARY_RIGHT = new Set([4, 5, 6]);

/** One row per report: the columns of the summary tables. */
function summaryRows(reports: ScenarioReport[]): string[][] {
  return reports.map((r) => {
    const { stats, partial } = shownStats(r);
    return [r.protocol, r.scenario, r.engine, verdictText(r), `${num(stats.distinctStates)}${partial ? "*" : ""}`, num(stats.depth), secs(r.stats.seconds)];
  });
}

const PARTIAL_NOTE = "* up to the first violation: the checker stopped there.";

export function renderMarkdownTable(reports: ScenarioReport[]): string {
  const out = [`| ${SUMMARY_HEAD.join(" | ")} |`, `| ${SUMMARY_HEAD.map((_, i) => (SUMMARY_RIGHT.has(i) ? "---:" : "---")).join(" | ")} |`];
  for (const row of summaryRows(reports)) out.push(`| ${row.join(" | ")} |`);
  if (reports.some((r) => shownStats(r).partial)) out.push("", `\\${PARTIAL_NOTE}`);
  return out.join("\n") + "\n";
}

/** The same table as plain text, columns aligned: the end of a multi-scenario run on a terminal. */
export function renderSummaryTable(reports: ScenarioReport[]): string {
  const rows = [SUMMARY_HEAD, ...summaryRows(reports)];
  const widths = SUMMARY_HEAD.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const out = rows.map((r) => r.map((cell, i) => (SUMMARY_RIGHT.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd());
  if (reports.some((r) => shownStats(r).partial)) out.push(PARTIAL_NOTE);
  return `Summary\n${out.map((l) => `  ${l}`).join("\n")}\n`;
}

/** The JSON object per scenario that `ts2tla check --json` prints. */
export function reportJson(r: ScenarioReport): object {
  const violated = r.properties.find((p) => p.verdict === "violated");
  return {
    protocol: r.protocol,
    scenario: r.scenario,
    engine: r.engine,
    engineVersion: r.engineVersion,
    verdict: r.verdict,
    violatedProperty: r.violatedProperty ?? null,
    properties: Object.fromEntries(r.properties.map((p) => [p.name, { verdict: p.verdict, expected: p.expected ?? null, ...(p.replay ? { replay: p.replay } : {}) }])),
    witnesses: Object.fromEntries(r.witnesses.map((w) => [w.name, w.reached ? "reached" : "unreachable"])),
    statistics: {
      complete: r.completeStats !== undefined,
      completeDistinctStates: r.completeStats?.distinctStates ?? null,
      distinctStates: r.stats.distinctStates ?? null,
      statesGenerated: r.stats.statesGenerated ?? null,
      depth: r.stats.depth ?? null,
      seconds: r.stats.seconds,
      runs: r.runs,
    },
    surprises: r.surprises,
    error: r.error ?? null,
    counterexample: violated?.counterexample ?? null,
  };
}
