// The echo algorithm: a spanning tree by flooding (tlaplus/Examples, specifications/echo/Echo.tla,
// model MCEcho.cfg: nodes a, b, c, fully connected (R1), initiator a: MCEcho's CHOOSE picks "a").
//
// Echo.tla is PlusCal; its labels n0, n1, n2 are the steps here, its network `inbox[n]` a set of
// message records [kind, sndr] (a ValueSet), and its `multicast` a loop over the destinations that
// adds the message to each one's inbox within the step.
import { all, byPid, filterSet, invariant, oneOf, processSet, protocol, ValueSet, type ByPid, type Int, type Pid, type PidSet } from "ts2tla";

const INITIATOR: Pid = "a";

interface Message {
  kind: "m" | "c";
  sndr: Pid;
}

interface State {
  inbox: ByPid<ValueSet<Message>>;
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
    inbox: byPid(() => new ValueSet<Message>()),
    parent: byPid(() => null),
    children: byPid(() => new Set<Pid>()),
    rcvd: byPid(() => 0),
  }),
  processes: {
    node: processSet("Node", function* (self, s, c) {
      const nbrs = filterSet(c.Node, (n) => isNeighbour(n, self));
      yield "n0";
      if (self === INITIATOR) {
        for (const q of nbrs) s.inbox[q]!.add({ kind: "m", sndr: self });
      }
      for (;;) {
        yield "n1";
        if (s.rcvd[self]! >= nbrs.size) break;
        const msg = oneOf(s.inbox[self]!);
        s.inbox[self]!.delete(msg);
        s.rcvd[self] += 1;
        if (self !== INITIATOR && s.rcvd[self] === 1) {
          s.parent[self] = msg.sndr;
          for (const q of nbrs) {
            if (q !== msg.sndr) s.inbox[q]!.add({ kind: "m", sndr: self });
          }
        }
        if (msg.kind === "c") s.children[self]!.add(msg.sndr);
      }
      yield "n2";
      if (self !== INITIATOR) s.inbox[s.parent[self]!]!.add({ kind: "c", sndr: self });
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
