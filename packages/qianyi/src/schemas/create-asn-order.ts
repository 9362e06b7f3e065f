// createAsnOrder (seed §9).
// Leniencies: estimatedArrivalDate may be null (the example sends null) or a numeric string;
// asnMarkSku[].boxNumber arrives as a string in the example ("1") and is read as a number;
// a lone skuList / asnMarkSku object is read as a list of one; asnMarkSku absent or null -> [].
import type { z } from 'zod';
import { nonEmptyList, obj, optList, optNum, optStr, positiveInt, str } from './coerce';

const asnLineSchema = obj({
  sku: str(),
  name: optStr(),
  quantity: positiveInt(),
});

const asnMarkSkuSchema = obj({
  boxNumber: optNum(),
  markCode: optStr(),
  quantity: optNum(),
  sku: optStr(),
  name: optStr(),
  length: optNum(),
  width: optNum(),
  height: optNum(),
});

export const createAsnOrderContentSchema = obj({
  asnNumber: str(),
  warehouseCode: str(),
  customNumber: optStr(),
  estimatedArrivalDate: optNum(),
  trackNumber: optStr(),
  type: optStr(),
  orderNumber: optStr(),
  onlineOrderId: optStr(),
  saleReturnReason: optStr(),
  skuList: nonEmptyList(asnLineSchema),
  asnMarkSku: optList(asnMarkSkuSchema),
});

export type CreateAsnOrderContent = z.output<typeof createAsnOrderContentSchema>;
export type CreateAsnOrderLine = CreateAsnOrderContent['skuList'][number];
export type AsnMarkSku = CreateAsnOrderContent['asnMarkSku'][number];
