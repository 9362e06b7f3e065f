import { buildCatalog } from '../src/catalog/build-catalog';

const svc = (serviceName: string, serviceCode: string, serviceType = 5, active = 1) => ({
  serviceName,
  serviceCode,
  serviceType,
  active,
  serviceTypeName: '',
  activeMsg: '',
});

describe('buildCatalog', () => {
  const catalog = buildCatalog(
    [
      {
        warehouseCode: 'US1',
        warehouseName: 'US West',
        countryCode: 'US',
        serviceList: [svc('USPS Ground', 'USPSG'), svc('Old', 'OLD', 5, 0), svc('Trans', 'TR', 4)],
      },
      {
        warehouseCode: 'US2',
        warehouseName: 'US West',
        countryCode: 'US',
        serviceList: [svc('FedEx Ground', 'FEDEXG')],
      },
      { warehouseCode: 'CN1', warehouseName: 'Transit only', countryCode: 'CN', serviceList: [svc('Trans', 'TR', 4)] },
    ] as never,
    123,
  );

  test('channels are active fulfillment services named by serviceName, carrier = serviceCode', () => {
    expect(catalog.channels).toEqual([
      { channelCode: 'USPS Ground', channelName: 'USPS Ground', carrierName: 'USPSG', warehouseCode: 'US1' },
      { channelCode: 'FedEx Ground', channelName: 'FedEx Ground', carrierName: 'FEDEXG', warehouseCode: 'US2' },
    ]);
  });

  test('warehouses without an active fulfillment service are left out; equal names are told apart', () => {
    expect(catalog.warehouses.map((w) => w.warehouseCode)).toEqual(['US1', 'US2']);
    expect(catalog.warehouses.map((w) => w.warehouseName)).toEqual(['US West (US1)', 'US West (US2)']);
    expect(catalog.fetchedAt).toBe(123);
  });

  test('serviceType and active given as strings still count', () => {
    const c = buildCatalog(
      [
        {
          warehouseCode: 'W',
          warehouseName: 'W',
          serviceList: [{ serviceName: 'S', serviceCode: 'C', serviceType: '5', active: '1' }],
        },
      ] as never,
      1,
    );
    expect(c.channels).toHaveLength(1);
  });
});
