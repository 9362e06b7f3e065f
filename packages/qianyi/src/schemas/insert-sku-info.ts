// insert_sku_info (seed §11).
// Leniencies: erpSku is required by the table but absent from the seed's example -> defaults to sku;
// the example sends dimensions and weights as strings ("1") and itemPackage as null, both accepted.
// Units are matched case-insensitively and returned canonical (KG/LBS/GRAM, cm/in/m); an unknown
// unit is refused, because it cannot be converted for the warehouse.
// Bounds (limits.ts): sku within eTower's 30 characters (Qianyi allows 255, but eTower cannot hold a longer
// one), barcode and specifications within eTower's barCodeNumber and model (refused, never cut), imageUrl an
// http(s) URL within eTower's 4000; weight and sizes greater than 0, and at most what eTower's decimal(8,3) /
// decimal(5,1) hold in the smallest unit Qianyi may use (grams, cm); the bound in the value's own unit is
// checked where the unit is known for sure, after the tenant's default unit applies (bridge product-mapping.ts).
import type { z } from 'zod';
import { id, optHttpUrl, optId, optMeasure, optQuantity, optText } from './bounded';
import { obj, optOneOf, withErpSku } from './coerce';
import { ID_LENGTH, MAX_QUANTITY, MAX_RAW_WEIGHT, MAX_SIZE, TEXT_LENGTH } from './limits';

export const WEIGHT_UNITS = ['KG', 'LBS', 'GRAM'] as const;
export const DIMENSION_UNITS = ['cm', 'in', 'm'] as const;

export const insertSkuInfoContentSchema = obj({
  warehouseCode: optId(ID_LENGTH.warehouseCode),
  sku: id(ID_LENGTH.sku),
  erpSku: optId(ID_LENGTH.erpSku),
  title: optText(TEXT_LENGTH.productName),
  barcode: optId(ID_LENGTH.barcode),
  specifications: optText(TEXT_LENGTH.specifications),
  imageUrl: optHttpUrl(TEXT_LENGTH.imageUrl),
  weight: optMeasure(MAX_RAW_WEIGHT),
  netWeight: optMeasure(MAX_RAW_WEIGHT, { allowZero: true }),
  weightUnit: optOneOf(WEIGHT_UNITS),
  length: optMeasure(MAX_SIZE),
  width: optMeasure(MAX_SIZE),
  height: optMeasure(MAX_SIZE),
  dimensionUnit: optOneOf(DIMENSION_UNITS),
  itemPackage: optQuantity(0, MAX_QUANTITY),
}).transform((sku) => withErpSku(sku));

export type InsertSkuInfoContent = z.output<typeof insertSkuInfoContentSchema>;
