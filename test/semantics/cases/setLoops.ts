// Loops over a set inside a step (issue #11): `for (const q of set)` where every iteration changes
// only the loop variable's entry of ByPid maps, so the order of the elements cannot matter. A multicast
// into every neighbour's inbox, counters per element, branches on the element, helpers called with
// the entry; an empty set changes nothing. Diagnostics: a write elsewhere, a read of another entry of
// a map the loop changes, a set that the loop changes, blocking or choosing inside, an array.
import { diag, run, type Case, type Expectation, type Snippet } from "../../helpers/semantics.ts";

const G = "loops over a set in a step";
const c = (name: string, snippet: Snippet, expect: Expectation = run()): Case => ({ name, group: G, snippet, expect });

const NODES = { decl: "Nodes: ReadonlySet<Int<0, 2>>", values: "{ Nodes: [0, 1, 2] }" };
const PIDS = { decl: "Nodes: PidSet", values: '{ Nodes: ["a", "b", "c"] }' };

/** One node process whose first step runs `body`, over the state `state`. */
const N = (body: string, state = "x: ByPid<Int<0, 3>>", init = "{ x: byPid(() => 0) }", top?: string): Snippet => ({
  state,
  init,
  constants: NODES,
  processes: `
      node: processSet("Nodes", function* (self, s, c) {
        yield "a";
        ${body}
      }),`,
  ...(top ? { top } : {}),
});

/** Every node sends its id to every other node's inbox, in one step; then it reads its inbox. */
const MULTICAST = `
      node: processSet("Nodes", function* (self, s, c) {
        yield "send";
        for (const q of others(self)) s.inbox[q]!.add(self);
        yield "read";
        s.got[self] = s.inbox[self]!.size;
      }),`;

export const SET_LOOPS: Case[] = [
  c("multicastToOthers", {
    state: "inbox: ByPid<Set<Int<0, 2>>>; got: ByPid<Int<0, 3>>",
    init: "{ inbox: byPid(() => new Set()), got: byPid(() => 0) }",
    constants: NODES,
    processes: MULTICAST,
    props: {
      notFromSelf: "invariant((s, c) => all(c.Nodes, (n) => !s.inbox[n]!.has(n)))",
      someoneGotTwo: "witness((s, c) => any(c.Nodes, (n) => s.got[n] === 2))",
      someoneGotOne: "witness((s, c) => any(c.Nodes, (n) => s.got[n] === 1))",
    },
  }),
  // Records into a ValueSet inbox, as Echo's multicast does, over a constant set of model values.
  c("multicastRecordsToPids", {
    top: 'type Msg = { kind: "m" | "c"; sndr: Pid };',
    state: "inbox: ByPid<ValueSet<Msg>>; n: ByPid<Int<0, 3>>",
    init: "{ inbox: byPid(() => new ValueSet()), n: byPid(() => 0) }",
    constants: PIDS,
    processes: `
      node: processSet("Nodes", function* (self, s, c) {
        yield "send";
        const dest = new Set(c.Nodes);
        dest.delete(self);
        for (const q of dest) {
          s.inbox[q]!.add({ kind: "m", sndr: self });
          s.n[q] += 1;
        }
      }),`,
    props: {
      counted: "invariant((s, c) => all(c.Nodes, (q) => s.inbox[q]!.size === s.n[q]))",
      full: "witness((s, c) => all(c.Nodes, (q) => s.n[q] === 2))",
    },
  }),
  // A branch on the element and the entry, and more than one map changed.
  c("branchPerElement", {
    ...N(`for (const q of c.Nodes) {
          const before = s.x[q]!;
          if (q < self) s.x[q] = before + 2;
          else s.y[q] = !s.y[q];
          if (s.x[q]! >= 5) s.y[q] = true;
        }
        s.done[self] = true;`, "x: ByPid<Int<0, 5>>; y: ByPid<boolean>; done: ByPid<boolean>", "{ x: byPid(() => 1), y: byPid(() => false), done: byPid(() => false) }"),
    props: {
      end: "invariant((s, c) => !all(c.Nodes, (n) => s.done[n]!) || (s.x[0] === 5 && s.y[0] === true && s.x[1] === 3 && s.y[1] === false && s.x[2] === 1 && s.y[2] === true))",
      yFlips: "witness((s) => s.y[1] === true)",
    },
  }),
  // A helper that receives the entry changes it; a later read of the map sees the loop's writes.
  c("helperWithTheEntry", {
    ...N(`for (const q of c.Nodes) if (q !== self) bump(s.inbox[q]!, self);
        s.k = s.inbox[0]!.size;`, "inbox: ByPid<Set<Int<0, 2>>>; k: Int<0, 9>", "{ inbox: byPid(() => new Set()), k: 0 }", "function bump(box: Set<Int<0, 2>>, v: Int<0, 2>): void { box.add(v); }"),
    props: { atMostTwo: "invariant((s) => s.k <= 2)", two: "witness((s) => s.k === 2)" },
  }),
  c("emptySetChangesNothing", {
    ...N(`for (const q of filterSet(c.Nodes, (n) => n > 5)) s.x[q] = 3;
        s.done = true;`, "x: ByPid<Int<0, 3>>; done: boolean", "{ x: byPid(() => 1), done: false }"),
    props: { same: "invariant((s, c) => all(c.Nodes, (n) => s.x[n] === 1))", finished: "witness((s) => s.done)" },
  }),
  c("writeOutsideTheEntry", N(`for (const q of c.Nodes) { s.x[q] = 1; /*@*/s.k = q; }`, "x: ByPid<Int<0, 3>>; k: Int<0, 2>", "{ x: byPid(() => 0), k: 0 }"), diag("TSLA106", { message: /s\.k/ })),
  c("writeAnotherEntry", N(`for (const q of c.Nodes) /*@*/s.x[self] = q;`, "x: ByPid<Int<0, 2>>"), diag("TSLA106")),
  // Reading another entry of a map the loop changes: in TS it depends on the order of the elements.
  c("readAnotherEntry", N(`for (const q of c.Nodes) s.x[q] = Math.min(/*@*/s.x[0]! + 1, 3);`), diag("TSLA106", { message: /reads/ })),
  c("iterateWhatItChanges", N(`for (const q of /*@*/s.sets[self]!) s.sets[q]!.add(self);`, "sets: ByPid<Set<Int<0, 2>>>", "{ sets: byPid(() => new Set([0, 1, 2])) }"), diag("TSLA106", { message: /reads/ })),
  c("localSharingTheMap", N(`const mine = s.sets[self]!;
        for (const q of c.Nodes) { s.k[q] = /*@*/mine.size > 0 ? 1 : 0; s.sets[q]!.add(1); }`, "sets: ByPid<Set<Int<0, 2>>>; k: ByPid<Int<0, 1>>", "{ sets: byPid(() => new Set()), k: byPid(() => 0) }"), diag("TSLA106")),
  c("whenInside", N(`for (const q of c.Nodes) { /*@*/when(s.x[q] === 0); s.x[q] = 1; }`), diag("TSLA106", { message: /when/ })),
  c("oneOfInside", N(`for (const q of c.Nodes) s.x[q] = /*@*/oneOf(setOf<Int<0, 3>>(1, 2));`), diag("TSLA106", { message: /oneOf/ })),
  c("helperThatBlocks", N(`/*@*/for (const q of c.Nodes) { mustBeZero(s.x[q]!); s.x[q] = 1; }`, undefined, undefined, "function mustBeZero(v: Int<0, 3>): void { when(v === 0); }"), diag("TSLA106")),
  c("breakInside", N(`for (const q of c.Nodes) { s.x[q] = 1; /*@*/break; }`), diag("TSLA106")),
  c("loopOverArray", N(`for (const q of /*@*/s.order) s.x[q] += 1;`, "x: ByPid<Int<0, 3>>; order: Int<0, 2>[]", "{ x: byPid(() => 0), order: [0, 0, 1] }"), diag("TSLA106", { message: /not a set/ })),
  c("letLoopVariable", N(`for (/*@*/let q of c.Nodes) s.x[q] = 1;`), diag("TSLA106")),
  c("forInIsNotALoopOverASet", N(`/*@*/for (const q in s.x) s.x[q] = 1;`), diag("TSLA040")),
];
