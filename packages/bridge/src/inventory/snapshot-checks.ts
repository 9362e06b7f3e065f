import { InventoryRebuildRefusedError } from './rebuild-refused-error';
import type { InventoryWalk } from './walk-inventory';

/**
 * How long eTower's inventory must read empty, on every read, before an empty snapshot replaces one with rows.
 * eTower lists an account's SKUs even at zero stock, so an account going from rows to no records at all is far
 * more likely an outage or a bad answer than a real change, and an empty snapshot tells Qianyi every SKU is out
 * of stock (listings stop selling). Half an hour is six scheduled reads at the default 5-minute interval; an
 * account that really emptied waits that long, which costs nothing when nothing is in stock to sell. Not an
 * operator override: a rule that resolves itself needs nobody at night, and a forced refresh would need a flag
 * carried from the ops CLI through the job.
 */
export const EMPTY_CONFIRM_MS = 30 * 60 * 1000;

/**
 * The walk must have read exactly the records eTower says it has: a `total` that changed between pages (SKUs
 * added or removed mid-walk shift every later page) or differs from the SKUs read (a page skipped, a page limit
 * reached, rows under a layout read as fewer) would publish a snapshot with rows missing or stale.
 * The unpaged (bare list) layout carries no total and is not checked.
 */
export function checkWalkAgainstTotal(
  walk: Pick<InventoryWalk, 'totals' | 'calls' | 'stoppedBecause'> & { read: number },
): void {
  const { read } = walk;
  if (walk.totals.length > 1) {
    throw new InventoryRebuildRefusedError(
      'total-mismatch',
      `eTower's inventory total changed during the walk (${walk.totals.join(', ')}); the previous snapshot stays`,
      {
        totals: walk.totals.join(','),
        read,
        calls: walk.calls,
        stoppedBecause: walk.stoppedBecause,
      },
    );
  }
  const [total] = walk.totals;
  if (total !== undefined && total !== read) {
    throw new InventoryRebuildRefusedError(
      'total-mismatch',
      `eTower counts ${total} inventory records but the walk read ${read} (stopped: ${walk.stoppedBecause}, ${walk.calls} calls); the previous snapshot stays`,
      {
        total,
        read,
        calls: walk.calls,
        stoppedBecause: walk.stoppedBecause,
      },
    );
  }
}

/** Refuses an empty read that would replace rows, until reads have been empty for EMPTY_CONFIRM_MS. */
export function checkEmptyRead(currentRows: number, emptySince: number, now: number): void {
  const waited = now - emptySince;
  if (waited >= EMPTY_CONFIRM_MS) return;
  throw new InventoryRebuildRefusedError(
    'empty',
    `eTower's inventory read empty while the current snapshot has ${currentRows} rows; the previous snapshot stays until reads have been empty for ${EMPTY_CONFIRM_MS / 60000} minutes (empty for ${Math.round(waited / 1000)} s so far)`,
    {
      currentRows,
      emptySince,
      waitedMs: waited,
    },
  );
}
