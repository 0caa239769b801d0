// The semantics corpus's harness (test/semantics/): small protocols, each pinned down either by the
// diagnostic it must give (code and position) or by a run on TLC, on the TS engine and in the runtime
// (exhaustive exploration and random `simulate` walks), which must give the same verdicts and reach
// the same states.
//
// A case is written as a snippet (state fields, init, the statements of one process) that `protocolText`
// expands into a whole protocol file, or as a whole file (`src`). A diagnostic's position is where the
// marker `/*@*/` stands in the text (the marker is removed), or an explicit line and column.
import type { Project } from "ts-morph";
import type { CompiledProtocol } from "../../tools/compiler/index.ts";
import type { Diagnostic } from "../../tools/compiler/diagnostics.ts";
import { ProtocolRuntime, StepError, exploreStates, simulateRuntime, type RtState } from "../../tools/runtime/index.ts";
import { printTla } from "../../tools/runtime/tlaValues.ts";
import type { StatePredicate } from "../../tools/lang/index.ts";
import type { ScenarioReport } from "../../tools/verify/scenario.ts";
import type { TlaValue } from "../../tools/checker/types.ts";
import { ProtocolFolder } from "./protocolFolder.ts";

export type Verdict = "holds" | "violated";
export type WitnessVerdict = "reached" | "unreached";

export interface Snippet {
  /** State fields, one per line or separated by `;` (`q: Int<0, 3>[]; n: Int<-1, 3>`). */
  state: string;
  /** The initial state: an object literal. */
  init?: string;
  /** The whole init function instead of `init` (`(c) => { ...; return { ... }; }`). */
  initFn?: string;
  /** The statements of process `main` after its first step `yield "a"` (more `yield`s may follow). */
  body?: string;
  /** The whole `processes: { ... }` contents instead of `body`. */
  processes?: string;
  /** Module-level declarations (types, helpers, constants) before the protocol. */
  top?: string;
  /** Properties: name → `invariant(...)`, `witness(...)`. */
  props?: Record<string, string>;
  /** The `Constants` interface's fields and the scenario's values. */
  constants?: { decl: string; values: string };
  /** More fields of the scenario `run` (`fairness: { main: "none" }`). */
  scenario?: string;
}

export type Expectation =
  | { diagnostic: string | RegExp; message?: RegExp; line?: number; col?: number }
  | { run: true; verdicts: Record<string, Verdict | WitnessVerdict>; states?: number; error?: RegExp };

export interface Case {
  name: string;
  /** The class of the issue it covers (the corpus's file). */
  group: string;
  /** A snippet, or a whole protocol file (it must define a scenario named `run`). */
  snippet?: Snippet;
  src?: string;
  expect: Expectation;
}

/** `{ diagnostic }` expectation; position from the `/*@*\/` marker unless given. */
export function diag(code: string | RegExp, opts: { message?: RegExp; line?: number; col?: number } = {}): Expectation {
  return { diagnostic: code, ...opts };
}

/**
 * `{ run }` expectation: every verdict not listed must be "holds" (TypeOK and deadlock included), every
 * witness not listed "reached". With `error`: instead, every engine stops with a run-time error (the
 * TypeScript throws, the TLA+ fails an Assert) whose message matches.
 */
export function run(verdicts: Record<string, Verdict | WitnessVerdict> = {}, opts: { states?: number; error?: RegExp } = {}): Expectation {
  return { run: true, verdicts, ...opts };
}

export const MARKER = "/*@*/";

const LANG_NAMES = [
  "all", "any", "at", "byPid", "copy", "done", "equals", "eventually", "forAll", "invariant", "isIn", "leadsTo", "nondet",
  "oneOf", "process", "processSet", "protocol", "range", "setOf", "step", "temporal", "when", "witness", "always",
  "union", "intersection", "difference", "isSubsetOf", "isSupersetOf", "isDisjointFrom", "filterSet", "mapSet", "pick", "action", "others", "alwaysEventually", "eventuallyAlways", "local", "ValueSet", "fnOn", "subsets",
];
const LANG_TYPES = ["Int", "Pid", "PidSet", "ByPid", "ReadonlyValueSet", "FnOn"];

function indent(text: string, pad: string): string {
  const lines = text.replace(/^\n+|\s+$/g, "").split("\n");
  const common = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => (l.trim() ? pad + l.slice(common) : "")).join("\n");
}

/**
 * The protocol file of a snippet. `explore`: add an invariant that always holds, so that a checker
 * whose other checks are all violated still explores every state (for the state-graph comparison).
 */
export function protocolText(s: Snippet, explore = false): string {
  const fields = s.state.split(/;|\n/).map((f) => f.trim()).filter(Boolean);
  const props = Object.entries({ ...s.props, ...(explore ? { explores: "invariant(() => true)" } : {}) });
  const processes = s.processes
    ? indent(s.processes, "    ")
    : `    main: process(function* (self, s${s.constants ? ", c" : ""}) {\n      yield "a";\n${indent(s.body ?? "", "      ")}\n    }),`;
  const constants = s.constants ? `\ninterface Constants {\n${s.constants.decl.split(/;|\n/).map((f) => f.trim()).filter(Boolean).map((f) => `  ${f};`).join("\n")}\n}\n` : "";
  const body = `${s.top ? `\n${indent(s.top, "")}\n` : ""}
interface State {
${fields.map((f) => `  ${f};`).join("\n")}
}
${constants}
export default protocol<State${s.constants ? ", Constants" : ""}>({
  init: ${s.initFn ?? `() => (${s.init})`},
  processes: {
${processes}
  },
  properties: {
${props.map(([n, p]) => `    ${n}: ${p},`).join("\n")}
  },
  scenarios: {
    run: { constants: ${s.constants ? s.constants.values : "{}"}, deadlock: false${s.scenario ? `, ${s.scenario}` : ""} },
  },
});
`;
  const used = LANG_NAMES.filter((n) => new RegExp(`\\b${n}[(<]`).test(body)).sort();
  const types = LANG_TYPES.filter((n) => new RegExp(`\\b${n}\\b`).test(body)).map((n) => `type ${n}`);
  return `import { ${[...used, ...types].join(", ")} } from "ts2tla";\n${body}`;
}

/** The text with the marker removed, and the marker's 1-based line and column. */
export function placeMarker(text: string): { text: string; line?: number; col?: number } {
  const at = text.indexOf(MARKER);
  if (at < 0) return { text };
  if (text.indexOf(MARKER, at + 1) >= 0) throw new Error("two position markers");
  const before = text.slice(0, at).split("\n");
  return { text: text.slice(0, at) + text.slice(at + MARKER.length), line: before.length, col: before[before.length - 1]!.length + 1 };
}

/** The corpus's folder: its protocols import "ts2tla" as a user's do. */
export class CaseFolder extends ProtocolFolder {
  constructor() {
    super("semantics");
  }
}

export type CompileOutcome = { ok: true; compiled: CompiledProtocol; text: string } | { ok: false; diagnostics: Diagnostic[]; text: string; line?: number; col?: number };

/** Writes the case's file (`<name>.ts`: the module is named after it) and compiles it. */
export function compileCase(project: Project, folder: CaseFolder, c: Case): CompileOutcome {
  const violates = "run" in c.expect && Object.values(c.expect.verdicts).includes("violated");
  const raw = c.src ?? protocolText(c.snippet!, violates);
  const { text, line, col } = placeMarker(raw);
  const out = folder.compile(project, c.name, text);
  return out.ok ? { ok: true, compiled: out.compiled, text } : { ok: false, diagnostics: out.diagnostics, text, line, col };
}

/** The text with line numbers, for failure messages. */
export function numbered(text: string): string {
  return text.split("\n").map((l, i) => `${String(i + 1).padStart(3)}| ${l}`).join("\n");
}

/** A state as a string: its variables, sorted, as TLA+ values. */
export function stateKey(vars: Record<string, TlaValue>): string {
  return Object.keys(vars).sort().map((k) => `${k}=${printTla(vars[k]!)}`).join(";");
}

export interface RuntimeOutcome {
  /** Keys of every reachable state (exhaustive exploration). */
  keys: Set<string>;
  complete: boolean;
  /** TypeOK, invariants and deadlock as the runtime's exploration decides them; witnesses reached or not. */
  verdicts: Record<string, Verdict | WitnessVerdict>;
  /** Random walks: the keys of the states they visit and the invariant each one stops on. */
  walks: Array<{ seed: number; keys: string[]; violation?: string }>;
  /** Run-time errors of the reachable states (a value TLA+ cannot hold, e.g. an array's property "-1"). */
  errors: string[];
}

/**
 * The protocol run by the runtime itself: every reachable state (breadth first, every process and
 * every choice), the verdicts evaluated on them, and a few seeded `simulate` walks. Locals the
 * runtime has not seen in scope count at their TLA+ default, as in the TS engine; they are read after
 * every step (the TS engine reads them only after steps whose translation writes one).
 */
export async function runtimeOutcome(compiled: CompiledProtocol, scenario: string, opts: { maxStates: number; walks: number; steps: number }): Promise<RuntimeOutcome> {
  const rt = await ProtocolRuntime.fromCompiled(compiled, scenario, { unknownLocals: "default" });
  let ex: ReturnType<typeof exploreStates>;
  try {
    ex = exploreStates(rt, { maxStates: opts.maxStates, keepStates: true });
  } catch (e) {
    // A step that throws (e.g. pick() on an empty set) is the run-time error itself.
    if (!(e instanceof StepError)) throw e;
    return { keys: new Set(), complete: false, verdicts: {}, walks: [], errors: [e.message] };
  }
  const states = ex.states!;
  const keys = new Set(states.map((st) => stateKey(rt.encode(st).vars)));
  const errors = states.flatMap((st) => rt.encode(st).errors);
  const props = rt.decl.properties ?? {};
  const verdicts: RuntimeOutcome["verdicts"] = {};
  if (ex.complete) {
    verdicts.TypeOK = states.some((st) => rt.encode(st).problems.length > 0) ? "violated" : "holds";
    for (const name of rt.scenario.properties) {
      const p = props[name];
      if (!p || (p.kind !== "invariant" && p.kind !== "witness")) continue;
      const pred = (p as { pred: StatePredicate<unknown> }).pred;
      const sat = states.map((st) => evaluates(rt, pred, st));
      verdicts[name] = p.kind === "invariant" ? (sat.every((x) => x === true) ? "holds" : "violated") : sat.some((x) => x === true) ? "reached" : "unreached";
    }
    if (rt.scenario.deadlock) verdicts.deadlock = ex.deadlocks > 0 ? "violated" : "holds";
  }
  const walks: RuntimeOutcome["walks"] = [];
  for (let seed = 1; seed <= opts.walks; seed++) {
    const sim = simulateRuntime(rt, { steps: opts.steps, seed });
    const walkKeys = sim.states.map((st) => stateKey(rt.encode({ s: st.s, pc: st.pc, locals: st.locals } as unknown as RtState).vars));
    walks.push({ seed, keys: walkKeys, ...(sim.violation ? { violation: sim.violation.invariant } : {}) });
  }
  return { keys, complete: ex.complete, verdicts, walks, errors };
}

function evaluates(rt: ProtocolRuntime, pred: StatePredicate<unknown>, st: RtState): boolean | string {
  try {
    return rt.evaluate(pred, st);
  } catch (e) {
    return (e as Error).message;
  }
}

/** Verdicts of a checker's report: property (and TypeOK, deadlock) → verdict, witness → reached or not. */
export function reportVerdicts(r: ScenarioReport): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of r.properties) out[p.name] = p.verdict;
  for (const w of r.witnesses) out[w.name] = w.reached === undefined ? "unknown" : w.reached ? "reached" : "unreached";
  return out;
}

/** The expected verdict of every check a report has: listed ones as listed, the others hold (witnesses: reached). */
export function expectedVerdicts(compiled: CompiledProtocol, scenario: string, listed: Record<string, string>): Record<string, string> {
  const sc = compiled.ir.scenarios.find((s) => s.name === scenario)!;
  const out: Record<string, string> = { TypeOK: "holds" };
  for (const p of compiled.ir.properties) {
    if (!sc.properties.includes(p.tsName)) continue;
    out[p.tsName] = p.kind === "witness" ? "reached" : "holds";
  }
  if (sc.deadlock) out.deadlock = "holds";
  return { ...out, ...listed };
}

