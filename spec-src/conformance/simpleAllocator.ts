// A simple resource allocator (tlaplus/Examples, specifications/allocator/SimpleAllocator.tla,
// model SimpleAllocator.cfg: clients c1..c3, resources r1 and r2).
//
// Every client is a process. It requests a non-empty set of resources when it has no request
// outstanding and holds nothing; the allocator (here: the client's own step, as in SimpleAllocator's
// Next, where Allocate(c, S) is a step of client c) grants it any non-empty part of what it asked for
// that nobody holds; it returns any non-empty part of what it holds. The non-empty subsets S of
// Resources are listed (SUBSET is not in the language), and set difference and union are filters
// over the list of resources.
//
// Not checked: SimpleAllocator's liveness properties; they rest on fairness of sub-actions
// (WF of Return(c, alloc[c]), SF of Allocate), which the language cannot state.
import { all, byPid, invariant, oneOf, processSet, protocol, range, when, type ByPid, type Pid, type PidSet } from "ts2tla";

type Resource = "r1" | "r2";
const RESOURCES: readonly Resource[] = ["r1", "r2"];
/** SUBSET Resources \ {{}}. */
const NONEMPTY_SUBSETS: readonly (readonly Resource[])[] = [["r1"], ["r2"], ["r1", "r2"]];

interface State {
  unsat: ByPid<Set<Resource>>;
  alloc: ByPid<Set<Resource>>;
}

interface Constants {
  Clients: PidSet;
}

function isAvailable(s: State, c: Constants, r: Resource): boolean {
  return all(c.Clients, (cl) => !s.alloc[cl]!.has(r));
}

type Action = "request" | "allocate" | "return";

export default protocol<State, Constants>({
  init: () => ({ unsat: byPid(() => new Set<Resource>()), alloc: byPid(() => new Set<Resource>()) }),
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
          s.alloc[self] = new Set(RESOURCES.filter((r) => s.alloc[self]!.has(r) || S.includes(r)));
          s.unsat[self] = new Set(RESOURCES.filter((r) => s.unsat[self]!.has(r) && !S.includes(r)));
        } else {
          when(S.every((r) => s.alloc[self]!.has(r)));
          s.alloc[self] = new Set(RESOURCES.filter((r) => s.alloc[self]!.has(r) && !S.includes(r)));
        }
      }
    }),
  },
  properties: {
    resourceMutex: invariant((s, c) =>
      all(c.Clients, (c1) => all(c.Clients, (c2) => c1 === c2 || RESOURCES.every((r) => !(s.alloc[c1]!.has(r) && s.alloc[c2]!.has(r))))),
    ),
  },
  scenarios: {
    SimpleAllocator: { constants: { Clients: ["c1", "c2", "c3"] }, expect: { resourceMutex: "holds" } },
  },
});
