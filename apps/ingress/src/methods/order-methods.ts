import { cancelOrder, jobRef, notKeptMessage, submitOrder } from '@bridge/core';
import { cancelOrderResponse, createOrderResponse, fail, getOrderResponse, type ContentOf } from '@bridge/qianyi';
import type { MethodContext } from './context';

/**
 * createOrder: record + job, then wait up to SYNC_WAIT_MS. Created in time: success with eTower's orderNo.
 * Refused in time: success:false with eTower's reason. Still going (or finished with a result this version cannot
 * read): success:true means "accepted"; the outcome reaches Qianyi by getOrder and by push.
 */
export async function createOrder(content: ContentOf<'createOrder'>, ctx: MethodContext) {
  const submitted = await submitOrder(content, {
    tenant: ctx.tenant,
    store: ctx.orders,
    jobs: ctx.jobs,
    pushes: ctx.pushes,
    trace: ctx.trace,
  });
  if (submitted.kind === 'refused') return fail(submitted.message);
  if (submitted.kind === 'created')
    return createOrderResponse({ warehouseOrderNumber: submitted.warehouseOrderNumber });
  const outcome = await ctx.waiter.wait(submitted.job);
  if (outcome.state === 'failed') return fail(outcome.reason);
  if (outcome.state === 'completed') {
    if (outcome.result.outcome === 'cancelled')
      return fail(`order ${content.orderNumber} was cancelled before it reached eTower`);
    return createOrderResponse({ warehouseOrderNumber: outcome.result.warehouseOrderNumber });
  }
  // Finished, but how is unknown here: answered as accepted, and getOrder tells from the record.
  if (outcome.state === 'unreadable') {
    const { job } = submitted;
    ctx.logger.warn(
      { ...ctx.trace, queue: job.queue, job: job.name, jobId: job.id, issue: outcome.issue },
      'createOrder result not readable',
    );
  }
  return {
    ...createOrderResponse(),
    message: 'accepted; the warehouse order number follows by getOrder and pushOrderInfo',
  };
}

export async function getOrder(content: ContentOf<'getOrder'>, ctx: MethodContext) {
  const state = await ctx.orders.get(ctx.tenant.accessId, content.orderNumber);
  if (!state) return fail(notKeptMessage('order', content.orderNumber, ctx.env.DOCUMENT_RETENTION_MS));
  return getOrderResponse({
    orderNumber: state.orderNumber,
    wmsStatus: state.wmsStatus,
    status: state.status,
    carrierName: state.carrierName,
    trackingNumber: state.trackingNumber,
    failedReason: state.status === 'FAILED' ? (state.failedReason ?? 'failed without a reason from eTower') : undefined,
    warehouseOrderNumber: state.warehouseOrderNumber,
    warehouseCode: state.warehouseCode,
  });
}

export async function cancelOrderMethod(content: ContentOf<'cancelOrder'>, ctx: MethodContext) {
  const outcome = await cancelOrder(content.orderNumber, {
    tenant: ctx.tenant.accessId,
    store: ctx.orders,
    jobs: ctx.jobs,
    pushes: ctx.pushes,
    waitForCreate: async () => {
      await ctx.waiter.wait(
        jobRef('createOrder', { tenant: ctx.tenant.accessId, order: { orderNumber: content.orderNumber } }),
      );
    },
  });
  return outcome.ok ? cancelOrderResponse() : fail(outcome.message);
}
