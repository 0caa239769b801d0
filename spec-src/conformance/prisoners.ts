// The prisoners and the two switches (tlaplus/Examples, specifications/Prisoners/Prisoners.tla,
// model Prisoners.cfg: prisoners p1..p4, p1 the counter).
//
// The counter is a process of its own; the other prisoners are a process set. A prisoner other
// than the counter turns switch A up if it is down and he has done so fewer than twice, else he
// flips switch B; the counter turns switch A down (and counts) if it is up, else flips switch B.
// When the count reaches 2 * (prisoners - 1), every other prisoner has been in the room.
import { all, byPid, eventually, invariant, oneOf, process, processSet, protocol, setOf, temporal, type ByPid, type Int, type PidSet } from "ts2tla";

interface State {
  switchAUp: boolean;
  switchBUp: boolean;
  /** How often each other prisoner has turned switch A up (the counter's entry stays 0). */
  timesSwitched: ByPid<Int<0, 2>>;
  count: Int<0, 7>;
}

interface Constants {
  /** The prisoners other than the counter. */
  Others: PidSet;
}

/** The counter has counted every other prisoner twice. */
function isDone(s: State, c: Constants): boolean {
  return s.count === 2 * c.Others.size;
}

export default protocol<State, Constants>({
  init: () => ({
    switchAUp: oneOf(setOf(false, true)),
    switchBUp: oneOf(setOf(false, true)),
    timesSwitched: byPid(() => 0),
    count: 0,
  }),
  processes: {
    counter: process(function* (self, s) {
      for (;;) {
        yield "counterStep";
        if (s.switchAUp) {
          s.switchAUp = false;
          s.count += 1;
        } else s.switchBUp = !s.switchBUp;
      }
    }),
    prisoner: processSet("Others", function* (self, s) {
      for (;;) {
        yield "nonCounterStep";
        if (!s.switchAUp && s.timesSwitched[self]! < 2) {
          s.switchAUp = true;
          s.timesSwitched[self] += 1;
        } else s.switchBUp = !s.switchBUp;
      }
    }),
  },
  properties: {
    /** When the counter says everybody has been in the room, everybody has. */
    safety: invariant((s, c) => !isDone(s, c) || all(c.Others, (p) => s.timesSwitched[p]! > 0)),
    liveness: temporal(eventually((s, c) => isDone(s, c))),
  },
  scenarios: {
    Prisoners: {
      description: "Prisoner = {p1, p2, p3, p4}, Counter = p1",
      constants: { Others: ["p2", "p3", "p4"] },
      expect: { safety: "holds", liveness: "holds" },
    },
  },
});
