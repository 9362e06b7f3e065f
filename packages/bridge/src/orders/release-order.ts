import type { EtowerClient } from '@bridge/etower';
import { classifyEtowerFailure } from '@bridge/etower';
import type { PushScheduler } from '../jobs/push-scheduler';
import { OrderRefusedError } from './order-refused-error';
import type { OrderStore } from './order-store';
import { readBackOrder } from './read-back';

export interface ReleaseOrderDeps {
  tenant: string;
  etower: EtowerClient;
  store: OrderStore;
  pushes: PushScheduler;
  /** The tenant's etower.timeZone, for the times of the order read back. */
  timeZone?: string;
}

export type ReleaseOutcome = 'released' | 'cancelled' | 'not-held';

/**
 * Use case: release a held eTower draft to the warehouse (orders/confirm) once its hold time is over, unless
 * Qianyi cancelled it meanwhile. From the moment the phase is `releasing` a cancel is refused, because the
 * confirm may reach eTower.
 */
export async function releaseOrder(orderNumber: string, deps: ReleaseOrderDeps): Promise<ReleaseOutcome> {
  const start = await deps.store.transition(deps.tenant, orderNumber, {
    from: ['held', 'releasing'],
    patch: { phase: 'releasing' },
    notify: false,
    note: 'releasing the draft',
  });
  if (!start.ok) return start.current === 'cancelled' ? 'cancelled' : 'not-held';
  const state = (await deps.store.get(deps.tenant, orderNumber))!;
  const orderNo = state.warehouseOrderNumber!;
  try {
    const result = await deps.etower.confirmOrders([orderNo]);
    if (result.confirmed.includes(orderNo))
      return await settle(orderNumber, { status: 'SENDING', wmsStatus: 'Accepted', etowerStatus: 1 }, deps);
    // Not confirmable (600928): perhaps an earlier attempt confirmed it already. eTower's own record decides.
    const view = await readBackOrder(deps.etower, orderNumber, deps.timeZone);
    if (view && view.etowerStatus !== 0 && view.etowerStatus !== 2) {
      // Its tracking number and carrier travel with it: a SUCCESS is never recorded without its number.
      return await settle(
        orderNumber,
        {
          status: view.status,
          wmsStatus: view.wmsStatus,
          etowerStatus: view.etowerStatus,
          ...(view.trackingNumber ? { trackingNumber: view.trackingNumber } : {}),
          ...(view.carrierName ? { carrierName: view.carrierName } : {}),
        },
        deps,
      );
    }
    const reason = result.errors.map((e) => `${e.code}: ${e.message}`).join('; ') || 'eTower did not confirm the draft';
    throw new Error(`release of ${orderNo} not confirmed: ${reason}`);
  } catch (err) {
    const failure = classifyEtowerFailure(err);
    if (failure.retryable) throw err;
    const now = Date.now();
    const moved = await deps.store.transition(deps.tenant, orderNumber, {
      from: ['releasing'],
      patch: {
        phase: 'failed',
        status: 'FAILED',
        failureKind: 'refused',
        failedReason: failure.message,
        wmsStatus: 'Release refused by eTower',
      },
      notify: true,
      open: 'remove',
      note: failure.message,
      now,
    });
    if (moved.ok) await deps.pushes.orderChanged(deps.tenant, orderNumber, moved.version, now);
    throw new OrderRefusedError(failure.message);
  }
}

async function settle(
  orderNumber: string,
  patch: {
    status: 'SENDING' | 'SUCCESS' | 'CANCEL' | 'FAILED';
    wmsStatus: string;
    etowerStatus: number;
    trackingNumber?: string;
    carrierName?: string;
  },
  deps: ReleaseOrderDeps,
): Promise<ReleaseOutcome> {
  const now = Date.now();
  const moved = await deps.store.transition(deps.tenant, orderNumber, {
    from: ['releasing'],
    patch: { ...patch, phase: patch.status === 'CANCEL' ? 'cancelled' : 'released', releaseAt: null },
    notify: true,
    open: 'add',
    note: 'draft released to the warehouse',
    now,
  });
  if (moved.ok) await deps.pushes.orderChanged(deps.tenant, orderNumber, moved.version, now);
  return patch.status === 'CANCEL' ? 'cancelled' : 'released';
}
