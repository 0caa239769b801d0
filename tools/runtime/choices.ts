// Choice sequences: every nondet()/oneOf() of a step (or of init) reads the next choice, so running a
// step once per choice sequence (depth first) enumerates all of its successor states.

export interface Choice {
  index: number;
  arity: number;
}

export class ChoiceCursor {
  readonly taken: Choice[] = [];
  /** What each choice picked, for people (`nondet() = true`, `oneOf = "yes"`). */
  readonly picks: string[] = [];
  /** The branch the step's `nondet({ fairness })` took, if it ran. */
  alternative?: boolean;

  constructor(private readonly prefix: readonly number[]) {}

  /** The next choice among `arity` alternatives. */
  next(arity: number): number {
    const i = this.taken.length;
    const index = i < this.prefix.length ? this.prefix[i]! : 0;
    if (index >= arity) throw new ChoiceReplayError(`choice ${i + 1} has ${arity} alternatives, the recorded sequence says ${index + 1}`);
    this.taken.push({ index, arity });
    return index;
  }

  get indices(): number[] {
    return this.taken.map((c) => c.index);
  }
}

/** A recorded choice sequence does not fit the step any more: the step is not deterministic. */
export class ChoiceReplayError extends Error {
  constructor(message: string) {
    super(`${message}: the step does not behave the same when replayed (does it read anything besides s, c, self and its locals?)`);
    this.name = "ChoiceReplayError";
  }
}

/** Calls `attempt` once per choice sequence, in depth-first order (first alternatives first). */
export function forEachChoiceSequence(attempt: (cursor: ChoiceCursor) => void, limit = 100_000): void {
  let prefix: number[] = [];
  for (let n = 0; ; n++) {
    if (n >= limit) throw new Error(`more than ${limit} choice sequences in one step`);
    const cursor = new ChoiceCursor(prefix);
    attempt(cursor);
    const t = cursor.taken;
    let k = t.length - 1;
    while (k >= 0 && t[k]!.index + 1 >= t[k]!.arity) k--;
    if (k < 0) return;
    prefix = [...t.slice(0, k).map((c) => c.index), t[k]!.index + 1];
  }
}
