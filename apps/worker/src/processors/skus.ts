import { createPendingProducts, productLeaseMs, scheduleProductDrain, type JobPayload } from '@bridge/core';
import type { JobRun, ProcessorContext } from './context';

const CLAIM_END_MARGIN_MS = 100;

export async function processCreateProducts(payload: JobPayload<'createProducts'>, ctx: ProcessorContext, run: JobRun) {
  const drained = await createPendingProducts({
    tenant: payload.tenant,
    etower: ctx.tenants.etower(payload.tenant, run.signal),
    skus: ctx.skus,
    redis: ctx.redis,
    leaseMs: productLeaseMs(ctx.env.ETOWER_TIMEOUT_MS),
  });
  // SKUs still held by a claim (a drain that died with them, or one running elsewhere) are drained when it ends;
  // a moment after it, so that the claim has surely lapsed when the drain asks.
  if (drained.nextDueAt !== undefined) {
    await scheduleProductDrain(
      ctx.jobs,
      payload.tenant,
      Math.max(0, drained.nextDueAt - Date.now()) + CLAIM_END_MARGIN_MS,
      run.trace,
    );
  }
  return drained;
}
