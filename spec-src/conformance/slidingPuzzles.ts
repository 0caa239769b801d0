// Klotski, a sliding block puzzle (tlaplus/Examples, specifications/SlidingPuzzles/SlidingPuzzles.tla,
// model SlidingPuzzles.cfg): a 4 x 5 board of ten pieces; a step slides one piece by one position
// into a free one. KlotskiGoal ("the big square is not at the exit") is violated: TLC's trace is a
// solution.
//
// A position is a record { x, y } (the original's pair <<x, y>>), a piece the set of its positions, the board the set of its pieces:
// ValueSets (compared by value, as TLA+ compares them). The original's `\E e \in empty : board' \in
// update(e, empty)` is the choice of a free position e, then of a direction, then the step's checks.
import { all, any, difference, filterSet, invariant, isDisjointFrom, mapSet, oneOf, process, protocol, ValueSet, when, type Int, type ReadonlyValueSet } from "ts2tla";

type X = Int<0, 3>;
type Y = Int<0, 4>;
type Pos = { readonly x: X; readonly y: Y };
type Piece = ReadonlyValueSet<Pos>;
type Dir = { readonly dx: Int<-1, 1>; readonly dy: Int<-1, 1> };

interface State {
  board: ValueSet<Piece>;
}

const W = 4;
const H = 5;

/** Every position of the board. */
const POSITIONS: ReadonlyValueSet<Pos> = new ValueSet<Pos>([
  { x: 0, y: 0 }, { x: 1, y: 0 }, { x: 2, y: 0 }, { x: 3, y: 0 },
  { x: 0, y: 1 }, { x: 1, y: 1 }, { x: 2, y: 1 }, { x: 3, y: 1 },
  { x: 0, y: 2 }, { x: 1, y: 2 }, { x: 2, y: 2 }, { x: 3, y: 2 },
  { x: 0, y: 3 }, { x: 1, y: 3 }, { x: 2, y: 3 }, { x: 3, y: 3 },
  { x: 0, y: 4 }, { x: 1, y: 4 }, { x: 2, y: 4 }, { x: 3, y: 4 },
]);

const DIRECTIONS: ReadonlyValueSet<Dir> = new ValueSet<Dir>([{ dx: 1, dy: 0 }, { dx: 0, dy: 1 }, { dx: -1, dy: 0 }, { dx: 0, dy: -1 }]);

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
      piece({ x: 0, y: 0 }, { x: 0, y: 1 }),
      piece({ x: 1, y: 0 }, { x: 2, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 1 }),
      piece({ x: 3, y: 0 }, { x: 3, y: 1 }),
      piece({ x: 0, y: 2 }, { x: 0, y: 3 }),
      piece({ x: 1, y: 2 }, { x: 2, y: 2 }),
      piece({ x: 3, y: 2 }, { x: 3, y: 3 }),
      piece({ x: 1, y: 3 }),
      piece({ x: 2, y: 3 }),
      piece({ x: 0, y: 4 }),
      piece({ x: 3, y: 4 }),
    ]),
  }),
  processes: {
    main: process(function* (self, s) {
      for (;;) {
        yield "slide";
        const empty = freePositions(s.board);
        const e = oneOf(empty);
        // A direction d whose neighbour e + d is a covered position of the board: its piece slides by -d into e.
        const d = oneOf(filterSet(DIRECTIONS, (dd) => inBoard(e.x + dd.dx, e.y + dd.dy) && !empty.has({ x: (e.x + dd.dx) as X, y: (e.y + dd.dy) as Y })));
        const from: Pos = { x: (e.x + d.dx) as X, y: (e.y + d.dy) as Y };
        const moving = oneOf(filterSet(s.board, (pc) => pc.has(from)));
        when(all(moving, (q) => inBoard(q.x - d.dx, q.y - d.dy)));
        const moved = mapSet(moving, (q): Pos => ({ x: (q.x - d.dx) as X, y: (q.y - d.dy) as Y }));
        const others = difference(s.board, new ValueSet<Piece>([moving]));
        when(all(others, (pc) => isDisjointFrom(pc, moved)));
        s.board.delete(moving);
        s.board.add(moved);
      }
    }),
  },
  properties: {
    piecesOnBoard: invariant((s) => all(s.board, (pc) => all(pc, (p) => POSITIONS.has(p)))),
    klotskiGoal: invariant((s) => !s.board.has(piece({ x: 1, y: 3 }, { x: 1, y: 4 }, { x: 2, y: 3 }, { x: 2, y: 4 }))),
  },
  scenarios: {
    SlidingPuzzles: { constants: {}, expect: { klotskiGoal: "violated" } },
  },
});
