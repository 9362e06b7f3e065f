import { z } from 'zod';
import { date, flag, id, list, num, qty, text } from '../envelope';

// orderList (reference §3.4). Field names differ between page versions; older names are folded into the
// newer ones (dateShipping -> outboundDate, dateSending -> submissionDate, dateCancel -> cancelDate).

export const orderPackingLineSchema = z.object({
  boxNo: text,
  sku: text,
  skuNameEn: text,
  skuNameLocal: text,
  productCount: qty,
  forecastProductCount: num,
});

const rawOrderSchema = z.object({
  orderNo: id,
  referenceNo: id,
  originOrderNo: text,
  originReferenceNo: text,
  status: num,
  statusMsg: text,
  serviceName: text,
  serviceCode: text,
  keepShipService: flag,
  shipmentCarrier: text,
  shipmentService: text,
  trackingNo: text,
  trackingNoList: list(z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string())),
  dateCreated: date,
  submissionDate: date,
  dateSending: date,
  outboundDate: date,
  dateShipping: date,
  cancelDate: date,
  dateCancel: date,
  cancelResult: text,
  abnormalCauses: text,
  shipperName: text,
  shipperWarehouseCode: text,
  remark: text,
  packingDetails: list(orderPackingLineSchema),
  totalForecastProductCount: num,
  totalProductCount: num,
  totalWeight: num,
  totalWeightUnit: text,
  packageActualWeight: num,
  packageActualBillingWeight: num,
});

export const orderSchema = rawOrderSchema.transform((o) => {
  const { dateSending, dateShipping, dateCancel, trackingNoList, ...rest } = o;
  // trackingNo may hold several numbers joined with ';'; trackingNoList (newer pages) is the same as a list.
  const fromText = (o.trackingNo ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  const trackingNos = [...new Set([...trackingNoList.map((s) => s.trim()).filter(Boolean), ...fromText])];
  return {
    ...rest,
    trackingNoList,
    trackingNos,
    submissionDate: o.submissionDate ?? dateSending,
    outboundDate: o.outboundDate ?? dateShipping,
    cancelDate: o.cancelDate ?? dateCancel,
  };
});

export const orderListSchema = list(orderSchema);

export type EtowerOrderPackingLine = z.output<typeof orderPackingLineSchema>;
export type EtowerOrder = z.output<typeof orderSchema>;
