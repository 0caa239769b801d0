// Reading a process's local variables, which live in its generator and cannot be read from inside it.
//
// Through V8's inspector, connected to this very process (node:inspector; same-thread calls are
// answered synchronously):
//   - a suspended generator's scopes (`[[Scopes]]` of the generator object) give the variables in
//     scope at its current `yield`;
//   - a generator that has returned has no scopes left, so each `return` location of a process body
//     gets a conditional breakpoint whose condition records the named locals and is always false: it
//     never pauses, it only runs in the returning frame. (Conditions cost about a millisecond each,
//     so they are not used at every yield: replayed steps would pay for them too.)
// When the inspector is not usable, `ScopeProbe.get()` is undefined and the runtime does without
// (the TLA+ variables of process locals are then skipped in comparisons).
import { Session } from "node:inspector";

const STASH = "__ts2tlaScopeStash";
const CAPTURE = "__ts2tlaCapture";
const ABSENT = "__ts2tlaAbsent";

type Json = Record<string, unknown>;

interface RemoteObject {
  type: string;
  subtype?: string;
  value?: unknown;
  objectId?: string;
  description?: string;
}

interface PropertyDescriptor {
  name: string;
  value?: RemoteObject;
}

let instance: ScopeProbe | null | undefined;

export class ScopeProbe {
  private readonly session: Session;
  private debuggerOn = false;
  private readonly watched = new WeakSet<object>();
  private captured: Record<string, unknown> | undefined;
  private readonly absent = Symbol("absent");
  private reads = 0;

  private constructor(session: Session) {
    this.session = session;
    const g = globalThis as unknown as Json;
    Object.defineProperty(g, CAPTURE, { value: (v: Record<string, unknown>) => void (this.captured = v), configurable: true, writable: true });
    Object.defineProperty(g, ABSENT, { value: this.absent, configurable: true, writable: true });
  }

  /** The process-wide probe, or undefined when the inspector cannot be used here. */
  static get(): ScopeProbe | undefined {
    if (instance === undefined) {
      try {
        const session = new Session();
        session.connect();
        const probe = new ScopeProbe(session);
        probe.post("Runtime.enable");
        instance = probe;
      } catch {
        instance = null;
      }
    }
    return instance ?? undefined;
  }

  private post<T = Json>(method: string, params?: Json): T {
    let result: unknown;
    let error: unknown;
    let answered = false;
    this.session.post(method, params, (e, r) => {
      error = e;
      result = r;
      answered = true;
    });
    if (!answered) throw new Error(`inspector call ${method} did not answer synchronously`);
    if (error) throw new Error(`inspector call ${method} failed: ${(error as Error).message ?? JSON.stringify(error)}`);
    return result as T;
  }

  private remote(value: unknown, group: string): RemoteObject {
    const g = globalThis as unknown as Json;
    g[STASH] = value;
    try {
      return this.post<{ result: RemoteObject }>("Runtime.evaluate", { expression: `globalThis.${STASH}`, objectGroup: group }).result;
    } finally {
      delete g[STASH];
    }
  }

  private internal(objectId: string, name: string): RemoteObject | undefined {
    const props = this.post<{ internalProperties?: PropertyDescriptor[] }>("Runtime.getProperties", { objectId, ownProperties: true });
    return props.internalProperties?.find((p) => p.name === name)?.value;
  }

  /**
   * The variables in scope where a suspended generator stopped (innermost declaration wins), without
   * closure and global scopes. Undefined when the generator is not suspended.
   */
  readSuspended(gen: Generator<unknown, unknown, unknown>): Record<string, unknown> | undefined {
    const group = "ts2tla-scope";
    try {
      // Remote objects are released in batches: one more call per read costs more than the memory.
      if (++this.reads % 200 === 0) this.post("Runtime.releaseObjectGroup", { objectGroup: group });
      const obj = this.remote(gen, group);
      if (!obj.objectId) return undefined;
      const scopes = this.internal(obj.objectId, "[[Scopes]]");
      if (!scopes?.objectId) return undefined;
      // One call copies the local and block scopes' variables out (innermost first).
      const g = globalThis as unknown as Json;
      this.post("Runtime.callFunctionOn", {
        objectId: scopes.objectId,
        // A variable that is dead where the generator stopped reads as V8's "optimized out" marker:
        // neither undefined nor null, though it prints as one of them, and cloning it aborts the
        // process. Such variables are left out here, before the value leaves this function.
        functionDeclaration: `function () { globalThis.${STASH} = Array.from(this).filter((x) => /^(Local|Block)\\b/.test(String(x.description))).map((x) => { const o = {}; for (const k of Object.keys(x.object)) { const v = x.object[k]; const t = Object.prototype.toString.call(v); if (v === undefined || t === "[object Undefined]" || (t === "[object Null]" && v !== null)) continue; o[k] = v; } return o; }); }`,
        objectGroup: group,
      });
      const scopeObjects = (g[STASH] as Array<Record<string, unknown>> | undefined) ?? [];
      delete g[STASH];
      const out: Record<string, unknown> = {};
      for (const vars of scopeObjects) {
        if (!vars) continue;
        for (const name of Object.keys(vars)) if (!(name in out)) out[name] = vars[name];
      }
      return out;
    } catch {
      return undefined;
    }
  }

  /**
   * Records `names` at each `return` location of the generator function `fn` (explicit returns and
   * falling off its end). Returns false when the breakpoints could not be set.
   */
  watchReturns(fn: Function, names: readonly string[]): boolean {
    if (this.watched.has(fn)) return true;
    const group = "ts2tla-fn";
    try {
      if (!this.debuggerOn) {
        this.post("Debugger.enable");
        // Never pause this thread (nobody could resume it): `debugger;` statements and exceptions are
        // ignored; breakpoint conditions still run.
        this.post("Debugger.setSkipAllPauses", { skip: true });
        this.debuggerOn = true;
      }
      const obj = this.remote(fn, group);
      const loc = obj.objectId ? (this.internal(obj.objectId, "[[FunctionLocation]]")?.value as { scriptId: string } | undefined) : undefined;
      if (!loc) return false;
      const { locations } = this.post<{ locations: Array<{ scriptId: string; lineNumber: number; columnNumber?: number; type?: string }> }>("Debugger.getPossibleBreakpoints", {
        start: loc,
        restrictToFunction: true,
      });
      const read = names
        .filter((n) => /^[A-Za-z_$][\w$]*$/.test(n))
        .map((n) => `${JSON.stringify(n)}: (() => { try { return ${n}; } catch (e) { return globalThis.${ABSENT}; } })()`);
      const condition = `(() => { try { globalThis.${CAPTURE}({ ${read.join(", ")} }); } catch (e) {} return false; })()`;
      const returns = locations.filter((l) => l.type === "return");
      for (const l of returns) {
        const { type: _type, ...location } = l;
        this.post("Debugger.setBreakpoint", { location, condition });
      }
      this.watched.add(fn);
      return true;
    } catch {
      return false;
    } finally {
      this.post("Runtime.releaseObjectGroup", { objectGroup: group });
    }
  }

  /** Starts recording a step; `takeCapture` gives what a `return` in it recorded. */
  resetCapture(): void {
    this.captured = undefined;
  }

  /** The locals recorded at the last return since `resetCapture`; absent ones are left out. */
  takeCapture(): Record<string, unknown> | undefined {
    const c = this.captured;
    this.captured = undefined;
    if (!c) return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(c)) if (v !== this.absent) out[k] = v;
    return out;
  }
}
