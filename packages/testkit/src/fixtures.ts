// Tenant settings and documents the tests send, in one place (the ingress, worker and reliability tests share them).

/** An ASN sender given as a saved shipper code, with a default box. */
export const TEST_ASN_SHIPPER = {
  shipperWarehouseCode: 'SHIP-01',
  boxWeightKg: 8,
  boxLengthCm: 40,
  boxWidthCm: 30,
  boxHeightCm: 30,
};

/** What a tenant adds to every product Qianyi sends (`insert_sku_info`). */
export const TEST_PRODUCT_DEFAULTS = {
  hsCode: '392410',
  productMaterial: 'plastic',
  productUsage: 'household',
  invoiceValue: 3.5,
  currency: 'USD',
  batterySize: 0,
  otherAttributes: 7,
  shippingBagPacked: 0,
  skuNameEn: 'Household item',
};

/** A createAsnOrder content: two SKUs of the sandbox's seed, one box each. */
export const asnContent = (asnNumber: string, over: object = {}) => ({
  asnNumber,
  warehouseCode: 'USWH1',
  trackNumber: `T-${asnNumber}`,
  skuList: [
    { sku: 'SKU-000001', quantity: 10 },
    { sku: 'SKU-000002', quantity: 4 },
  ],
  asnMarkSku: [
    {
      boxNumber: '1',
      sku: 'SKU-000001',
      quantity: 10,
      markCode: `QY-${asnNumber}-1`,
      length: 50,
      width: 40,
      height: 30,
    },
    {
      boxNumber: '2',
      sku: 'SKU-000002',
      quantity: 4,
      markCode: `QY-${asnNumber}-2`,
      length: 20,
      width: 20,
      height: 20,
    },
  ],
  ...over,
});

/** An insert_sku_info content: a 350 g product of 20 × 10 × 5 cm with a title in Chinese. */
export const productContent = (sku: string, over: object = {}) => ({
  sku,
  erpSku: sku,
  title: `${sku} 名称`,
  barcode: `${sku}-BC`,
  weight: '350',
  weightUnit: 'GRAM',
  length: '0.2',
  width: '0.1',
  height: '0.05',
  dimensionUnit: 'm',
  ...over,
});
