// Producers and consumers sharing a bounded FIFO queue.
//
// The queue is an array used as a FIFO: producers append at the end, consumers take from the front.
// A producer waits while the queue is full, a consumer while it is empty (each check-and-act is one
// atomic step, as with a monitor). Together the producers put the items 0, 1, ..., Total-1 (a shared
// counter numbers them); together the consumers take exactly Total items, then everyone stops.
//
// The protocol is correct: the queue never exceeds its capacity, no item is lost or duplicated
// (produced = consumed + queue length), items come out in the order they went in, and every item
// is eventually consumed. The witness shows the bound is actually reached, so the capacity
// invariant is not vacuous.
import { eventually, invariant, processSet, protocol, temporal, when, witness, type Int, type PidSet } from "ts2tla";

/** Item numbers and counters: Total is at most 4. */
type Count = Int<0, 4>;

interface State {
  queue: Count[];
  /** Items put so far (the next item's number). */
  produced: Count;
  /** Items taken so far. */
  consumed: Count;
  /** A consumer took an item out of order. */
  outOfOrder: boolean;
}

interface Constants {
  Producers: PidSet;
  Consumers: PidSet;
  Capacity: Int<1, 3>;
  Total: Int<1, 4>;
}

export default protocol<State, Constants>({
  init: () => ({ queue: [], produced: 0, consumed: 0, outOfOrder: false }),
  processes: {
    producer: processSet("Producers", function* (self, s, c) {
      for (;;) {
        yield "put";
        if (s.produced === c.Total) return;
        when(s.queue.length < c.Capacity);
        s.queue.push(s.produced);
        s.produced += 1;
      }
    }),
    consumer: processSet("Consumers", function* (self, s, c) {
      for (;;) {
        yield "take";
        if (s.consumed === c.Total) return;
        when(s.queue.length > 0);
        const item = s.queue[0];
        s.queue.shift();
        if (item !== s.consumed) s.outOfOrder = true;
        s.consumed += 1;
      }
    }),
  },
  properties: {
    withinCapacity: invariant((s, c) => s.queue.length <= c.Capacity),
    noItemLost: invariant((s) => s.produced === s.consumed + s.queue.length),
    fifo: invariant((s) => !s.outOfOrder),
    queueGetsFull: witness((s, c) => s.queue.length === c.Capacity),
    allConsumed: temporal(eventually((s, c) => s.consumed === c.Total)),
  },
  scenarios: {
    single: {
      description: "one producer, one consumer, room for one item",
      constants: { Producers: ["p1"], Consumers: ["c1"], Capacity: 1, Total: 3 },
      expect: { withinCapacity: "holds", noItemLost: "holds", fifo: "holds", queueGetsFull: "holds", allConsumed: "holds" },
    },
    crowd: {
      description: "two producers and two consumers racing on a queue of two",
      constants: { Producers: ["p1", "p2"], Consumers: ["c1", "c2"], Capacity: 2, Total: 4 },
      expect: { withinCapacity: "holds", noItemLost: "holds", fifo: "holds", queueGetsFull: "holds", allConsumed: "holds" },
    },
    roomy: {
      description: "the queue can hold every item: it still gets full, at the end",
      constants: { Producers: ["p1"], Consumers: ["c1", "c2"], Capacity: 3, Total: 3 },
      expect: { withinCapacity: "holds", queueGetsFull: "holds", allConsumed: "holds" },
    },
  },
});
