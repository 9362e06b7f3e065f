/**
 * Re-reads a record until `settled` says it is final or the wait runs out (SYNC_WAIT_MS). Used where many
 * requests share one job (products batched into one product/create call), so the job's own outcome does not
 * say how THIS request's item ended; the item's record does. One Redis read every interval.
 */
export async function waitForState<T>(
  read: () => Promise<T | undefined>,
  settled: (value: T) => boolean,
  waitMs: number,
  intervalMs = 50,
): Promise<T | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && settled(value)) return value;
    if (Date.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(1, deadline - Date.now()))));
  }
}
