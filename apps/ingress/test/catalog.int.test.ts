import { startBridge, type BridgeHarness } from '@bridge/testkit';

// warehouses and channels through the real path: ingress -> queue -> worker -> eTower client -> sandbox -> state -> ingress.
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge();
});
afterAll(async () => {
  await bridge?.stop();
});

test('channels lists the active fulfillment services of the sandbox, per warehouse', async () => {
  const res = await bridge.call('channels', '');
  expect(res.status).toBe(200);
  expect(res.body.success).toBe(true);
  expect(res.body.channelList).toEqual(
    expect.arrayContaining([
      { channelCode: 'USPS Ground', channelName: 'USPS Ground', carrierName: 'USPSG', warehouseCode: 'USWH1' },
      { channelCode: 'FedEx Ground', channelName: 'FedEx Ground', carrierName: 'FEDEXG', warehouseCode: 'USWH1' },
    ]),
  );
  // Inactive and transshipment (serviceType 4) services are not offered.
  const stats = await bridge.control('/__control/etower/stats');
  expect(stats.calls['/v1/b2c/warehouseServiceList']).toBeGreaterThanOrEqual(1);
  const names = res.body.channelList.map((c: { channelCode: string }) => c.channelCode);
  expect(names).not.toContain('UPS Ground');
  expect(names).not.toContain('US Transshipment');
});

test('warehouses lists warehouses with at least one channel, with unique names', async () => {
  const res = await bridge.call('warehouses', '');
  expect(res.body.success).toBe(true);
  const codes = res.body.warehouseList.map((w: { warehouseCode: string }) => w.warehouseCode);
  expect(codes).toEqual(expect.arrayContaining(['USWH1', 'DEWH1']));
  // The AU warehouse has only an inactive fulfillment service: not offered.
  expect(codes.some((c: string) => c.startsWith('AU'))).toBe(false);
  expect(new Set(res.body.warehouseList.map((w: { warehouseName: string }) => w.warehouseName)).size).toBe(
    codes.length,
  );
});

test('channels filtered by warehouseCode, and an unknown warehouse is named', async () => {
  const de = await bridge.call('channels', { warehouseCode: 'DEWH1' });
  expect(de.body.channelList.every((c: { warehouseCode: string }) => c.warehouseCode === 'DEWH1')).toBe(true);
  const unknown = await bridge.call('channels', { warehouseCode: 'NOWHERE' });
  expect(unknown.body).toEqual({ success: false, message: expect.stringContaining('NOWHERE') });
});

test('the seed sample warehouses call (page, pageSize 1000, warehouseCode) filters to that warehouse', async () => {
  const res = await bridge.call('warehouses', '{"pageSize":1000,"page":1,"warehouseCode":"USWH1"}');
  expect(res.body.warehouseList).toEqual([{ warehouseCode: 'USWH1', warehouseName: expect.any(String) }]);
});
