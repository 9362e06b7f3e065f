import type { InsertSkuInfoContent } from '@bridge/qianyi';
import { convertDimension, convertWeight, toEtowerProduct } from '../src/skus/product-mapping';

const defaults = {
  hsCode: '392410',
  productMaterial: 'plastic',
  productUsage: 'drinking',
  invoiceValue: 5.5,
  currency: 'USD',
  batterySize: 0 as const,
  otherAttributes: 7 as const,
  shippingBagPacked: 0 as const,
  skuNameCn: '默认',
  skuNameEn: 'Default name',
};
const item = (over: Partial<InsertSkuInfoContent> = {}): InsertSkuInfoContent =>
  ({
    sku: 'A1',
    erpSku: 'A1',
    title: 'Water cup',
    weight: 350,
    weightUnit: 'GRAM',
    length: 0.1,
    width: 0.08,
    height: 0.12,
    dimensionUnit: 'm',
    ...over,
  }) as InsertSkuInfoContent;

describe('unit conversion', () => {
  test.each([
    [1500, 'GRAM', 1.5, 'KG'],
    [2, 'LBS', 2, 'LB'],
    [0.35, 'KG', 0.35, 'KG'],
    [1, 'GRAM', 0.001, 'KG'],
  ] as const)('%s %s -> %s %s', (v, u, ev, eu) => {
    expect(convertWeight(v, u)).toEqual({ value: ev, unit: eu });
  });
  test.each([
    [1.2, 'm', 120, 'CM'],
    [10, 'in', 10, 'IN'],
    [12.34, 'cm', 12.3, 'CM'],
  ] as const)('%s %s -> %s %s', (v, u, ev, eu) => {
    expect(convertDimension(v, u)).toEqual({ value: ev, unit: eu });
  });
});

describe('toEtowerProduct', () => {
  test('Qianyi fields, converted units and the tenant defaults make a complete product', () => {
    const r = toEtowerProduct(item({ barcode: 'BC1' }), defaults);
    expect(r).toEqual({
      ok: true,
      product: expect.objectContaining({
        sku: 'A1',
        skuNameCn: 'Water cup',
        skuNameEn: 'Water cup',
        grossWeight: 0.35,
        estimateWeightUnit: 'KG',
        productLength: 10,
        productWidth: 8,
        productHeight: 12,
        estimateDimensionUnit: 'CM',
        hsCode: '392410',
        currency: 'USD',
        invoiceValue: 5.5,
        batterySize: 0,
        otherAttributes: 7,
        shippingBagPacked: 0,
        barCodeNumber: 'BC1',
      }),
    });
  });
  test('a Chinese title names the product in Chinese; the English name comes from the defaults', () => {
    const r = toEtowerProduct(item({ title: 'A1234名称' }), defaults);
    expect(r.ok && [r.product.skuNameCn, r.product.skuNameEn]).toEqual(['A1234名称', 'Default name']);
  });
  test('a missing required value with no source is refused, naming it', () => {
    const { hsCode: _h, currency: _c, ...partial } = defaults;
    const r = toEtowerProduct(item(), partial);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/hsCode.*currency/);
    expect(!r.ok && r.message).toContain('A1');
  });
  test('no weight from Qianyi is refused as "weight"', () => {
    const r = toEtowerProduct(item({ weight: undefined }), defaults);
    expect(!r.ok && r.message).toMatch(/missing weight/);
  });
  test('a size without unit uses the tenant default unit, else is refused', () => {
    expect(toEtowerProduct(item({ dimensionUnit: undefined }), defaults).ok).toBe(false);
    const r = toEtowerProduct(item({ dimensionUnit: undefined }), { ...defaults, dimensionUnit: 'cm' });
    expect(r.ok && r.product.productLength).toBe(0.1);
  });
  test('an SKU longer than eTower allows is refused', () => {
    expect(toEtowerProduct(item({ sku: 'X'.repeat(31) }), defaults).ok).toBe(false);
  });
  test("a weight or size is bounded in eTower's unit, after conversion (the unit may be the tenant's default)", () => {
    expect(toEtowerProduct(item({ weight: 150_000, weightUnit: 'GRAM' }), defaults)).toMatchObject({
      ok: true,
      product: { grossWeight: 150 },
    });
    expect(toEtowerProduct(item({ weight: 150_000, weightUnit: 'KG' }), defaults)).toEqual({
      ok: false,
      message:
        "product A1 cannot be created at eTower: weight must be at least 0.001 and at most 99999.999 KG once converted to eTower's unit",
    });
    expect(toEtowerProduct(item({ weight: 0.0001, weightUnit: undefined }), { ...defaults, weightUnit: 'KG' }).ok).toBe(
      false,
    );
    expect(toEtowerProduct(item({ length: 200, dimensionUnit: 'cm' }), defaults).ok).toBe(true);
    const r = toEtowerProduct(item({ length: 200, height: 0.0001 }), defaults);
    expect(!r.ok && r.message).toBe(
      "product A1 cannot be created at eTower: length must be at least 0.1 and at most 9999.9 CM once converted to eTower's unit; height must be at least 0.1 and at most 9999.9 CM once converted to eTower's unit",
    );
  });
});
