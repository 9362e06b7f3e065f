import { z } from 'zod';
import { date, id, list, num, qty, text } from '../envelope';

// b2b/poList (reference §3.9). The status enum is undocumented (only 100 seen), so status stays a raw
// number and the caller derives progress from forecastAmount / putAwayQty.

export const poLineSchema = z.object({
  sku: id,
  skuNameEn: text,
  skuNameLocal: text,
  forecastAmount: qty,
  putAwayQty: qty,
  putAwayTime: date,
});

export const poSchema = z.object({
  orderNo: text,
  referenceNo: id,
  shippingPlanNo: text,
  status: num,
  statusMsg: text,
  boxNumber: num,
  dateCreated: date,
  deliveredDate: date,
  shipperName: text,
  totalVolumeDeclared: num,
  totalVolumeUnit: text,
  packingDetails: list(poLineSchema),
});

export const poListSchema = list(poSchema);

/** What b2b/po answers: an object with the numbers, just the orderNo as a string, or "" (nothing). */
export const poCreatedSchema = z.union([
  z.object({ orderNo: text, referenceNo: text, shippingPlanNo: text }),
  z
    .string()
    .transform((s) => ({ orderNo: s === '' ? undefined : s, referenceNo: undefined, shippingPlanNo: undefined })),
  z.null().transform(() => ({ orderNo: undefined, referenceNo: undefined, shippingPlanNo: undefined })),
]);

export type EtowerPoLine = z.output<typeof poLineSchema>;
export type EtowerPo = z.output<typeof poSchema>;
