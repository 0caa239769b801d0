// Missionaries and cannibals (tlaplus/Examples,
// specifications/MissionariesAndCannibals/MissionariesAndCannibals.tla, model
// MissionariesAndCannibals.cfg: missionaries m1..m3, cannibals c1..c3).
//
// The boat carries one or two people across; on no bank may missionaries be outnumbered by
// cannibals. `solution` ("somebody is still on the east bank") is violated: its counterexample
// gets everybody across.
import { invariant, oneOf, process, protocol, when } from "ts2tla";

type Person = "m1" | "m2" | "m3" | "c1" | "c2" | "c3";
type Bank = "E" | "W";

const MISSIONARIES: readonly Person[] = ["m1", "m2", "m3"];
const CANNIBALS: readonly Person[] = ["c1", "c2", "c3"];

interface State {
  bankOfBoat: Bank;
  /** Who is on the east bank, and on the west bank. */
  east: Set<Person>;
  west: Set<Person>;
}

function countIn(people: readonly Person[], bank: ReadonlySet<Person>): number {
  return people.filter((p) => bank.has(p)).length;
}

/** Only cannibals, or no more cannibals than missionaries. */
function isSafe(bank: ReadonlySet<Person>): boolean {
  return countIn(MISSIONARIES, bank) === 0 || countIn(CANNIBALS, bank) <= countIn(MISSIONARIES, bank);
}

/** Moves `a` and `b` (the same person when one crosses alone) from one bank to the other. */
function ferry(from: Set<Person>, to: Set<Person>, a: Person, b: Person): void {
  from.delete(a);
  from.delete(b);
  to.add(a);
  to.add(b);
}

export default protocol<State>({
  init: () => ({ bankOfBoat: "E", east: new Set<Person>(["m1", "m2", "m3", "c1", "c2", "c3"]), west: new Set<Person>() }),
  processes: {
    boat: process(function* (self, s) {
      for (;;) {
        yield "cross";
        const a = oneOf(s.bankOfBoat === "E" ? s.east : s.west);
        const b = oneOf(s.bankOfBoat === "E" ? s.east : s.west);
        if (s.bankOfBoat === "E") {
          ferry(s.east, s.west, a, b);
          s.bankOfBoat = "W";
        } else {
          ferry(s.west, s.east, a, b);
          s.bankOfBoat = "E";
        }
        when(isSafe(s.east) && isSafe(s.west));
      }
    }),
  },
  properties: {
    /** Somebody is still on the east bank (violated: the counterexample solves the puzzle). */
    solution: invariant((s) => s.east.size > 0),
  },
  scenarios: {
    MissionariesAndCannibals: { constants: {}, expect: { solution: "violated" } },
  },
});
