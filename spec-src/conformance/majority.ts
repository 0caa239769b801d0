// Boyer and Moore's majority vote (tlaplus/Examples, specifications/Majority/Majority.tla, model
// MCMajority.cfg: values A, B, C, every sequence of at most 5 of them).
//
// One pass over the sequence keeps a candidate and a count: an equal value counts up, another counts
// down, and at 0 the next value becomes the candidate. At the end, a value that fills more than half
// of the sequence is the candidate. Positions are 0-based here (the original's i is ours + 1).
import { all, difference, invariant, oneOf, process, protocol, range, when, type Int } from "ts2tla";

type Value = "A" | "B" | "C";

interface State {
  /** The input, never changed. */
  seq: Value[];
  /** The next position to read. */
  i: Int<0, 5>;
  cand: Value;
  /** A lower bound of the candidate's occurrences so far. */
  cnt: Int<0, 5>;
}

interface Constants {
  Values: ReadonlySet<Value>;
  bound: Int<0, 5>;
}

/** How often `v` occurs before position `j`. */
function occurrencesBefore(seq: readonly Value[], v: Value, j: number): number {
  return seq.slice(0, j).filter((x) => x === v).length;
}

export default protocol<State, Constants>({
  init: (c) => ({
    seq: Array.from({ length: oneOf(range(0, c.bound)) }, () => oneOf(c.Values)),
    i: 0,
    cand: oneOf(c.Values),
    cnt: 0,
  }),
  processes: {
    vote: process(function* (self, s) {
      for (;;) {
        yield "read";
        when(s.i < s.seq.length);
        if (s.cnt === 0) {
          s.cand = s.seq[s.i]!;
          s.cnt = 1;
        } else if (s.cand === s.seq[s.i]) s.cnt += 1;
        else s.cnt -= 1;
        s.i += 1;
      }
    }),
  },
  properties: {
    /** At the end, only the candidate can have a majority. */
    correct: invariant((s, c) => s.i < s.seq.length || all(c.Values, (v) => !(2 * occurrencesBefore(s.seq, v, s.seq.length) > s.seq.length) || v === s.cand)),
    /** The inductive invariant of the proof. */
    inductive: invariant((s, c) =>
      s.cnt <= occurrencesBefore(s.seq, s.cand, s.i) &&
      2 * (occurrencesBefore(s.seq, s.cand, s.i) - s.cnt) <= s.i - s.cnt &&
      all(difference(c.Values, new Set([s.cand])), (v) => 2 * occurrencesBefore(s.seq, v, s.i) <= s.i - s.cnt)),
  },
  scenarios: {
    MCMajority: {
      description: "Value = {A, B, C}, bound = 5",
      constants: { Values: ["A", "B", "C"], bound: 5 },
      deadlock: false,
      expect: { correct: "holds", inductive: "holds" },
    },
  },
});
