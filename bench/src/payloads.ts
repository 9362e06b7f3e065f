import { computeSign } from '@bridge/qianyi';

export const TENANT = {
  accessId: 'bench-access-id',
  secretKey: 'bench-secret-key',
  token: 'bench-token',
  key: 'bench-key',
  extraType: 'BENCHWH',
};

/** A createOrder content of about 1.5 KB: three lines, a full address, customs names (Chinese included). */
export function orderContent(orderNumber: string): Record<string, unknown> {
  const line = (i: number) => ({
    sku: `SKU-00000${i}`,
    erpSku: `ERP-SKU-${i}-BLUE-XL`,
    name: `Stainless steel insulated travel mug ${i}, 500 ml, blue`,
    quantity: i + 1,
    amount: 24.5 + i,
    hsCode: '9617001100',
    englishCustomsDeclarationName: 'Vacuum insulated mug',
    chineseCustomsDeclarationName: '不锈钢保温杯',
  });
  return {
    orderNumber,
    onlineOrderId: `ONL-${orderNumber}`,
    shopName: '千易测试店铺 Bench Store',
    warehouseCode: 'USWH1',
    logisticsCode: 'USPS Ground',
    platform: 'TIKTOK',
    freight: 20.0,
    codEnabled: 0,
    remark: 'Please pack carefully; fragile items inside. Deliver to the back door if nobody answers.',
    receiver: {
      name: 'Kimberly Anne White',
      phone: '1889838055188',
      email: 'kimberly.white@example.com',
      company: 'White Family Trading LLC',
      country: 'US',
      state: 'AR',
      city: 'Harrison',
      address1: '1234 Test Street, Building 5',
      address2: 'Apartment 67, Floor 8',
      postalCode: '72601',
    },
    skuList: [line(1), line(2), line(3)],
  };
}

/** The HTTP body of a correctly signed Qianyi call (JSON envelope, content as a string). */
export function signedBody(method: string, content: string): string {
  const sign = computeSign(TENANT.accessId, content === '' ? undefined : content, TENANT.secretKey);
  return JSON.stringify({ accessId: TENANT.accessId, method, content, sign });
}

/** Bodies for createOrder with distinct order numbers: `<prefix>-<n>`. The template is stringified once. */
export function createOrderBodies(prefix: string): (n: number) => string {
  const template = JSON.stringify(orderContent('@@N@@'));
  return (n) => signedBody('createOrder', template.replaceAll('@@N@@', `${prefix}-${n}`));
}

export function tenantEnv(etowerUrl: string): Record<string, string> {
  return {
    QIANYI_ACCESS_ID: TENANT.accessId,
    QIANYI_SECRET_KEY: TENANT.secretKey,
    QIANYI_CALLBACK_BASE_URL: etowerUrl,
    QIANYI_WAREHOUSE_EXTRA_TYPE: TENANT.extraType,
    ETOWER_BASE_URL: etowerUrl,
    ETOWER_TOKEN: TENANT.token,
    ETOWER_KEY: TENANT.key,
  };
}

export function sandboxEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    SANDBOX_PORT: '0',
    SANDBOX_ETOWER_TOKEN: TENANT.token,
    SANDBOX_ETOWER_KEY: TENANT.key,
    SANDBOX_QIANYI_ACCESS_ID: TENANT.accessId,
    SANDBOX_QIANYI_SECRET_KEY: TENANT.secretKey,
    ...extra,
  };
}
