// createAsnOrder (seed §9).
// Leniencies: estimatedArrivalDate may be null (the example sends null) or a numeric string;
// asnMarkSku[].boxNumber arrives as a string in the example ("1") and is read as a number;
// a lone skuList / asnMarkSku object is read as a list of one; asnMarkSku absent or null -> [].
// Bounds (limits.ts): asnNumber and warehouseCode within eTower's po lengths; quantities whole, 1..999,999,999
// (a packing entry's may be 0: it packs nothing and is skipped); box sizes 0..9,999.9 cm, eTower's
// decimal(5,1), where 0 means "not measured" and the tenant's default box size applies; estimatedArrivalDate a
// time in epoch milliseconds within 2000..2099 (1e30 used to reach the po mapping and answer HTTP 500).
import type { z } from 'zod';
import { id, optEpochMs, optId, optMeasure, optQuantity, optText, quantity } from './bounded';
import { nonEmptyList, obj, optList } from './coerce';
import { ID_LENGTH, MAX_LIST, MAX_QUANTITY, MAX_SIZE, TEXT_LENGTH } from './limits';

const asnLineSchema = obj({
  sku: id(ID_LENGTH.sku),
  name: optText(TEXT_LENGTH.productName),
  quantity: quantity(),
});

const asnMarkSkuSchema = obj({
  boxNumber: optQuantity(0, MAX_QUANTITY),
  markCode: optId(ID_LENGTH.other),
  quantity: optQuantity(0),
  sku: optId(ID_LENGTH.sku),
  name: optText(TEXT_LENGTH.productName),
  length: optMeasure(MAX_SIZE, { allowZero: true }),
  width: optMeasure(MAX_SIZE, { allowZero: true }),
  height: optMeasure(MAX_SIZE, { allowZero: true }),
});

export const createAsnOrderContentSchema = obj({
  asnNumber: id(ID_LENGTH.asnNumber),
  warehouseCode: id(ID_LENGTH.asnWarehouseCode),
  customNumber: optId(ID_LENGTH.other),
  estimatedArrivalDate: optEpochMs(),
  trackNumber: optId(ID_LENGTH.other),
  type: optId(ID_LENGTH.other),
  orderNumber: optId(ID_LENGTH.other),
  onlineOrderId: optId(ID_LENGTH.other),
  saleReturnReason: optText(TEXT_LENGTH.note),
  skuList: nonEmptyList(asnLineSchema, MAX_LIST.asnLines),
  asnMarkSku: optList(asnMarkSkuSchema, MAX_LIST.asnLines),
});

export type CreateAsnOrderContent = z.output<typeof createAsnOrderContentSchema>;
export type CreateAsnOrderLine = CreateAsnOrderContent['skuList'][number];
export type AsnMarkSku = CreateAsnOrderContent['asnMarkSku'][number];
