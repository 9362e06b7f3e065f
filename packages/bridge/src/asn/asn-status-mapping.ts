import type { EtowerPo } from '@bridge/etower';
import { ASN_PUSH_STATUSES, type AsnStatus } from '@bridge/qianyi';
import { mergePoLinesBySku } from './asn-lines';
import type { AsnLine, AsnState } from './asn-state';

export interface EtowerPoView {
  status: AsnStatus;
  etowerStatus?: number;
  etowerStatusMsg?: string;
  referenceNumber?: string;
  shippingPlanNo?: string;
  lines: AsnLine[];
}

/** eTower's texts for an inbound order that will never be received (its enum is undocumented: read the text). */
const DELETED_TEXT = /cancel|delet|void|abandon|discard/i;
const CLOSED_TEXT = /clos/i;

/**
 * An eTower po (b2b/poList) -> the ASN status Qianyi knows (seed §9.2). eTower does not document its po
 * status enum (reference §5.2), so the status is derived from the data, in this order:
 *
 * | condition                                                     | Qianyi    |
 * |---------------------------------------------------------------|-----------|
 * | statusMsg says cancelled / deleted / void / abandoned         | DELETED   |
 * | statusMsg says closed                                         | CLOSED    |
 * | every line has putAwayQty >= forecastAmount                   | FINISHED  |
 * | any line has putAwayQty > 0, or deliveredDate is set          | RECEIVING |
 * | nothing received, and Qianyi sent a trackNumber or the ETA passed | SHIPPING |
 * | otherwise                                                     | NEW       |
 *
 * eTower's raw status and statusMsg travel beside it, so the table can be corrected once the enum is known.
 * Quantities: eTower reports only what was put away, so goodQuantity = putAwayQty and badQuantity = 0; its lines
 * (one per box) are merged by SKU first.
 */
export function viewOfPo(
  po: EtowerPo,
  asn: Pick<AsnState, 'trackNumber' | 'eta' | 'lines'>,
  now = Date.now(),
): EtowerPoView {
  const names = new Map(asn.lines.map((l) => [l.sku, l.name]));
  const lines: AsnLine[] = mergePoLinesBySku(po.packingDetails).map((d) => {
    const name = names.get(d.sku);
    return { sku: d.sku, ...(name ? { name } : {}), estimated: d.forecast, good: d.putAway, bad: 0 };
  });
  // SKUs Qianyi announced that eTower does not list (yet) stay visible with nothing received.
  for (const l of asn.lines) if (!lines.some((x) => x.sku === l.sku)) lines.push({ ...l, good: 0, bad: 0 });
  const text = po.statusMsg ?? '';
  const status: AsnStatus = DELETED_TEXT.test(text)
    ? 'DELETED'
    : CLOSED_TEXT.test(text)
      ? 'CLOSED'
      : lines.length > 0 && lines.every((l) => l.good + l.bad >= l.estimated)
        ? 'FINISHED'
        : lines.some((l) => l.good + l.bad > 0) || po.deliveredDate
          ? 'RECEIVING'
          : asn.trackNumber || (asn.eta !== undefined && asn.eta < now)
            ? 'SHIPPING'
            : 'NEW';
  const view: EtowerPoView = { status, lines };
  if (po.status !== null) view.etowerStatus = po.status;
  if (po.statusMsg) view.etowerStatusMsg = po.statusMsg;
  if (po.orderNo) view.referenceNumber = po.orderNo;
  if (po.shippingPlanNo) view.shippingPlanNo = po.shippingPlanNo;
  return view;
}

/** eTower will not change these any more: the poller stops reading them. */
export const FINAL_ASN_STATUSES: ReadonlySet<AsnStatus> = new Set(['FINISHED', 'CLOSED', 'DELETED']);

/** pushAsnInfo takes a narrower set (seed §13): NEW and DELETED are shown by getAsnList only. */
export function isPushable(status: AsnStatus): boolean {
  return (ASN_PUSH_STATUSES as readonly string[]).includes(status);
}

/** Status before eTower has been read: NEW, or SHIPPING when Qianyi said it is on its way. */
export function initialAsnStatus(asn: Pick<AsnState, 'trackNumber' | 'eta'>, now = Date.now()): AsnStatus {
  return asn.trackNumber || (asn.eta !== undefined && asn.eta < now) ? 'SHIPPING' : 'NEW';
}
