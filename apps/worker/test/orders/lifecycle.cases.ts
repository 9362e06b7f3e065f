import { eventually, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber, pushesOf } from '../order-fixtures';

export function lifecycleCases(stack: () => BridgeHarness): void {
  let bridge: BridgeHarness;
  beforeAll(() => {
    bridge = stack();
  });

  test('full life: create -> accepted -> shipped -> getOrder SUCCESS with tracking -> one signed SUCCESS push', async () => {
    const n = orderNumber('LIFE');
    const created = await bridge.call('createOrder', order(n));
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      success: true,
      message: '',
      data: { warehouseOrderNumber: expect.stringMatching(/^C\d+O$/) },
    });
    const warehouseOrderNumber = created.body.data.warehouseOrderNumber;

    const shipped = await eventually(async () => {
      const res = await bridge.call('getOrder', { orderNumber: n });
      return res.body.data?.status === 'SUCCESS' ? res.body : undefined;
    });
    expect(shipped.data).toEqual({
      orderNumber: n,
      status: 'SUCCESS',
      wmsStatus: expect.any(String),
      carrierName: expect.any(String),
      trackingNumber: expect.stringMatching(/^9400111\d+$/),
      warehouseOrderNumber,
      warehouseCode: 'USWH1',
    });

    const pushes = await eventually(async () => {
      const list = await pushesOf(bridge, n);
      return list.some((p) => p.content.status === 'SUCCESS') ? list : undefined;
    });
    const success = pushes.filter((p) => p.content.status === 'SUCCESS');
    expect(success).toHaveLength(1);
    expect(success[0]).toMatchObject({ signCandidate: 'fastjson', method: 'pushOrderInfo', type: 'TESTWH' });
    expect(success[0]!.content).toMatchObject({
      orderNumber: n,
      warehouseCode: 'USWH1',
      trackNumber: shipped.data.trackingNumber,
      warehouseOrderNumber,
      skuList: [{ sku: 'SKU-000001', quantity: 2 }],
    });
    expect(success[0]!.content.shippingTime).toEqual(expect.any(Number));
    // SUCCESS is the last word: nothing older arrives after it.
    expect(pushes[pushes.length - 1]!.content.status).toBe('SUCCESS');

    const request = await bridge.control(`/__control/etower/orders/${n}/request`);
    expect(request.request).toMatchObject({
      orderType: 'Fulfillment',
      facility: 'USWH1',
      referenceNo: n,
      channelCode: 'USPS Ground',
      isNeedConfirm: true,
      consignee: { name: 'Kimberly White', countryCode: 'US', zipCode: '72601', addressLine1: 'TestStreet1' },
      parcels: [
        {
          referenceNo: n,
          invoiceValue: 24.5,
          items: [
            {
              sku: 'SKU-000001',
              quantity: 2,
              unitPrice: 12.25,
              itemNumber: 'ERP-1',
              itemDescEn: 'Cup',
              itemDesc: '杯子',
              hsCode: '392410',
            },
          ],
        },
      ],
      extendData: {
        qianyiShopName: '测试店',
        qianyiPlatform: 'TIKTOK',
        qianyiOnlineOrderId: `ONL-${n}`,
        qianyiFreight: 20,
      },
    });
  });

  test('20 concurrent identical createOrder calls and later repeats: one create at eTower, one warehouseOrderNumber', async () => {
    const n = orderNumber('DUP');
    const answers = await Promise.all(Array.from({ length: 20 }, () => bridge.call('createOrder', order(n))));
    const later = await Promise.all(Array.from({ length: 5 }, () => bridge.call('createOrder', order(n))));
    const numbers = new Set([...answers, ...later].map((a) => a.body.data?.warehouseOrderNumber));
    expect([...answers, ...later].every((a) => a.status === 200 && a.body.success === true)).toBe(true);
    expect(numbers.size).toBe(1);
    expect([...numbers][0]).toMatch(/^C\d+O$/);
    const stats = await etowerStats(bridge);
    expect(stats.ordersCreated[n]).toBe(1);
    expect(stats.createOrderAttempts[n]).toBe(1);
  });

  test('an unknown order is answered success:false saying so', async () => {
    const res = await bridge.call('getOrder', { orderNumber: 'NEVER-SEEN' });
    expect(res.body).toEqual({
      success: false,
      message:
        'order NEVER-SEEN is not known to this bridge: it was never received, or it finished more than 30 days ago and is no longer kept (DOCUMENT_RETENTION_MS)',
    });
  });

  test('an order the warehouse split in two: one Qianyi order, both tracking numbers, shipped when both are', async () => {
    const n = orderNumber('SPLIT');
    const lines = [
      { sku: 'SKU-000001', quantity: 1, amount: 5 },
      { sku: 'SKU-000002', quantity: 1, amount: 6 },
    ];
    const created = await bridge.call('createOrder', order(n, { skuList: lines }));
    await bridge.control(`/__control/etower/orders/${n}/split`, { body: {} });
    const data = await eventually(async () => {
      const r = await bridge.call('getOrder', { orderNumber: n });
      return r.body.data?.status === 'SUCCESS' ? r.body.data : undefined;
    });
    expect(data.trackingNumber.split(',')).toHaveLength(2);
    expect(data.warehouseOrderNumber).toBe(created.body.data.warehouseOrderNumber);
  });
}
