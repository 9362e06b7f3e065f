import { orderListSchema } from '@bridge/etower';
import { groupByReference, viewOfEtowerOrders } from '../src/orders/order-status-mapping';

const rec = (fields: Record<string, unknown>) =>
  orderListSchema.parse([{ orderNo: 'C1O', referenceNo: 'SO1', status: 1, statusMsg: '', ...fields }])[0]!;

describe('eTower orders as Qianyi sees them', () => {
  test.each([
    [0, 'SENDING'],
    [1, 'SENDING'],
    [2, 'FAILED'],
    [3, 'SENDING'],
    [4, 'CANCEL'],
    [5, 'SUCCESS'],
    [6, 'CANCEL'],
    [7, 'FAILED'],
    [42, 'SENDING'],
  ])('status %i -> %s', (status, expected) => {
    expect(viewOfEtowerOrders([rec({ status, trackingNo: 'T1' })])!.status).toBe(expected);
  });

  test('shipped without a tracking number: SENDING, awaiting it, not final (never SUCCESS without one)', () => {
    const v = viewOfEtowerOrders([
      rec({ status: 5, statusMsg: 'Outbound', shipmentCarrier: 'USPS', outboundDate: '2026-11-20 10:00:00' }),
    ])!;
    expect(v).toMatchObject({
      status: 'SENDING',
      final: false,
      awaitingTracking: true,
      etowerStatus: 5,
      etowerText: 'Outbound',
      wmsStatus: 'Outbound (shipped, awaiting tracking number)',
      carrierName: 'USPS',
    });
    expect(v.trackingNumber).toBeUndefined();
    expect(v.shippingTime).toBeUndefined();
  });

  test('shipped: tracking numbers (split on ;) and carrier, shipping time', () => {
    const shipped = rec({
      status: 5,
      statusMsg: 'Outbound',
      trackingNo: '9400A;9400B',
      shipmentCarrier: 'USPS',
      outboundDate: '2026-11-20 10:00:00',
    });
    const v = viewOfEtowerOrders([shipped], '+00:00')!;
    expect(v).toMatchObject({
      status: 'SUCCESS',
      final: true,
      trackingNumber: '9400A,9400B',
      carrierName: 'USPS',
      wmsStatus: 'Outbound',
      warehouseOrderNumber: 'C1O',
    });
    expect(v.shippingTime).toBe(Date.parse('2026-11-20T10:00:00Z'));
    // Without the tenant's zone, eTower's default (China local time, UTC+8).
    expect(viewOfEtowerOrders([shipped])!.shippingTime).toBe(Date.parse('2026-11-20T02:00:00Z'));
  });

  test('abnormal: failedReason from abnormalCauses, not final (it may recover)', () => {
    expect(viewOfEtowerOrders([rec({ status: 7, abnormalCauses: 'address not found' })])).toMatchObject({
      status: 'FAILED',
      failedReason: 'address not found',
      final: false,
    });
  });

  test('split order: shipped only when every part is; tracking numbers of all parts', () => {
    const parts = [
      rec({ orderNo: 'C1O', status: 5, trackingNo: 'T1', shipmentCarrier: 'USPS' }),
      rec({ orderNo: 'C2O', referenceNo: 'SO1-2', originOrderNo: 'C1O', originReferenceNo: 'SO1', status: 1 }),
    ];
    const grouped = groupByReference(parts);
    expect([...grouped.keys()]).toEqual(['SO1']);
    expect(viewOfEtowerOrders(grouped.get('SO1')!)).toMatchObject({
      status: 'SENDING',
      trackingNumber: 'T1',
      warehouseOrderNumber: 'C1O',
      final: false,
    });
    parts[1] = rec({
      orderNo: 'C2O',
      referenceNo: 'SO1-2',
      originOrderNo: 'C1O',
      originReferenceNo: 'SO1',
      status: 5,
      trackingNo: 'T2',
      shipmentCarrier: 'FedEx',
    });
    expect(viewOfEtowerOrders(groupByReference(parts).get('SO1')!)).toMatchObject({
      status: 'SUCCESS',
      trackingNumber: 'T1,T2',
      carrierName: 'USPS,FedEx',
      final: true,
    });
  });

  test('one cancelled part and one shipped part is not a cancel', () => {
    const v = viewOfEtowerOrders([
      rec({ orderNo: 'C1O', status: 4 }),
      rec({ orderNo: 'C2O', originOrderNo: 'C1O', status: 5, trackingNo: 'T' }),
    ]);
    expect(v!.status).toBe('SENDING');
  });

  test('nothing at eTower: no view', () => {
    expect(viewOfEtowerOrders([])).toBeUndefined();
  });
});
