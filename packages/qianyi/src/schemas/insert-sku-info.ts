// insert_sku_info (seed §11).
// Leniencies: erpSku is required by the table but absent from the seed's example -> defaults to sku;
// the example sends dimensions and weights as strings ("1") and itemPackage as null, both accepted.
// Units are matched case-insensitively and returned canonical (KG/LBS/GRAM, cm/in/m); an unknown
// unit is refused, because it cannot be converted for the warehouse.
import type { z } from 'zod';
import { obj, optNum, optOneOf, optStr, str, withErpSku } from './coerce';

export const WEIGHT_UNITS = ['KG', 'LBS', 'GRAM'] as const;
export const DIMENSION_UNITS = ['cm', 'in', 'm'] as const;

export const insertSkuInfoContentSchema = obj({
  warehouseCode: optStr(),
  sku: str(255),
  erpSku: optStr(255),
  title: optStr(255),
  barcode: optStr(255),
  specifications: optStr(),
  imageUrl: optStr(),
  weight: optNum(),
  netWeight: optNum(),
  weightUnit: optOneOf(WEIGHT_UNITS),
  length: optNum(),
  width: optNum(),
  height: optNum(),
  dimensionUnit: optOneOf(DIMENSION_UNITS),
  itemPackage: optNum(),
}).transform((sku) => withErpSku(sku));

export type InsertSkuInfoContent = z.output<typeof insertSkuInfoContentSchema>;
