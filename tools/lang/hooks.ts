// How the language's functions behave when a protocol runs as a program (the TS runtime, simulator
// and trace replayer install a host); the compiler never runs them.
import type { ProcessId } from "./index.ts";

export interface LanguageHost {
  /** Picks a branch of `if (nondet())`. */
  nondet(branches?: { fairness: string }): boolean;
  /** Picks one of `values` (never called with none). */
  oneOf<T>(values: readonly T[]): T;
  /** Process `p` is about to run the step `label`. */
  at(p: ProcessId, label: string): boolean;
  done(p: ProcessId): boolean;
  /** Every process id, for `byPid`. */
  allPids(): readonly ProcessId[];
  /** The ids of the process set `self` belongs to, but `self`. */
  othersOf(self: ProcessId): readonly ProcessId[];
  /** In properties: the value of process `p`'s kept local `name` (its type's default where it is not live). */
  local(process: string, p: ProcessId, name: string): unknown;
}

// Kept on globalThis: a protocol file loaded as CommonJS (a project without "type": "module") gets its
// own copy of this module, and must still see the host the runtime installed.
const HOST = Symbol.for("ts2tla.languageHost");
const slot = globalThis as { [HOST]?: LanguageHost };

export function installHost(host: LanguageHost | undefined): void {
  slot[HOST] = host;
}

export function host(name: string): LanguageHost {
  const current = slot[HOST];
  if (!current) throw new Error(`${name}() needs the ts2tla runtime: run the protocol with 'ts2tla simulate'`);
  return current;
}
