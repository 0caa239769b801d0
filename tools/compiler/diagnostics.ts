// Every compiler diagnostic, in one table: a stable code, a message template and a hint.
import type { Node } from "ts-morph";
import { readFileSync } from "node:fs";
import path from "node:path";

export const DIAGNOSTICS = {
  TSLA001: { message: "TypeScript error: {0}", hint: "protocol files must type-check; run `npm run typecheck`" },
  TSLA002: { message: "no protocol found: the default export must be `protocol<State, Constants>({...})`", hint: "export default protocol<State, Constants>({ init, processes, properties, scenarios })" },
  TSLA003: { message: "`{0}` is missing from the protocol declaration", hint: "a protocol needs init, processes and scenarios" },
  TSLA004: { message: "the protocol declaration must be an object literal", hint: "write the fields inline: protocol<S, C>({ ... })" },
  TSLA010: { message: "unbounded number type for {0}", hint: "use Int<Lo, Hi> from ts2tla, e.g. Int<0, 3>" },
  TSLA011: { message: "unsupported type `{0}` for {1}", hint: "use booleans, string-literal unions, Int<Lo, Hi>, Pid, null, records, arrays, ReadonlySet, ByPid or FnOn<\"SetConstant\", V>" },
  TSLA012: { message: "optional field `{0}`", hint: "write `{0}: T | null` and set it to null" },
  TSLA013: { message: "plain `string` type for {0} is unbounded", hint: "use a union of string literals, or Pid" },
  TSLA014: { message: "empty integer range Int<{0}, {1}>", hint: "Lo must be at most Hi" },
  TSLA020: { message: "constant `{0}` has an unsupported type", hint: "constants may be PidSet, booleans, Int<Lo, Hi>, string-literal unions, and records, readonly arrays, ReadonlySets and ReadonlyValueSets of them" },
  TSLA021: { message: "scenario `{0}`: {1}", hint: "fix the scenario's values to match the Constants type" },
  TSLA022: { message: "scenario `{0}` must be an object literal with literal values", hint: "scenarios are read statically: write literal values (or spread a module-level `const` literal: `{ ...base, deadlock: false }`), no other variables, no calls" },
  TSLA023: { message: "scenario `{0}` names unknown property `{1}`", hint: "list names declared under properties" },
  TSLA030: { message: "process `{0}` must be declared with process(...) or processSet(...)", hint: "processes: { name: processSet(\"Set\", function* (self, s, c) { ... }) }" },
  TSLA031: { message: "process body must be an inline generator function `function* (self, s, c) { ... }`", hint: "write the body inline so the compiler can read it" },
  TSLA032: { message: "unknown process set `{0}`", hint: "process sets are PidSet constants: {1}" },
  TSLA033: { message: "statement before the first step", hint: "start the body with `yield \"label\"`; only constant `let`/`const` declarations may come before it" },
  TSLA034: { message: "step label `{0}` is used twice in process `{1}`", hint: "each `yield \"label\"` names one atomic step; pick another name" },
  TSLA035: { message: "step label must be a string literal or step(\"label\", fairness)", hint: "yield \"my_step\"" },
  TSLA036: { message: "step label `{0}` is not a valid name", hint: "use letters, digits and underscores, starting with a letter" },
  TSLA037: { message: "loop with no step boundary inside", hint: "put a `yield \"label\"` inside the loop body: each iteration must be at least one atomic step" },
  TSLA038: { message: "this path runs around a loop without reaching a step boundary", hint: "every path through a loop body must pass a `yield \"label\"`" },
  TSLA039: { message: "`yield` must be a statement of its own: `yield \"label\";`", hint: "steps are started by yield statements, not yield expressions" },
  TSLA040: { message: "unsupported statement: {0}", hint: "{1}" },
  TSLA041: { message: "unsupported expression: {0}", hint: "{1}" },
  TSLA042: { message: "write to constant `{0}`", hint: "constants are fixed by the scenario; keep changing values in the state" },
  TSLA043: { message: "assignment to `{0}` which is not state or a local variable", hint: "assign to s.<field>, to a part of it, or to a local declared with let" },
  TSLA044: { message: "`{0}` is not defined in this scope", hint: "use state (s.x), constants (c.X), self, locals, or helper functions of the protocol" },
  TSLA045: { message: "use `{0}` instead of `{1}`", hint: "the protocol language compares with === and !== only" },
  TSLA046: { message: "`{0}` is not allowed here: {1}", hint: "{2}" },
  TSLA047: { message: "helper `{0}` is recursive", hint: "helpers are inlined or become TLA+ operators; write a loop-free helper" },
  TSLA048: { message: "helper `{0}` both changes state and returns a value", hint: "split it into a function that computes the value and one that changes the state" },
  TSLA049: { message: "cannot resolve call to `{0}`", hint: "call helpers declared in the protocol's files, or functions of ts2tla" },
  TSLA050: { message: "`{0}` does not exist in this language", hint: "{1}" },
  TSLA052: { message: "`let` variable `{0}` needs an initial value", hint: "write `let {0} = <value>`" },
  TSLA053: { message: "`var` declarations are not supported", hint: "use let or const" },
  TSLA054: { message: "`{0}` returns a value here; only `return;` ends a process", hint: "a process body's return ends the process" },
  TSLA060: { message: "unknown process set `{0}` in a property", hint: "use a process set constant or a single process's name: {1}" },
  TSLA061: { message: "property `{0}` must be invariant(...), witness(...) or temporal(...)", hint: "properties: { name: invariant((s) => ...) }" },
  TSLA062: { message: "unknown step `{1}` of process `{0}`", hint: "steps of `{0}`: {2}" },
  TSLA063: { message: "state field `{0}` is not initialised", hint: "init must give every state field a value" },
  TSLA064: { message: "init sets unknown field `{0}`", hint: "init must return exactly the fields of the state type" },
  TSLA065: { message: "init must be an arrow function returning an object literal, directly or at the end of a block that only chooses and tests first", hint: "init: (c) => ({ field: value, ... }), or (c) => { const x = oneOf(values); when(condition); return { field: x, ... }; }" },
  TSLA066: { message: "scenario `{0}`: cannot read `{1}` statically: {2}", hint: "write literal values, or spread or name a module-level `const` of this file whose value is a literal (`const base = { ... } as const;` then `{ ...base, deadlock: false }`, `{ ...base.constants, N: 3 }`)" },
  TSLA080: { message: "`{0}` compares {1} by reference in TypeScript and by value in TLA+", hint: "compare values with equals(a, b) from ts2tla (or !equals(a, b))" },
  TSLA081: { message: "`.{0}()` finds {1} by reference in TypeScript and by value in TLA+", hint: "{2}" },
  TSLA082: { message: "a set of {0} ({1}): a JavaScript Set tells its elements apart by reference, TLA+ by value", hint: "use a ValueSet from ts2tla (compared by value, as in TLA+), keep the records in an array, or keep a set of ids or other primitive values" },
  TSLA083: { message: "`{0}` points into the state, and {1} changed that part after `{0}` was bound: TypeScript and TLA+ would read different values here", hint: "{2}" },
  TSLA084: { message: "writing through `{0}` would change {1} in TypeScript and only `{0}` in TLA+", hint: "write to the state itself ({2}), or bind `{0}` to its own copy: copy(...) from ts2tla" },
  TSLA085: { message: "this value is also reachable {0}: storing it makes two names for one object in TypeScript, two values in TLA+", hint: "store a copy: copy(...) from ts2tla, or a spread of a record with primitive fields" },
  TSLA086: { message: "`{0}` is tested for truthiness, but it may hold {1}: TLC cannot compare them with 0, \"\" or false the way JavaScript tests them", hint: "compare explicitly: x !== null, n !== 0, b === true" },
  TSLA087: { message: "`pick({0})` takes the least element, but the elements are {1}: TypeScript and TLC have no order on them that agrees", hint: "pick from a set of integers (Int<Lo, Hi> or number literals); to choose any element nondeterministically write `const x = oneOf({0});`" },
  TSLA088: { message: "`.{0}()` is an ES2024 Set method, which Node 20 does not have", hint: "call {1} from ts2tla" },
  TSLA089: { message: "`mapSet`'s callback may give {0}: {1}", hint: "{2}" },
  TSLA090: { message: "assignment to an array's `.length`", hint: "JavaScript would cut the array or fill it with holes: remove elements with splice(i, 1), or assign a new array built with slice, filter or concat" },
  TSLA091: { message: "a write at the negative index {0}: an array has no element there (JavaScript's `q[{0}] = v` adds a property \"{0}\" and leaves the elements as they are; a write inside q[{0}] is a TypeError), which a TLA+ sequence cannot mean", hint: "write at a valid index 0..length - 1 (or q[q.length] = v to append); check a computed index first, e.g. if (i >= 0) q[i] = v" },
  TSLA100: { message: "{0} is {1}, not a whole number", hint: "the language has integers only (TLC has no fractions): scale the quantity to whole units, and divide with Math.floor(a / b)" },
  TSLA101: { message: "{0} is {1}, outside TLC's integers -2147483647..2147483647", hint: "TLC's integers are 32-bit: use smaller values (a model only needs a few)" },
  TSLA102: { message: "`{0}`: the divisor `{1}` may be 0, which gives NaN in JavaScript and an error in TLC", hint: "divide by a nonzero literal, by a value this step has set to a nonzero literal, or by a value whose type excludes 0 (a nonzero constant, Int<Lo, Hi> or a literal union without 0)" },
  TSLA103: { message: "{0}", hint: "{1}" },
  TSLA104: { message: "module-level `{0}` {1}", hint: "module-level values are TLA+ constants: declare them `const` with a value, never change them, and keep changing values in the state" },
  TSLA105: { message: "expressions nest {0} deep here; the compiler follows at most {1} levels", hint: "split the long condition or expression into helper functions or named parts (`const a = ...; const b = ...; when(a && b);`)" },
  TSLA106: { message: "unsupported loop over a set: {0}", hint: "{1}" },
  TSLA070: { message: "name `{0}` clashes with {1}", hint: "rename it: TLA+ needs every name to be unique" },
  TSLA071: { message: "name `{0}` is a TLA+ reserved word or not a TLA+ name", hint: "rename it ({1}): constants, processes and record fields keep their names in TLA+, which has letters, digits and _ (state fields, locals and properties are renamed where they clash)" },
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTICS;

export interface Diagnostic {
  code: DiagnosticCode;
  file: string;
  line: number;
  col: number;
  /** Where the construct ends (exclusive), when the diagnostic is at one: the code frame underlines it. */
  endLine?: number;
  endCol?: number;
  message: string;
  hint: string;
}

export class CompileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => formatDiagnostic(d)).join("\n"));
  }
}

function fill(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? "");
}

/** Builds a diagnostic at a node (its first non-trivia character). */
export function diagnosticAt(node: Node, code: DiagnosticCode, ...args: string[]): Diagnostic {
  const sf = node.getSourceFile();
  const { line, column } = sf.getLineAndColumnAtPos(node.getStart());
  const end = sf.getLineAndColumnAtPos(node.getEnd());
  return { ...diagnosticAtPosition(sf.getFilePath(), line, column, code, ...args), endLine: end.line, endCol: end.column };
}

export function diagnosticAtPosition(
  file: string,
  line: number,
  col: number,
  code: DiagnosticCode,
  ...args: string[]
): Diagnostic {
  const entry = DIAGNOSTICS[code];
  return { code, file, line, col, message: fill(entry.message, args), hint: fill(entry.hint, args) };
}

/** Throws a single diagnostic; the compiler stops at the first error in a protocol. */
export function fail(node: Node, code: DiagnosticCode, ...args: string[]): never {
  throw new CompileError([diagnosticAt(node, code, ...args)]);
}

/**
 * `file:line:col: CODE message` (first, for editors and problem matchers), with `codeFrame` the source
 * line and a caret under the construct, then the hint.
 */
export function formatDiagnostic(d: Diagnostic, cwd: string = process.cwd(), opts: { codeFrame?: boolean } = {}): string {
  const file = path.isAbsolute(d.file) ? path.relative(cwd, d.file) : d.file;
  const frame = opts.codeFrame ? codeFrame(path.resolve(cwd, d.file), d) : [];
  return [`${file}:${d.line}:${d.col}: ${d.code} ${d.message}`, ...frame, `  hint: ${d.hint}`].join("\n");
}

/** The diagnostic's source line, numbered, and a caret line under its construct (to the line's end when it goes on); none when the file cannot be read. */
function codeFrame(file: string, d: Diagnostic): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  const source = text.split(/\r?\n/)[d.line - 1];
  if (source === undefined) return [];
  const shown = source.replace(/\t/g, " ");
  const from = Math.min(Math.max(d.col - 1, 0), shown.length);
  const to = d.endLine === d.line && d.endCol !== undefined ? Math.min(d.endCol - 1, shown.length) : shown.trimEnd().length;
  const gutter = String(d.line).length;
  return [`  ${d.line} | ${shown}`, `  ${" ".repeat(gutter)} | ${" ".repeat(from)}${"^".repeat(Math.max(to - from, 1))}`];
}
