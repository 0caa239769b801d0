// Die Hard's water jugs (tlaplus/Examples, specifications/DieHard/DieHard.tla, model DieHard.cfg).
//
// A 3-gallon and a 5-gallon jug, a faucet and a drain: fill a jug, empty it, or pour one into the
// other until the source is empty or the target full. `notSolved` ("the big jug never holds 4
// gallons") is violated: its counterexample is the puzzle's solution.
import { invariant, oneOf, process, protocol, setOf, type Int } from "ts2tla";

interface State {
  big: Int<0, 5>;
  small: Int<0, 3>;
}

type Move = "fillSmall" | "fillBig" | "emptySmall" | "emptyBig" | "smallToBig" | "bigToSmall";

export default protocol<State>({
  init: () => ({ big: 0, small: 0 }),
  processes: {
    hero: process(function* (self, s) {
      for (;;) {
        yield "move";
        const m = oneOf(setOf<Move>("fillSmall", "fillBig", "emptySmall", "emptyBig", "smallToBig", "bigToSmall"));
        if (m === "fillSmall") s.small = 3;
        else if (m === "fillBig") s.big = 5;
        else if (m === "emptySmall") s.small = 0;
        else if (m === "emptyBig") s.big = 0;
        else if (m === "smallToBig") {
          const poured = Math.min(s.small, 5 - s.big);
          s.big += poured;
          s.small -= poured;
        } else {
          const poured = Math.min(s.big, 3 - s.small);
          s.small += poured;
          s.big -= poured;
        }
      }
    }),
  },
  properties: {
    /** The big jug never holds exactly 4 gallons (violated: the counterexample solves the puzzle). */
    notSolved: invariant((s) => s.big !== 4),
  },
  scenarios: {
    DieHard: { constants: {}, expect: { notSolved: "violated" } },
  },
});
