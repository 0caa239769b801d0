// The DAX entry-locking protocol of fs/dax.c (Linux v5.12 and v5.13), and the missed wakeup fixed
// between them. Report and first proposal: "dax: Fix missed wakeup in put_unlocked_entry()" (Vivek
// Goyal, April 2021); merged fix (v5.13): "dax: Wake up all waiters after invalidating dax entry".
//
// One file's mapping, one PMD range of it (page offsets 0x000..0x1ff), and the XArray entries that
// live there (entries.ts). Every thread is one process; each path of fs/dax.c is a process set:
//
//   pte_fault   dax_iomap_pte_fault: grab_mapping_entry(order 0) .. dax_unlock_entry
//   pmd_fault   dax_iomap_pmd_fault: grab_mapping_entry(PMD_ORDER) .. dax_unlock_entry
//   invalidate  invalidate_inode_pages2 -> dax_invalidate_mapping_entry_sync -> __dax_invalidate_entry
//   writeback   dax_writeback_mapping_range -> dax_writeback_one
//   busy_scan   dax_layout_busy_page_range
//
// Atomic steps follow the locks: everything between xas_lock_irq() and xas_unlock_irq() is one step
// (`yield "label"` starts a step). Going to sleep in get_unlocked_entry() ends a step; being woken,
// retaking xa_lock and looking again starts the next one. A wake is atomic under the wait-queue lock.
// Every thread is scheduled with weak fairness: a woken waiter's retry stays enabled until it runs
// (only the waiter itself could queue it again), so nothing stronger is needed.
//
// What the model leaves out, and why that changes no wakeup:
// - Everything that does not touch the XArray or the wait queue (iomap_begin, page tables, flushes).
// - A PTE read of a hole (dax_load_hole: a zero-page PTE entry): no path branches on the kind of a
//   PTE entry, so for the entry lock it is a clean read. Zero-page PMD entries are modelled.
// - The pfn comparison in dax_writeback_one: a reallocated entry has lost its TOWRITE mark, which
//   the model checks.
// - A PMD fault that falls back is retried by the mm as a PTE fault: the pte_fault threads model it.
// - Keys: all keys of the range share one wait_table bucket (the worst case of hash collisions); a
//   wake skips waiters with another key, so this costs time, never a wakeup.
//
// A path a scenario does not use has no threads: its process set is empty.
import {
  all,
  eventually,
  forAll,
  leadsTo,
  invariant,
  processSet,
  protocol,
  temporal,
  when,
  nondet,
  witness,
  done,
  type Pid,
  type PidSet,
} from "ts2tla";
import {
  PAGE_INDEX,
  PMD_INDEX,
  dax_entry_waitqueue,
  dax_is_conflict,
  dax_is_locked,
  dax_is_pmd_entry,
  dax_new_locked_entry,
  pmd_align,
  xas_find_conflict,
  xas_load,
  type DaxEntry,
  type Index,
  type Version,
  type Waiter,
  type WakeMode,
} from "./entries.ts";

interface State {
  /** The XArray slots of the PMD range: empty, one PMD entry, or one PTE entry (entries.ts). */
  xa: DaxEntry | null;
  /**
   * The wait_table bucket the range's keys hash to: exclusive waiters in queue order, each with its
   * key. Distinct keys may share a bucket (hash collisions): a wake skips waiters whose key differs.
   */
  waitq: Waiter[];
  /** Ghost, for the mutual-exclusion check: the threads that hold the entry lock. */
  lockHolders: Set<Pid>;
}

interface Constants {
  /** Which fs/dax.c: v5.12, v5.13 (the merged fix), or Vivek's first proposal on top of v5.12. */
  Version: Version;
  PteFaults: PidSet;
  PmdFaults: PidSet;
  Invalidators: PidSet;
  Writebacks: PidSet;
  Scans: PidSet;
}

// ---- the wait queue: prepare_to_wait_exclusive(), __wake_up() with the DAX wake function ----

/** prepare_to_wait_exclusive(wq, &ewait.wait, TASK_UNINTERRUPTIBLE): join the tail of the queue. */
function prepare_to_wait_exclusive(s: State, self: Pid, key: Index): void {
  s.waitq.push({ pid: self, key: key });
}

/** schedule() has returned: a wake took the waiter off the queue (autoremove_wake_function). */
function woken(s: State, p: Pid): boolean {
  return !s.waitq.some((w) => w.pid === p);
}

/** The thread sleeps in get_unlocked_entry(), waiting for a wake. */
function sleeping(s: State, p: Pid): boolean {
  return s.waitq.some((w) => w.pid === p);
}

/** dax_wake_entry(xas, entry, mode): wq = dax_entry_waitqueue(xas, entry, &key); then wake it. */
function dax_wake_entry(s: State, index: Index, entry: DaxEntry | null, mode: WakeMode): void {
  wake_up_key(s, dax_entry_waitqueue(index, entry), mode);
}

/**
 * __wake_up(wq, TASK_NORMAL, mode == WAKE_ALL ? 0 : 1, &key) on the key's bucket:
 * wake_exceptional_entry_func() skips waiters whose key differs (they do not count); a waiter whose
 * key matches is woken and removed (autoremove_wake_function). WAKE_NEXT stops after the first.
 */
function wake_up_key(s: State, key: Index, mode: WakeMode): void {
  if (mode === "WAKE_ALL") {
    s.waitq = s.waitq.filter((w) => w.key !== key);
  } else {
    const first = s.waitq.map((w) => w.key).indexOf(key);
    if (first !== -1) s.waitq.splice(first, 1);
  }
}

/**
 * put_unlocked_entry(xas, entry[, mode]): the baton rule. A thread that got a real entry from
 * get_unlocked_entry() and did not lock it passes on the wakeup it may have consumed.
 *   v5.12:    if (entry && !dax_is_conflict(entry)) dax_wake_entry(xas, entry, WAKE_NEXT);
 *   v5.13:    if (entry && !dax_is_conflict(entry)) dax_wake_entry(xas, entry, mode);
 *   vivek-v1: if (!dax_is_conflict(entry)) dax_wake_entry(xas, entry, WAKE_NEXT);  (NULL too)
 * No caller passes a conflict: only grab_mapping_entry() gets one, and it falls back instead.
 */
function put_unlocked_entry(s: State, c: Constants, index: Index, entry: DaxEntry | null, mode: WakeMode): void {
  if (c.Version === "v5.13") {
    if (entry !== null) dax_wake_entry(s, index, entry, mode);
  } else if (c.Version === "vivek-v1") {
    dax_wake_entry(s, index, entry, "WAKE_NEXT");
  } else {
    if (entry !== null) dax_wake_entry(s, index, entry, "WAKE_NEXT");
  }
}

// ---- the entry lock: dax_lock_entry(), and storing an entry back unlocked ----

/** dax_lock_entry(xas, entry): xas_store(xas, xa_mk_value(v | DAX_LOCKED)). */
function dax_lock_entry(s: State, self: Pid): void {
  s.xa!.locked = true;
  s.lockHolders.add(self);
}

/** Store a new locked entry into the empty slot (grab_mapping_entry's `else` branch). */
function dax_insert_locked_entry(s: State, self: Pid, index: Index, size: "PTE" | "PMD"): void {
  s.xa = dax_new_locked_entry(index, size);
  s.lockHolders.add(self);
}

/** xas_store(xas, entry) with the entry's DAX_LOCKED bit clear (dax_unlock_entry, dax_writeback_one). */
function dax_store_unlocked(s: State, self: Pid): void {
  s.xa!.locked = false;
  s.lockHolders.delete(self);
}

/**
 * dax_insert_entry() / dax_load_hole() under xa_lock, for a fault holding `entry` locked: an empty or
 * zero entry is replaced by the new one (same size, still locked); a normal entry is left alone.
 * A write fault marks the slot PAGECACHE_TAG_DIRTY.
 */
function dax_insert_entry(s: State, kind: "zero" | "normal", dirty: boolean): void {
  if (s.xa!.kind !== "normal") s.xa!.kind = kind;
  if (dirty) s.xa!.dirty = true;
}

/** Every thread of the path has returned. */
function finished(set: PidSet): boolean {
  return all(set, (p) => done(p));
}

export default protocol<State, Constants>({
  init: () => ({ xa: null, waitq: [], lockHolders: new Set() }),

  processes: {
    // dax_iomap_pte_fault() at PAGE_INDEX.
    pte_fault: processSet("PteFaults", function* (self, s, c) {
      yield "grab_mapping_entry";
      // xas_lock_irq(xas); entry = get_unlocked_entry(xas, 0):
      while (dax_is_locked(xas_load(s.xa, PAGE_INDEX))) {
        prepare_to_wait_exclusive(s, self, dax_entry_waitqueue(PAGE_INDEX, xas_load(s.xa, PAGE_INDEX)));
        // xas_unlock_irq(xas); schedule();
        yield "schedule";
        when(woken(s, self));
        // finish_wait(); xas_lock_irq(xas); and look again.
      }
      const entry = xas_load(s.xa, PAGE_INDEX);
      const pmd_downgrade = dax_is_pmd_entry(entry) && entry !== null && entry.kind !== "normal";
      if (!pmd_downgrade) {
        if (entry !== null) {
          dax_lock_entry(s, self);
        } else {
          // dax_make_entry(pfn_to_pfn_t(0), DAX_EMPTY); dax_lock_entry(xas, entry);
          dax_insert_locked_entry(s, self, PAGE_INDEX, "PTE");
        }
      } else {
        // pmd_downgrade: a PTE fault on an empty or zero PMD entry splits it.
        dax_lock_entry(s, self);
        if (entry.kind === "zero") {
          // xas_unlock_irq(xas); unmap_mapping_pages(the PMD range); xas_reset(xas); xas_lock_irq(xas);
          yield "unmap_mapping_pages";
        }
        // dax_disassociate_entry(); xas_store(xas, NULL) undoes the PMD join, and whoever slept on
        // the PMD entry is woken: dax_wake_entry(xas, entry, WAKE_ALL). (The slot still holds the
        // PMD entry this thread locked.)
        const pmd = s.xa;
        s.xa = null;
        dax_wake_entry(s, PAGE_INDEX, pmd, "WAKE_ALL");
        // entry = NULL, so a new empty PTE entry goes in, locked.
        dax_insert_locked_entry(s, self, PAGE_INDEX, "PTE");
      }
      // xas_unlock_irq(xas): grab_mapping_entry() returns the locked entry.

      yield "dax_insert_entry";
      // ops->iomap_begin(); then, under xa_lock, dax_insert_entry(xas, mapping, vmf, entry, pfn, 0,
      // write). (A read of a hole, dax_load_hole(), would store a zero-page PTE entry instead: no
      // path branches on the kind of a PTE entry, so for the entry lock it is a clean read.)
      if (nondet()) {
        dax_insert_entry(s, "normal", false); // read fault
      } else {
        dax_insert_entry(s, "normal", true); // write fault: PAGECACHE_TAG_DIRTY
      }

      yield "dax_unlock_entry";
      // dax_unlock_entry(xas, entry): xas_lock_irq(xas); xas_store(xas, entry) with DAX_LOCKED clear;
      // xas_unlock_irq(xas); then dax_wake_entry(xas, entry, WAKE_NEXT) outside xa_lock. The key
      // that wake uses depends only on the xa_state and the entry the thread stored:
      const key = dax_entry_waitqueue(PAGE_INDEX, s.xa);
      dax_store_unlocked(s, self);

      yield "dax_wake_entry";
      wake_up_key(s, key, "WAKE_NEXT");
    }),

    // dax_iomap_pmd_fault(): a PMD-order xa_state at PMD_INDEX.
    pmd_fault: processSet("PmdFaults", function* (self, s, c) {
      yield "grab_mapping_entry";
      // xas_lock_irq(xas); entry = get_unlocked_entry(xas, PMD_ORDER):
      while (!dax_is_conflict(xas_find_conflict(s.xa, PMD_INDEX), "PMD") && dax_is_locked(xas_find_conflict(s.xa, PMD_INDEX))) {
        prepare_to_wait_exclusive(s, self, dax_entry_waitqueue(PMD_INDEX, xas_find_conflict(s.xa, PMD_INDEX)));
        yield "schedule";
        when(woken(s, self));
      }
      const entry = xas_find_conflict(s.xa, PMD_INDEX);
      if (dax_is_conflict(entry, "PMD")) {
        // A PTE entry in the range: XA_RETRY_ENTRY. goto fallback: xas_unlock_irq(), no sleep and
        // no wake; the fault returns VM_FAULT_FALLBACK and is retried as a PTE fault.
        return;
      }
      if (entry !== null) {
        dax_lock_entry(s, self);
      } else {
        dax_insert_locked_entry(s, self, PMD_INDEX, "PMD");
      }

      yield "dax_insert_entry";
      if (nondet()) {
        // The extent cannot back a PMD: goto unlock_entry with VM_FAULT_FALLBACK, the entry as it is.
      } else if (nondet()) {
        dax_insert_entry(s, "zero", false); // read of a hole: dax_pmd_load_hole()
      } else if (nondet()) {
        dax_insert_entry(s, "normal", false); // read of a mapped 2 MiB extent
      } else {
        dax_insert_entry(s, "normal", true); // write
      }

      yield "dax_unlock_entry";
      // dax_unlock_entry(xas, entry), as for PTE faults.
      const key = dax_entry_waitqueue(PMD_INDEX, s.xa);
      dax_store_unlocked(s, self);

      yield "dax_wake_entry";
      wake_up_key(s, key, "WAKE_NEXT");
    }),

    // __dax_invalidate_entry(mapping, PAGE_INDEX, trunc = false): one xa_lock section.
    invalidate: processSet("Invalidators", function* (self, s, c) {
      yield "dax_invalidate_entry";
      // xas_lock_irq(&xas); entry = get_unlocked_entry(&xas, 0):
      while (dax_is_locked(xas_load(s.xa, PAGE_INDEX))) {
        prepare_to_wait_exclusive(s, self, dax_entry_waitqueue(PAGE_INDEX, xas_load(s.xa, PAGE_INDEX)));
        yield "schedule";
        when(woken(s, self));
      }
      const entry = xas_load(s.xa, PAGE_INDEX);
      // if (!entry) goto out; a dirty entry is not invalidated (!trunc):
      if (entry !== null && !entry.dirty && !entry.towrite) {
        // dax_disassociate_entry(); xas_store(&xas, NULL): a PMD entry goes as a whole.
        s.xa = null;
      }
      // out: v5.12 put_unlocked_entry(&xas, entry); v5.13 put_unlocked_entry(&xas, entry, WAKE_ALL)
      put_unlocked_entry(s, c, PAGE_INDEX, entry, "WAKE_ALL");
    }),

    // dax_writeback_mapping_range() over a range starting at PAGE_INDEX, WB_SYNC_ALL.
    writeback: processSet("Writebacks", function* (self, s, c) {
      yield "dax_writeback_one";
      // tag_pages_for_writeback(): PAGECACHE_TAG_DIRTY -> PAGECACHE_TAG_TOWRITE. (Its own xa_lock
      // section in the kernel, merged here with the next one: with one writeback thread nothing in
      // between changes what the thread then does.)
      if (s.xa !== null && s.xa.dirty) s.xa.towrite = true;
      // xas_lock_irq(&xas); xas_for_each_marked(&xas, entry, end_index, PAGECACHE_TAG_TOWRITE):
      const marked = xas_load(s.xa, PAGE_INDEX);
      if (marked === null || !marked.towrite) return;
      // dax_writeback_one(xas, dax_dev, mapping, entry):
      //   if (unlikely(dax_is_locked(entry))) entry = get_unlocked_entry(xas, 0);
      while (dax_is_locked(xas_load(s.xa, PAGE_INDEX))) {
        prepare_to_wait_exclusive(s, self, dax_entry_waitqueue(PAGE_INDEX, xas_load(s.xa, PAGE_INDEX)));
        yield "schedule";
        when(woken(s, self));
      }
      const entry = xas_load(s.xa, PAGE_INDEX);
      // After a sleep: punched out, reallocated (a new entry has no TOWRITE mark), empty or zero
      // (WARN), or another fsync thread already did it: goto put_unlocked. (An entry found unlocked
      // passes these checks: TOWRITE implies DIRTY implies a normal entry, see entryWellFormed.)
      if (entry === null || entry.kind !== "normal" || !entry.towrite) {
        put_unlocked_entry(s, c, PAGE_INDEX, entry, "WAKE_NEXT");
        return;
      }
      // dax_lock_entry(xas, entry); xas_clear_mark(xas, PAGECACHE_TAG_TOWRITE); xas_unlock_irq(xas);
      dax_lock_entry(s, self);
      s.xa!.towrite = false;

      yield "dax_flush";
      // dax_entry_mkclean(); dax_flush(); then xas_lock_irq(xas); xas_store(xas, entry) unlocked;
      // xas_clear_mark(xas, PAGECACHE_TAG_DIRTY); dax_wake_entry(xas, entry, WAKE_NEXT), under xa_lock.
      dax_store_unlocked(s, self);
      s.xa!.dirty = false;
      dax_wake_entry(s, PAGE_INDEX, s.xa, "WAKE_NEXT");
    }),

    // dax_layout_busy_page_range() over a range starting at PAGE_INDEX.
    busy_scan: processSet("Scans", function* (self, s, c) {
      yield "dax_layout_busy_page_range";
      // xas_lock_irq(&xas); xas_for_each(&xas, entry, end_idx):
      if (xas_load(s.xa, PAGE_INDEX) === null) return;
      // if (unlikely(dax_is_locked(entry))) entry = get_unlocked_entry(&xas, 0);
      while (dax_is_locked(xas_load(s.xa, PAGE_INDEX))) {
        prepare_to_wait_exclusive(s, self, dax_entry_waitqueue(PAGE_INDEX, xas_load(s.xa, PAGE_INDEX)));
        yield "schedule";
        when(woken(s, self));
      }
      const entry = xas_load(s.xa, PAGE_INDEX);
      // if (entry) page = dax_busy_page(entry); put_unlocked_entry(&xas, entry, WAKE_NEXT);
      put_unlocked_entry(s, c, PAGE_INDEX, entry, "WAKE_NEXT");
    }),
  },

  properties: {
    /** The entry lock has at most one holder, and DAX_LOCKED is set exactly when someone holds it. */
    entryLockExclusive: invariant(
      (s) => s.lockHolders.size <= 1 && (s.xa !== null && s.xa.locked) === (s.lockHolders.size === 1),
    ),
    /** Entries, marks and the queue stay well formed. */
    entryWellFormed: invariant(
      (s) =>
        (s.xa === null ||
          ((s.xa.size === "PTE" || s.xa.index === pmd_align(s.xa.index)) &&
            (!s.xa.dirty || s.xa.kind === "normal") &&
            (!s.xa.towrite || s.xa.dirty))) &&
        s.waitq.every((w) => s.waitq.filter((x) => x.pid === w.pid).length === 1),
    ),

    // Every waiter is eventually woken: per thread, sleeping leads to not sleeping (one per path).
    pteFaultsWoken: temporal(forAll("PteFaults", (p) => leadsTo((s) => sleeping(s, p), (s) => !sleeping(s, p)))),
    pmdFaultsWoken: temporal(forAll("PmdFaults", (p) => leadsTo((s) => sleeping(s, p), (s) => !sleeping(s, p)))),
    invalidatorsWoken: temporal(forAll("Invalidators", (p) => leadsTo((s) => sleeping(s, p), (s) => !sleeping(s, p)))),
    writebacksWoken: temporal(forAll("Writebacks", (p) => leadsTo((s) => sleeping(s, p), (s) => !sleeping(s, p)))),
    scansWoken: temporal(forAll("Scans", (p) => leadsTo((s) => sleeping(s, p), (s) => !sleeping(s, p)))),

    /** Every thread eventually finishes. */
    everyThreadFinishes: temporal(
      eventually(
        (s, c) =>
          finished(c.PteFaults) &&
          finished(c.PmdFaults) &&
          finished(c.Invalidators) &&
          finished(c.Writebacks) &&
          finished(c.Scans),
      ),
    ),

    /** Threads do sleep: some state has a waiter (so "every waiter is woken" is not vacuous). */
    someoneSleeps: witness((s) => s.waitq.length > 0),
    /** Three threads asleep at once, as in the seed report. */
    threeSleep: witness((s) => s.waitq.length >= 3),
  },

  scenarios: {
    "seed-v5.12": {
      description: "The seed report on v5.12: a PTE fault holds the entry at 0x1c; A, B and C sleep on it; one is never woken",
      constants: {
        Version: "v5.12",
        PteFaults: ["fault"],
        PmdFaults: [],
        Invalidators: ["A", "B", "C"],
        Writebacks: [],
        Scans: [],
      },
      deadlock: false,
      properties: ["entryLockExclusive", "entryWellFormed", "invalidatorsWoken", "someoneSleeps", "threeSleep"],
      expect: { invalidatorsWoken: "violated" },
    },
    "seed-v5.13": {
      description: "The seed threads on v5.13: invalidation wakes all waiters of the entry it removed",
      constants: {
        Version: "v5.13",
        PteFaults: ["fault"],
        PmdFaults: [],
        Invalidators: ["A", "B", "C"],
        Writebacks: [],
        Scans: [],
      },
      deadlock: false,
      expect: {
        entryLockExclusive: "holds",
        entryWellFormed: "holds",
        pteFaultsWoken: "holds",
        pmdFaultsWoken: "holds",
        invalidatorsWoken: "holds",
        writebacksWoken: "holds",
        scansWoken: "holds",
        everyThreadFinishes: "holds",
      },
    },
    "vivek-v1-pte": {
      description: "Vivek's first proposal (put_unlocked_entry also wakes next on NULL), PTE entry",
      constants: {
        Version: "vivek-v1",
        PteFaults: ["fault"],
        PmdFaults: [],
        Invalidators: ["A", "B", "C"],
        Writebacks: [],
        Scans: [],
      },
      deadlock: false,
      expect: {
        entryLockExclusive: "holds",
        entryWellFormed: "holds",
        pteFaultsWoken: "holds",
        pmdFaultsWoken: "holds",
        invalidatorsWoken: "holds",
        writebacksWoken: "holds",
        scansWoken: "holds",
        everyThreadFinishes: "holds",
      },
    },
    "vivek-v1-pmd": {
      description: "Vivek's first proposal, PMD entry: the NULL wake goes to key 0x1c, the sleepers wait on key 0x00",
      constants: {
        Version: "vivek-v1",
        PteFaults: [],
        PmdFaults: ["huge_fault"],
        Invalidators: ["A", "B", "C"],
        Writebacks: [],
        Scans: [],
      },
      deadlock: false,
      properties: ["entryLockExclusive", "entryWellFormed", "invalidatorsWoken", "someoneSleeps", "threeSleep"],
      expect: { invalidatorsWoken: "violated" },
    },
    "mix-v5.12": {
      description: "v5.12: a PTE fault, two invalidators, a writeback and a busy-page scan",
      constants: {
        Version: "v5.12",
        PteFaults: ["fault"],
        PmdFaults: [],
        Invalidators: ["A", "B"],
        Writebacks: ["wb"],
        Scans: ["scan"],
      },
      deadlock: false,
      properties: ["entryLockExclusive", "entryWellFormed", "invalidatorsWoken", "someoneSleeps", "threeSleep"],
      expect: { invalidatorsWoken: "violated" },
    },
    "mix-v5.13": {
      description: "v5.13: a PTE fault, two invalidators, a writeback and a busy-page scan",
      constants: {
        Version: "v5.13",
        PteFaults: ["fault"],
        PmdFaults: [],
        Invalidators: ["A", "B"],
        Writebacks: ["wb"],
        Scans: ["scan"],
      },
      deadlock: false,
      expect: {
        entryLockExclusive: "holds",
        entryWellFormed: "holds",
        pteFaultsWoken: "holds",
        pmdFaultsWoken: "holds",
        invalidatorsWoken: "holds",
        writebacksWoken: "holds",
        scansWoken: "holds",
        everyThreadFinishes: "holds",
      },
    },
    "pmd-v5.12": {
      description: "v5.12: a PMD fault holds the PMD entry; a PTE fault at 0x1c sleeps on key 0x00 with two invalidators and a writeback",
      constants: {
        Version: "v5.12",
        PteFaults: ["fault"],
        PmdFaults: ["huge_fault"],
        Invalidators: ["A", "B"],
        Writebacks: ["wb"],
        Scans: [],
      },
      deadlock: false,
      properties: ["entryLockExclusive", "entryWellFormed", "pteFaultsWoken", "someoneSleeps", "threeSleep"],
      expect: { pteFaultsWoken: "violated" },
    },
    "pmd-v5.13": {
      description: "v5.13: a PMD fault, a PTE fault, two invalidators and a writeback",
      constants: {
        Version: "v5.13",
        PteFaults: ["fault"],
        PmdFaults: ["huge_fault"],
        Invalidators: ["A", "B"],
        Writebacks: ["wb"],
        Scans: [],
      },
      deadlock: false,
      expect: {
        entryLockExclusive: "holds",
        entryWellFormed: "holds",
        pteFaultsWoken: "holds",
        pmdFaultsWoken: "holds",
        invalidatorsWoken: "holds",
        writebacksWoken: "holds",
        scansWoken: "holds",
        everyThreadFinishes: "holds",
      },
    },
    "big-v5.13": {
      description: "v5.13: every path at once: a PTE fault, a PMD fault, two invalidators, a writeback and a busy-page scan",
      constants: {
        Version: "v5.13",
        PteFaults: ["fault"],
        PmdFaults: ["huge_fault"],
        Invalidators: ["A", "B"],
        Writebacks: ["wb"],
        Scans: ["scan"],
      },
      deadlock: false,
      expect: {
        entryLockExclusive: "holds",
        entryWellFormed: "holds",
        pteFaultsWoken: "holds",
        pmdFaultsWoken: "holds",
        invalidatorsWoken: "holds",
        writebacksWoken: "holds",
        scansWoken: "holds",
        everyThreadFinishes: "holds",
      },
    },
  },
});
