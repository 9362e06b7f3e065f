import type { EtowerProductInput } from '@bridge/etower';
import type { ProductDefaults } from '@bridge/config';
import type { InsertSkuInfoContent } from '@bridge/qianyi';

export type ProductMapping = { ok: true; product: EtowerProductInput } | { ok: false; message: string };

/** eTower's product/create limits (reference §3.7). */
const SKU_MAX = 30;

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
  if (item.sku.length > SKU_MAX) return { ok: false, message: `sku ${item.sku} is longer than eTower's ${SKU_MAX} characters` };

  const title = item.title?.trim() || undefined;
  const skuNameCn = need(title ?? defaults.skuNameCn, 'skuNameCn (title not sent; set productDefaults.skuNameCn)');
  const skuNameEn = need(title && latinOnly(title) ? title : defaults.skuNameEn ?? title, 'skuNameEn (title not sent; set productDefaults.skuNameEn)');
  const weightUnit = item.weightUnit ?? defaults.weightUnit;
  const dimensionUnit = item.dimensionUnit ?? defaults.dimensionUnit;
  const weight = need(item.weight ?? undefined, 'weight');
  need(weight === undefined ? 'x' : weightUnit, 'weightUnit (not sent; set productDefaults.weightUnit)');
  const length = need(item.length ?? undefined, 'length');
  const width = need(item.width ?? undefined, 'width');
  const height = need(item.height ?? undefined, 'height');
  need(length === undefined && width === undefined && height === undefined ? 'x' : dimensionUnit, 'dimensionUnit (not sent; set productDefaults.dimensionUnit)');
  const hsCode = need(defaults.hsCode, where('hsCode'));
  const productMaterial = need(defaults.productMaterial, where('productMaterial'));
  const productUsage = need(defaults.productUsage, where('productUsage'));
  const invoiceValue = need(defaults.invoiceValue, where('invoiceValue'));
  const currency = need(defaults.currency, where('currency'));
  const batterySize = need(defaults.batterySize, where('batterySize'));
  const otherAttributes = need(defaults.otherAttributes, where('otherAttributes'));
  const shippingBagPacked = need(defaults.shippingBagPacked, where('shippingBagPacked'));
  if (missing.length > 0) return { ok: false, message: `product ${item.sku} cannot be created at eTower: missing ${missing.join(', ')}` };

  const w = convertWeight(weight, weightUnit!);
  const l = convertDimension(length, dimensionUnit!);
  const product: EtowerProductInput = {
    sku: item.sku,
    skuNameCn: skuNameCn.slice(0, 255),
    skuNameEn: skuNameEn.slice(0, 255),
    hsCode,
    grossWeight: w.value,
    estimateWeightUnit: w.unit,
    productLength: l.value,
    productWidth: convertDimension(width, dimensionUnit!).value,
    productHeight: convertDimension(height, dimensionUnit!).value,
    estimateDimensionUnit: l.unit,
    invoiceValue,
    currency,
    shippingBagPacked,
    productMaterial,
    productUsage,
    batterySize,
    otherAttributes,
  };
  if (item.barcode) product.barCodeNumber = item.barcode.slice(0, 50);
  if (defaults.originCountry) product.originCountry = defaults.originCountry;
  if (defaults.brand) product.brand = defaults.brand;
  if (item.specifications) product.model = item.specifications.slice(0, 127);
  if (item.imageUrl && item.imageUrl.length <= 4000) product.url = item.imageUrl;
  return { ok: true, product };
}
