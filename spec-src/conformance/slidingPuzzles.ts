// Klotski, a sliding block puzzle (tlaplus/Examples, specifications/SlidingPuzzles/SlidingPuzzles.tla,
// model SlidingPuzzles.cfg): a 4 x 5 board of ten pieces; a step slides one piece by one position
// into a free one. KlotskiGoal ("the big square is not at the exit") is violated: TLC's trace is a
// solution.
//
// A position is a pair [x, y] (a tuple), a piece the set of its positions, the board the set of its pieces:
// ValueSets (compared by value, as TLA+ compares them). The original's `\E e \in empty : board' \in
// update(e, empty)` is the choice of a free position e, then of a direction, then the step's checks.
import { all, any, difference, filterSet, invariant, isDisjointFrom, mapSet, oneOf, process, protocol, ValueSet, when, type Int, type ReadonlyValueSet } from "ts2tla";

type X = Int<0, 3>;
type Y = Int<0, 4>;
type Pos = readonly [X, Y];
type Piece = ReadonlyValueSet<Pos>;
type Dir = readonly [Int<-1, 1>, Int<-1, 1>];

interface State {
  board: ValueSet<Piece>;
}

const W = 4;
const H = 5;

/** Every position of the board. */
const POSITIONS: ReadonlyValueSet<Pos> = new ValueSet<Pos>([
  [0, 0], [1, 0], [2, 0], [3, 0],
  [0, 1], [1, 1], [2, 1], [3, 1],
  [0, 2], [1, 2], [2, 2], [3, 2],
  [0, 3], [1, 3], [2, 3], [3, 3],
  [0, 4], [1, 4], [2, 4], [3, 4],
]);

const DIRECTIONS: ReadonlyValueSet<Dir> = new ValueSet<Dir>([[1, 0], [0, 1], [-1, 0], [0, -1]]);

const inBoard = (x: number, y: number): boolean => x >= 0 && x < W && y >= 0 && y < H;

function piece(...positions: Pos[]): Piece {
  return new ValueSet<Pos>(positions);
}

/** The positions no piece covers. */
function freePositions(board: ReadonlyValueSet<Piece>): ReadonlyValueSet<Pos> {
  return filterSet(POSITIONS, (p) => !any(board, (pc) => pc.has(p)));
}

export default protocol<State>({
  init: () => ({
    board: new ValueSet<Piece>([
      piece([0, 0], [0, 1]),
      piece([1, 0], [2, 0], [1, 1], [2, 1]),
      piece([3, 0], [3, 1]),
      piece([0, 2], [0, 3]),
      piece([1, 2], [2, 2]),
      piece([3, 2], [3, 3]),
      piece([1, 3]),
      piece([2, 3]),
      piece([0, 4]),
      piece([3, 4]),
    ]),
  }),
  processes: {
    main: process(function* (self, s) {
      for (;;) {
        yield "slide";
        const empty = freePositions(s.board);
        const e = oneOf(empty);
        // A direction d whose neighbour e + d is a covered position of the board: its piece slides by -d into e.
        const d = oneOf(filterSet(DIRECTIONS, (dd) => inBoard(e[0] + dd[0], e[1] + dd[1]) && !empty.has([(e[0] + dd[0]) as X, (e[1] + dd[1]) as Y])));
        const from: Pos = [(e[0] + d[0]) as X, (e[1] + d[1]) as Y];
        const moving = oneOf(filterSet(s.board, (pc) => pc.has(from)));
        when(all(moving, (q) => inBoard(q[0] - d[0], q[1] - d[1])));
        const moved = mapSet(moving, (q): Pos => [(q[0] - d[0]) as X, (q[1] - d[1]) as Y]);
        const others = difference(s.board, new ValueSet<Piece>([moving]));
        when(all(others, (pc) => isDisjointFrom(pc, moved)));
        s.board.delete(moving);
        s.board.add(moved);
      }
    }),
  },
  properties: {
    piecesOnBoard: invariant((s) => all(s.board, (pc) => all(pc, (p) => POSITIONS.has(p)))),
    klotskiGoal: invariant((s) => !s.board.has(piece([1, 3], [1, 4], [2, 3], [2, 4]))),
  },
  scenarios: {
    SlidingPuzzles: { constants: {}, expect: { klotskiGoal: "violated" } },
  },
});
