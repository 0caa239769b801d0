// Two processes and two locks: the classic deadly embrace.
//
// alice always takes lock A, then lock B. bob takes them in the order the scenario picks: with
// SameOrder he also takes A before B (a global lock order: no deadlock is possible), otherwise he
// takes B before A. Then alice can hold A while bob holds B, each waiting for the lock the other
// holds, forever: no step of either process is enabled and TLC reports a deadlock.
//
// Scenarios: `oppositeOrder` checks for deadlocks (TLC finds one), `sameOrder` is the fix (no
// deadlock, the invariant holds, the locks keep being freed), and `oppositeOrderLiveness` turns
// deadlock checking off to show the same bug as a violated liveness property.
import { invariant, process, protocol, temporal, alwaysEventually, when, witness, type Pid } from "ts2tla";

type Lock = "A" | "B";

interface State {
  /** Who holds each lock. */
  owner: { A: Pid | null; B: Pid | null };
}

interface Constants {
  /** bob takes the locks in alice's order (A, then B). */
  SameOrder: boolean;
}

/** Blocks until `lock` is free, then takes it. */
function acquire(s: State, self: Pid, lock: Lock): void {
  when(s.owner[lock] === null);
  s.owner[lock] = self;
}

/** The lock bob takes first. */
function bobsFirst(sameOrder: boolean): Lock {
  return sameOrder ? "A" : "B";
}

function otherLock(lock: Lock): Lock {
  return lock === "A" ? "B" : "A";
}

export default protocol<State, Constants>({
  init: () => ({ owner: { A: null, B: null } }),
  processes: {
    alice: process(function* (self, s) {
      for (;;) {
        yield "takeA";
        acquire(s, self, "A");
        yield "takeB";
        acquire(s, self, "B");
        yield "release";
        s.owner = { A: null, B: null };
      }
    }),
    bob: process(function* (self, s, c) {
      for (;;) {
        yield "takeFirst";
        acquire(s, self, bobsFirst(c.SameOrder));
        yield "takeSecond";
        acquire(s, self, otherLock(bobsFirst(c.SameOrder)));
        yield "releaseBoth";
        s.owner.A = null;
        s.owner.B = null;
      }
    }),
  },
  properties: {
    /** Never does each process hold one lock while the other holds the other one. */
    noDeadlyEmbrace: invariant((s) => !(s.owner.A !== null && s.owner.B !== null && s.owner.A !== s.owner.B)),
    /** Someone gets both locks (so the protocol does make progress at least once). */
    someoneHoldsBoth: witness((s) => s.owner.A !== null && s.owner.A === s.owner.B),
    /** Both locks are free again and again. */
    locksFreedAgain: temporal(alwaysEventually((s) => s.owner.A === null && s.owner.B === null)),
  },
  scenarios: {
    oppositeOrder: {
      description: "bob takes B first: TLC reports a deadlock (deadlock checking is on)",
      constants: { SameOrder: false },
      deadlock: true,
      properties: ["someoneHoldsBoth"],
      expect: { someoneHoldsBoth: "holds", deadlock: "violated" },
    },
    sameOrder: {
      description: "both take A first: no deadlock",
      constants: { SameOrder: true },
      deadlock: true,
      expect: { noDeadlyEmbrace: "holds", someoneHoldsBoth: "holds", locksFreedAgain: "holds" },
    },
    oppositeOrderLiveness: {
      description: "deadlock checking off: the embrace is reachable and the locks stay taken forever",
      constants: { SameOrder: false },
      deadlock: false,
      expect: { noDeadlyEmbrace: "violated", someoneHoldsBoth: "holds", locksFreedAgain: "violated" },
    },
  },
});
