// Dijkstra's mutual exclusion algorithm (tlaplus/Examples, specifications/dijkstra-mutex/DijkstraMutex.tla,
// the PlusCal algorithm; model LSpec-model: 3 processes, LSpec (no fairness in the noncritical
// section), MutualExclusion and DeadlockFreedom. Safety-4-processors (4 processes; 2 minutes in the
// manifest) is over the test suite's budget.
//
// The steps are the PlusCal labels; `goto Li1` is a `continue` of the loop at Li1. PlusCal's one
// process variable `temp` (a process at Li3, a set of processes at Li4) is two locals here, `seen`
// and `unchecked`, kept only at the step that reads them: PlusCal keeps `temp` in every state, so
// the state counts differ (the manifest publishes none for these models).
import { all, any, at, byPid, forAll, invariant, leadsTo, oneOf, processSet, protocol, step, temporal, type ByPid, type Pid, type PidSet } from "ts2tla";

interface State {
  b: ByPid<boolean>;
  c: ByPid<boolean>;
  k: Pid;
}

interface Constants {
  Proc: PidSet;
}

export default protocol<State, Constants>({
  init: (c) => ({ b: byPid(() => true), c: byPid(() => true), k: oneOf(c.Proc) }),
  processes: {
    p: processSet("Proc", function* (self, s, c) {
      for (;;) {
        yield "Li0";
        s.b[self] = false;
        for (;;) {
          yield "Li1";
          if (s.k !== self) {
            yield "Li2";
            s.c[self] = true;
            yield "Li3a";
            // `Pid | null`, not `Pid`: a dead `Pid` local is CHOOSE p \in ProcSet in the TLA+ but
            // `Undefined` on the TS engine (a translation bug found here; null is exact).
            const seen: Pid | null = s.k;
            yield "Li3b";
            if (s.b[seen!]) {
              yield "Li3c";
              s.k = self;
            }
            yield "Li3d";
            continue;
          }
          yield "Li4a";
          s.c[self] = false;
          const unchecked = new Set(c.Proc);
          unchecked.delete(self);
          let restart = false;
          for (;;) {
            yield "Li4b";
            if (unchecked.size === 0) {
              restart = false;
              break;
            }
            const j = oneOf(unchecked);
            unchecked.delete(j);
            if (!s.c[j]) {
              restart = true;
              break;
            }
          }
          if (restart) continue;
          yield "cs";
          yield "Li5";
          s.c[self] = true;
          yield "Li6";
          s.b[self] = true;
          yield step("ncs", "none");
          break;
        }
      }
    }),
  },
  properties: {
    mutualExclusion: invariant((s, c) => all(c.Proc, (i) => all(c.Proc, (j) => i === j || !(at(i, "cs") && at(j, "cs"))))),
    deadlockFreedom: temporal(
      forAll("Proc", (i) => leadsTo(() => !(at(i, "Li5") || at(i, "Li6") || at(i, "ncs")), (s, c: Constants) => any(c.Proc, (j) => at(j, "cs")))),
    ),
  },
  scenarios: {
    LSpecModel: {
      description: "LSpec-model: Proc = {p1, p2, p3}",
      constants: { Proc: ["p1", "p2", "p3"] },
      expect: { mutualExclusion: "holds", deadlockFreedom: "holds" },
    },
  },
});
