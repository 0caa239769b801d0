// N queens by successive placement (tlaplus/Examples, specifications/N-Queens/Queens.tla, model
// Queens.toolbox/FourQueens: N = 4, NoSolutions checked so that TLC shows a solution).
//
// A placement is the sequence of the queens' columns, row by row; `todo` holds the partial solutions
// still to extend and `sols` the full ones: sets of sequences, so ValueSets (compared by value, as
// TLA+ compares them). Rows are numbered from 0 here, columns from 1 as in the original. The
// Invariant's second half ("when todo is empty, every solution is in sols") needs the set of all
// functions 1..N -> 1..N, which the language does not build: it is left out.
import { all, any, filterSet, invariant, mapSet, oneOf, process, protocol, range, union, ValueSet, type Int } from "ts2tla";

type Col = Int<1, 4>;
type Row = Int<0, 3>;
type Placement = readonly Col[];

interface State {
  todo: ValueSet<Placement>;
  sols: ValueSet<Placement>;
}

interface Constants {
  N: Int<1, 4>;
}

/** The queens of rows i and j attack each other: same column or same diagonal. */
function attacks(queens: Placement, i: Row, j: Row): boolean {
  return queens[i] === queens[j] || queens[i]! - queens[j]! === i - j || queens[j]! - queens[i]! === i - j;
}

/** No two queens of the placement attack each other. */
function isSolution(queens: Placement): boolean {
  return all(range(0, queens.length - 1), (i: Row) => all(range(i + 1, queens.length - 1), (j: Row) => !attacks(queens, i, j)));
}

export default protocol<State, Constants>({
  init: () => ({ todo: new ValueSet<Placement>([[]]), sols: new ValueSet<Placement>() }),
  processes: {
    main: process(function* (self, s, c) {
      for (;;) {
        yield "placeQueen";
        const queens = oneOf(s.todo);
        const next: Row = queens.length;
        const cols = filterSet(range(1, c.N), (col: Col) => !any(range(0, queens.length - 1), (i: Row) => attacks([...queens, col], i, next)));
        const exts = mapSet(new ValueSet(cols), (col) => [...queens, col]);
        s.todo.delete(queens);
        if (next + 1 === c.N) s.sols = union(s.sols, exts);
        else s.todo = union(s.todo, exts);
      }
    }),
  },
  properties: {
    typeInvariant: invariant((s, c) => all(s.todo, (q) => q.length < c.N) && all(s.sols, (q) => q.length === c.N)),
    invariant: invariant((s) => all(s.sols, (q) => isSolution(q))),
    noSolutions: invariant((s) => s.sols.size === 0),
  },
  scenarios: {
    FourQueens: { constants: { N: 4 }, deadlock: false, expect: { noSolutions: "violated" } },
  },
});
