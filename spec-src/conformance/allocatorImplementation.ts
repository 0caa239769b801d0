// The scheduling allocator with clients that talk to it by messages (tlaplus/Examples,
// specifications/allocator/AllocatorImplementation.tla, model AllocatorImplementation.cfg: clients
// c1..c3, resources r1 and r2).
//
// Clients request, receive allocations and return resources by messages; the allocator receives
// requests and returns, allocates by its schedule (as in schedulingAllocator.ts) and schedules.
// AllocatorImplementation's `network` is a set of message records [type, clt, rsrc]; a Set of
// records is not in the language (TSLA082), so the messages of each type are kept per client, as
// the set of their resource sets (an index into NONEMPTY_SUBSETS): the same state, so the same
// distinct states. SUBSET Resources and the permutations of clients are listed; set union and
// difference are filters over the resources.
//
// Not checked: the liveness properties and the refinement of SchedulingAllocator (fairness of
// sub-actions; a property that is another spec).
import { all, byPid, invariant, oneOf, process, processSet, protocol, range, when, type ByPid, type Int, type Pid, type PidSet } from "ts2tla";

type Resource = "r1" | "r2";
const RESOURCES: readonly Resource[] = ["r1", "r2"];
/** SUBSET Resources \ {{}}. */
const NONEMPTY_SUBSETS: readonly (readonly Resource[])[] = [["r1"], ["r2"], ["r1", "r2"]];
type SubsetIndex = Int<0, 2>;
const SUBSET_INDICES = range(0, 2);
/** Every non-empty sequence of distinct clients of the model (PermSeqs of every non-empty subset). */
const PERMUTATIONS: readonly (readonly Pid[])[] = [
  ["c1"], ["c2"], ["c3"],
  ["c1", "c2"], ["c2", "c1"], ["c1", "c3"], ["c3", "c1"], ["c2", "c3"], ["c3", "c2"],
  ["c1", "c2", "c3"], ["c1", "c3", "c2"], ["c2", "c1", "c3"], ["c2", "c3", "c1"], ["c3", "c1", "c2"], ["c3", "c2", "c1"],
];

interface State {
  unsat: ByPid<Set<Resource>>;
  alloc: ByPid<Set<Resource>>;
  sched: Pid[];
  requests: ByPid<Set<Resource>>;
  holding: ByPid<Set<Resource>>;
  /** Messages in transit, per client: the resource sets of its "request", "allocate" and "return" messages. */
  requestMsgs: ByPid<Set<SubsetIndex>>;
  allocateMsgs: ByPid<Set<SubsetIndex>>;
  returnMsgs: ByPid<Set<SubsetIndex>>;
}

interface Constants {
  Clients: PidSet;
}

function union(a: ReadonlySet<Resource>, b: readonly Resource[]): Set<Resource> {
  return new Set(RESOURCES.filter((r) => a.has(r) || b.includes(r)));
}

function minus(a: ReadonlySet<Resource>, b: readonly Resource[]): Set<Resource> {
  return new Set(RESOURCES.filter((r) => a.has(r) && !b.includes(r)));
}

function isAvailable(s: State, c: Constants, r: Resource): boolean {
  return all(c.Clients, (cl) => !s.alloc[cl]!.has(r));
}

function toSchedule(s: State, p: Pid): boolean {
  return s.unsat[p]!.size > 0 && !s.sched.includes(p);
}

type ClientAction = "request" | "receiveAllocation" | "return";
type AllocatorAction = "receiveRequest" | "allocate" | "receiveReturn" | "schedule";

export default protocol<State, Constants>({
  init: () => ({
    unsat: byPid(() => new Set<Resource>()),
    alloc: byPid(() => new Set<Resource>()),
    sched: [],
    requests: byPid(() => new Set<Resource>()),
    holding: byPid(() => new Set<Resource>()),
    requestMsgs: byPid(() => new Set<SubsetIndex>()),
    allocateMsgs: byPid(() => new Set<SubsetIndex>()),
    returnMsgs: byPid(() => new Set<SubsetIndex>()),
  }),
  processes: {
    client: processSet("Clients", function* (self, s) {
      for (;;) {
        yield "act";
        const k = oneOf(SUBSET_INDICES);
        const S = NONEMPTY_SUBSETS[k]!;
        const action = oneOf(new Set<ClientAction>(["request", "receiveAllocation", "return"]));
        if (action === "request") {
          when(s.requests[self]!.size === 0 && s.holding[self]!.size === 0);
          s.requests[self] = new Set(S);
          s.requestMsgs[self]!.add(k);
        } else if (action === "receiveAllocation") {
          when(s.allocateMsgs[self]!.has(k));
          s.allocateMsgs[self]!.delete(k);
          s.holding[self] = union(s.holding[self]!, S);
          s.requests[self] = minus(s.requests[self]!, S);
        } else {
          when(S.every((r) => s.holding[self]!.has(r)));
          s.holding[self] = minus(s.holding[self]!, S);
          s.returnMsgs[self]!.add(k);
        }
      }
    }),
    allocator: process(function* (self, s, c) {
      for (;;) {
        yield "serve";
        const action = oneOf(new Set<AllocatorAction>(["receiveRequest", "allocate", "receiveReturn", "schedule"]));
        if (action === "schedule") {
          const p = oneOf(range(0, PERMUTATIONS.length - 1));
          const sq = PERMUTATIONS[p]!;
          when(sq.every((q) => toSchedule(s, q)) && all(c.Clients, (q) => !toSchedule(s, q) || sq.includes(q)));
          s.sched = s.sched.concat(sq);
        } else {
          const cl = oneOf(c.Clients);
          const k = oneOf(SUBSET_INDICES);
          const S = NONEMPTY_SUBSETS[k]!;
          if (action === "receiveRequest") {
            when(s.requestMsgs[cl]!.has(k) && s.alloc[cl]!.size === 0);
            s.unsat[cl] = new Set(S);
            s.requestMsgs[cl]!.delete(k);
          } else if (action === "receiveReturn") {
            when(s.returnMsgs[cl]!.has(k));
            s.alloc[cl] = minus(s.alloc[cl]!, S);
            s.returnMsgs[cl]!.delete(k);
          } else {
            when(S.every((r) => isAvailable(s, c, r) && s.unsat[cl]!.has(r)));
            const i = s.sched.indexOf(cl);
            when(i >= 0);
            when(s.sched.slice(0, i).every((d) => S.every((r) => !s.unsat[d]!.has(r))));
            if (S.length === s.unsat[cl]!.size) s.sched.splice(i, 1);
            s.alloc[cl] = union(s.alloc[cl]!, S);
            s.unsat[cl] = minus(s.unsat[cl]!, S);
            s.allocateMsgs[cl]!.add(k);
          }
        }
      }
    }),
  },
  properties: {
    /** Resources are held exclusively (AllocatorImplementation's ResourceMutex, on `holding`). */
    resourceMutex: invariant((s, c) =>
      all(c.Clients, (c1) => all(c.Clients, (c2) => c1 === c2 || RESOURCES.every((r) => !(s.holding[c1]!.has(r) && s.holding[c2]!.has(r))))),
    ),
    /** Part of Invariant: at most one request of a client is in transit. */
    oneRequestInTransit: invariant((s, c) => all(c.Clients, (cl) => s.requestMsgs[cl]!.size <= 1)),
  },
  scenarios: {
    AllocatorImplementation: {
      constants: { Clients: ["c1", "c2", "c3"] },
      expect: { resourceMutex: "holds", oneRequestInTransit: "holds" },
    },
  },
});
