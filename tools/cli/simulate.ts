// ts2tla simulate: run a protocol's TypeScript as a program, one random enabled step at a time
// (seeded), checking the scenario's invariants and TypeOK in every state.
import fs from "node:fs";
import path from "node:path";
import { CompileError } from "../compiler/diagnostics.ts";
import { writeDiagnostics } from "./diagnosticsOut.ts";
import { compileFile, type CompiledProtocol } from "../compiler/index.ts";
import { ProtocolRuntime, RuntimeSetupError, StepError } from "../runtime/runtime.ts";
import { simulateRuntime, type SimulatedState, type SimulationResult } from "../runtime/simulate.ts";
import { formatTs } from "../runtime/format.ts";
import { EXIT, usageError } from "./exit.ts";
import { loadProtocols, projectRoot } from "./protocols.ts";

/** The options `simulate` reads (a subset of the CLI's options). */
export interface SimulateCliOptions {
  scenario?: string;
  json?: boolean;
  steps?: string;
  seed?: string;
  runs?: string;
}

const DEFAULT_STEPS = 100;

export async function runSimulate(opts: SimulateCliOptions, args: string[]): Promise<number> {
  if (args.length !== 1) return usageError(args.length ? `simulate takes one protocol (got '${args.join(" ")}')` : "name the protocol to simulate");
  const steps = opts.steps === undefined ? DEFAULT_STEPS : Number(opts.steps);
  if (!Number.isInteger(steps) || steps < 0) return usageError("--steps takes a whole number of steps (0 or more)");
  const seed = opts.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(opts.seed);
  if (!Number.isInteger(seed) || Math.abs(seed) > 2 ** 53) return usageError("--seed takes a whole number");
  const runs = opts.runs === undefined ? 1 : Number(opts.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 1_000_000) return usageError("--runs takes a whole number of walks, 1 to 1000000");

  const root = projectRoot();
  const found = await findProtocol(args[0]!, root);
  if (typeof found === "number") return found;
  const { compiled, cwd } = found;
  const scenarios = compiled.ir.scenarios.map((s) => s.name);
  const scenario = opts.scenario ?? (scenarios.length === 1 ? scenarios[0] : undefined);
  if (!scenario) return usageError(`${compiled.name} has several scenarios; pick one with --scenario (${scenarios.join(", ")})`);
  if (!scenarios.includes(scenario)) return usageError(`unknown scenario '${scenario}' of ${compiled.name}; known: ${scenarios.join(", ")}`);

  let result: SimulationResult;
  let walks = 0;
  try {
    const rt = await ProtocolRuntime.fromCompiled(compiled, scenario, { cwd });
    do result = simulateRuntime(rt, { steps, seed: seed + walks++ });
    while (!result.violation && walks < runs);
  } catch (e) {
    if (e instanceof RuntimeSetupError) return usageError(e.message);
    if (e instanceof StepError) {
      process.stderr.write(`ts2tla: the protocol failed while running: ${e.message}\n`);
      return EXIT.checkerFailed;
    }
    throw e;
  }
  const many = runs > 1 ? { walks, runs, firstSeed: seed } : undefined;
  process.stdout.write(opts.json ? JSON.stringify(many ? { ...result, ...many } : result, jsonValue) + "\n" : (many ? walksLine(result, many) : "") + renderSimulation(result));
  return result.violation ? EXIT.violated : EXIT.ok;
}

/** With --runs: how many walks ran, and which one is shown. */
function walksLine(r: SimulationResult, m: { walks: number; runs: number; firstSeed: number }): string {
  return r.violation
    ? `walk ${m.walks} of ${m.runs} (seed ${r.seed}) violates a property; the first ${m.walks - 1} did not:\n`
    : `${m.runs} walks (seeds ${m.firstSeed}..${m.firstSeed + m.runs - 1}) found no violation; the last one:\n`;
}

/** A protocol by name (under spec-src/) or by path to its file. */
async function findProtocol(arg: string, root: string): Promise<{ compiled: CompiledProtocol; cwd: string } | number> {
  if (arg.endsWith(".ts") || arg.includes("/") || arg.includes(path.sep)) {
    const file = path.resolve(arg);
    if (!fs.existsSync(file)) return usageError(`no such file: ${arg}`);
    try {
      return { compiled: compileFile(file, root), cwd: root };
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      writeDiagnostics(e.diagnostics);
      return EXIT.badInput;
    }
  }
  const one = await loadProtocols(root, arg);
  if (!one) return EXIT.badInput;
  const compiled = one.find((c) => c.name === arg);
  if (!compiled) {
    const all = await loadProtocols(root);
    if (!all) return EXIT.badInput;
    return usageError(`unknown protocol '${arg}'; known: ${all.map((c) => c.name).join(", ")}`);
  }
  return { compiled, cwd: root };
}

/** JSON: sets become arrays. */
function jsonValue(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value] : value;
}

// ---- text output ----

export function renderSimulation(r: SimulationResult): string {
  const out: string[] = [];
  out.push(`simulate ${r.protocol}, scenario ${r.scenario}: seed ${r.seed}, at most ${r.maxSteps} steps`);
  const width = Math.max(12, ...r.states.map((st) => stepName(st).length));
  let prev: SimulatedState | undefined;
  for (const st of r.states) {
    const head = `  #${String(st.index).padEnd(4)}${stepName(st).padEnd(width)}  `;
    const pad = " ".repeat(head.length);
    const lines = prev ? changes(prev, st) : [`s = ${formatTs(st.s)}`, `pc: ${Object.entries(st.pc).map(([p, l]) => `${p}=${l}`).join(" ")}`, ...localsLines(st)];
    if (lines.length === 0) lines.push("(no change)");
    out.push(head + lines[0], ...lines.slice(1).map((l) => pad + l));
    prev = st;
  }
  const last = r.states.length - 1;
  const steps = `${last} step${last === 1 ? "" : "s"}`;
  switch (r.stop) {
    case "step-limit":
      out.push(`stopped after ${steps} (the step limit)`);
      break;
    case "terminated":
      out.push(`every process is done after ${steps}`);
      break;
    case "deadlock":
      out.push(`deadlock after ${steps}: no process can take a step${r.deadlockChecked ? " (TLC reports this as an error in this scenario)" : " (this scenario does not check for deadlocks)"}`);
      break;
    case "invariant-violated":
      break;
  }
  if (r.violation) {
    const st = r.states[r.violation.state]!;
    const what = r.violation.kind === "action" ? `ACTION PROPERTY VIOLATED on the step into state #${r.violation.state}` : `INVARIANT VIOLATED in state #${r.violation.state}`;
    out.push(`${what}: ${r.violation.invariant}: ${r.violation.message}`);
    out.push(`  s = ${formatTs(st.s)}`, `  pc: ${Object.entries(st.pc).map(([p, l]) => `${p}=${l}`).join(" ")}`, ...localsLines(st).map((l) => `  ${l}`));
  } else {
    out.push(`invariants held in all ${r.states.length} states: ${r.invariants.join(", ")}`);
    if (r.actions.length) out.push(`action properties held on every step: ${r.actions.join(", ")}`);
  }
  const witnesses = Object.entries(r.witnesses);
  if (witnesses.length) out.push(`witnesses: ${witnesses.map(([w, at]) => (at === null ? `${w} not reached` : `${w} reached in state #${at}`)).join(", ")}`);
  if (r.unreadLocals.length) out.push(`note: process locals not read (not checked by TypeOK): ${r.unreadLocals.join(", ")}`);
  return out.join("\n") + "\n";
}

function stepName(st: SimulatedState): string {
  if (!st.step) return "initial";
  return `${st.step.pid} ${st.step.label}${st.step.picks.length ? ` [${st.step.picks.join(", ")}]` : ""}`;
}

function localsLines(st: SimulatedState): string[] {
  const entries = Object.entries(st.locals).filter(([, l]) => Object.keys(l).length);
  return entries.length ? [`locals: ${entries.map(([p, l]) => `${p} ${formatTs(l)}`).join("; ")}`] : [];
}

/** What a step changed: `s.a.b = v` per changed part, the pc and locals of processes that moved. */
function changes(a: SimulatedState, b: SimulatedState): string[] {
  const parts: string[] = [];
  diffTs(a.s, b.s, "s", parts);
  const moved = Object.keys(b.pc).filter((p) => a.pc[p] !== b.pc[p]);
  const lines = parts.length ? [parts.join("; ")] : [];
  if (moved.length) lines.push(`pc: ${moved.map((p) => `${p}=${b.pc[p]}`).join(" ")}`);
  const locals: string[] = [];
  for (const [p, l] of Object.entries(b.locals)) diffTs(a.locals[p] ?? {}, l, p, locals);
  if (locals.length) lines.push(`locals: ${locals.join("; ")}`);
  return lines;
}

function diffTs(a: unknown, b: unknown, at: string, out: string[]): void {
  if (formatTs(a) === formatTs(b)) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) diffTs(a[k], b[k], /^[A-Za-z_$][\w$]*$/.test(k) ? `${at}.${k}` : `${at}[${JSON.stringify(k)}]`, out);
    return;
  }
  out.push(`${at} = ${formatTs(b)}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Set);
}
