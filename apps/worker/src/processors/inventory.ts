import { InventoryRebuildRefusedError, rebuildInventory, type JobPayload } from '@bridge/core';
import type { JobRun, ProcessorContext } from './context';

export async function processRebuildInventory(
  payload: JobPayload<'rebuildInventory'>,
  ctx: ProcessorContext,
  run: JobRun,
) {
  try {
    return await rebuildInventory(payload.tenant, {
      etower: ctx.tenants.etower(payload.tenant, run.signal),
      snapshots: ctx.snapshots,
    });
  } catch (err) {
    // Not published, and loudly: a metric an alert can watch and a line with the figures. Thrown on, so the job
    // fails (and is retried: a later read may be right) while the previous snapshot stays current.
    if (err instanceof InventoryRebuildRefusedError) {
      ctx.metrics.inventoryRefused(payload.tenant, err.reason);
      ctx.logger.warn(
        { tenant: payload.tenant, reason: err.reason, ...err.details },
        `inventory snapshot not published: ${err.message}`,
      );
    }
    throw err;
  }
}
