// How the language's functions behave when a protocol runs as a program (the TS runtime, simulator
// and trace replayer install a host); the compiler never runs them.
import type { Pid } from "./index.ts";

export interface LanguageHost {
  /** Picks a branch of `if (nondet())`. */
  nondet(): boolean;
  /** Picks one of `values` (never called with none). */
  oneOf<T>(values: readonly T[]): T;
  /** Process `p` is about to run the step `label`. */
  at(p: Pid, label: string): boolean;
  done(p: Pid): boolean;
  /** Every process id, for `byPid`. */
  allPids(): readonly Pid[];
}

let current: LanguageHost | undefined;

export function installHost(host: LanguageHost | undefined): void {
  current = host;
}

export function host(name: string): LanguageHost {
  if (!current) throw new Error(`${name}() needs the ts2tla runtime: run the protocol with 'ts2tla simulate'`);
  return current;
}
