import { PENDING_JOB_STATES, jobRef, type JobControl } from '../jobs/job-control';
import type { PushScheduler } from '../jobs/push-scheduler';
import type { OrderPhase, OrderState } from './order-state';
import type { OrderStore } from './order-store';

export type CancelOutcome = { ok: true; message: string } | { ok: false; message: string };

export interface CancelOrderDeps {
  tenant: string;
  store: OrderStore;
  jobs: JobControl;
  pushes: PushScheduler;
  /** Waits (bounded) for an in-flight create to settle, so the answer can be definite. */
  waitForCreate(): Promise<void>;
}

/**
 * Use case: cancel an outbound order. eTower's API has no cancel, so an order can be stopped only while it
 * is still with us: queued or retrying (never sent), or held as a draft (never released). Once released it
 * must be intercepted in eTower; the poller reports CANCEL if eTower then cancels it. The phase
 * compare-and-set makes a cancel and a create exclude each other: whichever moves the phase first wins.
 */
export async function cancelOrder(orderNumber: string, deps: CancelOrderDeps): Promise<CancelOutcome> {
  let state = await deps.store.get(deps.tenant, orderNumber);
  if (!state)
    return {
      ok: false,
      message: `order ${orderNumber} is not known to the bridge (never received, or finished and no longer kept), so there is nothing to cancel`,
    };
  if (state.phase === 'creating') {
    await deps.waitForCreate();
    state = (await deps.store.get(deps.tenant, orderNumber)) ?? state;
  }
  switch (state.phase) {
    case 'cancelled':
      return { ok: true, message: `order ${orderNumber} is cancelled` };
    case 'received':
      return stop(state, ['received'], 'Cancelled before it was sent to eTower', deps);
    case 'failed':
      if (state.failureKind === 'unreachable') {
        return {
          ok: false,
          message: `order ${orderNumber} could not be confirmed as sent or not sent (eTower was unreachable); the bridge keeps checking eTower. If eTower has it, intercept it in eTower`,
        };
      }
      return stop(state, ['failed'], 'Cancelled (eTower had refused it)', deps);
    case 'held':
      return stop(
        state,
        ['held'],
        `Cancelled while held as an eTower draft (${state.warehouseOrderNumber ?? ''}); it will never be released`,
        deps,
      );
    case 'creating':
      return {
        ok: false,
        message: `order ${orderNumber} is being sent to eTower right now; ask again in a few seconds (a released order cannot be cancelled through eTower's API)`,
      };
    case 'releasing':
      return {
        ok: false,
        message: `order ${orderNumber} is being released to the eTower warehouse right now and can no longer be cancelled here; intercept it in eTower`,
      };
    case 'released':
      return {
        ok: false,
        message: `order ${orderNumber} was already released to the eTower warehouse as ${state.warehouseOrderNumber}; eTower's API cannot cancel it. Intercept it in eTower: the bridge reports CANCEL as soon as eTower shows it cancelled`,
      };
  }
}

async function stop(
  state: OrderState,
  from: OrderPhase[],
  wmsStatus: string,
  deps: CancelOrderDeps,
): Promise<CancelOutcome> {
  const now = Date.now();
  const moved = await deps.store.transition(deps.tenant, state.orderNumber, {
    from,
    patch: { phase: 'cancelled', status: 'CANCEL', wmsStatus },
    notify: true,
    open: 'remove',
    note: 'cancelled by Qianyi',
    now,
  });
  if (!moved.ok) {
    // Someone moved it first (the create job picked it up, or a release started): answer from the new phase.
    return cancelOrder(state.orderNumber, { ...deps, waitForCreate: async () => {} });
  }
  const key = { tenant: deps.tenant, orderNumber: state.orderNumber };
  // A job that is running finds the order cancelled and stops by itself; a pending one is removed.
  for (const ref of [jobRef('createOrder', { tenant: deps.tenant, order: key }), jobRef('releaseOrder', key)])
    await deps.jobs.remove(ref, PENDING_JOB_STATES);
  await deps.pushes.orderChanged(deps.tenant, state.orderNumber, moved.version, now);
  return { ok: true, message: `order ${state.orderNumber} cancelled` };
}
