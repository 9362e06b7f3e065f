import type { EtowerProductInput } from '@bridge/etower';
import type { ProductDefaults } from '@bridge/config';
import { ID_LENGTH, MAX_SIZE, MAX_WEIGHT, type InsertSkuInfoContent } from '@bridge/qianyi';

export type ProductMapping = { ok: true; product: EtowerProductInput } | { ok: false; message: string };

/**
 * Weight units: Qianyi sends KG, LBS or GRAM; eTower takes KG or LB. Grams become kilograms (÷1000), pounds
 * keep their value under eTower's spelling. Sizes: Qianyi sends cm, in or m; eTower takes CM or IN; metres
 * become centimetres (×100). eTower stores weight to 3 decimals and sizes to 1.
 */
export function convertWeight(value: number, unit: 'KG' | 'LBS' | 'GRAM'): { value: number; unit: 'KG' | 'LB' } {
  if (unit === 'GRAM') return { value: round(value / 1000, 3), unit: 'KG' };
  return { value: round(value, 3), unit: unit === 'LBS' ? 'LB' : 'KG' };
}

export function convertDimension(value: number, unit: 'cm' | 'in' | 'm'): { value: number; unit: 'CM' | 'IN' } {
  if (unit === 'm') return { value: round(value * 100, 1), unit: 'CM' };
  return { value: round(value, 1), unit: unit === 'in' ? 'IN' : 'CM' };
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const latinOnly = (s: string) => /^[\x20-\x7e]+$/.test(s);

/**
 * The bound of a converted weight or size, which the schema cannot check alone: the unit may be the tenant's
 * default, and 150,000 GRAM fits eTower where 150,000 KG does not. Rounded to eTower's precision, the value must
 * stay above 0 (0.0001 KG would arrive as 0) and within its decimal(8,3) / decimal(5,1).
 */
function outOfBounds(
  field: string,
  value: { value: number; unit: string },
  max: number,
  step: number,
): string | undefined {
  if (value.value > 0 && value.value <= max) return undefined;
  return `${field} must be at least ${step} and at most ${max} ${value.unit} once converted to eTower's unit`;
}

/**
 * Qianyi's insert_sku_info -> eTower's product. What Qianyi sends wins; what it never sends (HS code, material,
 * usage, declared value and currency, battery and other-attribute codes, own-packaging flag) comes from the
 * tenant's productDefaults. Names: the title is used for the Chinese name, and for the English name when it is
 * plain Latin text; otherwise the configured skuNameCn / skuNameEn. A value with no source refuses the product,
 * naming every missing field, before anything is queued.
 */
export function toEtowerProduct(item: InsertSkuInfoContent, defaults: ProductDefaults = {}): ProductMapping {
  const missing: string[] = [];
  const need = <T>(value: T | undefined, name: string): T => {
    if (value === undefined || value === null || value === '') missing.push(name);
    return value as T;
  };
  const where = (field: string) => `${field} (not sent by Qianyi; set productDefaults.${field} for this tenant)`;
  // The schema refuses it already (limits.ts); kept because a longer SKU can never be created at eTower.
  if (item.sku.length > ID_LENGTH.sku)
    return { ok: false, message: `sku ${item.sku} is longer than eTower's ${ID_LENGTH.sku} characters` };

  const title = item.title?.trim() || undefined;
  const skuNameCn = need(title ?? defaults.skuNameCn, 'skuNameCn (title not sent; set productDefaults.skuNameCn)');
  const skuNameEn = need(
    title && latinOnly(title) ? title : (defaults.skuNameEn ?? title),
    'skuNameEn (title not sent; set productDefaults.skuNameEn)',
  );
  const weightUnit = item.weightUnit ?? defaults.weightUnit;
  const dimensionUnit = item.dimensionUnit ?? defaults.dimensionUnit;
  const weight = need(item.weight ?? undefined, 'weight');
  need(weight === undefined ? 'x' : weightUnit, 'weightUnit (not sent; set productDefaults.weightUnit)');
  const length = need(item.length ?? undefined, 'length');
  const width = need(item.width ?? undefined, 'width');
  const height = need(item.height ?? undefined, 'height');
  need(
    length === undefined && width === undefined && height === undefined ? 'x' : dimensionUnit,
    'dimensionUnit (not sent; set productDefaults.dimensionUnit)',
  );
  const hsCode = need(defaults.hsCode, where('hsCode'));
  const productMaterial = need(defaults.productMaterial, where('productMaterial'));
  const productUsage = need(defaults.productUsage, where('productUsage'));
  const invoiceValue = need(defaults.invoiceValue, where('invoiceValue'));
  const currency = need(defaults.currency, where('currency'));
  const batterySize = need(defaults.batterySize, where('batterySize'));
  const otherAttributes = need(defaults.otherAttributes, where('otherAttributes'));
  const shippingBagPacked = need(defaults.shippingBagPacked, where('shippingBagPacked'));
  if (missing.length > 0)
    return { ok: false, message: `product ${item.sku} cannot be created at eTower: missing ${missing.join(', ')}` };

  const w = convertWeight(weight, weightUnit!);
  const l = convertDimension(length, dimensionUnit!);
  const wd = convertDimension(width, dimensionUnit!);
  const h = convertDimension(height, dimensionUnit!);
  const bounds = [
    outOfBounds('weight', w, MAX_WEIGHT, 0.001),
    outOfBounds('length', l, MAX_SIZE, 0.1),
    outOfBounds('width', wd, MAX_SIZE, 0.1),
    outOfBounds('height', h, MAX_SIZE, 0.1),
  ].filter((m) => m !== undefined);
  if (bounds.length > 0)
    return { ok: false, message: `product ${item.sku} cannot be created at eTower: ${bounds.join('; ')}` };
  const product: EtowerProductInput = {
    sku: item.sku,
    skuNameCn: skuNameCn.slice(0, 255),
    skuNameEn: skuNameEn.slice(0, 255),
    hsCode,
    grossWeight: w.value,
    estimateWeightUnit: w.unit,
    productLength: l.value,
    productWidth: wd.value,
    productHeight: h.value,
    estimateDimensionUnit: l.unit,
    invoiceValue,
    currency,
    shippingBagPacked,
    productMaterial,
    productUsage,
    batterySize,
    otherAttributes,
  };
  // barcode, specifications and imageUrl are within eTower's lengths already: the schema refuses longer ones.
  if (item.barcode) product.barCodeNumber = item.barcode;
  if (defaults.originCountry) product.originCountry = defaults.originCountry;
  if (defaults.brand) product.brand = defaults.brand;
  if (item.specifications) product.model = item.specifications;
  if (item.imageUrl) product.url = item.imageUrl;
  return { ok: true, product };
}
