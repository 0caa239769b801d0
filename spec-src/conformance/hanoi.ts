// The towers of Hanoi (tlaplus/Examples, specifications/tower_of_hanoi/Hanoi.tla, model
// Hanoi.toolbox/Model_1: D = 5 disks, N = 3 towers; and Hanoi_anim.cfg, which checks Hanoi.tla's
// Init and Next with D = 3, N = 3).
//
// As in Hanoi.tla, a tower is a number whose bits are its disks (disk 2^k is bit k; the smaller
// the disk, the lower the bit). Hanoi.tla reads bits with the bitwise `&`; here `Math.floor(t / d) % 2`
// and `t % d` say the same for a power of two d; 2^D - 1 is looked up (`FULL`). N = 3 is fixed: an
// `Int` constant cannot size the initial array. `notSolved` ("not all disks are on the last tower")
// is violated: its counterexample solves the puzzle.
import { invariant, oneOf, process, protocol, range, setOf, when, type Int } from "ts2tla";

type Disk = 1 | 2 | 4 | 8 | 16;
/** The disks for D <= 5; SetOfPowerOfTwo(D) is those up to 2^D - 1. */
const DISKS = setOf<Disk>(1, 2, 4, 8, 16);
/** 2^D - 1 for D = 0..5: every disk. */
const FULL = [0, 1, 3, 7, 15, 31];
const TOWERS = range(0, 2);

interface Constants {
  D: Int<1, 5>;
}

interface State {
  towers: Int<0, 31>[];
}

/** The disk is on the tower. */
function isOnTower(tower: number, disk: Disk): boolean {
  return Math.floor(tower / disk) % 2 === 1;
}

/** No smaller disk is on the tower. */
function nothingSmaller(tower: number, disk: Disk): boolean {
  return tower % disk === 0;
}

export default protocol<State, Constants>({
  init: (c) => ({ towers: [FULL[c.D]!, 0, 0] }),
  processes: {
    player: process(function* (self, s, c) {
      for (;;) {
        yield "move";
        const disk = oneOf(DISKS);
        when(disk <= FULL[c.D]!);
        const from = oneOf(TOWERS);
        const to = oneOf(TOWERS);
        when(from !== to);
        when(isOnTower(s.towers[from]!, disk) && nothingSmaller(s.towers[from]!, disk));
        when(nothingSmaller(s.towers[to]!, disk));
        s.towers[from] -= disk;
        s.towers[to] += disk;
      }
    }),
  },
  properties: {
    /** Not every disk is on the last tower (violated: the counterexample solves the puzzle). */
    notSolved: invariant((s, c) => s.towers[2] !== FULL[c.D]),
  },
  scenarios: {
    Model_1: { constants: { D: 5 }, expect: { notSolved: "violated" } },
    Hanoi_anim: { constants: { D: 3 }, expect: { notSolved: "violated" } },
  },
});
