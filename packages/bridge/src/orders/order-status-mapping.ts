import type { EtowerOrder } from '@bridge/etower';
import { parseEtowerTime } from '../etower-time';
import { awaitingTrackingStatus } from './awaiting-tracking';
import type { QianyiOrderStatus } from './order-state';

/**
 * eTower outbound status (reference §5.1) -> Qianyi status, in one table so a correction is one line.
 * 3 (intercepting) stays SENDING until it resolves: it may still ship. Unknown values are SENDING too, and
 * logged by the poller, because claiming FAILED or CANCEL for a parcel that may be moving would be a lie.
 */
export const ETOWER_ORDER_STATUS: Record<number, { status: QianyiOrderStatus; text: string; final: boolean }> = {
  0: { status: 'SENDING', text: 'Created', final: false },
  1: { status: 'SENDING', text: 'Accepted', final: false },
  2: { status: 'FAILED', text: 'Sending abnormality', final: false },
  3: { status: 'SENDING', text: 'Intercepting', final: false },
  4: { status: 'CANCEL', text: 'Canceled', final: true },
  5: { status: 'SUCCESS', text: 'Outbound', final: true },
  6: { status: 'CANCEL', text: 'Abandoned', final: true },
  7: { status: 'FAILED', text: 'Outbound abnormality', final: false },
};

export interface EtowerOrderView {
  etowerStatus: number;
  status: QianyiOrderStatus;
  wmsStatus: string;
  /** eTower's own status text(s), split parts' joined with ' / ' (wmsStatus may say more). */
  etowerText: string;
  /** Whether eTower will not change it any more (the poller stops reading it). */
  final: boolean;
  /** Shipped (status 5), but not every part has a tracking number yet: SENDING, still polled (awaiting-tracking.ts). */
  awaitingTracking?: true;
  warehouseOrderNumber: string;
  trackingNumber?: string;
  carrierName?: string;
  failedReason?: string;
  shippingTime?: number;
}

function describe(status: number | undefined) {
  return status !== undefined ? ETOWER_ORDER_STATUS[status] : undefined;
}

/**
 * One Qianyi order may be several eTower records when the warehouse split it. The order is shipped when every
 * part is; cancelled when every part is; failed when any part failed; otherwise still on its way. Tracking
 * numbers of all parts are joined with commas.
 *
 * Shipped is SUCCESS only once every part carries a tracking number: Qianyi's pushOrderInfo requires one with
 * SUCCESS, and eTower can mark an order outbound before its carrier's number is in. Until then the order is
 * SENDING with a wmsStatus saying it shipped and awaits its number, and stays polled (awaiting-tracking.ts). `outboundDate` and other
 * zone-less times are read in `timeZone` (the tenant's etower.timeZone).
 */
export function viewOfEtowerOrders(parts: readonly EtowerOrder[], timeZone?: string): EtowerOrderView | undefined {
  if (parts.length === 0) return undefined;
  const sorted = [...parts].sort((a, b) => (a.orderNo ?? '').localeCompare(b.orderNo ?? ''));
  const main = sorted.find((p) => !p.originOrderNo) ?? sorted[0]!;
  const statuses = sorted.map((p) => describe(p.status ?? undefined)?.status ?? 'SENDING');
  let status: QianyiOrderStatus;
  const shipped = statuses.every((s) => s === 'SUCCESS');
  const awaitingTracking = shipped && sorted.some((p) => p.trackingNos.length === 0);
  if (shipped) status = awaitingTracking ? 'SENDING' : 'SUCCESS';
  else if (statuses.every((s) => s === 'CANCEL')) status = 'CANCEL';
  else if (statuses.some((s) => s === 'FAILED')) status = 'FAILED';
  else status = 'SENDING';
  const trackingNos = [...new Set(sorted.flatMap((p) => p.trackingNos))];
  const carriers = [
    ...new Set(
      sorted.map((p) => p.shipmentCarrier || p.serviceCode || p.serviceName).filter((c): c is string => Boolean(c)),
    ),
  ];
  const etowerText = [
    ...new Set(sorted.map((p) => p.statusMsg || describe(p.status ?? undefined)?.text || `status ${p.status}`)),
  ].join(' / ');
  const failedPart = sorted.find((p) => describe(p.status ?? undefined)?.status === 'FAILED');
  const etowerStatus = main.status ?? -1;
  const shippedAt = sorted
    .map((p) => parseEtowerTime(p.outboundDate, timeZone))
    .filter((t): t is number => t !== undefined);
  return {
    etowerStatus,
    status,
    wmsStatus: awaitingTracking ? awaitingTrackingStatus(etowerText) : etowerText,
    etowerText,
    final: !awaitingTracking && sorted.every((p) => describe(p.status ?? undefined)?.final === true),
    ...(awaitingTracking ? { awaitingTracking: true as const } : {}),
    warehouseOrderNumber: main.orderNo ?? '',
    ...(trackingNos.length ? { trackingNumber: trackingNos.join(',') } : {}),
    ...(carriers.length ? { carrierName: carriers.join(',') } : {}),
    ...(status === 'FAILED'
      ? { failedReason: failedPart?.abnormalCauses || failedPart?.statusMsg || 'eTower reports an abnormal order' }
      : {}),
    ...(status === 'SUCCESS' && shippedAt.length ? { shippingTime: Math.max(...shippedAt) } : {}),
  };
}

/** Groups eTower records by the Qianyi order they belong to (split parts carry originReferenceNo). */
export function groupByReference(orders: readonly EtowerOrder[]): Map<string, EtowerOrder[]> {
  const groups = new Map<string, EtowerOrder[]>();
  for (const o of orders) {
    const ref = o.originReferenceNo || o.referenceNo;
    if (!ref) continue;
    const list = groups.get(ref) ?? [];
    list.push(o);
    groups.set(ref, list);
  }
  return groups;
}
