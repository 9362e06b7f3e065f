import type { EtowerCreateOrderInput, EtowerPoInput, EtowerProductInput } from '../src';

// Request fixtures shared by the integration tests (they match the sandbox seed: USWH1, SKU-000001...).

export function order(referenceNo: string, over: Partial<EtowerCreateOrderInput> = {}): EtowerCreateOrderInput {
  return {
    orderType: 'Fulfillment',
    facility: 'USWH1',
    referenceNo,
    channelCode: 'USPS Ground',
    consignee: {
      name: 'Jane Doe',
      phone: '5551234567',
      countryCode: 'US',
      state: 'CA',
      city: 'Los Angeles',
      zipCode: '90001',
      addressLine1: '1 Main St',
    },
    parcels: [
      {
        referenceNo,
        items: [
          { sku: 'SKU-000001', quantity: 2 },
          { sku: 'SKU-000002', quantity: 1 },
        ],
      },
    ],
    ...over,
  };
}

export function product(sku: string, over: Partial<EtowerProductInput> = {}): EtowerProductInput {
  return {
    sku,
    skuNameCn: '水杯',
    skuNameEn: 'Water cup',
    hsCode: '392410',
    grossWeight: 0.35,
    estimateWeightUnit: 'KG',
    productLength: 10,
    productWidth: 8,
    productHeight: 12,
    estimateDimensionUnit: 'CM',
    invoiceValue: 5.5,
    currency: 'USD',
    shippingBagPacked: 0,
    productMaterial: 'plastic',
    productUsage: 'drinking',
    batterySize: 0,
    otherAttributes: 7,
    ...over,
  };
}

export function po(referenceNo: string, over: Partial<EtowerPoInput> = {}): EtowerPoInput {
  return {
    referenceNo,
    warehouseCode: 'USWH1',
    tallyRule: 1,
    useShipperBoxNo: 1,
    eta: '2030-01-10',
    shipperContactName: 'Li Lei',
    shipperPhone: '13800000000',
    country: 'CN',
    city: 'Shenzhen',
    addressLine1: '1 Factory Rd',
    boxes: [
      {
        boxNo: 'BOX-1',
        boxQty: 2,
        weightDeclared: 10,
        declaredWeightUnit: 'KG',
        lengthDeclared: 40,
        widthDeclared: 30,
        heightDeclared: 20,
        declareDimensionUnit: 'CM',
        lines: [
          { sku: 'SKU-000001', productQty: 8 },
          { sku: 'SKU-000002', productQty: 3 },
        ],
      },
      {
        boxNo: 'BOX-2',
        boxQty: 1,
        weightDeclared: 5,
        declaredWeightUnit: 'KG',
        lengthDeclared: 40,
        widthDeclared: 30,
        heightDeclared: 20,
        declareDimensionUnit: 'CM',
        lines: [{ sku: 'SKU-000001', productQty: 4 }],
      },
    ],
    ...over,
  };
}

export async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${baseUrl}/__control/etower${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
}
