import { DelayedError } from 'bullmq';
import { deliverOrderPush, drainOutbox, type JobPayload } from '@bridge/core';
import type { JobRun, ProcessorContext } from './context';

/** How soon a push waiting for another delivery of the same document tries again (not counted as an attempt). */
const BUSY_RETRY_MS = 1000;

export async function processPushOrderInfo(payload: JobPayload<'pushOrderInfo'>, ctx: ProcessorContext, run: JobRun) {
  const outcome = await deliverOrderPush(payload.orderNumber, payload.version, { store: ctx.orders, redis: ctx.redis, tenant: ctx.tenants.require(payload.tenant), replicas: ctx.replicas, signal: run.signal });
  if (outcome === 'busy') {
    await run.job.moveToDelayed(Date.now() + BUSY_RETRY_MS, run.token);
    throw new DelayedError();
  }
  return { outcome };
}

export function processDrainOutbox(_payload: JobPayload<'drainOutbox'>, ctx: ProcessorContext) {
  return drainOutbox({ redis: ctx.redis, orders: ctx.orders, asns: ctx.asns, pushes: ctx.pushes, olderThanMs: 30000 });
}
