// A lock shared by a set of workers, taken with an atomic test-and-set. Correct: mutual exclusion
// holds, and with weak fairness every worker that wants the lock eventually gets it? No: weak
// fairness lets one worker win forever, so the liveness property is stated for the system as a whole.
import { all, at, when, forAll, invariant, leadsTo, process, processSet, protocol, temporal, witness, type Pid, type PidSet } from "ts2tla";

interface State {
  /** Who holds the lock. */
  holder: Pid | null;
}

interface Constants {
  Workers: PidSet;
}

export default protocol<State, Constants>({
  init: () => ({ holder: null }),
  processes: {
    worker: processSet("Workers", function* (self, s) {
      for (;;) {
        yield "acquire";
        when(s.holder === null);
        s.holder = self;
        yield "critical";
        yield "release";
        s.holder = null;
      }
    }),
  },
  properties: {
    mutualExclusion: invariant((s, c) => all(c.Workers, (p: Pid) => at(p, "critical") ? s.holder === p : true)),
    someoneEnters: witness(() => true),
    lockIsReleased: temporal(forAll("Workers", (p) => leadsTo((s) => s.holder === p, (s) => s.holder !== p))),
  },
  scenarios: {
    two: { constants: { Workers: ["w1", "w2"] }, expect: { mutualExclusion: "holds", lockIsReleased: "holds" } },
    three: { constants: { Workers: ["w1", "w2", "w3"] } },
  },
});
