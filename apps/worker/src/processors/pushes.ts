import { DRAIN_OUTBOX_EVERY_MS, deliverOrderPush, drainOutbox, type JobPayload } from '@bridge/core';
import type { JobRun, ProcessorContext } from './context';

export async function processPushOrderInfo(payload: JobPayload<'pushOrderInfo'>, ctx: ProcessorContext, run: JobRun) {
  const outcome = await deliverOrderPush(payload.orderNumber, payload.version, {
    store: ctx.orders,
    redis: ctx.redis,
    tenant: ctx.tenants.require(payload.tenant),
    replicas: ctx.replicas,
    signal: run.signal,
  });
  // Another delivery of this order holds its lock: this one goes after it.
  if (outcome === 'busy') return run.retryWhenFree();
  return { outcome };
}

export function processDrainOutbox(_payload: JobPayload<'drainOutbox'>, ctx: ProcessorContext) {
  return drainOutbox({
    redis: ctx.redis,
    orders: ctx.orders,
    asns: ctx.asns,
    pushes: ctx.pushes,
    olderThanMs: DRAIN_OUTBOX_EVERY_MS,
  });
}
