import { skuOutcome, submitSku } from '@bridge/core';
import { fail, insertSkuInfoResponse, type ContentOf } from '@bridge/qianyi';
import { waitForState } from '../wait-for-state';
import type { MethodContext } from './context';

/**
 * insert_sku_info: one product per call. Refused at once when eTower would lack a required value (named);
 * otherwise queued to be batched with others and awaited up to SYNC_WAIT_MS on the product's own record.
 * Still going after that: success ("accepted"), info says the product is on its way.
 */
export async function insertSkuInfo(content: ContentOf<'insert_sku_info'>, ctx: MethodContext) {
  const submitted = await submitSku(content, {
    tenant: ctx.tenant,
    skus: ctx.skus,
    jobs: ctx.jobs,
    redis: ctx.redis,
    trace: ctx.trace,
  });
  if (submitted.kind === 'refused')
    return {
      ...insertSkuInfoResponse([{ sku: content.sku, ok: false, info: submitted.message }]),
      message: submitted.message,
    };
  if (submitted.kind === 'settled') return insertSkuInfoResponse([{ sku: content.sku, ...submitted.outcome }]);
  const state = await waitForState(
    () => ctx.skus.get(ctx.tenant.accessId, content.sku),
    (s) => skuOutcome(s) !== undefined,
    ctx.env.SYNC_WAIT_MS,
  );
  const outcome = state ? skuOutcome(state) : undefined;
  if (!state) return fail(`product ${content.sku} was not recorded; send it again`);
  return insertSkuInfoResponse([
    { sku: content.sku, ...(outcome ?? { ok: true, info: 'accepted; it is being created at eTower' }) },
  ]);
}
