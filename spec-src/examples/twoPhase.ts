// Two-phase commit: a coordinator asks resource managers (RMs) to vote, then tells them the outcome.
//
// Phase 1: every RM votes yes (it becomes "prepared") or no (it aborts on its own), sending its
// vote to the coordinator's inbox, a FIFO channel of message records. The coordinator receives the
// votes one at a time; a single "no" makes it abort, a "yes" from every RM makes it commit, and at
// any point it may also give up waiting (a timeout, modelled as a nondeterministic choice) and abort.
// Phase 2: every RM waits for the decision and applies it.
//
// The protocol is correct: no RM commits while another aborts, the coordinator commits only when
// every RM is prepared, and every RM eventually learns the outcome. The `Buggy` constant makes the
// coordinator commit after the first "yes" instead of waiting for all of them; the `buggyCoordinator`
// scenario shows TLC catching that.
//
// The coordinator counts the yes votes in a local variable of its process. The RM states are a
// ByPid map over all process ids (the coordinator's own entry stays "working").
import {
  all,
  any,
  byPid,
  eventually,
  forAll,
  invariant,
  nondet,
  oneOf,
  process,
  processSet,
  protocol,
  setOf,
  temporal,
  when,
  witness,
  type ByPid,
  type Int,
  type Pid,
  type PidSet,
} from "ts2tla";

type RmState = "working" | "prepared" | "committed" | "aborted";
type Vote = "yes" | "no";
type Decision = "commit" | "abort";

interface VoteMessage {
  from: Pid;
  vote: Vote;
}

interface State {
  rm: ByPid<RmState>;
  /** Votes on their way to the coordinator, oldest first. */
  inbox: VoteMessage[];
  /** The coordinator's decision, once it has made one. */
  decision: Decision | null;
}

interface Constants {
  RMs: PidSet;
  /** The coordinator commits after the first yes vote. */
  Buggy: boolean;
}

/** The coordinator announces its decision. */
function decide(s: State, d: Decision): void {
  s.decision = d;
}

/** An RM has reached its final state. */
function isFinal(r: RmState): boolean {
  return r === "committed" || r === "aborted";
}

export default protocol<State, Constants>({
  init: () => ({ rm: byPid((p) => "working"), inbox: [], decision: null }),
  processes: {
    participant: processSet("RMs", function* (self, s) {
      yield "vote";
      const v = oneOf(setOf<Vote>("yes", "no"));
      s.rm[self] = v === "yes" ? "prepared" : "aborted";
      s.inbox.push({ from: self, vote: v });
      yield "learn";
      when(s.decision !== null);
      s.rm[self] = s.decision === "commit" ? "committed" : "aborted";
    }),
    tm: process(function* (self, s, c) {
      /** Yes votes received so far. */
      let yesVotes: Int<0, 3> = 0;
      for (;;) {
        yield "collect";
        if (nondet()) {
          decide(s, "abort");
          break;
        }
        when(s.inbox.length > 0);
        const m = s.inbox[0];
        s.inbox.shift();
        if (m.vote === "no") {
          decide(s, "abort");
          break;
        }
        yesVotes += 1;
        if (yesVotes === (c.Buggy ? 1 : c.RMs.size)) {
          decide(s, "commit");
          break;
        }
      }
    }),
  },
  properties: {
    /** No RM commits while another aborts. */
    consistent: invariant((s, c: Constants) =>
      all(c.RMs, (p) => all(c.RMs, (q) => !(s.rm[p] === "committed" && s.rm[q] === "aborted"))),
    ),
    /** The coordinator commits only when every RM is prepared (or already committed). */
    commitNeedsUnanimity: invariant((s, c: Constants) =>
      s.decision !== "commit" || all(c.RMs, (p) => s.rm[p] === "prepared" || s.rm[p] === "committed"),
    ),
    /** Some RM commits: the protocol does not just always abort. */
    someoneCommits: witness((s, c: Constants) => any(c.RMs, (p) => s.rm[p] === "committed")),
    /** Every RM ends up committed or aborted. */
    everyoneDecides: temporal(forAll("RMs", (p) => eventually((s) => isFinal(s.rm[p])))),
  },
  scenarios: {
    threeRMs: {
      constants: { RMs: ["r1", "r2", "r3"], Buggy: false },
      expect: { consistent: "holds", commitNeedsUnanimity: "holds", someoneCommits: "holds", everyoneDecides: "holds" },
    },
    buggyCoordinator: {
      description: "the coordinator commits after the first yes vote",
      constants: { RMs: ["r1", "r2"], Buggy: true },
      expect: { consistent: "violated", commitNeedsUnanimity: "violated", someoneCommits: "holds", everyoneDecides: "holds" },
    },
  },
});
