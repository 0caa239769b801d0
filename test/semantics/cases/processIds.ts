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
  // A process set sized by an integer: its ids computed from N in the scenario.
  c("idsComputedFromCount", {
    state: "count: Int<0, 4>",
    init: "{ count: 0 }",
    constants: { decl: "N: Int<1, 4>; Procs: ReadonlySet<Int<1, 4>>", values: "{ N: 3, Procs: (c) => range(1, c.N) }" },
    processes: `
      worker: processSet("Procs", function* (self, s) {
        yield "a";
        s.count += 1;
      }),`,
    props: { allCounted: "witness((s, c) => s.count === c.N && c.Procs.size === 3)", bounded: "invariant((s, c) => s.count <= c.Procs.size)" },
  }),
  // Computed integers, booleans and sets: the compiler's value (in the model) is the TypeScript's.
  c("computedScalarsAndSets", {
    state: "n: Int<0, 9>",
    init: "{ n: 0 }",
    constants: {
      decl: "N: Int<1, 4>; M: Int<0, 9>; Big: boolean; Keys: ReadonlySet<Int<0, 9>>; Order: readonly Int<0, 9>[]",
      values: "{ N: 3, M: (c) => c.N * 2 + Math.floor(7 / 2) % 2, Big: (c) => c.M > 6 && c.N !== 2, Keys: (c) => (c.Big ? setOf(c.N, c.M, 0) : new Set([c.N])), Order: (c) => [c.M, c.M - 4] }",
    },
    processes: `
      main: process(function* (self, s, c) {
        yield "a";
        s.n = oneOf(c.Keys);
      }),`,
    props: {
      values: "invariant((s, c) => c.M === 7 && c.Big && c.Keys.size === 3 && c.Order[0] === 7 && c.Order[1] === 3)",
      seven: "witness((s) => s.n === 7)",
    },
  }),
  c("computedCycle", {
    state: "n: Int<0, 1>",
    init: "{ n: 0 }",
    constants: { decl: "A: Int<0, 3>; B: Int<0, 3>", values: "{ A: (c) => c.B, B: (c) => /*@*/c.A }" },
    body: "s.n = 1;",
  }, diag("TSLA066", { message: /refers to itself/ })),
  c("computedUnsupported", {
    state: "n: Int<0, 1>",
    init: "{ n: 0 }",
    constants: { decl: "A: Int<0, 3>; B: Int<0, 3>", values: "{ A: 1, B: (c) => /*@*/String(c.A).length }" },
    body: "s.n = 1;",
  }, diag("TSLA066")),
  c("computedOutOfRange", {
    state: "n: Int<0, 1>",
    init: "{ n: 0 }",
    constants: { decl: "A: Int<0, 3>; B: Int<0, 3>", values: "{ A: 3, B: /*@*/(c) => c.A + 1 }" },
    body: "s.n = 1;",
  }, diag("TSLA021", { message: /B/ })),
  c("computedElsewhere", {
    state: "n: Int<0, 1>",
    init: "{ n: 0 }",
    scenario: "description: /*@*/() => \"x\"",
    body: "s.n = 1;",
  }, diag(/TSLA0(22|01)/)),
  // forAll over the union of several sets: every process of either set finishes.
  c("forAllOverTwoSets", {
    state: "n: Int<0, 3>",
    init: "{ n: 0 }",
    constants: { decl: "Nodes: ReadonlySet<Int<0, 1>>; W: PidSet", values: '{ Nodes: [0, 1], W: ["w1"] }' },
    processes: `
      node: processSet("Nodes", function* (self, s) {
        yield "a";
        s.n = Math.min(s.n + 1, 3);
      }),
      worker: processSet("W", function* (self, s) {
        yield "a";
        when(s.n === 2);
        s.n = 3;
      }),`,
    props: { allFinish: 'temporal(forAll(["Nodes", "W"], (p: Int<0, 1> | Pid) => eventually(() => done(p))))' },
  }),
  // An empty set of integer ids: the property holds vacuously (TLC refuses it as a tautology, so the
  // model leaves it out).
  c("forAllOverEmptyIntegerSet", {
    state: "n: Int<0, 3>",
    init: "{ n: 0 }",
    constants: { decl: "Nodes: ReadonlySet<Int<0, 1>>", values: "{ Nodes: [] }" },
    processes: `
      node: processSet("Nodes", function* (self, s) {
        yield "a";
        s.n = 1;
      }),
      main: process(function* (self, s) {
        yield "a";
        s.n = 2;
      }),`,
    props: { allFinish: 'temporal(forAll("Nodes", (p: Int<0, 1>) => eventually(() => done(p))))' },
  }),
  // Properties read a process's kept locals: the TS value where the local is live, its type's
  // default elsewhere (before its step, after the process ends), in both languages.
  c("localInProperties", {
    state: "seen: Set<Int<0, 2>>",
    init: "{ seen: new Set() }",
    constants: NODES,
    processes: `
      node: processSet("Nodes", function* (self, s, c) {
        yield "a";
        const target: Int<0, 2> = (self + 1) % c.N;
        yield "b";
        s.seen.add(target);
      }),`,
    props: {
      targetWhileLive: 'invariant((s, c) => all(c.Nodes, (n) => !at(n, "b") || local<Int<0, 2>>("node", n, "target") === (n + 1) % c.N))',
      defaultElsewhere: 'invariant((s, c) => all(c.Nodes, (n) => at(n, "b") || local<Int<0, 2>>("node", n, "target") === 0))',
      twoLive: 'witness((s, c) => local<Int<0, 2>>("node", 1, "target") === 2 && local<Int<0, 2>>("node", 2, "target") === 0 && at(2, "b"))',
      eventuallySeen: 'temporal(forAll("Nodes", (n: Int<0, 2>) => eventually((s) => s.seen.has(n))))',
      // Every element a step adds is the target of a node about to run "b" (read before the step).
      addsATarget: 'action((before, after, c) => all(range(0, 2), (v) => before.seen.has(v) || !after.seen.has(v) || any(c.Nodes, (n) => at(n, "b") && local<Int<0, 2>>("node", n, "target") === v)))',
    },
  }),
  c("localInStep", {
    state: "n: Int<0, 2>",
    init: "{ n: 0 }",
    constants: NODES,
    processes: `
      node: processSet("Nodes", function* (self, s, c) {
        yield "a";
        const target: Int<0, 2> = (self + 1) % c.N;
        yield "b";
        s.n = /*@*/local<Int<0, 2>>("node", self, "target");
        s.n = target;
      }),`,
  }, diag("TSLA046", { message: /local\(\)/ })),
  c("localNotKept", {
    state: "n: Int<0, 2>",
    init: "{ n: 0 }",
    constants: NODES,
    processes: `
      node: processSet("Nodes", function* (self, s, c) {
        yield "a";
        const target: Int<0, 2> = (self + 1) % c.N;
        s.n = target;
      }),`,
    props: { p: 'invariant((s, c) => local<Int<0, 2>>("node", 0, /*@*/"target") === 0)' },
  }, diag("TSLA046", { message: /kept across steps/ })),
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
