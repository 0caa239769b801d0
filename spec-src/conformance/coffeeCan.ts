// The coffee can (tlaplus/Examples, specifications/CoffeeCan/CoffeeCan.tla, model CoffeeCan100Beans.cfg:
// at most 100 beans).
//
// The can starts with 1 to MaxBeanCount black and white beans. While more than one bean is left, take
// two: two of a colour go, a black one comes back; one of each, the black one goes and the white comes
// back. With one bean left the can stays as it is. The colour of the last bean is known from the start:
// white exactly when the number of white beans is odd, for that parity never changes.
import { action, eventually, oneOf, process, protocol, range, temporal, when, type Int } from "ts2tla";

interface Can {
  black: Int<0, 100>;
  white: Int<0, 100>;
}

interface State {
  can: Can;
}

interface Constants {
  MaxBeanCount: Int<1, 100>;
}

function beanCount(can: Can): number {
  return can.black + can.white;
}

export default protocol<State, Constants>({
  init: (c) => {
    const black = oneOf(range(0, c.MaxBeanCount));
    const white = oneOf(range(0, c.MaxBeanCount));
    when(black + white >= 1 && black + white <= c.MaxBeanCount);
    return { can: { black, white } };
  },
  processes: {
    picker: process(function* (self, s) {
      for (;;) {
        yield "pick";
        const move = oneOf(["sameWhite", "sameBlack", "different", "termination"] as const);
        if (move === "termination") when(beanCount(s.can) === 1);
        else {
          when(beanCount(s.can) > 1);
          if (move === "sameWhite") {
            when(s.can.white >= 2);
            s.can.black += 1;
            s.can.white -= 2;
          } else if (move === "sameBlack") {
            when(s.can.black >= 2);
            s.can.black -= 1;
          } else {
            when(s.can.black >= 1 && s.can.white >= 1);
            s.can.black -= 1;
          }
        }
      }
    }),
  },
  properties: {
    eventuallyTerminates: temporal(eventually((s) => beanCount(s.can) === 1)),
    // Every step that changes the can takes a bean out.
    monotonicDecrease: action((before, after) => beanCount(after.can) < beanCount(before.can)),
    // ... and keeps the parity of the white beans.
    loopInvariant: action((before, after) => (before.can.white % 2 === 0) === (after.can.white % 2 === 0)),
    // The last bean's colour. The original decides by the parity in the initial state; the parity
    // read here, in the state reached, is the same one (loopInvariant).
    terminationHypothesis: temporal(
      eventually((s) => (s.can.white % 2 === 0 ? s.can.black === 1 && s.can.white === 0 : s.can.black === 0 && s.can.white === 1)),
    ),
  },
  scenarios: {
    CoffeeCan100Beans: {
      description: "MaxBeanCount = 100",
      constants: { MaxBeanCount: 100 },
      expect: { eventuallyTerminates: "holds", monotonicDecrease: "holds", loopInvariant: "holds", terminationHypothesis: "holds" },
    },
  },
});
