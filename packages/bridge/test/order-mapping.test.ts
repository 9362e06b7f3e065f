import { createOrderContentSchema } from '@bridge/qianyi';
import { refusalBeforeSending, toEtowerOrder } from '../src/orders/order-mapping';

const base = createOrderContentSchema.parse({
  orderNumber: 'SO-1',
  onlineOrderId: '113195753779',
  shopName: '测试',
  warehouseCode: 'USWH1',
  logisticsCode: 'USPS Ground',
  platform: 'tiktok',
  freight: 20,
  receiver: {
    name: 'Kim',
    phone: '1',
    email: '',
    country: 'us',
    state: 'AR',
    city: 'Harrison',
    district: 'null',
    address1: 'Street 1',
    address2: '',
    postalCode: '72601',
  },
  skuList: [
    {
      sku: 'A',
      quantity: '3',
      amount: '30.00',
      englishCustomsDeclarationName: 'Cup',
      chineseCustomsDeclarationName: '杯',
      hsCode: '392410',
    },
    { sku: 'B', name: 'Plate', quantity: 1, amount: 0.1 },
  ],
});

describe('createOrder -> eTower createOrders', () => {
  test('the mapping of the README', () => {
    const o = toEtowerOrder(base, { confirmNow: true, allowCodPassthrough: false });
    expect(o).toMatchObject({
      orderType: 'Fulfillment',
      facility: 'USWH1',
      referenceNo: 'SO-1',
      channelCode: 'USPS Ground',
      isNeedConfirm: true,
    });
    expect(o.consignee).toEqual({
      name: 'Kim',
      phone: '1',
      countryCode: 'US',
      state: 'AR',
      city: 'Harrison',
      addressLine1: 'Street 1',
      zipCode: '72601',
    });
    expect(o.parcels).toHaveLength(1);
    expect(o.parcels[0]).toMatchObject({ referenceNo: 'SO-1', invoiceValue: 30.1 });
    expect(o.parcels[0]!.items).toEqual([
      { sku: 'A', quantity: 3, unitPrice: 10, itemNumber: 'A', itemDescEn: 'Cup', itemDesc: '杯', hsCode: '392410' },
      { sku: 'B', quantity: 1, unitPrice: 0.1, itemNumber: 'B', itemDescEn: 'Plate' },
    ]);
    expect(o.extendData).toEqual({
      qianyiShopName: '测试',
      qianyiPlatform: 'tiktok',
      qianyiOnlineOrderId: '113195753779',
      qianyiFreight: 20,
    });
    expect(o.remark).toBe('Qianyi tiktok 测试 113195753779');
    expect('platform' in o).toBe(false);
  });

  test('a held draft is created unconfirmed', () => {
    expect(toEtowerOrder(base, { confirmNow: false, allowCodPassthrough: false }).isNeedConfirm).toBe(false);
  });

  test('self-shipped label', () => {
    const own = createOrderContentSchema.parse({
      ...base,
      orderNumber: 'SO/2',
      packageType: 'OWN_PACKAGE',
      trackingNumber: 'TRK',
      labelData: 'JVBERi0=',
    });
    expect(toEtowerOrder(own, { confirmNow: true, allowCodPassthrough: false }).parcels[0]).toMatchObject({
      trackingNo: 'TRK',
      labelType: 1,
      label: 'JVBERi0=',
      labelName: 'SO_2.pdf',
    });
  });

  test('COD: refused unless the tenant allows passthrough, then carried in extendData', () => {
    const cod = createOrderContentSchema.parse({ ...base, codEnabled: 1, codPayAmount: '35.50', codCurrency: 'USD' });
    expect(refusalBeforeSending(cod, { allowCodPassthrough: false })).toMatch(/no cash-on-delivery field/);
    expect(refusalBeforeSending(cod, { allowCodPassthrough: true })).toBeUndefined();
    expect(toEtowerOrder(cod, { confirmNow: true, allowCodPassthrough: true }).extendData).toMatchObject({
      codAmount: 35.5,
      codCurrency: 'USD',
    });
    expect(toEtowerOrder(cod, { confirmNow: true, allowCodPassthrough: false }).extendData).not.toHaveProperty(
      'codAmount',
    );
  });

  test("a long remark is clipped to eTower's 200 characters", () => {
    const long = createOrderContentSchema.parse({ ...base, shopName: 'S'.repeat(250) });
    expect(toEtowerOrder(long, { confirmNow: true, allowCodPassthrough: false }).remark!.length).toBe(200);
  });
});
