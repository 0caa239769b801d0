// Chameneos, a concurrency game (tlaplus/Examples, specifications/Chameneos/Chameneos.tla, model
// Chameneos.cfg: N = 4 meetings, M = 4 creatures).
//
// Each creature that has not faded goes to the meeting place: if it is empty and fewer than N meetings
// have been held, it waits there; if it is empty after the last meeting, the creature fades; if another
// creature waits, the two meet, both take the complement of their two colours and count the meeting.
// Creatures are numbered 0..M-1 here (1..M in the original).
import { filterSet, oneOf, process, protocol, range, setOf, when, type Int } from "ts2tla";

type Colour = "blue" | "red" | "yellow";

const COLOURS = setOf<Colour>("blue", "red", "yellow");

interface Creature {
  colour: Colour | "faded";
  /** The meetings it has been in. */
  met: Int<0, 4>;
}

interface State {
  creatures: Creature[];
  /** The creature waiting at the meeting place. */
  waiting: Int<0, 3> | null;
  meetings: Int<0, 4>;
}

interface Constants {
  /** Meetings after which the creatures fade. */
  N: Int<1, 4>;
  /** Creatures. */
  M: Int<1, 4>;
}

/** The colour two meeting creatures take: the same one, or the third. */
function complement(a: Colour | "faded", b: Colour | "faded"): Colour | "faded" {
  if (a === b) return a;
  if (a !== "blue" && b !== "blue") return "blue";
  if (a !== "red" && b !== "red") return "red";
  return "yellow";
}

export default protocol<State, Constants>({
  init: (c) => ({
    creatures: Array.from({ length: c.M }, () => ({ colour: oneOf(COLOURS), met: 0 })),
    waiting: null,
    meetings: 0,
  }),
  processes: {
    mall: process(function* (self, s, c) {
      for (;;) {
        yield "meet";
        const id = oneOf(filterSet(range(0, c.M - 1), (x) => s.creatures[x]!.colour !== "faded"));
        const other = s.waiting;
        if (other === null) {
          if (s.meetings < c.N) s.waiting = id;
          else s.creatures[id]!.colour = "faded";
        } else {
          when(other !== id);
          const colour = complement(s.creatures[id]!.colour, s.creatures[other]!.colour);
          s.waiting = null;
          s.creatures[id] = { colour, met: s.creatures[id]!.met + 1 };
          s.creatures[other] = { colour, met: s.creatures[other]!.met + 1 };
          s.meetings += 1;
        }
      }
    }),
  },
  scenarios: {
    Chameneos: {
      description: "N = 4, M = 4",
      constants: { N: 4, M: 4 },
      deadlock: false,
    },
  },
});
