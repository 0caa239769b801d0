// A lock shared by a set of workers, taken with an atomic test-and-set.
//
// Each worker loops forever: acquire the lock (a single atomic step that waits until the lock is
// free and takes it), run its critical section, release the lock. The protocol is correct: mutual
// exclusion holds, and whoever holds the lock releases it again (the release step is always enabled
// for the holder, so weak fairness suffices). Note what is *not* claimed: weak fairness lets the
// other workers win the lock forever, so "every worker that wants the lock eventually gets it"
// does not hold; starvation-freedom needs a fair lock (see liveness.ts for a fairness example).
import { all, any, at, when, forAll, invariant, leadsTo, processSet, protocol, temporal, witness, type Pid, type PidSet } from "ts2tla";

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
    /** A worker in its critical section holds the lock (so at most one worker is in it). */
    mutualExclusion: invariant((s, c) => all(c.Workers, (p: Pid) => at(p, "critical") ? s.holder === p : true)),
    /** Some worker gets into its critical section: mutual exclusion does not hold vacuously. */
    someoneInCritical: witness((s, c) => any(c.Workers, (p: Pid) => at(p, "critical"))),
    /** Whoever holds the lock gives it back. */
    lockIsReleased: temporal(forAll("Workers", (p) => leadsTo((s) => s.holder === p, (s) => s.holder !== p))),
  },
  scenarios: {
    two: {
      constants: { Workers: ["w1", "w2"] },
      expect: { mutualExclusion: "holds", someoneInCritical: "holds", lockIsReleased: "holds" },
    },
    three: {
      constants: { Workers: ["w1", "w2", "w3"] },
      expect: { mutualExclusion: "holds", someoneInCritical: "holds", lockIsReleased: "holds" },
    },
  },
});
