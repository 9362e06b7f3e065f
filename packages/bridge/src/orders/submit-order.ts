import type { Tenant } from '@bridge/config';
import type { CreateOrderContent } from '@bridge/qianyi';
import { FINISHED_JOB_STATES, jobRef, type JobControl, type JobRef } from '../jobs/job-control';
import type { PushScheduler } from '../jobs/push-scheduler';
import { initialFields } from './create-order-at-etower';
import { refusalBeforeSending } from './order-mapping';
import type { OrderStore } from './order-store';

export type SubmitOutcome =
  | { kind: 'refused'; message: string }
  | { kind: 'created'; warehouseOrderNumber: string }
  /** Queued (or already queued): the caller may wait on the job for a definite answer. */
  | { kind: 'queued'; job: JobRef<'createOrder'> };

export interface SubmitOrderDeps {
  tenant: Tenant;
  store: OrderStore;
  jobs: JobControl;
  pushes: PushScheduler;
  /** The Qianyi call this comes from, carried into the job for its logs. */
  trace?: { reqId?: string };
}

/**
 * Use case (ingress side): take a createOrder from Qianyi. The order's record is written before its job, so a
 * cancel always finds it; the job id is deterministic, so any number of repeats make one job. A repeat of an
 * order already created answers from the record without touching the queue.
 */
export async function submitOrder(order: CreateOrderContent, deps: SubmitOrderDeps): Promise<SubmitOutcome> {
  const refusal = refusalBeforeSending(order, deps.tenant);
  if (refusal) return { kind: 'refused', message: refusal };
  const tenant = deps.tenant.accessId;
  // A new order (the usual case) costs one round trip: the record is created only if absent, and the rest of
  // the checks run only when it already existed. In the open set from the start: the poller looks after
  // orders whose create job died with its worker.
  const created = await deps.store.transition(tenant, order.orderNumber, {
    from: 'absent',
    patch: { phase: 'received', ...initialFields(order) },
    notify: false,
    open: 'add',
    note: 'received from Qianyi',
  });
  const existing = created.ok ? undefined : await deps.store.get(tenant, order.orderNumber);
  if (existing?.warehouseOrderNumber && ['held', 'releasing', 'released'].includes(existing.phase)) {
    return { kind: 'created', warehouseOrderNumber: existing.warehouseOrderNumber };
  }
  if (existing?.phase === 'cancelled') {
    return {
      kind: 'refused',
      message: `order ${order.orderNumber} was cancelled earlier and will not be sent again; create it under a new order number`,
    };
  }
  if (existing?.phase === 'failed') {
    // Qianyi sends a refused order again (after fixing it, or to retry): a fresh attempt under the same id.
    const now = Date.now();
    const again = await deps.store.transition(tenant, order.orderNumber, {
      from: ['failed'],
      patch: {
        phase: 'received',
        status: 'SENDING',
        wmsStatus: 'Queued at the bridge (sent again)',
        failedReason: null,
        failureKind: null,
      },
      notify: true,
      open: 'add',
      note: 'sent again by Qianyi',
      now,
    });
    if (again.ok) {
      // The earlier job has ended (failed, or completed before eTower failed the order): removed, so that the new
      // content gets a job of its own under the same id instead of BullMQ taking it for a repeat of the old one.
      await deps.jobs.remove(jobRef('createOrder', { tenant, order }), FINISHED_JOB_STATES);
      await deps.pushes.orderChanged(tenant, order.orderNumber, again.version, now);
    }
  }
  // The label stays out of the job (see OrderStore.putLabel); the worker puts it back before sending.
  const { labelData, ...withoutLabel } = order;
  if (labelData !== undefined) await deps.store.putLabel(tenant, order.orderNumber, labelData);
  const job = await deps.jobs.add(
    'createOrder',
    { tenant, order: withoutLabel, labelStored: labelData !== undefined },
    { ...(deps.trace ? { trace: deps.trace } : {}) },
  );
  return { kind: 'queued', job };
}
