// Dijkstra's self-stabilising token ring, EWD426 (tlaplus/Examples, specifications/ewd426/TokenRing.tla,
// model TokenRing.cfg: N = 6 nodes, counters modulo M = 6).
//
// One process per node, its id the node's index. Node 0 holds the token when its counter equals the
// last node's, and passing it on moves its counter to the next value; any other node holds it when
// its counter differs from its predecessor's, and copies that counter. The counters start anywhere:
// from every start the ring stabilises, eventually exactly one node holds the token, and so for ever.
import { all, any, eventuallyAlways, oneOf, processSet, protocol, range, temporal, when, type Int } from "ts2tla";

type Node = Int<0, 5>;

interface State {
  /** The counter of each node, 0..M-1. */
  counters: Int<0, 5>[];
}

interface Constants {
  /** The nodes 0..N-1 (computed from N in the scenario). */
  Nodes: ReadonlySet<Node>;
  N: Int<1, 6>;
  M: Int<1, 6>;
}

/**
 * One token: for some split i, the nodes before i hold node 0's counter and the nodes from i on hold
 * the value before it (i = N: all equal, node 0 holds the token).
 */
function uniqueToken(s: State, c: Constants): boolean {
  const first = s.counters[0]!;
  return any(range(0, c.N), (i) =>
    all(range(0, i - 1), (j) => s.counters[j] === first) && all(range(i, c.N - 1), (j) => s.counters[j] === (first + c.M - 1) % c.M));
}

export default protocol<State, Constants>({
  init: (c) => ({ counters: Array.from({ length: c.N }, () => oneOf(range(0, c.M - 1))) }),
  processes: {
    node: processSet("Nodes", function* (self, s, c) {
      for (;;) {
        yield "move";
        if (self === 0) {
          when(s.counters[0] === s.counters[c.N - 1]);
          s.counters[0] = (s.counters[c.N - 1]! + 1) % c.M;
        } else {
          when(s.counters[self] !== s.counters[self - 1]);
          s.counters[self] = s.counters[self - 1]!;
        }
      }
    }),
  },
  properties: {
    stabilisation: temporal(eventuallyAlways((s, c) => uniqueToken(s, c))),
  },
  scenarios: {
    TokenRing: {
      description: "N = 6, M = 6",
      constants: { N: 6, M: 6, Nodes: (c) => range(0, c.N - 1) },
      deadlock: false,
      expect: { stabilisation: "holds" },
    },
  },
});
