import { randomUUID } from 'node:crypto';
import { jobId, perTenantId, type Catalog } from '@bridge/core';
import { channelsResponse, fail, warehousesResponse, type ContentOf } from '@bridge/qianyi';
import type { MethodContext } from './context';

/**
 * The catalog is a cache of eTower's warehouse/service list. When it is empty (first call after install),
 * a refresh is requested, deduplicated so that a burst of calls makes one eTower call, and awaited.
 */
async function loadCatalog(ctx: MethodContext): Promise<Catalog | { error: string }> {
  const cached = await ctx.catalogStore.get(ctx.tenant.accessId);
  if (cached) return cached;
  const job = await ctx.jobs.add(
    'refreshCatalog',
    { tenant: ctx.tenant.accessId },
    {
      trace: ctx.trace,
      jobId: jobId('refreshCatalog', ctx.tenant.accessId, randomUUID()),
      deduplicationId: perTenantId('refreshCatalog', ctx.tenant.accessId),
    },
  );
  const outcome = await ctx.waiter.wait(job);
  const fresh = await ctx.catalogStore.get(ctx.tenant.accessId);
  if (fresh) return fresh;
  const lastError = await ctx.catalogStore.lastError(ctx.tenant.accessId);
  const why = outcome.state === 'failed' ? outcome.reason : lastError?.message;
  return { error: `the warehouse list has not been read from eTower yet${why ? `: ${why}` : '; try again shortly'}` };
}

export async function warehouses(content: ContentOf<'warehouses'>, ctx: MethodContext) {
  const catalog = await loadCatalog(ctx);
  if ('error' in catalog) return fail(catalog.error);
  const code = content?.warehouseCode;
  const list = catalog.warehouses.filter((w) => !code || w.warehouseCode === code);
  return warehousesResponse(list.map((w) => ({ warehouseCode: w.warehouseCode, warehouseName: w.warehouseName })));
}

export async function channels(content: ContentOf<'channels'>, ctx: MethodContext) {
  const catalog = await loadCatalog(ctx);
  if ('error' in catalog) return fail(catalog.error);
  const code = content?.warehouseCode;
  if (code && !catalog.warehouses.some((w) => w.warehouseCode === code)) {
    return fail(`warehouseCode ${code} is not an eTower fulfillment warehouse of this account`);
  }
  return channelsResponse(catalog.channels.filter((c) => !code || c.warehouseCode === code));
}
