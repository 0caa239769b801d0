// A resource allocator that serves clients in the order of a schedule (tlaplus/Examples,
// specifications/allocator/SchedulingAllocator.tla, model SchedulingAllocator.cfg: clients c1..c3,
// resources r1 and r2).
//
// Every client is a process (Request, Allocate and Return of that client are its step); the
// scheduler appends the clients with a pending request that are not yet scheduled, in any order
// (SchedulingAllocator's PermSeqs). SUBSET Resources and the permutations are listed (the language
// has neither), and set difference and union are filters over the list of resources.
//
// Not checked: the liveness properties; they rest on fairness of sub-actions (WF of
// `unsat[c] = {} /\ Return(c, alloc[c])`, WF of Allocate(c, _)), which the language cannot state.
import { all, byPid, invariant, oneOf, process, processSet, protocol, range, when, type ByPid, type Pid, type PidSet } from "ts2tla";

type Resource = "r1" | "r2";
const RESOURCES: readonly Resource[] = ["r1", "r2"];
/** SUBSET Resources \ {{}}. */
const NONEMPTY_SUBSETS: readonly (readonly Resource[])[] = [["r1"], ["r2"], ["r1", "r2"]];
/** Every non-empty sequence of distinct clients of the model (PermSeqs of every non-empty subset). */
const PERMUTATIONS: readonly (readonly Pid[])[] = [
  ["c1"], ["c2"], ["c3"],
  ["c1", "c2"], ["c2", "c1"], ["c1", "c3"], ["c3", "c1"], ["c2", "c3"], ["c3", "c2"],
  ["c1", "c2", "c3"], ["c1", "c3", "c2"], ["c2", "c1", "c3"], ["c2", "c3", "c1"], ["c3", "c1", "c2"], ["c3", "c2", "c1"],
];

interface State {
  unsat: ByPid<Set<Resource>>;
  alloc: ByPid<Set<Resource>>;
  /** The schedule: clients in the order they are served. */
  sched: Pid[];
}

interface Constants {
  Clients: PidSet;
}

function isAvailable(s: State, c: Constants, r: Resource): boolean {
  return all(c.Clients, (cl) => !s.alloc[cl]!.has(r));
}

/** The client has a pending request and is not in the schedule. */
function toSchedule(s: State, p: Pid): boolean {
  return s.unsat[p]!.size > 0 && !s.sched.includes(p);
}

type Action = "request" | "allocate" | "return";

export default protocol<State, Constants>({
  init: () => ({ unsat: byPid(() => new Set<Resource>()), alloc: byPid(() => new Set<Resource>()), sched: [] }),
  processes: {
    client: processSet("Clients", function* (self, s, c) {
      for (;;) {
        yield "act";
        const k = oneOf(range(0, NONEMPTY_SUBSETS.length - 1));
        const S = NONEMPTY_SUBSETS[k]!;
        const action = oneOf(new Set<Action>(["request", "allocate", "return"]));
        if (action === "request") {
          when(s.unsat[self]!.size === 0 && s.alloc[self]!.size === 0);
          s.unsat[self] = new Set(S);
        } else if (action === "allocate") {
          when(S.every((r) => isAvailable(s, c, r) && s.unsat[self]!.has(r)));
          const i = s.sched.indexOf(self);
          when(i >= 0);
          when(s.sched.slice(0, i).every((d) => S.every((r) => !s.unsat[d]!.has(r))));
          if (S.length === s.unsat[self]!.size) s.sched.splice(i, 1);
          s.alloc[self] = new Set(RESOURCES.filter((r) => s.alloc[self]!.has(r) || S.includes(r)));
          s.unsat[self] = new Set(RESOURCES.filter((r) => s.unsat[self]!.has(r) && !S.includes(r)));
        } else {
          when(S.every((r) => s.alloc[self]!.has(r)));
          s.alloc[self] = new Set(RESOURCES.filter((r) => s.alloc[self]!.has(r) && !S.includes(r)));
        }
      }
    }),
    scheduler: process(function* (self, s, c) {
      for (;;) {
        yield "schedule";
        const k = oneOf(range(0, PERMUTATIONS.length - 1));
        const sq = PERMUTATIONS[k]!;
        // sq is a permutation of toSchedule: its elements are distinct, all to be scheduled, and every one is in it.
        when(sq.every((p) => toSchedule(s, p)) && all(c.Clients, (p) => !toSchedule(s, p) || sq.includes(p)));
        s.sched = s.sched.concat(sq);
      }
    }),
  },
  properties: {
    resourceMutex: invariant((s, c) =>
      all(c.Clients, (c1) => all(c.Clients, (c2) => c1 === c2 || RESOURCES.every((r) => !(s.alloc[c1]!.has(r) && s.alloc[c2]!.has(r))))),
    ),
    /** The first two parts of AllocatorInvariant: scheduled clients and clients to schedule have pending requests. */
    scheduledArePending: invariant((s) => s.sched.every((p) => s.unsat[p]!.size > 0)),
  },
  scenarios: {
    SchedulingAllocator: {
      constants: { Clients: ["c1", "c2", "c3"] },
      expect: { resourceMutex: "holds", scheduledArePending: "holds" },
    },
  },
});
