// The echo algorithm: a spanning tree by flooding (tlaplus/Examples, specifications/echo/Echo.tla,
// model MCEcho.cfg: nodes a, b, c, fully connected (R1), initiator a: MCEcho's CHOOSE picks "a").
//
// Echo.tla is PlusCal; its labels n0, n1, n2 are the steps here. Echo's `inbox[n]` is a set of
// message records [kind, sndr]; a Set of records is not in the language (TSLA082), so a message is
// kept on its sender's side: `mTo[q]` holds the nodes with an "m" message from q not yet received,
// `cTo[q]` the same for "c". That is the same state (inbox[n] = {[kind |-> "m", sndr |-> q] : n \in
// mTo[q]} \cup ...), so the distinct states are the same.
import { all, byPid, invariant, oneOf, processSet, protocol, setOf, when, type ByPid, type Int, type Pid, type PidSet } from "ts2tla";

const INITIATOR: Pid = "a";

type Kind = "m" | "c";

interface State {
  mTo: ByPid<Set<Pid>>;
  cTo: ByPid<Set<Pid>>;
  parent: ByPid<Pid | null>;
  children: ByPid<Set<Pid>>;
  rcvd: ByPid<Int<0, 2>>;
}

interface Constants {
  Node: PidSet;
}

/** R1: every two distinct nodes are neighbours. */
function isNeighbour(m: Pid, n: Pid): boolean {
  return m !== n;
}

export default protocol<State, Constants>({
  init: () => ({
    mTo: byPid(() => new Set<Pid>()),
    cTo: byPid(() => new Set<Pid>()),
    parent: byPid(() => null),
    children: byPid(() => new Set<Pid>()),
    rcvd: byPid(() => 0),
  }),
  processes: {
    node: processSet("Node", function* (self, s, c) {
      yield "n0";
      if (self === INITIATOR) {
        const nbrs = new Set(c.Node);
        nbrs.delete(self);
        s.mTo[self] = nbrs;
      }
      for (;;) {
        yield "n1";
        if (s.rcvd[self]! >= c.Node.size - 1) break;
        const kind = oneOf(setOf<Kind>("m", "c"));
        const sender = oneOf(c.Node);
        when(kind === "m" ? s.mTo[sender]!.has(self) : s.cTo[sender]!.has(self));
        if (kind === "m") s.mTo[sender]!.delete(self);
        else s.cTo[sender]!.delete(self);
        s.rcvd[self] += 1;
        if (self !== INITIATOR && s.rcvd[self] === 1) {
          s.parent[self] = sender;
          const dest = new Set(c.Node);
          dest.delete(self);
          dest.delete(sender);
          s.mTo[self] = new Set([...s.mTo[self]!, ...dest]);
        }
        if (kind === "c") s.children[self]!.add(sender);
      }
      yield "n2";
      if (self !== INITIATOR) s.cTo[self]!.add(s.parent[self]!);
    }),
  },
  properties: {
    initiatorNoParent: invariant((s) => s.parent[INITIATOR] === null),
    parentIsNeighbour: invariant((s, c) => all(c.Node, (n) => s.parent[n] === null || isNeighbour(s.parent[n]!, n))),
  },
  scenarios: {
    MCEcho: { constants: { Node: ["a", "b", "c"] }, expect: { initiatorNoParent: "holds", parentIsNeighbour: "holds" } },
  },
});
