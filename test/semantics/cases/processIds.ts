// Integer process ids (issue #11): a process set declared on a constant set of integers has those
// integers as ids, so `self + 1`, `self < j`, a ring and "the other processes" (`others(self)`) are
// written once for every process. `ByPid` state, kept locals and `forAll` properties are keyed by the
// integers on both engines; `forAll` also ranges over any constant set of values. Diagnostics: an
// id in two process sets, `others` of something that is not a process's own `self`.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "integer process ids";
const c = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: G, snippet, expect });

const NODES = { decl: "Nodes: ReadonlySet<Int<0, 2>>; N: Int<1, 3>", values: "{ Nodes: [0, 1, 2], N: 3 }" };

/** A token passed round a ring of N nodes; each node counts its visits (up to 2). */
const RING = `
      node: processSet("Nodes", function* (self, s, c) {
        for (;;) {
          yield "pass";
          when(s.token === self);
          s.visits[self] = Math.min(s.visits[self]! + 1, 2);
          s.token = (self + 1) % c.N;
        }
      }),`;

export const PROCESS_IDS: Case[] = [
  c("ringSelfArithmetic", {
    state: "token: Int<0, 2>; visits: ByPid<Int<0, 2>>",
    init: "{ token: 0, visits: byPid(() => 0) }",
    constants: NODES,
    processes: RING,
    props: {
      bounded: "invariant((s, c) => all(c.Nodes, (n) => s.visits[n]! <= 2))",
      everyoneTwice: "witness((s, c) => all(c.Nodes, (n) => s.visits[n] === 2))",
      tokenComesBack: 'temporal(forAll("Nodes", (n: Int<0, 2>) => alwaysEventually((s) => s.token === n)))',
    },
  }),
  // The token goes only upwards: node 2 never passes it on, and the temporal property is violated
  // for the nodes it never reaches again.
  c("ringOrderOnIds", {
    state: "token: Int<0, 2>; visits: ByPid<Int<0, 2>>",
    init: "{ token: 0, visits: byPid(() => 0) }",
    constants: NODES,
    processes: `
      node: processSet("Nodes", function* (self, s, c) {
        for (;;) {
          yield "pass";
          when(s.token === self && self < c.N - 1);
          s.visits[self] = Math.min(s.visits[self]! + 1, 2);
          s.token = self + 1;
        }
      }),`,
    props: { tokenComesBack: 'temporal(forAll("Nodes", (n: Int<0, 2>) => alwaysEventually((s) => s.token === n)))' },
  }, run({ tokenComesBack: "violated" })),
  // byPid's callback gets the integer id; a kept local holds an id computed from self.
  c("byPidAndKeptLocalOfIds", {
    state: "next: ByPid<Int<0, 2>>; seen: Set<Int<0, 2>>",
    init: "{ next: byPid((p: Int<0, 2>) => (p + 1) % 3), seen: new Set() }",
    constants: NODES,
    processes: `
      node: processSet("Nodes", function* (self, s, c) {
        yield "a";
        const target = s.next[self]!;
        yield "b";
        s.seen.add(target);
      }),`,
    props: {
      nextIsSuccessor: "invariant((s, c) => all(c.Nodes, (n) => s.next[n] === (n + 1) % c.N))",
      allSeen: "witness((s) => s.seen.size === 3)",
    },
  }),
  // Ids 1..n: TLC writes a function on 1..n as a sequence (<<a, b>>); it is still the map by id.
  c("idsFromOne", {
    state: "last: Int<1, 2>; visits: ByPid<Int<0, 2>>",
    init: "{ last: 1, visits: byPid(() => 0) }",
    constants: { decl: "Nodes: ReadonlySet<Int<1, 2>>", values: "{ Nodes: [1, 2] }" },
    processes: `
      node: processSet("Nodes", function* (self, s) {
        for (;;) {
          yield "a";
          const before = s.visits[self]!;
          yield "b";
          s.visits[self] = Math.min(before + 1, 2);
          s.last = self;
          if (s.visits[self] === 2) return;
        }
      }),`,
    props: {
      bounded: "invariant((s, c) => all(c.Nodes, (n) => s.visits[n]! <= 2))",
      secondLast: "witness((s) => s.last === 2 && s.visits[1] === 2 && s.visits[2] === 2)",
      allDone: 'temporal(forAll("Nodes", (n: Int<1, 2>) => eventually(() => done(n))))',
    },
  }),
  c("othersOfSelf", {
    state: "peers: ByPid<Int<0, 2>>; union: Set<Int<0, 2>>",
    init: "{ peers: byPid(() => 0), union: new Set() }",
    constants: NODES,
    processes: `
      node: processSet("Nodes", function* (self, s) {
        yield "a";
        const o = others(self);
        s.peers[self] = o.size;
        s.union = union(s.union, o);
        when(!o.has(self));
      }),`,
    props: {
      twoOthers: "invariant((s, c) => all(c.Nodes, (n) => s.peers[n] === 0 || s.peers[n] === 2))",
      allCounted: "witness((s, c) => all(c.Nodes, (n) => s.peers[n] === 2) && s.union.size === 3)",
    },
  }),
  // A single process has no others; model-value ids have others too.
  c("othersOfSingleAndModelValues", {
    state: "single: Int<0, 3>; w: ByPid<Int<0, 3>>",
    init: "{ single: 3, w: byPid(() => 3) }",
    constants: { decl: "W: PidSet", values: '{ W: ["w1", "w2"] }' },
    processes: `
      main: process(function* (self, s) {
        yield "a";
        s.single = others(self).size;
      }),
      worker: processSet("W", function* (self, s) {
        yield "a";
        s.w[self] = others(self).size;
      }),`,
    props: {
      counts: "invariant((s, c) => (s.single === 3 || s.single === 0) && all(c.W, (p) => s.w[p] === 3 || s.w[p] === 1))",
      done: "witness((s, c) => s.single === 0 && all(c.W, (p) => s.w[p] === 1))",
    },
  }),
  // Integer ids next to model-value ids: one ProcSet, one pc.
  c("integerAndModelValueSets", {
    state: "n: Int<0, 4>",
    init: "{ n: 0 }",
    constants: { decl: "Nodes: ReadonlySet<Int<0, 2>>; W: PidSet", values: '{ Nodes: [0, 2], W: ["w1"] }' },
    processes: `
      node: processSet("Nodes", function* (self, s) {
        yield "a";
        s.n = Math.min(s.n + self, 4);
      }),
      worker: processSet("W", function* (self, s) {
        yield "a";
        when(s.n > 0);
        s.n = Math.min(s.n + 1, 4);
      }),`,
    props: { three: "witness((s) => s.n === 3)", workerDone: 'temporal(forAll("W", (p) => eventually(() => done(p))))' },
  }),
  // forAll over a constant set of values that is no process set: one key is chosen, the other never.
  c("forAllOverValueSet", {
    state: "got: Set<Int<0, 3>>",
    init: "{ got: new Set() }",
    constants: { decl: "Keys: ReadonlySet<Int<0, 3>>", values: "{ Keys: [1, 3] }" },
    processes: `
      main: process(function* (self, s, c) {
        yield "a";
        s.got.add(oneOf(c.Keys));
      }),`,
    props: { everyKey: 'temporal(forAll("Keys", (k: Int<0, 3>) => eventually((s) => s.got.has(k))))', three: "witness((s) => s.got.has(3))" },
  }, run({ everyKey: "violated" })),
  // Choosing a key already got is a step that changes nothing (stuttering), so weak fairness of the
  // loop's step makes the process choose the other key eventually: every key is got.
  c("forAllOverValueSetFair", {
    state: "got: Set<Int<0, 3>>",
    init: "{ got: new Set() }",
    constants: { decl: "Keys: ReadonlySet<Int<0, 3>>", values: "{ Keys: [1, 3] }" },
    processes: `
      main: process(function* (self, s, c) {
        for (;;) {
          yield "a";
          s.got.add(oneOf(c.Keys));
          if (s.got.size === 2) return;
        }
      }),`,
    props: { everyKey: 'temporal(forAll("Keys", (k: Int<0, 3>) => eventually((s) => s.got.has(k))))' },
  }),
  c("overlappingIntegerIds", {
    state: "n: Int<0, 1>",
    init: "{ n: 0 }",
    constants: { decl: "A: ReadonlySet<Int<0, 2>>; B: ReadonlySet<Int<0, 2>>", values: "{ A: [0, 1], B: [/*@*/1, 2] }" },
    processes: `
      a: processSet("A", function* (self, s) {
        yield "a";
      }),
      b: processSet("B", function* (self, s) {
        yield "a";
      }),`,
  }, diag("TSLA021", { message: /process id 1 is also an id in A/ })),
  c("othersOfNotSelf", {
    state: "n: Int<0, 3>",
    init: "{ n: 0 }",
    constants: NODES,
    processes: `
      node: processSet("Nodes", function* (self, s, c) {
        yield "a";
        const j = (self + 1) % c.N;
        s.n = others(/*@*/j).size;
      }),`,
  }, diag("TSLA046", { message: /others\(\)/ })),
];
