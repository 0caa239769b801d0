// Runs async jobs with at most `limit` in flight; results come back in the order of the items.

/** Starts `fn` on every item, at most `limit` at a time. The promises are in item order. */
export function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R>[] {
  const settlers: Array<{ resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  const promises = items.map(
    () =>
      new Promise<R>((resolve, reject) => {
        settlers.push({ resolve, reject });
      }),
  );
  // Each result is awaited in order by the caller; a later failure must not count as unhandled meanwhile.
  for (const p of promises) p.catch(() => {});
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        settlers[i]!.resolve(await fn(items[i]!));
      } catch (e) {
        settlers[i]!.reject(e);
      }
    }
  };
  for (let k = 0; k < Math.min(limit, items.length); k++) void lane();
  return promises;
}
