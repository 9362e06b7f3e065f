import { etowerTime } from './format';
import type { ResolvedSimulatorOptions } from './options';
import type { SimOrder } from './state';

// Outbound order status, computed from timestamps on every read:
//   draft (never confirmed) -> 0; confirmed -> 0 until acceptAfterMs, 1 until shipAfterMs, then 5.
// A status forced through the control API wins over the clock.

export const ORDER_STATUS_MSG: Record<number, string> = {
  0: 'Unconfirmed',
  1: 'Accepted',
  2: 'Sending Abnormality',
  3: 'Intercepting',
  4: 'Canceled',
  5: 'Outbound',
  6: 'Abandoned',
  7: 'Outbound Abnormality',
};

export interface OrderStatusView {
  status: number;
  statusMsg: string;
  abnormalCauses: string;
  shippedAt: number | null;
  cancelledAt: number | null;
}

export function orderStatus(o: SimOrder, now: number, opts: ResolvedSimulatorOptions): OrderStatusView {
  if (o.forced) {
    const { status } = o.forced;
    return {
      status,
      statusMsg: o.forced.statusMsg ?? ORDER_STATUS_MSG[status] ?? `Status ${status}`,
      abnormalCauses: o.forced.abnormalCauses ?? '',
      shippedAt: status === 5 ? o.forced.at : null,
      cancelledAt: status === 4 || status === 6 ? o.forced.at : null,
    };
  }
  const base = { abnormalCauses: '', cancelledAt: null };
  if (o.confirmedAt === null) return { ...base, status: 0, statusMsg: ORDER_STATUS_MSG[0]!, shippedAt: null };
  const elapsed = now - o.confirmedAt;
  if (elapsed >= opts.shipAfterMs)
    return { ...base, status: 5, statusMsg: ORDER_STATUS_MSG[5]!, shippedAt: o.confirmedAt + opts.shipAfterMs };
  if (elapsed >= opts.acceptAfterMs) return { ...base, status: 1, statusMsg: ORDER_STATUS_MSG[1]!, shippedAt: null };
  return { ...base, status: 0, statusMsg: ORDER_STATUS_MSG[0]!, shippedAt: null };
}

/** One orderList record, in eTower's field names and "" habits. */
export function orderRecord(o: SimOrder, now: number, opts: ResolvedSimulatorOptions): Record<string, unknown> {
  const s = orderStatus(o, now, opts);
  const shipped = s.shippedAt !== null;
  const total = o.lines.reduce((sum, l) => sum + l.quantity, 0);
  return {
    orderNo: o.orderNo,
    referenceNo: o.referenceNo,
    originOrderNo: o.originOrderNo ?? '',
    originReferenceNo: o.originReferenceNo ?? '',
    status: s.status,
    statusMsg: s.statusMsg,
    serviceName: o.serviceName,
    serviceCode: o.serviceCode,
    keepShipService: o.keepShipService,
    shipmentCarrier: shipped ? o.carrier : '',
    shipmentService: shipped ? o.serviceName : '',
    trackingNo: shipped ? o.trackingNo : '',
    trackingNoList: shipped ? [o.trackingNo] : [],
    dateCreated: etowerTime(o.createdAt),
    submissionDate: o.confirmedAt === null ? '' : etowerTime(o.confirmedAt),
    outboundDate: shipped ? etowerTime(s.shippedAt!) : '',
    cancelDate: s.cancelledAt === null ? '' : etowerTime(s.cancelledAt),
    cancelResult: '',
    abnormalCauses: s.abnormalCauses,
    shipperName: 'Sandbox Shipper',
    shipperWarehouseCode: o.facility,
    remark: o.remark,
    packingDetails: o.lines.map((l) => ({
      boxNo: '',
      sku: l.sku,
      skuNameEn: `Item ${l.sku}`,
      skuNameLocal: '',
      productCount: shipped ? l.quantity : '',
      forecastProductCount: l.quantity,
    })),
    totalForecastProductCount: total,
    totalProductCount: shipped ? total : '',
    totalWeight: '',
    totalWeightUnit: 'KG',
    feeTotals: [],
  };
}
