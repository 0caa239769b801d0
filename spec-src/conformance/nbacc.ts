// Non-blocking atomic commitment with crashes and a failure detector (tlaplus/Examples,
// specifications/nbacc_ray97/nbacc_ray97.tla, after Raynal 1997; model nbacc_ray97.cfg: N = 2).
//
// The original's `pc` is data, not a step pointer: here `status`. Each process is one step taken
// again and again, as the original's Step(self): receive any messages sent (a set between what it
// has and what was sent), let the failure detector say anything, then one of vote yes, vote no,
// crash, decide, or nothing. Initially every process has voted either way and its detector says
// either thing: `byPid(() => oneOf(...))`, every function. A message is a record (the original's
// pair <<sender, vote>>).
import { all, any, byPid, filterSet, isSubsetOf, oneOf, processSet, protocol, range, setOf, subsets, ValueSet, when, type ByPid, type Int } from "ts2tla";

type Id = Int<1, 3>;
type Vote = "YES" | "NO";
type Message = { readonly from: Id; readonly vote: Vote };
type Status = "NO" | "YES" | "ABORT" | "COMMIT" | "SENT" | "CRASH";

interface State {
  status: ByPid<Status>;
  rcvd: ByPid<ValueSet<Message>>;
  sent: ValueSet<Message>;
  fd: ByPid<boolean>;
}

interface Constants {
  N: Int<1, 3>;
  Proc: ReadonlySet<Id>;
}

export default protocol<State, Constants>({
  init: () => ({
    sent: new ValueSet<Message>(),
    status: byPid(() => oneOf(setOf<Status>("YES", "NO"))),
    rcvd: byPid(() => new ValueSet<Message>()),
    fd: byPid(() => oneOf(setOf(false, true))),
  }),
  processes: {
    proc: processSet(
      "Proc",
      function* (self, s, c) {
        for (;;) {
          yield "step";
          const before = s.rcvd[self]!;
          s.rcvd[self] = new ValueSet(oneOf(filterSet(subsets(s.sent), (r) => isSubsetOf(before, r))));
          s.fd[self] = oneOf(setOf(false, true));
          const action = oneOf(setOf("yes", "no", "crash", "decide", "nothing"));
          if (action === "yes") {
            when(s.status[self] === "YES");
            s.status[self] = "SENT";
            s.sent.add({ from: self, vote: "YES" });
          } else if (action === "no") {
            when(s.status[self] === "NO");
            s.status[self] = "SENT";
            s.sent.add({ from: self, vote: "NO" });
          } else if (action === "crash") {
            when(s.status[self] !== "CRASH");
            s.status[self] = "CRASH";
          } else if (action === "decide") {
            when(s.status[self] === "SENT");
            // Abort when the detector suspects a crash or a NO was received (before this step's
            // receive); commit when it suspects none and every process's YES has been received.
            const why = oneOf(setOf("suspect", "no", "allYes"));
            if (why === "suspect") when(s.fd[self] === true);
            else if (why === "no") when(any(before, (m) => m.vote === "NO"));
            else when(s.fd[self] === false && all(c.Proc, (p) => any(s.rcvd[self]!, (m) => m.from === p && m.vote === "YES")));
            s.status[self] = why === "allYes" ? "COMMIT" : "ABORT";
          }
        }
      },
      { fairness: "none" },
    ),
  },
  properties: {},
  scenarios: {
    nbacc_ray97: { constants: { N: 2, Proc: (c) => range(1, c.N) } },
  },
});
