// DAX mapping entries and the hashed wait queue, as fs/dax.c sees them (Linux v5.12/v5.13).
//
// The pure helpers here become TLA+ operators; the `void` helpers that take the state are inlined
// into the atomic step that calls them (they run under the caller's xa_lock, like the kernel code).
import type { Int, Pid } from "ts2tla";

/** Pages per PMD entry: PG_PMD_NR on x86-64 (2 MiB / 4 KiB). */
export const PG_PMD_NR = 512;

/** A page offset in the file's first PMD range, 0x000..0x1ff: the range the model looks at. */
export type Index = Int<0, 511>;

/** The xa_index of a PMD-order xa_state: PMD faults look the range up at its aligned start. */
export const PMD_INDEX = 0x00;

/**
 * The page the other paths work on: the offset from the seed report (0x1c), inside the PMD range
 * but not PMD-aligned. PTE faults, invalidation, writeback and busy-page scans all use it, so the
 * range holds at most one entry at a time: nothing, a PMD entry at 0x00, or a PTE entry at 0x1c.
 */
export const PAGE_INDEX = 0x1c;

/** `order` arguments of get_unlocked_entry() and grab_mapping_entry(). */
export type Size = "PTE" | "PMD";

/**
 * A DAX value entry stored in the XArray: dax_make_entry(pfn, flags), i.e. DAX_PMD, DAX_ZERO_PAGE,
 * DAX_EMPTY and DAX_LOCKED, plus the XArray marks of its slot (kept with the entry here: storing
 * NULL clears them, and storing a new value into an empty slot starts with none).
 */
export interface DaxEntry {
  /** First index the entry covers: its own page for a PTE entry, the aligned start for a PMD. */
  index: Index;
  /** DAX_PMD or not (dax_is_pmd_entry / dax_entry_order). */
  size: Size;
  /** DAX_EMPTY (only there to be locked, no storage yet), DAX_ZERO_PAGE (a hole read), or a block. */
  kind: "empty" | "zero" | "normal";
  /** DAX_LOCKED: the entry lock. Only read and changed under xa_lock. */
  locked: boolean;
  /** PAGECACHE_TAG_DIRTY, set by a write fault in dax_insert_entry(). */
  dirty: boolean;
  /** PAGECACHE_TAG_TOWRITE, set by tag_pages_for_writeback(), cleared by dax_writeback_one(). */
  towrite: boolean;
}

/** An exclusive waiter in a wait_table bucket: its task and its exceptional_entry_key. */
export interface Waiter {
  pid: Pid;
  /** key.entry_start (key.xa is the one mapping the model has). */
  key: Index;
}

export type WakeMode = "WAKE_NEXT" | "WAKE_ALL";

export type Version = "v5.12" | "v5.13" | "vivek-v1";

/** index & ~PG_PMD_COLOUR */
export function pmd_align(index: Index): Index {
  return index - (index % PG_PMD_NR);
}

/** dax_is_pmd_entry(); false for NULL, whose value has no DAX_PMD bit. */
export function dax_is_pmd_entry(entry: DaxEntry | null): boolean {
  return entry !== null && entry.size === "PMD";
}

/** dax_is_locked(); false for NULL. */
export function dax_is_locked(entry: DaxEntry | null): boolean {
  return entry !== null && entry.locked;
}

/**
 * dax_entry_waitqueue(): the key a thread sleeps on or wakes. The lookup's own index, aligned down
 * to the PMD boundary when the entry in hand is a PMD entry, so that every offset in the PMD range
 * maps to the same bit lock. NULL gives no alignment: the function cannot tell what was there.
 */
export function dax_entry_waitqueue(index: Index, entry: DaxEntry | null): Index {
  if (dax_is_pmd_entry(entry)) return pmd_align(index);
  return index;
}

/**
 * xas_load() / xas_find_conflict() for an order-0 lookup at `index`: the entry whose range covers
 * the index, or NULL. An XArray entry is a word, so the caller gets a copy: locking the slot later
 * does not change the `entry` a thread loaded (`{ ...slot }`, not the object itself).
 */
export function xas_load(slot: DaxEntry | null, index: Index): DaxEntry | null {
  if (slot === null) return null;
  if (slot.size === "PMD" && slot.index === pmd_align(index)) return { ...slot };
  if (slot.size === "PTE" && slot.index === index) return { ...slot };
  return null;
}

/**
 * xas_find_conflict() for a PMD-order xa_state at the aligned `index`: the first entry anywhere in
 * the PMD range. A PTE entry found there is a conflict: get_unlocked_entry() checks
 * dax_entry_order(entry) < order and returns XA_RETRY_ENTRY (see dax_is_conflict()).
 */
export function xas_find_conflict(slot: DaxEntry | null, index: Index): DaxEntry | null {
  if (slot !== null && pmd_align(slot.index) === index) return { ...slot };
  return null;
}

/** dax_entry_order(entry) < order in get_unlocked_entry(): the lookup's result is XA_RETRY_ENTRY. */
export function dax_is_conflict(entry: DaxEntry | null, order: Size): boolean {
  return entry !== null && order === "PMD" && entry.size === "PTE";
}

/** dax_make_entry(pfn_to_pfn_t(0), DAX_EMPTY | size) locked by dax_lock_entry(): a new entry. */
export function dax_new_locked_entry(index: Index, size: Size): DaxEntry {
  return { index: index, size: size, kind: "empty", locked: true, dirty: false, towrite: false };
}
