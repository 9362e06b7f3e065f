import { randomUUID } from 'node:crypto';
import { jobId, perTenantId } from '@bridge/core';
import { fail, syncInventoryResponse, type ContentOf } from '@bridge/qianyi';
import { PreSerialized } from '../pre-serialized';
import type { MethodContext } from './context';

/** Qianyi's sample sweeps with pageSize 1000; larger asks are served 1000 at a time (pageCount follows). */
export const MAX_INVENTORY_PAGE_SIZE = 1000;

/**
 * syncInventory: a page of the current snapshot, read from Redis (one LRANGE), never from eTower. With no
 * snapshot yet (first call after install), a rebuild is requested (deduplicated, so a burst makes one) and
 * awaited up to SYNC_WAIT_MS; if it is not there by then, success:false says so.
 */
export async function syncInventory(content: ContentOf<'syncInventory'>, ctx: MethodContext) {
  const tenant = ctx.tenant.accessId;
  const pageSize = Math.min(content.pageSize, MAX_INVENTORY_PAGE_SIZE);
  if (!(await ctx.snapshots.current(tenant))) {
    const job = await ctx.jobs.add(
      'rebuildInventory',
      { tenant },
      {
        trace: ctx.trace,
        jobId: jobId('rebuildInventory', tenant, randomUUID()),
        deduplicationId: perTenantId('rebuildInventory', tenant),
      },
    );
    const outcome = await ctx.waiter.wait(job);
    if (!(await ctx.snapshots.current(tenant))) {
      const why =
        outcome.state === 'failed'
          ? `: reading eTower failed (${outcome.reason})`
          : '; it is being read from eTower now, try again shortly';
      return fail(`inventory is not synchronised yet${why}`);
    }
  }
  if (content.warehouseSku) {
    const found = await ctx.snapshots.find(tenant, content.warehouseCode, content.warehouseSku);
    const rows = found.state === 'ok' && found.row && content.page === 1 ? [found.row] : [];
    return syncInventoryResponse({
      currentPage: content.page,
      pageCount: found.state === 'ok' && found.row ? 1 : 0,
      data: rows,
    });
  }
  const page = await ctx.snapshots.pageJson(tenant, content.warehouseCode, content.page, pageSize);
  if (page.state === 'none') return fail('inventory is not synchronised yet; try again shortly');
  // The rows are stored as the JSON of Qianyi rows (all quantities already strings, as the table types them):
  // spliced as they are, a page of 1000 costs no parse and no re-serialisation.
  const pageCount = Math.ceil(page.total / pageSize);
  const head = JSON.stringify({
    success: true,
    message: '',
    isLastPage: content.page >= pageCount,
    currentPage: content.page,
    pageCount,
  });
  return new PreSerialized(`${head.slice(0, -1)},"data":[${page.rows.join(',')}]}`, true);
}
