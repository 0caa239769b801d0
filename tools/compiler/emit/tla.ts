// IR → the TLA+ module text. Deterministic: the same IR gives the same bytes.
import { pidConstant, type Action, type Expr, type FairnessKind, type IrInitStep, type IrProcess, type IrStateVar, type IrProtocol, type IrStep, type IrType, type SourcePos, type TemporalFormula } from "../ir.ts";
import { atom, operand, rightOfEquals, typeSet } from "../tla.ts";
import { showType } from "../showType.ts";

const PRELUDE: Record<string, string> = {
  // JS remainder (issue #10, numbers): the sign of the dividend; TLC's % is in 0..b-1 and needs b > 0.
  JsRem: "JsRem(jsn, jsd) == LET jsm == IF jsd < 0 THEN -jsd ELSE jsd\n                          jsr == jsn % jsm\n                      IN  IF jsn >= 0 \\/ jsr = 0 THEN jsr ELSE jsr - jsm",
  // Parameter names start with js: they must not be the name of any variable of the module.
  Elems: "Elems(jsq) == {jsq[jsi] : jsi \\in 1..Len(jsq)}",
  SeqContains: "SeqContains(jsq, jsx) == \\E jsi \\in 1..Len(jsq) : jsq[jsi] = jsx",
  SeqIndexOf:
    "SeqIndexOf(jsq, jsx) == IF SeqContains(jsq, jsx)\n                         THEN (CHOOSE jsi \\in 1..Len(jsq) : jsq[jsi] = jsx /\\ \\A jsj \\in 1..(jsi - 1) : jsq[jsj] # jsx) - 1\n                         ELSE -1",
  SeqRemoveAt: "SeqRemoveAt(jsq, jsi) == SubSeq(jsq, 1, jsi - 1) \\o SubSeq(jsq, jsi + 1, Len(jsq))",
  // JavaScript's array semantics, exactly (jsi is a 0-based JS index; Undefined is JS undefined).
  JsGet: "JsGet(jsq, jsi) == IF jsi \\in 0..(Len(jsq) - 1) THEN jsq[jsi + 1] ELSE Undefined  \\* q[i]",
  JsAt: "JsAt(jsq, jsi) == JsGet(jsq, IF jsi < 0 THEN Len(jsq) + jsi ELSE jsi)  \\* q.at(i)",
  JsClamp: "JsClamp(jsq, jsi) == IF jsi < 0 THEN (IF Len(jsq) + jsi > 0 THEN Len(jsq) + jsi ELSE 0) ELSE IF jsi < Len(jsq) THEN jsi ELSE Len(jsq)",
  JsSlice: "JsSlice(jsq, jsa, jsb) == SubSeq(jsq, JsClamp(jsq, jsa) + 1, JsClamp(jsq, jsb))  \\* q.slice(a, b)",
  JsSpliceOne: "JsSpliceOne(jsq, jsi) == SubSeq(jsq, 1, JsClamp(jsq, jsi)) \\o SubSeq(jsq, JsClamp(jsq, jsi) + 2, Len(jsq))  \\* q.splice(i, 1)",
  JsPut:
    "JsPut(jsq, jsi, jsv) == \\* q[i] = v: past the end, the holes read as Undefined\n" +
    "    IF jsi \\in 0..(Len(jsq) - 1) THEN [jsq EXCEPT ![jsi + 1] = jsv]\n" +
    "    ELSE IF jsi >= Len(jsq) THEN [jsk \\in 1..(jsi + 1) |-> IF jsk <= Len(jsq) THEN jsq[jsk] ELSE IF jsk = jsi + 1 THEN jsv ELSE Undefined]\n" +
    "    ELSE Assert(FALSE, \"a negative array index: JavaScript would add a property, not an element\")",
  // A ByPid map read or written with a process-set id literal, which may be an id the scenario lacks.
  JsFnGet: "JsFnGet(jsf, jsk) == IF jsk \\in DOMAIN jsf THEN jsf[jsk] ELSE Undefined  \\* m[\"p\"]: undefined when the map has no such key",
  JsFnPut: "JsFnPut(jsf, jsk, jsv) == (jsk :> jsv) @@ jsf  \\* m[\"p\"] = v: adds the key when the map has none",
  // pick(s): the least element, as the TS computes it; on {} both fail (JS throws, CHOOSE has no element).
  JsPick: "JsPick(jss) == IF jss = {} THEN Assert(FALSE, \"pick(): the set is empty, there is no element to pick\") ELSE CHOOSE jsx \\in jss : \\A jsy \\in jss : jsx <= jsy",
  JsIdx: "JsIdx(jsq, jsi) == IF jsi \\in 0..(Len(jsq) - 1) THEN jsi + 1 ELSE Assert(FALSE, \"TypeError: q[i] is undefined, it has no fields or elements\")",
};
const PRELUDE_DEPS: Record<string, string[]> = { SeqIndexOf: ["SeqContains"], JsAt: ["JsGet"], JsSlice: ["JsClamp"], JsSpliceOne: ["JsClamp"] };
/** Prelude operators whose values may be JS undefined: the module then declares the model value Undefined. */
const UNDEFINED_PRELUDE = ["JsGet", "JsAt", "JsPut", "JsFnGet"];

/** The generated action that stutters once every process is done (engines and traces name it too). */
export const TERMINATING = "Terminating";

export function usesUndefined(ir: IrProtocol): boolean {
  return ir.prelude.some((n) => UNDEFINED_PRELUDE.includes(n) || (PRELUDE_DEPS[n] ?? []).some((d) => UNDEFINED_PRELUDE.includes(d)));
}

export interface EmittedModule {
  text: string;
  /** 1-based line of each step operator's definition. */
  stepLines: Record<string, number>;
  /** 1-based line of each property's definition. */
  propertyLines: Record<string, number>;
  /** Which lines of the module stand for which TS source, for mapping TLA+ errors back to TS. */
  regions: TlaRegion[];
}

/** Lines `from`..`to` (1-based, inclusive) of the module are the translation of `what` at `pos`. */
export interface TlaRegion {
  from: number;
  to: number;
  what: string;
  pos: SourcePos;
}

export function allVars(ir: IrProtocol): string[] {
  return [...ir.stateVars.map((v) => v.tlaName), "pc", ...ir.processes.flatMap((p) => p.locals.map((l) => l.tlaName))];
}

export function processIdSet(p: IrProcess): string {
  return p.set ?? `{${p.name}}`;
}

export function usesNull(ir: IrProtocol): boolean {
  const has = (t: IrType): boolean =>
    t.k === "null" ||
    (t.k === "union" && t.members.some(has)) ||
    (t.k === "record" && t.fields.some((f) => has(f.type))) ||
    ((t.k === "seq" || t.k === "set") && has(t.elem)) ||
    (t.k === "byPid" && has(t.value));
  return ir.usesNull || ir.stateVars.some((v) => has(v.type)) || ir.processes.some((p) => p.locals.some((l) => has(l.type)));
}

class Writer {
  readonly lines: string[] = [];
  readonly regions: TlaRegion[] = [];
  push(...ls: string[]): void {
    for (const l of ls) this.lines.push(...l.split("\n"));
  }
  get line(): number {
    return this.lines.length + 1;
  }
  /** Pushes lines that translate `what` at `pos` and records them as a region (blank lines excluded). */
  pushFrom(what: string, pos: SourcePos, ...ls: string[]): void {
    const from = this.line;
    this.push(...ls);
    let to = this.line - 1;
    while (to >= from && this.lines[to - 1] === "") to--;
    if (to >= from) this.regions.push({ from, to, what, pos });
  }
}

export function emitModule(ir: IrProtocol): EmittedModule {
  const w = new Writer();
  const vars = allVars(ir);
  const bar = "-".repeat(Math.max(4, 28 - Math.ceil(ir.module.length / 2)));
  w.push(`${bar} MODULE ${ir.module} ${bar}`);
  w.push(`(* Generated by ts2tla from ${ir.file}. Do not edit: change the TypeScript and run \`ts2tla gen\`. *)`);
  w.push("EXTENDS Integers, Sequences, FiniteSets, TLC", "");

  const constants: Declaration[] = [];
  for (const c of ir.constants) {
    const what = c.kind === "pidSet" ? "set of process ids" : showType(c.type!);
    constants.push({ text: `${c.name} \\* ${what} (${c.pos.file}:${c.pos.line})`, what: `constant ${c.name}`, pos: c.pos });
  }
  for (const p of ir.processes) {
    if (!p.set) constants.push({ text: `${p.name} \\* the id of process ${p.name} (${p.pos.file}:${p.pos.line})`, what: `process ${p.name}`, pos: p.pos });
  }
  for (const l of ir.pidLiterals) {
    constants.push({ text: `${pidConstant(l.id)} \\* the process id "${l.id}", named at ${l.pos.file}:${l.pos.line}`, what: `process id "${l.id}"`, pos: l.pos });
  }
  if (usesNull(ir)) constants.push({ text: "Null \\* TS null" });
  if (ir.usesNaN) constants.push({ text: "NaN \\* JS NaN: what arithmetic on undefined gives (in no type: TypeOK fails where it is kept)" });
  if (usesUndefined(ir)) {
    const maps = ir.prelude.includes("JsFnGet") ? ", a ByPid map for a key it lacks" : "";
    constants.push({ text: `Undefined \\* JS undefined: what an array gives outside its elements${maps} (in no type: TypeOK fails where it is kept)` });
  }
  if (constants.length) {
    w.push("CONSTANTS");
    pushDeclarations(w, constants);
    w.push("");
  }
  const seqValues = ir.scenarios.flatMap((s) =>
    ir.constants.flatMap((c) => {
      const v = s.constants[c.name];
      const value = v?.kind === "seq" ? v.elems : v?.kind === "data" ? v.value : undefined;
      return v && "def" in v ? [`${v.def} == ${constantTla(value, c.type!)}  \\* ${c.name} in scenario ${s.name}`] : [];
    }),
  );
  if (seqValues.length) {
    w.push("\\* The values of the sequence and record constants, per scenario: a TLC model cannot write them, its cfg substitutes them (X <- X_scenario)");
    w.push(...seqValues, "");
  }

  w.push("VARIABLES");
  pushDeclarations(w, [
    ...ir.stateVars.map((v) => ({ text: `${v.tlaName} \\* s.${v.tsName}: ${showType(v.type)} (${v.pos.file}:${v.pos.line})`, what: `state s.${v.tsName}`, pos: v.pos })),
    { text: "pc \\* the next step of each process" },
    ...ir.processes.flatMap((p) =>
      p.locals.map((l) => ({ text: `${l.tlaName} \\* ${p.name}'s local ${l.tsName}: ${showType(l.type)} (${l.pos.file}:${l.pos.line})`, what: `${p.name}'s local ${l.tsName}`, pos: l.pos })),
    ),
  ]);
  w.push("", `vars == <<${vars.join(", ")}>>`, "");
  w.push(`ProcSet == ${ir.processes.map((p) => processIdSet(p)).join(" \\cup ")}`, "");

  const prelude = new Set<string>();
  const addPrelude = (n: string): void => {
    for (const d of PRELUDE_DEPS[n] ?? []) addPrelude(d);
    prelude.add(n);
  };
  for (const n of ir.prelude) addPrelude(n);
  if (prelude.size) {
    w.push("\\* Operators for the TS library methods the protocol uses");
    for (const n of Object.keys(PRELUDE)) if (prelude.has(n)) w.push(PRELUDE[n]!);
    w.push("");
  }
  if (ir.operators.length) {
    w.push("\\* Pure helpers and constants of the protocol files");
    for (const op of ir.operators) {
      const head = op.params.length ? `${op.name}(${op.params.join(", ")})` : op.name;
      const text = `${head} == ${op.body.text}${op.comment ? `  \\* ${op.comment}` : ""}`;
      if (op.pos) w.pushFrom(`helper ${op.name}`, op.pos, text);
      else w.push(text);
    }
    w.push("");
  }

  w.push("TypeOK ==");
  for (const v of ir.stateVars) w.pushFrom(`the type of s.${v.tsName}`, v.pos, `    /\\ ${v.tlaName} \\in ${typeSet(v.type, "ProcSet").text}`);
  w.push(`    /\\ pc \\in [ProcSet -> {${[...new Set(ir.processes.flatMap((p) => p.labels)), "Done"].map((l) => `"${l}"`).join(", ")}}]`);
  for (const p of ir.processes) {
    for (const l of p.locals) w.pushFrom(`the type of ${p.name}'s local ${l.tsName}`, l.pos, `    /\\ ${l.tlaName} \\in [${processIdSet(p)} -> ${typeSet(l.type, "ProcSet").text}]`);
  }
  w.push("");

  w.push("Init ==");
  const initOf = (v: IrStateVar): string => `${v.tlaName} ${v.init.kind === "eq" ? "=" : "\\in"} ${rightOfEquals(v.init.expr).text}`;
  if (ir.initPrefix.length === 0) for (const v of ir.stateVars) w.pushFrom(`the initial value of s.${v.tsName}`, v.pos, `    /\\ ${initOf(v)}`);
  else w.pushFrom("init", ir.initPrefix[0]!.pos, `    /\\ ${initWithPrefix(ir.initPrefix, ir.stateVars.map((v) => `(${initOf(v)})`).join(" /\\ "))}`);
  w.push(`    /\\ pc = ${pcInit(ir)}`);
  for (const p of ir.processes) {
    for (const l of p.locals) w.pushFrom(`the initial value of ${p.name}'s local ${l.tsName}`, l.pos, `    /\\ ${l.tlaName} = [self \\in ${processIdSet(p)} |-> ${l.init.text}]`);
  }
  w.push("");

  const stepLines: Record<string, number> = {};
  for (const p of ir.processes) {
    w.push(`\\* process ${p.name}${p.set ? ` (one per id in ${p.set})` : ""}: ${p.pos.file}:${p.pos.line}`);
    for (const s of p.steps) {
      stepLines[s.operator] = emitStep(w, s, vars);
    }
    w.pushFrom(`process ${p.name}`, p.pos, `${p.operator}(self) == ${p.steps.map((s) => `${s.operator}(self)`).join(" \\/ ") || "FALSE"}`);
    w.push("");
  }

  w.push("\\* Every process has finished: stutter instead of reporting a deadlock");
  w.push(`${TERMINATING} == /\\ \\A self \\in ProcSet : pc[self] = "Done"`, "               /\\ UNCHANGED vars", "");
  w.push("Next ==");
  for (const p of ir.processes) w.push(`    \\/ ${p.set ? `\\E self \\in ${p.set} : ${p.operator}(self)` : `${p.operator}(${p.name})`}`);
  w.push(`    \\/ ${TERMINATING}`, "");

  w.push("Spec ==", "    /\\ Init", "    /\\ [][Next]_vars");
  for (const f of fairness(ir)) w.push(`    /\\ ${f}`);
  w.push("");
  for (const sc of ir.scenarios) {
    if (!sc.fairness) continue;
    w.push(`\\* Spec with the fairness of scenario ${sc.name}: ${Object.entries(sc.fairness.byProcess).map(([p, k]) => `${p} ${k}`).join(", ")}`);
    const specLines = ["Init", "[][Next]_vars", ...fairness(ir, sc.fairness.byProcess)].map((f) => `    /\\ ${f}`);
    w.pushFrom(`the fairness of scenario ${sc.name}`, sc.pos, `${sc.fairness.spec} ==`, ...specLines);
    w.push("");
  }

  const propertyLines: Record<string, number> = {};
  const stateNames = new Set(["pc", ...ir.stateVars.map((v) => v.tlaName), ...ir.processes.flatMap((p) => p.locals.map((l) => l.tlaName))]);
  if (ir.properties.length) w.push("\\* Properties");
  for (const prop of ir.properties) {
    propertyLines[prop.tlaName] = w.line;
    const where = `  \\* ${prop.pos.file}:${prop.pos.line}`;
    const what = `${prop.kind} ${prop.tsName}`;
    if (prop.kind === "temporal") {
      w.pushFrom(what, prop.pos, `${prop.tlaName} == ${temporal(prop.formula!)}${where}`);
      continue;
    }
    if (prop.kind === "action") {
      w.pushFrom(what, prop.pos, `${prop.tlaName} == [][${prop.pred!.text}]_vars${where}`);
      continue;
    }
    // TLC refuses an INVARIANT that reads no variable and is FALSE (a config error, not a violation):
    // such a predicate is made a state predicate, so that it is checked, and fails, in the initial state.
    const constant = !readsVariable(prop.pred!.text, stateNames);
    if (constant) w.push("\\* (pc = pc) /\\ ...: this predicate reads no variable; TLC checks it as a state predicate");
    const body = constant ? `(pc = pc) /\\ ${operand(prop.pred!)}` : prop.pred!.text;
    w.pushFrom(what, prop.pos, `${prop.tlaName} == ${body}${where}`);
    if (prop.kind === "witness") w.pushFrom(what, prop.pos, `${witnessInvariant(prop.tlaName)} == ${constant ? `(pc = pc) /\\ ` : ""}~${prop.tlaName}`);
  }
  w.push("=".repeat(77), "");
  return { text: w.lines.join("\n"), stepLines, propertyLines, regions: w.regions };
}

/** One name of a CONSTANTS or VARIABLES list: `name \* comment`, and the TS it declares. */
interface Declaration {
  text: string;
  what?: string;
  pos?: SourcePos;
}

/** The names, comma-separated before their comments, each recorded as a region when it has a TS source. */
function pushDeclarations(w: Writer, list: Declaration[]): void {
  list.forEach((d, i) => {
    const line = `    ${d.text.replace(" \\*", i < list.length - 1 ? ", \\*" : "  \\*")}`;
    if (d.what && d.pos) w.pushFrom(d.what, d.pos, line);
    else w.push(line);
  });
}

export const witnessInvariant = (name: string): string => `${name}_unreached`;

/** The TLA+ expression names one of the variables (outside string literals). */
function readsVariable(text: string, variables: ReadonlySet<string>): boolean {
  const code = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return (code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).some((id) => variables.has(id));
}

function pcInit(ir: IrProtocol): string {
  const [only] = ir.processes;
  if (ir.processes.length === 1 && only) return `[self \\in ProcSet |-> "${only.initialLabel}"]`;
  const arms = ir.processes.map((p) => `${p.set ? `self \\in ${p.set}` : `self = ${p.name}`} -> "${p.initialLabel}"`);
  return `[self \\in ProcSet |-> CASE ${arms.join("\n                                 [] ")}]`;
}

/** The fairness conjuncts of a Spec; `byProcess`: a scenario's fairness of some processes instead of their own. */
function fairness(ir: IrProtocol, byProcess: Record<string, FairnessKind> = {}): string[] {
  const out: string[] = [];
  const quantifier = (p: IrProcess) => (body: string): string => (p.set ? `\\A self \\in ${p.set} : ${body}` : body.replace(/\(self\)/g, `(${p.name})`));
  for (const p of ir.processes) {
    const quantify = quantifier(p);
    const own = p.steps.filter((s) => s.fairness !== undefined);
    const inherit = p.steps.filter((s) => s.fairness === undefined);
    for (const s of own) if (s.fairness !== "none") out.push(quantify(`${s.fairness === "strong" ? "SF" : "WF"}_vars(${s.operator}(self))`));
    const kind = byProcess[p.name] ?? p.fairness;
    if (kind === "none" || inherit.length === 0) continue;
    const action = own.length === 0 ? `${p.operator}(self)` : inherit.map((s) => `${s.operator}(self)`).join(" \\/ ");
    out.push(quantify(`${kind === "strong" ? "SF" : "WF"}_vars(${action})`));
  }
  for (const p of ir.processes) {
    const quantify = quantifier(p);
    for (const s of p.steps) {
      if (!s.alternatives) continue;
      const kind = s.alternatives.fairness === "strong" ? "SF" : "WF";
      out.push(quantify(s.alternatives.operators.map((op) => `${kind}_vars(${op}(self))`).join(" /\\ ")));
    }
  }
  return out;
}

/** Writes one step operator; returns the line of its definition. */
function emitStep(w: Writer, s: IrStep, vars: string[]): number {
  w.push(`\\* ${s.pos.file}:${s.pos.line}:${s.pos.col}  yield "${s.label}"`);
  const line = w.line;
  const items: string[][] = [[`pc[self] = "${s.label}"`], ...conjuncts(s.action, vars)];
  w.pushFrom(`step "${s.label}" of ${s.process}`, s.pos, `${s.operator}(self) ==`, ...bullets("/\\", items).map((l) => `    ${l}`));
  w.push("");
  s.alternatives?.operators.forEach((op, branch) => {
    w.push(`\\* step "${s.label}" taking the ${branch === 0 ? "then" : "else"}-branch of its nondet({ fairness }): fair of its own`);
    const narrowed = alternative(s.action, branch);
    const alt: string[][] = [[`pc[self] = "${s.label}"`], ...(narrowed ? conjuncts(narrowed, vars) : [["FALSE"]])];
    w.push(`${op}(self) ==`, ...bullets("/\\", alt).map((l) => `    ${l}`));
    w.push("");
  });
  return line;
}

/**
 * The action narrowed to the paths through one branch of its `nondet({ fairness })`; undefined when
 * no path of `a` goes through it (a path that does not reach the nondet is no step of either branch).
 */
function alternative(a: Action, branch: number): Action | undefined {
  switch (a.k) {
    case "leaf":
      return undefined;
    case "guard":
    case "let":
    case "exists": {
      const body = alternative(a.body, branch);
      return body && { ...a, body };
    }
    case "if": {
      const [then, other] = [alternative(a.then, branch), alternative(a.else, branch)];
      if (then && other) return { ...a, then, else: other };
      if (then) return { k: "guard", cond: a.cond, body: then };
      return other && { k: "guard", cond: atom(`~(${a.cond.text})`), body: other };
    }
    case "either": {
      if (a.alternatives) return a.branches[branch];
      const branches = a.branches.map((b) => alternative(b, branch)).filter((b): b is Action => b !== undefined);
      return branches.length > 1 ? { k: "either", branches } : branches[0];
    }
  }
}

/** A bulleted list (`/\` or `\/`): each item's later lines are indented past the bullet. */
function bullets(bullet: string, items: string[][]): string[] {
  return items.flatMap((lines) => lines.map((l, i) => (i === 0 ? `${bullet} ${l}` : `   ${l}`)));
}

const exprLines = (e: Expr): string[] => e.text.split("\n");

function conjuncts(a: Action, vars: string[]): string[][] {
  switch (a.k) {
    case "leaf": {
      const items = [...a.updates.keys()].sort((x, y) => vars.indexOf(x) - vars.indexOf(y)).map((v) => prefixed(`${v}' = `, rightOfEquals(a.updates.get(v)!)));
      const unchanged = vars.filter((v) => !a.updates.has(v));
      if (unchanged.length) items.push([`UNCHANGED <<${unchanged.join(", ")}>>`]);
      return items;
    }
    case "guard":
      // A disjunction as an item of a `/\` list is parenthesised: the embedded engine misreads it in nested IFs.
      return [exprLines(a.cond.op === "\\/" ? atom(`(${a.cond.text})`) : a.cond), ...conjuncts(a.body, vars)];
    case "let":
      return [[...prefixed(`LET ${a.name} == `, a.value), ...prefixed("IN  ", null, bullets("/\\", conjuncts(a.body, vars)))]];
    case "if":
      return [
        [
          ...prefixed("IF ", a.cond),
          ...prefixed("THEN ", null, bullets("/\\", conjuncts(a.then, vars))),
          ...prefixed("ELSE ", null, bullets("/\\", conjuncts(a.else, vars))),
        ],
      ];
    case "either":
      return [bullets("\\/", a.branches.map((b) => bullets("/\\", conjuncts(b, vars))))];
    case "exists":
      return [[`\\E ${a.name} \\in ${a.set.text} :`, ...bullets("/\\", conjuncts(a.body, vars)).map((l) => `    ${l}`)]];
  }
}

/** Lines of `head` followed by an expression or by nested lines, continuation lines aligned after the head. */
function prefixed(head: string, e: Expr | null, nested?: string[]): string[] {
  const lines = e ? exprLines(e) : nested!;
  const pad = " ".repeat(head.length);
  return lines.map((l, i) => (i === 0 ? head + l : pad + l));
}

function temporal(f: TemporalFormula): string {
  switch (f.op) {
    case "always":
      return `[](${f.pred.text})`;
    case "eventually":
      return `<>(${f.pred.text})`;
    case "alwaysEventually":
      return `[]<>(${f.pred.text})`;
    case "eventuallyAlways":
      return `<>[](${f.pred.text})`;
    case "leadsTo":
      return `(${f.from.text}) ~> (${f.to.text})`;
    case "forAll":
      return `\\A ${f.bound} \\in ${operand(f.set)} : ${temporal(f.body)}`;
  }
}

/** A constant's value (JSON, sets and sequences as arrays) as TLA+, read by its type. */
function constantTla(v: unknown, t: IrType): string {
  if (t.k === "set") return `{${(v as unknown[]).map((x) => constantTla(x, t.elem)).join(", ")}}`;
  if (t.k === "seq") return `<<${(v as unknown[]).map((x) => constantTla(x, t.elem)).join(", ")}>>`;
  if (t.k === "record") return `[${t.fields.map((f) => `${f.name} |-> ${constantTla((v as Record<string, unknown>)[f.name], f.type)}`).join(", ")}]`;
  return typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : typeof v === "number" ? String(v) : JSON.stringify(v);
}

/** init's statements before its `return`, in order, around the initial values: `\E x \in S : (P) /\ (...)`. */
function initWithPrefix(prefix: IrInitStep[], values: string): string {
  return prefix.reduceRight((inner, step) => {
    if (step.kind === "exists") return `\\E ${step.name} \\in ${step.set.text} : ${inner}`;
    if (step.kind === "let") return `LET ${step.name} == ${step.expr.text} IN ${inner}`;
    return `${operand(step.cond)} /\\ (${inner})`;
  }, values);
}
