import {
  RESPONSE_SCHEMAS,
  cancelAsnOrderResponse,
  cancelOrderResponse,
  channelsResponse,
  createAsnOrderResponse,
  createOrderResponse,
  fail,
  failResponseSchema,
  getAsnListResponse,
  getOrderResponse,
  insertSkuInfoResponse,
  syncInventoryResponse,
  warehousesResponse,
} from '../src/index';

describe('response builders', () => {
  it('fail() emits boolean false and the message', () => {
    expect(fail('orderNumber is required')).toEqual({ success: false, message: 'orderNumber is required' });
    expect(failResponseSchema.safeParse(fail('x')).success).toBe(true);
    expect(failResponseSchema.safeParse({ success: 'false', message: 'x' }).success).toBe(false);
  });

  const cases: Array<[keyof typeof RESPONSE_SCHEMAS, Record<string, unknown>]> = [
    ['warehouses', warehousesResponse([{ warehouseCode: 'CA1', warehouseName: 'CA Warehouse' }])],
    [
      'channels',
      channelsResponse([
        { channelCode: 'FedexGround', channelName: 'FedEx Ground', warehouseCode: 'CA1', carrierName: 'FEDEX' },
      ]),
    ],
    ['createOrder', createOrderResponse({ warehouseOrderNumber: 'S111111-09987666' })],
    [
      'getOrder',
      getOrderResponse({
        orderNumber: 'S0000001',
        wmsStatus: 'Shipped',
        status: 'SUCCESS',
        carrierName: 'FEDEX',
        trackingNumber: 'TEST0001',
      }),
    ],
    ['cancelOrder', cancelOrderResponse()],
    [
      'syncInventory',
      syncInventoryResponse({
        currentPage: 1,
        pageCount: 1,
        data: [
          { warehouseCode: 'wms', warehouseSku: 'sku', sellableQuantity: 33, totalQuantity: '99', onwayQuantity: 11 },
        ],
      }),
    ],
    ['createAsnOrder', createAsnOrderResponse('A1234')],
    [
      'getAsnList',
      getAsnListResponse([
        {
          asnNumber: 'sja11122',
          wmsStatus: 'NEW',
          skuList: [
            { sku: 'acs', name: 'Cup', estimatedQuantity: 12, receivedQuantity: 12, goodQuantity: 5, badQuantity: 7 },
          ],
        },
      ]),
    ],
    ['cancelAsnOrder', cancelAsnOrderResponse([{ asnNumber: 'A1234', ok: true }])],
    ['insert_sku_info', insertSkuInfoResponse([{ sku: 'A1234', ok: true }])],
  ];

  it.each(cases)('%s emits boolean success, a message string, and matches its schema', (method, response) => {
    expect(response.success).toBe(true);
    expect(typeof response.message).toBe('string');
    const parsed = RESPONSE_SCHEMAS[method].safeParse(JSON.parse(JSON.stringify(response)));
    expect(parsed.error?.issues).toBeUndefined();
    expect(RESPONSE_SCHEMAS[method].safeParse({ ...response, success: 'true' }).success).toBe(false);
  });

  it('syncInventory writes quantities as strings with 0 for the optional ones', () => {
    const r = syncInventoryResponse({
      currentPage: 1,
      pageCount: 3,
      data: [{ warehouseCode: 'W', warehouseSku: 'S', sellableQuantity: 5, totalQuantity: 7 }],
    });
    expect(r.isLastPage).toBe(false);
    expect(r.data[0]).toEqual({
      warehouseCode: 'W',
      warehouseSku: 'S',
      onwayQuantity: '0',
      pendingQuantity: '0',
      sellableQuantity: '5',
      unsellableQuantity: '0',
      reservedQuantity: '0',
      useQuantity: '0',
      totalQuantity: '7',
    });
    expect(syncInventoryResponse({ currentPage: 3, pageCount: 3, data: [] }).isLastPage).toBe(true);
  });

  it('getOrder leaves out undefined optional fields and keeps the contract extras', () => {
    const r = getOrderResponse({
      orderNumber: 'O',
      wmsStatus: '1',
      status: 'SENDING',
      trackingNumber: undefined,
      warehouseOrderNumber: 'E1',
      warehouseCode: 'W',
    });
    expect(r.data).toEqual({
      orderNumber: 'O',
      wmsStatus: '1',
      status: 'SENDING',
      warehouseOrderNumber: 'E1',
      warehouseCode: 'W',
    });
    expect('trackingNumber' in r.data).toBe(false);
  });

  it('batch answers fail as a whole when one item fails, and say which', () => {
    const r = cancelAsnOrderResponse([
      { asnNumber: 'A1', ok: true },
      { asnNumber: 'A2', ok: false, info: 'already received' },
    ]);
    expect(r).toEqual({
      success: false,
      message: 'A2: already received',
      results: [
        { asnNumber: 'A1', operation: 'CANCEL', info: '' },
        { asnNumber: 'A2', operation: 'CANCEL', info: 'already received' },
      ],
    });
    expect(insertSkuInfoResponse([{ sku: 'S', ok: true }]).results).toEqual([
      { sku: 'S', operation: 'CREATE', info: '' },
    ]);
  });

  it('getAsnList fills the table-required referenceNumber and finishTime with ""', () => {
    const r = getAsnListResponse([{ asnNumber: 'A', wmsStatus: 'RECEIVING', skuList: [] }]);
    expect(r.asnList[0]).toEqual({
      asnNumber: 'A',
      wmsStatus: 'RECEIVING',
      referenceNumber: '',
      finishTime: '',
      skuList: [],
    });
  });
});
