import type { EtowerClient } from '@bridge/etower';
import { EtowerBusinessError, classifyEtowerFailure } from '@bridge/etower';
import type { Tenant } from '@bridge/config';
import type { CreateOrderContent } from '@bridge/qianyi';
import type { PushScheduler } from '../jobs/push-scheduler';
import { toEtowerOrder } from './order-mapping';
import { OrderNotVisibleError } from './order-not-visible-error';
import { OrderRefusedError } from './order-refused-error';
import type { OrderState } from './order-state';
import type { EtowerOrderView } from './order-status-mapping';
import type { OrderStore } from './order-store';
import { readBackOrder } from './read-back';

export interface CreateOrderDeps {
  tenant: Tenant;
  etower: EtowerClient;
  store: OrderStore;
  pushes: PushScheduler;
  /** Schedules the release of a held draft (tenants with orderReleaseDelayMs). */
  scheduleRelease(orderNumber: string, delayMs: number): Promise<void>;
  /** Whether a retryable failure of this kind ends the job now (last attempt, or too many 401s): then it is
   *  recorded as FAILED instead of retried. */
  finalAttempt(kind: string): boolean;
}

export type CreateOrderOutcome = { outcome: 'created'; warehouseOrderNumber: string } | { outcome: 'cancelled' };

/**
 * Use case: send one Qianyi order to eTower exactly once. The state store says what was done; eTower's
 * referenceNo uniqueness catches what a crash hid from us: a duplicate refusal or a missing answer is
 * resolved by reading the order back. The phase moves received -> creating -> held|released, or -> failed.
 */
export async function createOrderAtEtower(
  order: CreateOrderContent,
  deps: CreateOrderDeps,
): Promise<CreateOrderOutcome> {
  const tenant = deps.tenant.accessId;
  const { orderNumber } = order;
  const toCreating = {
    patch: { phase: 'creating' as const },
    notify: false,
    open: 'add' as const,
    note: 'create call to eTower',
  };
  // The usual case (a fresh order in `received`) in one round trip: the read and the compare-and-set go out
  // together, the read first, so `current` is the record the transition started from. Anything else takes the
  // general path below.
  const [read, fresh] = await Promise.all([
    deps.store.get(tenant, orderNumber),
    deps.store.transition(tenant, orderNumber, { from: ['received'], ...toCreating }),
  ]);
  let current = read;
  let start = fresh;
  if (!start.ok) {
    current = await deps.store.get(tenant, orderNumber);
    const done = alreadyDone(current);
    if (done) return done;
    start = await deps.store.transition(tenant, orderNumber, {
      ...toCreating,
      from: current ? ['received', 'creating', 'failed'] : 'absent',
      patch: { phase: 'creating', ...(current ? {} : initialFields(order)) },
    });
  }
  if (!start.ok) {
    const now = await deps.store.get(tenant, orderNumber);
    const settled = alreadyDone(now);
    if (settled) return settled;
    throw new Error(`order ${orderNumber} is ${start.current ?? 'missing'}; cannot start creating it`);
  }

  try {
    // An earlier attempt that got as far as calling eTower may have created it: look before creating again.
    if (start.from === 'creating' || current?.failureKind === 'unreachable') {
      const existing = await readBackOrder(deps.etower, orderNumber, deps.tenant.etower.timeZone);
      if (existing) return await adopt(order, existing, deps);
    }
    const confirmNow = deps.tenant.orderReleaseDelayMs <= 0;
    const [result] = await createAtEtower(order, confirmNow, deps);
    if (result?.ok) return await adopt(order, { warehouseOrderNumber: result.orderNo }, deps);
    if (result && !result.missing && !result.duplicate) {
      await recordFailure(order, result.reason, 'refused', deps);
      throw new OrderRefusedError(result.reason);
    }
    const existing = await readBackOrder(deps.etower, orderNumber, deps.tenant.etower.timeZone);
    if (existing) return await adopt(order, existing, deps);
    throw new OrderNotVisibleError(
      `eTower ${result?.ok === false && !result.missing ? 'reports order ' + orderNumber + ' as existing' : 'gave no answer for order ' + orderNumber} but orderList does not show it yet`,
    );
  } catch (err) {
    if (err instanceof OrderRefusedError) throw err;
    const failure = classifyEtowerFailure(err);
    if (!failure.retryable) {
      await recordFailure(order, failure.message, 'refused', deps);
      throw new OrderRefusedError(failure.message);
    }
    if (deps.finalAttempt(failure.kind)) {
      await recordFailure(
        order,
        `could not be sent to eTower after repeated attempts: ${failure.message}`,
        'unreachable',
        deps,
      );
      throw new OrderRefusedError(failure.message);
    }
    const after = await settleAfterAnsweredFailure(order, failure.kind, deps);
    if (after && 'settled' in after) return after.settled;
    // The error keeps its class (the retry's delay and the count of 401s read it); its message, which the job's
    // log line and failedReason carry, says why the phase could not be settled.
    if (after && err instanceof Error) err.message = `${err.message}; ${after.unsettled}`;
    throw err;
  }
}

/**
 * The create call, with a duplicate refusal of the whole call (in whatever layout the client could not pin on the
 * order) turned into the order's own duplicate outcome: a duplicate means an earlier attempt created it, so it is
 * read back, never recorded as FAILED. Any other refusal stays an error, classified below.
 */
async function createAtEtower(
  order: CreateOrderContent,
  confirmNow: boolean,
  deps: CreateOrderDeps,
): ReturnType<EtowerClient['createOrders']> {
  try {
    return await deps.etower.createOrders([
      toEtowerOrder(order, { confirmNow, allowCodPassthrough: deps.tenant.allowCodPassthrough }),
    ]);
  } catch (err) {
    if (!(err instanceof EtowerBusinessError) || !err.duplicate) throw err;
    return [
      {
        referenceNo: order.orderNumber,
        ok: false,
        missing: false,
        duplicate: true,
        code: err.code,
        message: err.etowerMessage,
        errors: err.errors,
        reason: err.message,
      },
    ];
  }
}

/** The order adopted after all, or why it stays `creating` (undefined: nothing to say, the retry goes on). */
type AfterAnsweredFailure = { settled: CreateOrderOutcome } | { unsettled: string } | undefined;

/**
 * eTower ANSWERED with an error status (5xx, 429, 401): that request is over. If orderList then shows no such
 * order, eTower does not have it, and the order goes back to `received`, so a cancel during the backoff can
 * still stop it. After a timeout or a dropped connection nothing is certain (eTower may still be working on
 * the request), so the order stays `creating` and a cancel is refused until the next attempt settles it.
 */
async function settleAfterAnsweredFailure(
  order: CreateOrderContent,
  kind: string,
  deps: CreateOrderDeps,
): Promise<AfterAnsweredFailure> {
  if (kind !== 'http' && kind !== 'auth') return undefined;
  try {
    const existing = await readBackOrder(deps.etower, order.orderNumber, deps.tenant.etower.timeZone);
    if (existing) return { settled: await adopt(order, existing, deps) };
    await deps.store.transition(deps.tenant.accessId, order.orderNumber, {
      from: ['creating'],
      patch: { phase: 'received' },
      notify: false,
      note: 'eTower refused the call for now and does not hold the order',
    });
    return undefined;
  } catch (err) {
    // eTower unreadable as well (or the store): stay `creating`, the retry finds out; the reason goes with it.
    return {
      unsettled: `order left creating, reading it back failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

function alreadyDone(state: OrderState | undefined): CreateOrderOutcome | undefined {
  if (!state) return undefined;
  if (state.phase === 'cancelled') return { outcome: 'cancelled' };
  if (state.warehouseOrderNumber && ['held', 'releasing', 'released'].includes(state.phase)) {
    return { outcome: 'created', warehouseOrderNumber: state.warehouseOrderNumber };
  }
  return undefined;
}

export function initialFields(order: CreateOrderContent) {
  return {
    status: 'SENDING' as const,
    wmsStatus: 'Queued at the bridge',
    warehouseCode: order.warehouseCode,
    onlineOrderId: order.onlineOrderId,
    skuList: order.skuList.map((l) => ({ sku: l.sku, quantity: l.quantity })),
  };
}

/** Records the eTower order as ours: held as a draft when the tenant delays release, else released. */
async function adopt(
  order: CreateOrderContent,
  found: Partial<EtowerOrderView> & { warehouseOrderNumber: string },
  deps: CreateOrderDeps,
): Promise<CreateOrderOutcome> {
  const tenant = deps.tenant.accessId;
  const draft =
    found.etowerStatus === undefined
      ? deps.tenant.orderReleaseDelayMs > 0
      : found.etowerStatus === 0 && deps.tenant.orderReleaseDelayMs > 0;
  const cancelled = found.status === 'CANCEL';
  const releaseAt = Date.now() + deps.tenant.orderReleaseDelayMs;
  const now = Date.now();
  const moved = await deps.store.transition(tenant, order.orderNumber, {
    from: ['creating'],
    patch: {
      phase: cancelled ? 'cancelled' : draft ? 'held' : 'released',
      warehouseOrderNumber: found.warehouseOrderNumber,
      status: found.status ?? 'SENDING',
      wmsStatus: found.wmsStatus ?? (draft ? `Draft, held until ${new Date(releaseAt).toISOString()}` : 'Created'),
      etowerStatus: found.etowerStatus ?? (draft ? 0 : 1),
      ...(found.trackingNumber ? { trackingNumber: found.trackingNumber } : {}),
      ...(found.carrierName ? { carrierName: found.carrierName } : {}),
      ...(found.shippingTime ? { shippingTime: found.shippingTime } : {}),
      ...(draft ? { releaseAt } : {}),
      failedReason: null,
      failureKind: null,
    },
    notify: true,
    open: found.final ? 'remove' : 'add',
    note: `created at eTower as ${found.warehouseOrderNumber}`,
    now,
  });
  if (!moved.ok) {
    const state = await deps.store.get(tenant, order.orderNumber);
    const settled = alreadyDone(state);
    if (settled) return settled;
    throw new Error(`order ${order.orderNumber} changed to ${moved.current} while it was being created`);
  }
  await deps.pushes.orderChanged(tenant, order.orderNumber, moved.version, now);
  if (draft && !cancelled) await deps.scheduleRelease(order.orderNumber, deps.tenant.orderReleaseDelayMs);
  return cancelled
    ? { outcome: 'cancelled' }
    : { outcome: 'created', warehouseOrderNumber: found.warehouseOrderNumber };
}

async function recordFailure(
  order: CreateOrderContent,
  reason: string,
  kind: 'refused' | 'unreachable',
  deps: CreateOrderDeps,
): Promise<void> {
  const now = Date.now();
  const moved = await deps.store.transition(deps.tenant.accessId, order.orderNumber, {
    from: ['creating'],
    patch: {
      phase: 'failed',
      status: 'FAILED',
      failedReason: reason,
      failureKind: kind,
      wmsStatus: kind === 'refused' ? 'Refused by eTower' : 'eTower unreachable',
    },
    notify: true,
    // An order that may exist at eTower stays polled, so it heals by itself if eTower did take it.
    open: kind === 'unreachable' ? 'add' : 'remove',
    note: reason,
    now,
  });
  if (moved.ok) await deps.pushes.orderChanged(deps.tenant.accessId, order.orderNumber, moved.version, now);
}
