// What changed between two consecutive states, as nested TS paths: `s.owner.B`, `s.queue[0]`,
// `s.flags.c1`, set elements added or removed, and processes moving to another step.
import { memberPath, sameValue } from "./show.ts";
import type { Change, TsState, TsValue } from "./types.ts";

export function diffStates(before: TsState, after: TsState): Change[] {
  const out: Change[] = [];
  for (const name of unionKeys(before.values, after.values)) {
    const a = before.values[name];
    const b = after.values[name];
    if (a && b) diffValue(name, name, a, b, out);
    else if (a) out.push({ kind: "value", path: name, variable: name, op: "removed", before: a });
    else if (b) out.push({ kind: "value", path: name, variable: name, op: "added", after: b });
  }
  for (const pid of unionKeys(before.pc, after.pc)) {
    const from = before.pc[pid];
    const to = after.pc[pid];
    if (from !== undefined && to !== undefined && from !== to) out.push({ kind: "pc", pid, from, to });
  }
  return out;
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!(k in a)) keys.push(k);
  return keys;
}

export function diffValue(variable: string, path: string, a: TsValue, b: TsValue, out: Change[]): void {
  if (sameValue(a, b)) return;
  const changed = () => out.push({ kind: "value", path, variable, op: "changed", before: a, after: b });
  if (a.kind === "record" && b.kind === "record") {
    const keys = unionKeys(a.fields, b.fields);
    if (keys.length !== Object.keys(a.fields).length || keys.length !== Object.keys(b.fields).length) return void changed();
    for (const k of keys) diffValue(variable, memberPath(path, k), a.fields[k]!, b.fields[k]!, out);
    return;
  }
  if (a.kind === "byPid" && b.kind === "byPid") {
    const before = new Map(a.entries.map((e) => [e.pid, e.value]));
    const after = new Map(b.entries.map((e) => [e.pid, e.value]));
    for (const [pid, x] of before) {
      const y = after.get(pid);
      if (y) diffValue(variable, memberPath(path, pid), x, y, out);
      else out.push({ kind: "value", path: memberPath(path, pid), variable, op: "removed", before: x });
    }
    for (const [pid, y] of after) if (!before.has(pid)) out.push({ kind: "value", path: memberPath(path, pid), variable, op: "added", after: y });
    return;
  }
  if (a.kind === "set" && b.kind === "set") {
    for (const x of a.items) if (!b.items.some((y) => sameValue(x, y))) out.push({ kind: "value", path, variable, op: "removed", before: x });
    for (const y of b.items) if (!a.items.some((x) => sameValue(x, y))) out.push({ kind: "value", path, variable, op: "added", after: y });
    return;
  }
  if (a.kind === "array" && b.kind === "array") return diffArrays(variable, path, a.items, b.items, out);
  changed();
}

/**
 * Arrays: the common prefix and suffix are unchanged; in between, equal-length runs are changed element
 * by element, otherwise the old middle was removed and the new one added (push, shift, splice).
 */
function diffArrays(variable: string, path: string, a: TsValue[], b: TsValue[], out: Change[]): void {
  let pre = 0;
  while (pre < a.length && pre < b.length && sameValue(a[pre]!, b[pre]!)) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && sameValue(a[a.length - 1 - suf]!, b[b.length - 1 - suf]!)) suf++;
  const removed = a.slice(pre, a.length - suf);
  const added = b.slice(pre, b.length - suf);
  if (removed.length === added.length) {
    removed.forEach((x, i) => diffValue(variable, `${path}[${pre + i}]`, x, added[i]!, out));
    return;
  }
  removed.forEach((x, i) => out.push({ kind: "value", path: `${path}[${pre + i}]`, variable, op: "removed", before: x }));
  added.forEach((y, i) => out.push({ kind: "value", path: `${path}[${pre + i}]`, variable, op: "added", after: y }));
}
