import { CONTENT_SCHEMAS } from '@bridge/qianyi';
import {
  POLL_LOCK_MS,
  UnrecoverableError,
  createJobsOf,
  createOrderAtEtower,
  jobRef,
  keys,
  OrderRefusedError,
  pollOpenOrders,
  releaseOrder,
  runExclusive,
  type JobPayload,
} from '@bridge/core';
import type { JobRun, ProcessorContext } from './context';

export async function processCreateOrder(payload: JobPayload<'createOrder'>, ctx: ProcessorContext, run: JobRun) {
  // A self-shipped order's label was kept beside its record, not in the job data (OrderStore.putLabel).
  const mayHaveLabel = payload.order.labelData === undefined && payload.labelStored !== false;
  const label = mayHaveLabel ? await ctx.orders.getLabel(payload.tenant, payload.order.orderNumber) : undefined;
  const order = CONTENT_SCHEMAS.createOrder.safeParse(
    label === undefined ? payload.order : { ...payload.order, labelData: label },
  );
  if (!order.success)
    throw new UnrecoverableError(`createOrder payload no longer matches the schema: ${order.error.message}`);
  try {
    return await createOrderAtEtower(order.data, {
      tenant: ctx.tenants.require(payload.tenant),
      etower: ctx.tenants.etower(payload.tenant, run.signal),
      store: ctx.orders,
      pushes: ctx.pushes,
      finalAttempt: run.finalAttempt,
      scheduleRelease: async (orderNumber, delayMs) => {
        await ctx.jobs.add('releaseOrder', { tenant: payload.tenant, orderNumber }, { delayMs, trace: run.trace });
      },
    });
  } catch (err) {
    // Recorded as FAILED and pushed already: BullMQ must not try again.
    if (err instanceof OrderRefusedError) throw new UnrecoverableError(err.message);
    throw err;
  }
}

export async function processReleaseOrder(payload: JobPayload<'releaseOrder'>, ctx: ProcessorContext, run: JobRun) {
  try {
    return await releaseOrder(payload.orderNumber, {
      tenant: payload.tenant,
      etower: ctx.tenants.etower(payload.tenant, run.signal),
      store: ctx.orders,
      pushes: ctx.pushes,
      timeZone: ctx.tenants.require(payload.tenant).etower.timeZone,
    });
  } catch (err) {
    if (err instanceof OrderRefusedError) throw new UnrecoverableError(err.message);
    throw err;
  }
}

export async function processPollOrders(payload: JobPayload<'pollOrders'>, ctx: ProcessorContext, run: JobRun) {
  // One poll per tenant at a time: a slow or retried poll overlapping the next would write an older eTower
  // reading over a newer one. The lock is renewed while the poll runs and expires soon after its worker dies.
  const tenant = ctx.tenants.require(payload.tenant);
  const poll = await runExclusive(ctx.redis, keys.pollLock(payload.tenant, 'orders'), POLL_LOCK_MS, () =>
    pollOpenOrders({
      tenant: payload.tenant,
      etower: ctx.tenants.etower(payload.tenant, run.signal),
      store: ctx.orders,
      pushes: ctx.pushes,
      logger: ctx.logger,
      timeZone: tenant.etower.timeZone,
      trackingWaitHours: tenant.trackingWaitHours,
      createJobs: createJobsOf(ctx.jobs, (orderNumber) =>
        jobRef('createOrder', { tenant: payload.tenant, order: { orderNumber } }),
      ),
    }),
  );
  return poll.locked ? poll.value : { skipped: 'another poll of this tenant is running' };
}
