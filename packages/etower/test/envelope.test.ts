import { decodeEnvelope, decodePayload, unwrapEnvelope } from '../src/envelope';
import { inventoryPageSchema } from '../src/decoders/inventory';
import { orderListSchema } from '../src/decoders/orders';
import { poListSchema } from '../src/decoders/po';
import { warehouseListSchema } from '../src/decoders/warehouses';
import { EtowerBusinessError } from '../src/errors/business-error';
import { EtowerMalformedResponseError } from '../src/errors/malformed-response-error';

const ep = '/api/supplier-service/test';

describe('decodeEnvelope', () => {
  it('treats "" errors as [] and needs success true AND code "0"', () => {
    expect(
      decodeEnvelope({ code: '0', data: [], errors: '', message: '', messageId: '', success: true, warnList: '' }),
    ).toEqual({ code: '0', ok: true, data: [], errors: [], message: '' });
    expect(decodeEnvelope({ code: '0', success: 'true', data: 1 })?.ok).toBe(true);
    expect(decodeEnvelope({ code: 0, success: true, data: 1 })?.ok).toBe(true);
    expect(decodeEnvelope({ code: '3', success: true, data: 1 })?.ok).toBe(false);
    expect(decodeEnvelope({ code: '0', success: false, data: 1 })?.ok).toBe(false);
    expect(decodeEnvelope({ code: '0', success: 'false', data: 1 })?.ok).toBe(false);
  });

  it('keeps eTower error items verbatim and tolerates odd ones', () => {
    const env = decodeEnvelope({
      code: '3',
      success: false,
      errors: [{ code: 600928, message: 'orderNO:X, only...' }, 'plain'],
    });
    expect(env?.errors).toEqual([
      { code: '600928', message: 'orderNO:X, only...' },
      { code: '', message: 'plain' },
    ]);
  });

  it('returns null for things that are not envelopes', () => {
    expect(decodeEnvelope('<html>')).toBeNull();
    expect(decodeEnvelope({ foo: 1 })).toBeNull();
  });
});

describe('unwrapEnvelope', () => {
  it('throws a business error with a readable message on success:false', () => {
    const body = {
      code: '00005',
      success: false,
      message: 'paramter error',
      data: '',
      errors: [{ code: '600906', message: 'warehouseServiceName:X ,Does not exist in the shipperAddressCode:USWH1' }],
    };
    const err = (() => {
      try {
        unwrapEnvelope(ep, body);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(EtowerBusinessError);
    const b = err as EtowerBusinessError;
    expect(b.message).toBe(
      'eTower refused (600906): warehouseServiceName:X ,Does not exist in the shipperAddressCode:USWH1',
    );
    expect([b.code, b.etowerMessage, b.retryable, b.duplicate, b.primaryCode]).toEqual([
      '00005',
      'paramter error',
      false,
      false,
      '600906',
    ]);
  });

  it('marks duplicates', () => {
    try {
      unwrapEnvelope(ep, { code: '00005', success: false, errors: [{ code: '600222', message: 'x' }] });
    } catch (e) {
      expect((e as EtowerBusinessError).duplicate).toBe(true);
    }
    expect.assertions(1);
  });

  it('throws malformed for a non-envelope', () => {
    expect(() => unwrapEnvelope(ep, ['a', 'b'])).toThrow(EtowerMalformedResponseError);
  });
});

describe('payload decoders', () => {
  it('warehouses: numeric strings and "" lists', () => {
    const out = decodePayload(ep, warehouseListSchema, [
      {
        warehouseCode: 'USWH1',
        warehouseName: 'US West',
        countryCode: 'US',
        serviceList: [
          {
            serviceCode: 'USPSG',
            serviceName: 'USPS Ground',
            serviceType: '5',
            serviceTypeName: 'Fulfillment',
            active: '1',
            activeMsg: 'Active',
          },
        ],
      },
      { warehouseCode: 'X', warehouseName: '', countryCode: 'DE', serviceList: '' },
    ]);
    expect(out[0]?.serviceList[0]).toMatchObject({ serviceType: 5, active: 1, serviceName: 'USPS Ground' });
    expect(out[1]).toMatchObject({ warehouseName: undefined, serviceList: [] });
    expect(decodePayload(ep, warehouseListSchema, '')).toEqual([]);
  });

  it('orders: tracking numbers split on ";", old date names, "" numbers', () => {
    const [o] = decodePayload(ep, orderListSchema, [
      {
        orderNo: 'C1',
        referenceNo: 'R1',
        status: '5',
        statusMsg: 'Outbound',
        trackingNo: 'T1; T2;',
        trackingNoList: ['T2', 'T3'],
        dateShipping: '2024-01-02 03:04:05',
        outboundDate: '',
        cancelDate: '',
        shipmentCarrier: 'USPS',
        packingDetails: [{ sku: 'A', productCount: '', forecastProductCount: '2' }],
        totalWeight: '',
      },
    ]);
    expect(o).toMatchObject({
      status: 5,
      trackingNos: ['T2', 'T3', 'T1'],
      outboundDate: '2024-01-02 03:04:05',
      cancelDate: null,
      totalWeight: null,
      packingDetails: [{ sku: 'A', productCount: 0, forecastProductCount: 2 }],
    });
  });

  it('orders: a non-numeric status is a decoding error (malformed, retryable)', () => {
    expect(() => decodePayload(ep, orderListSchema, [{ orderNo: 'C', referenceNo: 'R', status: 'shipped' }])).toThrow(
      /status/,
    );
  });

  it('inventory: page object with "" quantities, or a bare array', () => {
    const rec = {
      sku: 'S',
      warehouseInventoryDTOList: [
        {
          overseasWarehouseCode: 'USWH1',
          availableInventory: '7',
          incomingInventory: 1,
          outgoingInventory: '',
          unsellableInventory: '',
        },
      ],
    };
    const page = decodePayload(ep, inventoryPageSchema, {
      list: [rec],
      total: '1',
      pageNum: 1,
      pageSize: 100,
      pages: 1,
      hasNextPage: false,
      isLastPage: true,
    });
    expect(page).toEqual({
      records: [
        {
          sku: 'S',
          skuNameEn: undefined,
          skuNameLocal: undefined,
          shipperName: undefined,
          warehouses: [
            {
              warehouseCode: 'USWH1',
              warehouseName: undefined,
              availableInventory: 7,
              incomingInventory: 1,
              outgoingInventory: 0,
              unsellableInventory: 0,
            },
          ],
        },
      ],
      pageNum: 1,
      pageSize: 100,
      pages: 1,
      total: 1,
      hasNextPage: false,
    });
    expect(decodePayload(ep, inventoryPageSchema, [rec]).hasNextPage).toBe(false);
    expect(decodePayload(ep, inventoryPageSchema, { list: [], pageNum: 1, pages: 3 }).hasNextPage).toBe(true);
    expect(decodePayload(ep, inventoryPageSchema, { list: [], isLastPage: true }).hasNextPage).toBe(false);
  });

  it('poList: "" dates and quantities, numeric strings', () => {
    const [po] = decodePayload(ep, poListSchema, [
      {
        orderNo: 'E1',
        referenceNo: 'P1',
        status: 100,
        deliveredDate: '',
        packingDetails: [{ sku: 'A', forecastAmount: '20', putAwayQty: '', putAwayTime: '' }],
      },
    ]);
    expect(po).toMatchObject({
      status: 100,
      deliveredDate: null,
      packingDetails: [{ sku: 'A', forecastAmount: 20, putAwayQty: 0, putAwayTime: null }],
    });
  });
});
