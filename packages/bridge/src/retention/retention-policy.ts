/**
 * How often the retention sweep looks, from DOCUMENT_RETENTION_MS: a quarter of the retention, at least a second
 * and at most a minute. A document therefore goes within its retention plus at most a minute (a quarter of it when
 * the retention is short, as in tests). A finished document whose push is still under way is looked at again after
 * the same interval.
 */
export function sweepIntervalMs(retentionMs: number): number {
  return Math.min(60000, Math.max(1000, Math.floor(retentionMs / 4)));
}

/** Documents one sweep deletes at most per kind and tenant (500 per batch, 20 batches): a burst is worked off over
 *  several sweeps, and one sweep never holds a worker or Redis for long. */
export const SWEEP_BATCH = 500;
export const SWEEP_MAX_BATCHES = 20;

/** Push versions whose jobs the sweep looks for: older ones were superseded or trimmed long before. */
export const PUSH_VERSIONS_SWEPT = 50;
