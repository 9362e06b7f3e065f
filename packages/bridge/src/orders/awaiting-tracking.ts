import type { EtowerOrderView } from './order-status-mapping';

// An order eTower reports shipped (status 5) without a tracking number. Qianyi's pushOrderInfo requires the
// number with SUCCESS, and the number often follows the outbound scan (the carrier's label data arrives later),
// so the order is reported SENDING, its wmsStatus saying it shipped and waits for its number, and stays polled.
//
// If no number ever comes (an untracked service, a warehouse that never enters one), it cannot be polled for
// ever: after the tenant's trackingWaitHours (default 7 days) it stays SENDING with a wmsStatus saying eTower
// gave no number, is pushed once more so Qianyi shows that text, and leaves the poll set. Not SUCCESS: Qianyi
// refuses it without a number. Not FAILED: the parcel has left the warehouse, and a FAILED order invites the
// seller to send it again. What remains is a person's decision, which the wmsStatus and a log line prompt.

export function awaitingTrackingStatus(etowerText: string): string {
  return `${etowerText} (shipped, awaiting tracking number)`;
}

function noTrackingStatus(etowerText: string, waitHours: number): string {
  return `${etowerText} (shipped; eTower gave no tracking number within ${waitHours} h, no longer polled)`;
}

export interface TrackingWait {
  /** When the order was first seen shipped without a number (kept in the record); null once it has one. */
  since: number | null;
  wmsStatus: string;
  /** The wait is over without a number: the order leaves the poll set. */
  givenUp: boolean;
}

/** Where an order stands in its wait for a tracking number, from eTower's reading and when the wait began. */
export function trackingWait(
  view: EtowerOrderView,
  since: number | undefined,
  now: number,
  waitHours: number,
): TrackingWait {
  if (!view.awaitingTracking) return { since: null, wmsStatus: view.wmsStatus, givenUp: false };
  const start = since ?? now;
  if (now - start < waitHours * 3600000) return { since: start, wmsStatus: view.wmsStatus, givenUp: false };
  return { since: start, wmsStatus: noTrackingStatus(view.etowerText, waitHours), givenUp: true };
}
