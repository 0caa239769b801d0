// The protocol's TypeScript, run as a program: the language's runtime.
//
// A process is a real generator `body(self, s, c)`: each `gen.next()` runs one atomic step up to the
// next `yield` (whose label is the process's next pc; returning is "Done"). Each step runs on a deep
// clone of the state, behind a Proxy `s` whose target is swapped per step, so a step that blocks
// (`when(false)` throws BlockedStep) leaves no trace. A generator cannot be cloned nor resumed after
// it threw, so it is rebuilt by replaying the process's own past steps against the states it saw then
// (its history: per step, the state before it and the choices it made). nondet()/oneOf() read a
// choice sequence, so running a step once per sequence gives all of its successor states.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { register as registerCjs } from "tsx/cjs/api";
import { register as registerEsm } from "tsx/esm/api";
import type { TlaValue } from "../checker/types.ts";
import { REPO_ROOT, type CompiledProtocol } from "../compiler/compiled.ts";
import type { Action, Expr, IrLocal, IrProcess, IrProtocol, IrScenario, IrType } from "../compiler/ir.ts";
import { installHost, type LanguageHost } from "../lang/hooks.ts";
import { isValueSet, ValueSet } from "../lang/valueSet.ts";
import { type ActionPredicate, BlockedStep, equals, type Pid, type ProcessBody, type ProcessId, type ProtocolDecl, type StatePredicate, type StepLabel } from "../lang/index.ts";
import { ChoiceCursor, forEachChoiceSequence } from "./choices.ts";
import { formatTs } from "./format.ts";
import { cloneState, nonElementKeys } from "./cloneState.ts";
import { ScopeProbe } from "./scopeProbe.ts";
import { EncodeProblems, encodeTs, printTla, scenarioDomains, scenarioVarTypes, tsDefaultValue, type EncodeContext, type EncType } from "./tlaValues.ts";

const HIDDEN: unique symbol = Symbol("ts2tla.runtime.hidden");

/** A state of the running protocol. Never mutated: steps work on clones. */
export interface RtState {
  /** The protocol's state, as TS values. */
  readonly s: unknown;
  /** The next step of every process id, or "Done". */
  readonly pc: Readonly<Record<string, string>>;
  /**
   * The cross-step locals (TS names) of every process id whose process has some, when they could be
   * read (see scopeProbe.ts); a name is missing when it has not been in scope yet. Only a local live
   * at the process's pc counts: elsewhere it is encoded as its default value (IrLocal.liveAt).
   */
  readonly locals: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** How to rebuild each process's generator. */
  readonly [HIDDEN]: Readonly<Record<string, Hidden>>;
}

interface Hidden {
  hist: History;
  /** The generator's own state beyond pc: its variables in scope, or its history when unreadable. */
  key: string;
}

/** A process's past steps, newest first. Shared between states. */
interface History {
  readonly prev: History | undefined;
  readonly before: unknown;
  readonly choices: readonly number[];
  readonly id: number;
}

export interface EncodedState {
  /** TLA+ variable → canonical value. */
  vars: Record<string, TlaValue>;
  /** Values outside their type (the runtime's TypeOK). */
  problems: string[];
  /** Values TLA+ cannot hold (NaN, non-element properties of arrays): the step that made them is a runtime error. */
  errors: string[];
  /** Process-local variables → the process ids whose value is not known (never in scope, or unreadable). */
  unknown: Record<string, string[]>;
  /** The state as TLA+ sees it, as text (unknown entries marked). */
  key: string;
}

export interface Successor {
  pid: string;
  process: string;
  /** The step taken (the process's pc before it). */
  label: string;
  choices: number[];
  /** The choices, for people: `nondet() = true`, `oneOf = "yes"`. */
  picks: string[];
  /** The branch its `nondet({ fairness })` took (then: true), if it ran one: the step's alternative. */
  alternative?: boolean;
  state: RtState;
}

/** A step threw something other than BlockedStep: a bug in the protocol or in the runtime. */
export class StepError extends Error {
  constructor(
    readonly pid: string,
    readonly label: string,
    readonly choices: readonly number[],
    readonly cause: unknown,
  ) {
    super(`step ${label} of ${pid} failed${choices.length ? ` (choices ${choices.join(",")})` : ""}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "StepError";
  }
}

export class RuntimeSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuntimeSetupError";
  }
}

export interface ProcessInstance {
  /** The id as a key (of `pc`, `locals`, a `ByPid` object): an integer id as its numeral. */
  pid: string;
  /** The id as the process's `self`: a model value's name, or an integer. */
  self: ProcessId;
  process: IrProcess;
  body: ProcessBody<unknown, unknown>;
  /** TS names of the cross-step locals (TLA+ variables `<process>_<local>`). */
  localNames: string[];
  /** Per step label, the TS names of the locals live there (none at "Done" nor at unknown labels). */
  liveNames: ReadonlyMap<string, readonly string[]>;
}

export interface RuntimeOptions {
  /** The compiled protocol (compiled from `file` when absent). */
  compiled?: CompiledProtocol;
  /** Paths are relative to this (default: the repository root, as for the compiler). */
  cwd?: string;
  /** Read process locals with the inspector (default true). */
  probe?: boolean;
  /**
   * Which generators' scopes identify their hidden state: only those of processes with cross-step
   * locals (default; a process without them is where its pc says), or all of them (slower; does not
   * rely on the compiler's analysis of which locals live across steps).
   */
  scopes?: "locals" | "all";
  /**
   * When to read a process's locals after a step: after every step (default), or only after steps
   * whose translation writes one of them ("written": much faster; the TS engine's mode).
   */
  localReads?: "every" | "written";
  /**
   * A local that has not been in scope yet: left out of the encoded state (default), or encoded as
   * the value TLA+ gives it before its declaration runs ("default": the type's canonical value).
   */
  unknownLocals?: "skip" | "default";
}

interface LiveGenerator {
  gen: Generator<StepLabel, void, unknown>;
  setTarget(target: object): void;
}

let historyIds = 0;

export class ProtocolRuntime {
  readonly pids: string[];
  private readonly encodeContext: EncodeContext;
  /** Each process's `self`, in the order of `pids`. */
  readonly selves: ProcessId[];
  readonly instances: ProcessInstance[];
  readonly constants: Record<string, unknown>;
  /** Every process's locals can be read (through the inspector); otherwise their TLA+ variables are not compared. */
  readonly localsReadable: boolean;
  private readonly byPid = new Map<string, ProcessInstance>();
  private readonly spare = new WeakMap<History, LiveGenerator>();
  private readonly compact = new Map<string, History>();
  private readonly probe: ScopeProbe | undefined;
  /** Processes whose locals are read (their bodies' returns are watched). */
  private readonly watched = new Set<string>();
  private readonly allScopes: boolean;
  /** With `localReads: "written"`: per process, the steps whose translation writes a local. */
  private readonly writers: Map<string, Set<string>> | undefined;
  private readonly unknownAsDefault: boolean;
  private varTypesCache: Record<string, EncType> | undefined;
  private readonly encoded = new WeakMap<RtState, EncodedState>();

  private constructor(
    readonly compiled: CompiledProtocol,
    readonly decl: ProtocolDecl<unknown, unknown>,
    readonly scenario: IrScenario,
    opts: RuntimeOptions,
  ) {
    const ir = compiled.ir;
    this.constants = {};
    for (const c of ir.constants) {
      const v = scenario.constants[c.name];
      if (!v) throw new RuntimeSetupError(`scenario ${scenario.name} gives no value to the constant ${c.name}`);
      this.constants[c.name] =
        v.kind === "modelValues" ? new Set(v.names) : v.kind === "set" || v.kind === "seq" ? constantTs(v.elems, c.type!) : v.kind === "data" ? constantTs(v.value, c.type!) : v.value;
    }
    Object.freeze(this.constants);
    checkComputedConstants(decl, scenario, this.constants);
    this.instances = [];
    for (const p of ir.processes) {
      const d = decl.processes[p.name];
      if (!d) throw new RuntimeSetupError(`the protocol module has no process ${p.name}`);
      const ids: ProcessId[] = p.set ? [...(this.constants[p.set] as Set<ProcessId>)] : [p.name];
      const liveNames = new Map(p.labels.map((label) => [label, p.locals.filter((l) => l.liveAt.includes(label)).map((l) => l.tsName)]));
      for (const self of ids) this.instances.push({ pid: String(self), self, process: p, body: d.body as ProcessBody<unknown, unknown>, localNames: p.locals.map((l) => l.tsName), liveNames });
    }
    this.pids = this.instances.map((i) => i.pid);
    this.encodeContext = { allPids: this.pids, domains: scenarioDomains(scenario) };
    this.selves = this.instances.map((i) => i.self);
    for (const i of this.instances) this.byPid.set(i.pid, i);
    this.probe = opts.probe === false ? undefined : ScopeProbe.get();
    this.allScopes = opts.scopes === "all";
    this.writers = opts.localReads === "written" ? localWriters(ir) : undefined;
    this.unknownAsDefault = opts.unknownLocals === "default";
    let readable = true;
    for (const p of ir.processes) {
      if (p.locals.length === 0 || !this.probe) continue;
      // The debugger (for the values at `return`) slows everything down: with `localReads:
      // "written"`, only a step that writes a local and ends the process needs it.
      if (this.writers && !writesAndEnds(p)) {
        this.watched.add(p.name);
        continue;
      }
      const body = decl.processes[p.name]!.body;
      if (this.probe.watchReturns(body, p.locals.map((l) => l.tsName))) this.watched.add(p.name);
      else readable = false;
    }
    this.localsReadable = readable && this.probe !== undefined;
  }

  /** Loads the protocol module (a dynamic import: tsx is the loader) for one of its scenarios. */
  static async load(file: string, scenarioName: string, opts: RuntimeOptions = {}): Promise<ProtocolRuntime> {
    const cwd = opts.cwd ?? REPO_ROOT;
    const abs = path.resolve(cwd, file);
    const compiled = opts.compiled ?? (await import("../compiler/index.ts")).compileFile(abs, cwd);
    return ProtocolRuntime.fromCompiled(compiled, scenarioName, { ...opts, cwd });
  }

  /** Loads the module a compiled protocol was compiled from. */
  static async fromCompiled(compiled: CompiledProtocol, scenarioName: string, opts: RuntimeOptions = {}): Promise<ProtocolRuntime> {
    const scenario = compiled.ir.scenarios.find((s) => s.name === scenarioName);
    if (!scenario) throw new RuntimeSetupError(`unknown scenario '${scenarioName}' of ${compiled.name}; known: ${compiled.ir.scenarios.map((s) => s.name).join(", ")}`);
    const abs = path.resolve(opts.cwd ?? REPO_ROOT, compiled.ir.file);
    const decl = (await loadProtocolModule(abs, compiled.ir.file)) as ProtocolDecl<unknown, unknown> | undefined;
    if (!decl || typeof decl !== "object" || typeof decl.init !== "function" || typeof decl.processes !== "object") {
      throw new RuntimeSetupError(`${compiled.ir.file} does not export a protocol(...) by default`);
    }
    return new ProtocolRuntime(compiled, decl, scenario, { ...opts, compiled });
  }

  get ir(): IrProtocol {
    return this.compiled.ir;
  }

  instance(pid: string): ProcessInstance {
    const i = this.byPid.get(pid);
    if (!i) throw new Error(`unknown process id ${pid}`);
    return i;
  }

  // ---- hosts ----

  // One host object, pointed at the step's cursor and pcs before each run (hot: no closures per step).
  private hostCursor: ChoiceCursor | undefined;
  private hostPc: Readonly<Record<string, string>> = {};
  private hostLocals: RtState["locals"] = {};
  private readonly sharedHost: LanguageHost = {
    nondet: (branches?: { fairness: string }) => {
      const cursor = this.hostCursor;
      if (!cursor) throw new Error("nondet() outside a step");
      const v = cursor.next(2) === 0;
      cursor.picks.push(`nondet() = ${v}`);
      if (branches) cursor.alternative = v;
      return v;
    },
    oneOf: <T>(values: readonly T[]): T => {
      const cursor = this.hostCursor;
      if (!cursor) throw new Error("oneOf() outside a step");
      const v = values[cursor.next(values.length)]!;
      cursor.picks.push(`oneOf = ${formatTs(v)}`);
      return v;
    },
    at: (p: ProcessId, label: string) => this.hostPc[p] === label,
    done: (p: ProcessId) => this.hostPc[p] === "Done",
    allPids: () => this.selves,
    othersOf: (self: ProcessId) => {
      const own = this.byPid.get(String(self))?.process;
      return this.instances.filter((i) => i.process === own && i.pid !== String(self)).map((i) => i.self);
    },
    local: (process: string, p: ProcessId, name: string) => {
      const inst = this.byPid.get(String(p));
      if (!inst || inst.process.name !== process) throw new Error(`local(): ${formatTs(p)} is not a process of ${process}`);
      const l = inst.process.locals.find((x) => x.tsName === name);
      if (!l) throw new Error(`local(): ${process} keeps no local ${name}`);
      const pc = this.hostPc[inst.pid]!;
      if (!inst.liveNames.get(pc)?.includes(name)) return cloneState(this.localDefault(l, inst.pid));
      const own = this.hostLocals[inst.pid];
      if (own && name in own) return cloneState(own[name]);
      if (this.unknownAsDefault) return cloneState(this.localDefault(l, inst.pid));
      throw new Error(`local(): the value of ${inst.pid}.${name} cannot be read in this run (the TS runtime could not inspect the generator)`);
    },
  };

  private host(cursor: ChoiceCursor | undefined, pc: Readonly<Record<string, string>>, locals: RtState["locals"] = {}): LanguageHost {
    this.hostCursor = cursor;
    this.hostPc = pc;
    this.hostLocals = locals;
    return this.sharedHost;
  }

  private withHost<T>(host: LanguageHost, run: () => T): T {
    installHost(host);
    try {
      return run();
    } finally {
      installHost(undefined);
    }
  }

  // ---- initial states ----

  /** Every initial state: each choice of `init`, then each process run up to its first yield. */
  initialStates(): RtState[] {
    const inits: unknown[] = [];
    forEachChoiceSequence((cursor) => {
      try {
        const s = this.withHost(this.host(cursor, {}), () => this.decl.init(this.constants));
        inits.push(cloneState(s));
      } catch (e) {
        if (isBlocked(e)) return;
        throw new StepError("(init)", "init", cursor.indices, e);
      }
    });
    let states: RtState[] = inits.map((s) => ({ s, pc: {}, locals: {}, [HIDDEN]: {} }));
    for (const inst of this.instances) states = states.flatMap((st) => this.run(st, inst).map((x) => x.state));
    return states;
  }

  // ---- steps ----

  /** The successors of `state` by one step of process `pid` (none when it is blocked or done). */
  successors(state: RtState, pid: string): Successor[] {
    const inst = this.instance(pid);
    if (state.pc[pid] === "Done") return [];
    return this.run(state, inst);
  }

  /** The successors by any process, in process order. */
  allSuccessors(state: RtState): Successor[] {
    return this.instances.flatMap((i) => this.successors(state, i.pid));
  }

  isTerminated(state: RtState): boolean {
    return this.pids.every((p) => state.pc[p] === "Done");
  }

  private run(state: RtState, inst: ProcessInstance): Successor[] {
    const pid = inst.pid;
    const hidden = state[HIDDEN][pid];
    const label = state.pc[pid] ?? "(start)";
    const out: Successor[] = [];
    forEachChoiceSequence((cursor) => {
      const live = this.generatorFor(inst, hidden?.hist);
      const target = cloneState(state.s) as object;
      live.setTarget(target);
      this.probe?.resetCapture();
      let r: IteratorResult<StepLabel, void>;
      try {
        r = this.withHost(this.host(cursor, state.pc), () => live.gen.next());
      } catch (e) {
        if (isBlocked(e)) return;
        throw new StepError(pid, label, cursor.indices, e);
      }
      const nextPc = r.done ? "Done" : labelOf(r.value);
      const choices = cursor.indices;
      const s = cloneState(target);
      const hist: History = { prev: hidden?.hist, before: state.s, choices, id: ++historyIds };
      const capturing = this.watched.has(inst.process.name);
      let locals = state.locals[pid];
      // What identifies the generator's state beyond its pc; undefined when nothing readable does.
      let key: string | undefined;
      if (r.done) {
        key = "";
        if (capturing) locals = mergeLocals(locals, this.probe?.takeCapture(), inst.localNames);
      } else if (!this.allScopes && capturing && hidden && this.writers && !this.writers.get(inst.process.name)?.has(label)) {
        key = liveKey(locals, inst.liveNames.get(nextPc)); // the step writes no local live at nextPc: they are as they were
      } else if (this.allScopes || (capturing && inst.localNames.length > 0)) {
        const scope = this.probe?.readSuspended(live.gen);
        if (scope) {
          const own = ownVariables(scope, live, this.constants);
          if (inst.localNames.length) locals = mergeLocals(locals, own, inst.localNames);
          key = this.allScopes ? tsKey(own) : liveKey(locals, inst.liveNames.get(nextPc));
        } else if (capturing) locals = {}; // unreadable this time: unknown rather than stale
      } else if (inst.localNames.length === 0) key = "";
      // States where the generator is alike share one history, which keeps histories short.
      let kept = hist;
      if (!r.done && key !== undefined) {
        const ck = `${pid}\0${nextPc}\0${key}`;
        const known = this.compact.get(ck);
        if (known) kept = known;
        else this.compact.set(ck, hist);
      }
      if (!r.done) this.spare.set(kept, live);
      const next: RtState = {
        s,
        pc: { ...state.pc, [pid]: nextPc },
        locals: locals ? { ...state.locals, [pid]: locals } : state.locals,
        [HIDDEN]: { ...state[HIDDEN], [pid]: { hist: kept, key: key ?? `#${hist.id}` } },
      };
      out.push({ pid, process: inst.process.name, label, choices, picks: [...cursor.picks], ...(cursor.alternative !== undefined ? { alternative: cursor.alternative } : {}), state: next });
    });
    return out;
  }

  /** A generator positioned after `hist`: a spare one, or a new one that replays the history. */
  private generatorFor(inst: ProcessInstance, hist: History | undefined): LiveGenerator {
    if (hist) {
      const spare = this.spare.get(hist);
      if (spare) {
        this.spare.delete(hist);
        return spare;
      }
    }
    const live = this.newGenerator(inst);
    const entries: History[] = [];
    for (let h = hist; h; h = h.prev) entries.push(h);
    entries.reverse();
    for (const h of entries) {
      live.setTarget(cloneState(h.before) as object);
      const cursor = new ChoiceCursor(h.choices);
      try {
        const r = this.withHost(this.host(cursor, {}), () => live.gen.next());
        if (r.done) throw new Error("the process finished while its history was replayed");
      } catch (e) {
        throw new StepError(inst.pid, "(replay)", h.choices, e);
      }
    }
    return live;
  }

  private newGenerator(inst: ProcessInstance): LiveGenerator {
    let target: object = {};
    const handler: ProxyHandler<object> = {
      get: (_t, k) => Reflect.get(target, k),
      set: (_t, k, v) => Reflect.set(target, k, v),
      has: (_t, k) => Reflect.has(target, k),
      deleteProperty: (_t, k) => Reflect.deleteProperty(target, k),
      ownKeys: () => Reflect.ownKeys(target),
      getOwnPropertyDescriptor: (_t, k) => {
        const d = Reflect.getOwnPropertyDescriptor(target, k);
        return d ? { ...d, configurable: true } : undefined;
      },
      defineProperty: (_t, k, d) => Reflect.defineProperty(target, k, d),
      getPrototypeOf: () => Reflect.getPrototypeOf(target),
    };
    const proxy = new Proxy({}, handler);
    const gen = inst.body(inst.self as never, proxy, this.constants) as Generator<StepLabel, void, unknown>;
    const live: LiveGenerator & { proxy: object } = { gen, proxy, setTarget: (t) => void (target = t) };
    return live;
  }

  // ---- properties ----

  /** Evaluates a state predicate (an invariant or witness) with the runtime's `at`/`done`. */
  evaluate(pred: StatePredicate<unknown>, state: RtState): boolean {
    return this.withHost(this.host(undefined, state.pc, state.locals), () => Boolean(pred(cloneState(state.s), this.constants)));
  }

  /**
   * Evaluates a state predicate on the state itself, deep-frozen once (no copy per call): for the TS
   * engine, which asks many questions of every state. A predicate that writes throws.
   */
  evaluateFrozen(pred: StatePredicate<unknown>, state: RtState): boolean {
    deepFreeze(state.s);
    return this.withHost(this.host(undefined, state.pc, state.locals), () => Boolean(pred(state.s, this.constants)));
  }

  /** Evaluates an action predicate on a step, `at(...)` reading the state before it. */
  evaluateStep(pred: ActionPredicate<unknown>, before: RtState, after: RtState): boolean {
    return this.withHost(this.host(undefined, before.pc, before.locals), () => Boolean(pred(cloneState(before.s), cloneState(after.s), this.constants)));
  }

  /** `evaluateStep` on the states themselves, deep-frozen once (for the TS engine). */
  evaluateStepFrozen(pred: ActionPredicate<unknown>, before: RtState, after: RtState): boolean {
    deepFreeze(before.s);
    deepFreeze(after.s);
    return this.withHost(this.host(undefined, before.pc, before.locals), () => Boolean(pred(before.s, after.s, this.constants)));
  }

  // ---- TLA+ view ----

  /**
   * The TLA+ variables of a state, in canonical form. A process local is known for the process ids
   * whose generator had it in scope at some point: a local variable's function holds only those
   * (`unknown` lists the others; a variable unknown for every id is left out of `vars`).
   */
  encode(state: RtState): EncodedState {
    let e = this.encoded.get(state);
    if (!e) {
      e = this.encodeUncached(state);
      this.encoded.set(state, e);
    }
    return e;
  }

  private encodeUncached(state: RtState): EncodedState {
    const ir = this.ir;
    const problems = new EncodeProblems();
    const ctx = this.encodeContext;
    const vars: Record<string, TlaValue> = {};
    const unknown: Record<string, string[]> = {};
    const s = state.s as Record<string, unknown>;
    for (const v of ir.stateVars) vars[v.tlaName] = encodeTs(s?.[v.tsName], v.type, ctx, `s.${v.tsName}`, problems);
    vars.pc = encodeTs(state.pc, this.pcType(), ctx, "pc", problems);
    for (const p of ir.processes) {
      const ids = this.instances.filter((i) => i.process === p).map((i) => i.pid);
      for (const l of p.locals) {
        const values: Record<string, unknown> = {};
        const missing: string[] = [];
        for (const pid of ids) {
          const own = state.locals[pid];
          const fallback = this.unknownAsDefault ? this.localDefault(l, pid) : undefined;
          if (!this.byPid.get(pid)!.liveNames.get(state.pc[pid]!)?.includes(l.tsName)) values[pid] = this.localDefault(l, pid); // dead here: TLA+ resets it
          else if (own && l.tsName in own) values[pid] = own[l.tsName];
          else if (fallback !== undefined) values[pid] = fallback;
          else missing.push(pid);
        }
        if (missing.length) unknown[l.tlaName] = missing;
        if (ids.length > 0 && missing.length === ids.length) continue;
        const known = ids.filter((pid) => !missing.includes(pid));
        vars[l.tlaName] = encodeTs(values, { k: "fnOver", domain: known, value: l.type }, ctx, `${p.name}'s local ${l.tsName}`, problems);
      }
    }
    const key = [
      ...Object.keys(vars).map((k) => `${k}=${printTla(vars[k]!)}`),
      ...Object.keys(unknown).map((k) => `${k}?=${unknown[k]!.join(",")}`),
    ].join(";");
    return { vars, problems: problems.list, errors: problems.errors, unknown, key };
  }

  /** `pc` as a type: a function on all process ids to step labels. */
  pcType(): EncType {
    return this.varTypes().pc!;
  }

  /** The TLA+ type of each variable, for checker values. */
  varTypes(): Record<string, EncType> {
    this.varTypesCache ??= scenarioVarTypes(this.ir, this.scenario);
    return this.varTypesCache;
  }

  /** The state as TLA+ sees it (the same for states TLC counts as one). */
  visibleKey(state: RtState): string {
    return this.encode(state).key;
  }

  /** The visible state plus what the generators keep beyond it (states with equal keys behave alike). */
  fullKey(state: RtState): string {
    return `${this.visibleKey(state)}\0${this.hiddenKey(state)}`;
  }

  /** What the generators keep beyond the visible state. */
  hiddenKey(state: RtState): string {
    return this.pids.map((p) => (state.pc[p] === "Done" ? "" : (state[HIDDEN][p]?.key ?? ""))).join("\0");
  }

  /**
   * A key equal for two states exactly when `visibleKey` is (for values of their types), made from the
   * TS values directly: cheaper than encoding, for the many successors that are states seen before.
   */
  fastKey(state: RtState): string {
    const parts = [tsKey(state.s), tsKey(state.pc)];
    for (const inst of this.instances) {
      if (inst.localNames.length === 0) continue;
      const own = state.locals[inst.pid];
      const live = inst.liveNames.get(state.pc[inst.pid]!);
      for (const l of inst.process.locals) {
        const v = !live?.includes(l.tsName) ? this.localDefault(l, inst.pid) : own && l.tsName in own ? own[l.tsName] : this.unknownAsDefault ? this.localDefault(l, inst.pid) : undefined;
        parts.push(tsKey(v));
      }
    }
    return parts.join("\0");
  }

  private readonly defaults = new Map<IrLocal, Map<string, unknown>>();
  /** What the TLA+ holds in a local where it is dead (tla.ts defaultValue): per process, for ids are `self`. */
  private localDefault(l: IrLocal, pid: string): unknown {
    let own = this.defaults.get(l);
    if (!own) this.defaults.set(l, (own = new Map()));
    if (!own.has(pid)) own.set(pid, tsDefaultValue(l.type, this.encodeContext, pid));
    return own.get(pid);
  }
}

/** A constant's value (JSON, sets and sequences as arrays) as the TS value of its type, frozen. */
function constantTs(v: unknown, t: IrType): unknown {
  if (t.k === "set") {
    const elems = (v as unknown[]).map((x) => constantTs(x, t.elem));
    return Object.freeze(t.byValue ? new ValueSet(elems) : new Set(elems));
  }
  if (t.k === "seq") return Object.freeze((v as unknown[]).map((x) => constantTs(x, t.elem)));
  if (t.k === "record") return Object.freeze(Object.fromEntries(t.fields.map((f) => [f.name, constantTs((v as Record<string, unknown>)[f.name], f.type)])));
  return v;
}

function deepFreeze(v: unknown): void {
  if (typeof v !== "object" || v === null || Object.isFrozen(v)) return;
  Object.freeze(v);
  if (v instanceof Set || isValueSet(v)) for (const x of v as Iterable<unknown>) deepFreeze(x);
  else if (v instanceof Map) for (const [k, x] of v) (deepFreeze(k), deepFreeze(x));
  else for (const x of Object.values(v)) deepFreeze(x);
}

/**
 * Per process, the labels of the steps whose translation assigns one of the process's locals where
 * it is live after the step (a reset of a dead local to its default needs no reading).
 */
function localWriters(ir: IrProtocol): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of ir.processes) out.set(p.name, new Set(p.steps.filter((st) => leaves(st.action).some((u) => writesLive(p, u))).map((st) => st.label)));
  return out;
}

/** Some path of some step both assigns one of the process's locals (live after it) and ends the process. */
function writesAndEnds(p: IrProcess): boolean {
  return p.steps.some((st) => leaves(st.action).some((u) => targetOf(u) === "Done" && writesLive(p, u)));
}

/** A path's updates assign a local that is live where the path ends. */
function writesLive(p: IrProcess, u: Map<string, Expr>): boolean {
  const target = targetOf(u);
  return p.locals.some((l) => u.has(l.tlaName) && (target === undefined || l.liveAt.includes(target)));
}

/** The label a path's updates set the pc to (`[pc EXCEPT ![self] = "label"]`). */
function targetOf(u: Map<string, Expr>): string | undefined {
  return /= "([^"]*)"\]$/.exec(u.get("pc")?.text ?? "")?.[1];
}

/** The key of the locals live at a label. */
function liveKey(locals: Readonly<Record<string, unknown>> | undefined, live: readonly string[] | undefined): string {
  if (!live?.length) return "";
  const own = locals ?? {};
  return live.map((n) => (n in own ? tsKey(own[n]) : "?")).join(",");
}

/** The updates of every path through an action. */
function leaves(a: Action): Array<Map<string, Expr>> {
  switch (a.k) {
    case "leaf":
      return [a.updates];
    case "let":
    case "guard":
    case "exists":
      return leaves(a.body);
    case "if":
      return [...leaves(a.then), ...leaves(a.else)];
    case "either":
      return a.branches.flatMap(leaves);
  }
}

function isBlocked(e: unknown): boolean {
  return e instanceof BlockedStep || (e instanceof Error && e.constructor.name === "BlockedStep");
}

function labelOf(v: StepLabel): string {
  return typeof v === "string" ? v : v.label;
}

/** A generator's own variables: without the state proxy, the constants and functions. */
function ownVariables(scope: Record<string, unknown>, live: LiveGenerator, constants: object): Record<string, unknown> {
  const proxy = (live as LiveGenerator & { proxy: object }).proxy;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(scope)) {
    if (v === proxy || v === constants || typeof v === "function" || isDeadMarker(v)) continue;
    out[k] = v;
  }
  return out;
}

/**
 * Undefined, or V8's marker for a variable that is dead where a generator stopped (read through the
 * inspector): it is neither undefined nor null though it prints as one of them, and cloning it
 * aborts the process.
 */
function isDeadMarker(v: unknown): boolean {
  if (v === undefined) return true;
  const t = Object.prototype.toString.call(v);
  return t === "[object Undefined]" || (t === "[object Null]" && v !== null);
}

/** The locals named in `names` from `found`, over the previous values (a local out of scope keeps its value). */
function mergeLocals(prev: Readonly<Record<string, unknown>> | undefined, found: Record<string, unknown> | undefined, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...prev };
  for (const n of names) {
    if (found && n in found && !isDeadMarker(found[n])) {
      try {
        out[n] = cloneState(found[n]);
      } catch {
        // not cloneable: leave it unknown
      }
    }
  }
  return out;
}

/** A stable text key of a TS value (sets sorted, object keys sorted). */
export function tsKey(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) {
    // Holes read as undefined (map would skip them); properties that are not elements count too.
    let out = "[";
    for (let i = 0; i < v.length; i++) out += (i ? "," : "") + tsKey(v[i]);
    const extra = nonElementKeys(v);
    if (extra.length) out += `|${extra.map((k) => `${JSON.stringify(k)}:${tsKey((v as unknown as Record<string, unknown>)[k])}`).join(",")}`;
    return `${out}]`;
  }
  if (v instanceof Set || isValueSet(v)) return `Set{${[...(v as Iterable<unknown>)].map(tsKey).sort().join(",")}}`;
  if (v instanceof Map) return `Map{${[...v].map(([k, x]) => `${tsKey(k)}=>${tsKey(x)}`).sort().join(",")}}`;
  if (typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${tsKey((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return typeof v;
}

/**
 * What tsx's `tsImport` does (the module and everything it imports loaded afresh, under a namespace
 * of its own, `.ts` required from CommonJS too), with both hooks removed once it is loaded:
 * `tsImport` leaves its CommonJS hook wrapped around `Module._resolveFilename` for good, and after
 * some hundred protocols loaded in one process (the test suite) every `require` overflows the stack.
 */
async function importFresh(url: string): Promise<unknown> {
  const namespace = randomUUID();
  const cjs = registerCjs({ namespace });
  const esm = registerEsm({ namespace });
  try {
    return await esm.import(url, import.meta.url);
  } finally {
    await esm.unregister();
    cjs.unregister();
  }
}

/**
 * The default export of a protocol file. Loaded with tsx's own loader, so that a project without
 * `"type": "module"` (whose .ts files are CommonJS) loads too; its default export then sits under
 * `default.default`.
 */
async function loadProtocolModule(abs: string, shown: string): Promise<unknown> {
  let mod: { default?: unknown };
  try {
    mod = (await importFresh(pathToFileURL(abs).href)) as { default?: unknown };
  } catch (e) {
    throw new RuntimeSetupError(`cannot load ${shown} as a program: ${(e as Error).message.split("\n")[0]}`);
  }
  const first = mod.default;
  const isDecl = (v: unknown) => typeof v === "object" && v !== null && "processes" in v;
  if (!isDecl(first) && typeof first === "object" && first !== null && "default" in first) return (first as { default: unknown }).default;
  return first;
}

/**
 * The constants a scenario computes from the others (`Nodes: (c) => range(0, c.N - 1)`): the user's
 * function, run on the scenario's constants, must give the value the compiler evaluated statically
 * and wrote into the model; otherwise the two meanings differ (a compiler bug).
 */
function checkComputedConstants(decl: ProtocolDecl<unknown, unknown>, scenario: IrScenario, constants: Record<string, unknown>): void {
  for (const name of Object.keys(scenario.computed ?? {})) {
    const fn = (decl.scenarios?.[scenario.name]?.constants as Record<string, unknown> | undefined)?.[name];
    if (typeof fn !== "function") throw new RuntimeSetupError(`scenario ${scenario.name}: the constant ${name} is no function in the protocol module`);
    const got: unknown = fn(constants);
    const want = constants[name];
    const same =
      got !== null && typeof got === "object" ? equals(got, want) : Object.is(got, want);
    if (!same) {
      throw new RuntimeSetupError(`scenario ${scenario.name}: the constant ${name} is ${formatTs(got)} in the TypeScript but ${formatTs(want)} in the model: a compiler bug`);
    }
  }
}
