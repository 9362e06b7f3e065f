import { MAX_IDS_PER_QUERY, type EtowerClient } from '@bridge/etower';
import { eachLimited, type Logger } from '@bridge/runtime';
import { reviveCreateJob, STUCK_AFTER_MS, type CreateJobs } from '../jobs/revive-create-job';
import type { PushScheduler } from '../jobs/push-scheduler';
import { trackingWait, type TrackingWait } from './awaiting-tracking';
import type { OrderPatch, OrderPhase, OrderState } from './order-state';
import {
  ETOWER_ORDER_STATUS,
  groupByReference,
  viewOfEtowerOrders,
  type EtowerOrderView,
} from './order-status-mapping';
import type { OrderStore } from './order-store';

export interface PollOrdersDeps {
  tenant: string;
  etower: EtowerClient;
  store: OrderStore;
  pushes: PushScheduler;
  logger: Logger;
  /** The order's create job (by orderNumber). */
  createJobs: CreateJobs;
  /** The tenant's etower.timeZone: eTower's zone-less timestamps are read in it. */
  timeZone: string;
  /** The tenant's trackingWaitHours: how long a shipped order is polled for its tracking number. */
  trackingWaitHours: number;
}

/** An order eTower never showed us is dropped from polling after this long (it was never created there). */
const GIVE_UP_UNSEEN_MS = 3 * 24 * 3600 * 1000;
/** Phases the poller may update. received/creating belong to the create job; cancelled is final. */
const POLLED: OrderPhase[] = ['held', 'releasing', 'released', 'failed'];

/**
 * How many of a read's orders are recorded at once. Each change stands alone (its own version check), and recording
 * them one by one left the last of a read's 300 orders ~2 s behind the first (bench case 7: issue 25 wants the push
 * within 1 s of the read); more at once than this only makes their pushes queue together in `webhooks`.
 */
const POLL_RECORD_CONCURRENCY = 16;

/**
 * Use case: re-read every open order from eTower (orderList, up to 300 referenceNos a call), merge split
 * parts, and record each change; every change becomes a push. Orders eTower will not change any more leave
 * the open set, and so does a shipped order whose tracking number did not come within the tenant's wait
 * (awaiting-tracking.ts).
 */
export async function pollOpenOrders(deps: PollOrdersDeps): Promise<{ checked: number; changed: number }> {
  const open = await deps.store.openIds(deps.tenant);
  let changed = 0;
  for (let i = 0; i < open.length; i += MAX_IDS_PER_QUERY) {
    const batch = open.slice(i, i + MAX_IDS_PER_QUERY);
    const [records, states] = await Promise.all([
      deps.etower.orderList({ referenceNoList: batch }),
      deps.store.getMany(deps.tenant, batch),
    ]);
    const groups = groupByReference(records);
    const leaving: string[] = [];
    await eachLimited(batch, POLL_RECORD_CONCURRENCY, async (orderNumber) => {
      const outcome = await recordOne(orderNumber, states.get(orderNumber), groups.get(orderNumber) ?? [], deps);
      if (outcome.changed) changed++;
      if (outcome.leaves) leaving.push(orderNumber);
    });
    await deps.store.removeFromOpen(deps.tenant, leaving);
  }
  return { checked: open.length, changed };
}

/** What one order's reading did: recorded a change (and its push), and whether the order leaves the open set. */
async function recordOne(
  orderNumber: string,
  state: OrderState | undefined,
  records: Parameters<typeof viewOfEtowerOrders>[0],
  deps: PollOrdersDeps,
): Promise<{ changed: boolean; leaves: boolean }> {
  if (!state) return { changed: false, leaves: true };
  if (state.phase === 'received' || state.phase === 'creating') {
    const rescued = Date.now() - state.updatedAt > STUCK_AFTER_MS && (await rescue(state, deps)) > 0;
    return { changed: rescued, leaves: false };
  }
  const view = viewOfEtowerOrders(records, deps.timeZone);
  if (!view) {
    const unseen = Date.now() - state.updatedAt > GIVE_UP_UNSEEN_MS && state.phase !== 'held';
    return { changed: false, leaves: unseen };
  }
  if (!POLLED.includes(state.phase)) return { changed: false, leaves: false };
  if (!(view.etowerStatus in ETOWER_ORDER_STATUS))
    deps.logger.warn(
      { tenant: deps.tenant, orderNumber, etowerStatus: view.etowerStatus },
      'unknown eTower order status, reported as SENDING',
    );
  const now = Date.now();
  const wait = trackingWait(view, state.awaitingTrackingSince, now, deps.trackingWaitHours);
  const leaves = view.final || wait.givenUp;
  const patch = changes(state, view, wait);
  if (!patch) return { changed: false, leaves };
  // Only over the version this poll read: two polls can overlap (a retried one and the next, or a slow one),
  // and the older eTower reading must not overwrite a newer one that already took the order out of the
  // open set (found by the reliability suite: orders left at Accepted, never polled again).
  const moved = await deps.store.transition(deps.tenant, orderNumber, {
    from: [state.phase],
    ifVersion: state.version,
    patch,
    notify: true,
    open: leaves ? 'remove' : undefined,
    note: `eTower status ${view.etowerStatus} (${wait.wmsStatus})`,
    now,
  });
  if (!moved.ok) return { changed: false, leaves: false };
  if (wait.givenUp)
    deps.logger.warn(
      { tenant: deps.tenant, orderNumber, awaitingSince: wait.since, waitHours: deps.trackingWaitHours },
      'eTower shipped this order but gave no tracking number within the wait; it stays SENDING and is no longer polled',
    );
  await deps.pushes.orderChanged(deps.tenant, orderNumber, moved.version, now);
  // The transition already took a leaving order out of the open set.
  return { changed: true, leaves: false };
}

/**
 * eTower status 0 ("unconfirmed") read for an order that is at eTower and that we already report as on its way
 * tells Qianyi nothing new. A confirm is not instant: a confirmed order can read 0 until the warehouse takes it,
 * and recording that would push "Unconfirmed" after the "Created" we pushed when the create call came back
 * (found by CI: an older state after a newer one). A held draft reads 0 by design, and its record says more
 * (when it will be released). A FAILED order that reads 0 again was re-confirmed: that is news, and recorded.
 */
function isStaleUnconfirmed(state: OrderState, view: EtowerOrderView): boolean {
  return view.etowerStatus === 0 && view.status === 'SENDING' && state.status === 'SENDING';
}

/** What differs between our record and eTower's, as a patch; undefined when nothing Qianyi cares about changed. */
function changes(state: OrderState, view: EtowerOrderView, wait: TrackingWait): OrderPatch | undefined {
  if (isStaleUnconfirmed(state, view)) return undefined;
  const phase: OrderPhase =
    view.status === 'CANCEL'
      ? 'cancelled'
      : state.phase === 'held' || state.phase === 'releasing'
        ? view.etowerStatus === 0
          ? state.phase
          : 'released'
        : 'released';
  const patch: OrderPatch = {
    phase,
    status: view.status,
    wmsStatus: wait.wmsStatus,
    awaitingTrackingSince: wait.since,
    etowerStatus: view.etowerStatus,
    warehouseOrderNumber: view.warehouseOrderNumber || state.warehouseOrderNumber || null,
    trackingNumber: view.trackingNumber ?? state.trackingNumber ?? null,
    carrierName: view.carrierName ?? state.carrierName ?? null,
    shippingTime: view.shippingTime ?? state.shippingTime ?? null,
    failedReason: view.status === 'FAILED' ? (view.failedReason ?? null) : null,
    failureKind: view.status === 'FAILED' ? 'refused' : null,
  };
  const same = (Object.keys(patch) as Array<keyof OrderPatch>).every(
    (k) => (patch[k] ?? undefined) === ((state as unknown as Record<string, unknown>)[k] ?? undefined),
  );
  return same ? undefined : patch;
}

/**
 * An order whose create job is no longer alive (its worker died on the last attempt, or the attempt outran the
 * job's timeout) would stay SENDING for ever. A failed job is run again: it reads eTower back before creating,
 * so this cannot create twice. A job that is gone cannot be rebuilt (it held the order): that is FAILED, pushed.
 */
async function rescue(state: OrderState, deps: PollOrdersDeps): Promise<number> {
  const revived = await reviveCreateJob(state.orderNumber, deps.createJobs);
  if (revived === 'retried')
    deps.logger.warn(
      { tenant: deps.tenant, orderNumber: state.orderNumber, phase: state.phase },
      'create job ended without settling the order; running it again',
    );
  if (revived !== 'lost') return 0;
  const now = Date.now();
  const reason = "the bridge lost this order's create job before eTower confirmed it; send the order again";
  const moved = await deps.store.transition(deps.tenant, state.orderNumber, {
    from: [state.phase],
    patch: {
      phase: 'failed',
      status: 'FAILED',
      failureKind: 'unreachable',
      failedReason: reason,
      wmsStatus: 'Not confirmed by eTower',
    },
    notify: true,
    note: reason,
    now,
  });
  if (!moved.ok) return 0;
  await deps.pushes.orderChanged(deps.tenant, state.orderNumber, moved.version, now);
  return 1;
}
