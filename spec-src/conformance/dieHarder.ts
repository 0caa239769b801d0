// Die Hard with any jugs (tlaplus/Examples, specifications/DieHard/DieHarder.tla, model
// MCDieHarder.cfg: jugs j1 and j2 of capacities 3 and 5, goal 4).
//
// Jug j is index j of the arrays. Each step fills a jug, empties it, or pours it into another jug
// until one is empty or the other full. `notSolved` ("no jug holds Goal gallons") is violated.
import { all, invariant, oneOf, process, protocol, range, setOf, when, type Int } from "ts2tla";

/** Capacity of each jug (MCCapacity: j1 -> 3, j2 -> 5). */
const CAPACITY = [3, 5];
const JUGS = range(0, 1);

type Action = "fill" | "empty" | "pour";

interface State {
  contents: Int<0, 5>[];
}

interface Constants {
  Goal: Int<0, 5>;
}

export default protocol<State, Constants>({
  init: () => ({ contents: [0, 0] }),
  processes: {
    hero: process(function* (self, s) {
      for (;;) {
        yield "move";
        const j = oneOf(JUGS);
        const action = oneOf(setOf<Action>("fill", "empty", "pour"));
        if (action === "fill") s.contents[j] = CAPACITY[j]!;
        else if (action === "empty") s.contents[j] = 0;
        else {
          const k = oneOf(JUGS);
          when(k !== j);
          const poured = Math.min(s.contents[j]!, CAPACITY[k]! - s.contents[k]!);
          s.contents[j] -= poured;
          s.contents[k] += poured;
        }
      }
    }),
  },
  properties: {
    /** No jug holds Goal gallons (violated: the counterexample solves the puzzle). */
    notSolved: invariant((s, c) => all(JUGS, (j) => s.contents[j] !== c.Goal)),
  },
  scenarios: {
    MCDieHarder: { constants: { Goal: 4 }, expect: { notSolved: "violated" } },
  },
});
