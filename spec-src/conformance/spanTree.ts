// A spanning tree by distance relaxation (tlaplus/Examples, specifications/SpanningTree/SpanTree.tla,
// model SpanTree.cfg: nodes n1..n5, root n1, MaxCardinality 6).
//
// Every node is a process: it looks at a neighbour m whose distance plus one is below its own,
// and takes a distance between the two (any of them) with m as its mother. `postCondition` is
// SpanTree's Safety, `[]((~ ENABLED Next) => PostCondition)`, with ENABLED Next written out
// (`canRelax`): the language has no ENABLED.
import { all, any, byPid, invariant, oneOf, processSet, protocol, range, when, type ByPid, type Int, type Pid, type PidSet } from "ts2tla";

const ROOT: Pid = "n1";
/** The undirected edges of SpanTree.cfg. */
const EDGES: readonly (readonly Pid[])[] = [
  ["n1", "n2"], ["n1", "n3"], ["n2", "n3"], ["n2", "n4"], ["n3", "n4"], ["n3", "n5"], ["n4", "n5"],
];

interface State {
  mom: ByPid<Pid>;
  dist: ByPid<Int<0, 6>>;
}

interface Constants {
  Nodes: PidSet;
  MaxCardinality: Int<0, 6>;
}

function isNbr(a: Pid, b: Pid): boolean {
  return EDGES.some((e) => (e[0] === a && e[1] === b) || (e[0] === b && e[1] === a));
}

/** Node n can take a shorter distance through a neighbour (one disjunct of ENABLED Next). */
function canRelax(s: State, c: Constants, n: Pid): boolean {
  return any(c.Nodes, (m) => isNbr(n, m) && s.dist[m]! + 1 <= s.dist[n]! - 1);
}

export default protocol<State, Constants>({
  init: (c) => ({ mom: byPid((n) => n), dist: byPid((n) => (n === ROOT ? 0 : c.MaxCardinality)) }),
  processes: {
    node: processSet("Nodes", function* (self, s, c) {
      for (;;) {
        yield "relax";
        const m = oneOf(c.Nodes);
        when(isNbr(self, m) && s.dist[m]! < 1 + s.dist[self]!);
        const d = oneOf(range(s.dist[m]! + 1, s.dist[self]! - 1));
        s.dist[self] = d;
        s.mom[self] = m;
      }
    }),
  },
  properties: {
    /** When no node can relax, the distances and mothers form a shortest-path spanning tree. */
    postCondition: invariant((s, c) =>
      any(c.Nodes, (n) => canRelax(s, c, n)) ||
      all(c.Nodes, (n) =>
        (n === ROOT && s.dist[n] === 0 && s.mom[n] === n) ||
        (s.dist[n] === c.MaxCardinality && s.mom[n] === n && all(c.Nodes, (m) => !isNbr(n, m) || s.dist[m] === c.MaxCardinality)) ||
        (s.dist[n]! >= 1 && s.dist[n]! <= c.MaxCardinality - 1 && isNbr(n, s.mom[n]!) && s.dist[n] === s.dist[s.mom[n]!]! + 1)),
    ),
  },
  scenarios: {
    SpanTree: {
      constants: { Nodes: ["n1", "n2", "n3", "n4", "n5"], MaxCardinality: 6 },
      deadlock: false,
      expect: { postCondition: "holds" },
    },
  },
});
