import { RESPONSE_SCHEMAS } from '@bridge/qianyi';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startBridge, eventually, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';

// syncInventory against the sandbox's 2,345 seeded SKUs per warehouse: paging, totals, the SKU filter, and a
// snapshot swap in the middle of a sweep; and warehouses and channels, on the same stack (a stack is ~3 s of CPU).
let bridge: BridgeHarness;
let redis: Redis;
beforeAll(async () => {
  bridge = await startBridge();
  redis = new Redis(bridge.redisUrl);
});
afterAll(async () => {
  redis?.disconnect();
  await bridge?.stop();
});

type Row = Record<string, string>;
const sweep = (page: number, pageSize = 1000, extra: object = {}) =>
  bridge.call('syncInventory', { page, pageSize, warehouseCode: 'USWH1', ...extra });
/** The sandbox's seeded stock of SKU-<index> in USWH1 (apps/sandbox/src/etower/seed.ts), at a generation. */
const seeded = (index: number, generation = 0) => ({
  sellable: ((index * 37) % 500) + generation * 10,
  onway: ((index * 13) % 60) + generation,
  reserved: ((index * 7) % 25) + generation,
  unsellable: (index % 4) + generation,
});
const indexOf = (row: Row) => Number(row.warehouseSku!.slice(4));

test("2,345 SKUs paged at 1000: pages of 1000, 1000 and 345, with totals equal to the sandbox's", async () => {
  const pages = [await sweep(1), await sweep(2), await sweep(3)];
  expect(pages.map((p) => p.body.success)).toEqual([true, true, true]);
  // The page is spliced from stored rows: it must still be exactly the protocol's response shape.
  for (const p of pages) expect(RESPONSE_SCHEMAS.syncInventory.safeParse(p.body).success).toBe(true);
  expect(Object.keys(pages[0]!.body.data[0]).sort()).toEqual([
    'onwayQuantity',
    'pendingQuantity',
    'reservedQuantity',
    'sellableQuantity',
    'totalQuantity',
    'unsellableQuantity',
    'useQuantity',
    'warehouseCode',
    'warehouseSku',
  ]);
  expect(pages.map((p) => p.body.data.length)).toEqual([1000, 1000, 345]);
  expect(pages.map((p) => p.body.isLastPage)).toEqual([false, false, true]);
  expect(pages.map((p) => [p.body.currentPage, p.body.pageCount])).toEqual([
    [1, 3],
    [2, 3],
    [3, 3],
  ]);
  const rows: Row[] = pages.flatMap((p) => p.body.data);
  expect(new Set(rows.map((r) => r.warehouseSku)).size).toBe(2345);
  const sum = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0);
  let expected = { sellable: 0, onway: 0, reserved: 0, unsellable: 0 };
  for (let i = 1; i <= 2345; i++) {
    const q = seeded(i);
    expected = {
      sellable: expected.sellable + q.sellable,
      onway: expected.onway + q.onway,
      reserved: expected.reserved + q.reserved,
      unsellable: expected.unsellable + q.unsellable,
    };
  }
  expect(sum((r) => Number(r.sellableQuantity))).toBe(expected.sellable);
  expect(sum((r) => Number(r.onwayQuantity))).toBe(expected.onway);
  expect(sum((r) => Number(r.reservedQuantity))).toBe(expected.reserved);
  expect(sum((r) => Number(r.unsellableQuantity))).toBe(expected.unsellable);
  expect(sum((r) => Number(r.totalQuantity))).toBe(
    expected.sellable + expected.onway + expected.reserved + expected.unsellable,
  );
  expect(rows.every((r) => r.warehouseCode === 'USWH1' && r.pendingQuantity === '0' && r.useQuantity === '0')).toBe(
    true,
  );
  // The pages came from Redis: the walk of eTower (100 a page) happened in the worker.
  const stats = await bridge.control('/__control/etower/stats');
  expect(stats.calls['/v1/b2b/inventory']).toBeGreaterThanOrEqual(24);
});

test('a pageSize above 1000 is served 1000 at a time; a page past the end is empty and last', async () => {
  const big = await sweep(1, 50000);
  expect(big.body).toMatchObject({ success: true, pageCount: 3, isLastPage: false });
  expect(big.body.data).toHaveLength(1000);
  const past = await sweep(9);
  expect(past.body).toMatchObject({ success: true, currentPage: 9, isLastPage: true, data: [] });
});

test('the warehouseSku filter returns that SKU only', async () => {
  const one = await sweep(1, 1000, { warehouseSku: 'SKU-000042' });
  const q = seeded(42);
  expect(one.body).toMatchObject({ success: true, isLastPage: true, pageCount: 1, currentPage: 1 });
  expect(one.body.data).toEqual([
    {
      warehouseCode: 'USWH1',
      warehouseSku: 'SKU-000042',
      sellableQuantity: String(q.sellable),
      onwayQuantity: String(q.onway),
      reservedQuantity: String(q.reserved),
      unsellableQuantity: String(q.unsellable),
      pendingQuantity: '0',
      useQuantity: '0',
      totalQuantity: String(q.sellable + q.onway + q.reserved + q.unsellable),
    },
  ]);
  const none = await sweep(1, 1000, { warehouseSku: 'NOT-A-SKU' });
  expect(none.body).toMatchObject({ success: true, data: [], isLastPage: true });
});

test('a snapshot swap during a sweep never mixes versions; the next sweep sees the new one', async () => {
  const pointer = `{bridge}:inventory-current:${TEST_TENANT.accessId}`;
  const first = await sweep(1);
  const before = await redis.get(pointer);
  // eTower's stock changes (every bucket grows) and a rebuild publishes a new version mid-sweep.
  await bridge.control('/__control/etower/inventory/generation', { body: {} });
  const queue = new Queue('inventory', { connection: { url: bridge.redisUrl }, prefix: '{bridge}' });
  await queue.add('rebuildInventory', { tenant: TEST_TENANT.accessId });
  await queue.close();
  await eventually(async () => (await redis.get(pointer)) !== before);

  const rest = [await sweep(2), await sweep(3)];
  const rows: Row[] = [first, ...rest].flatMap((p) => p.body.data);
  expect(rows).toHaveLength(2345);
  // Every row of this sweep is from generation 0, none from generation 1.
  expect(rows.filter((r) => Number(r.sellableQuantity) !== seeded(indexOf(r)).sellable)).toEqual([]);

  const next = await sweep(1);
  expect((next.body.data as Row[]).every((r) => Number(r.sellableQuantity) === seeded(indexOf(r), 1).sellable)).toBe(
    true,
  );
  const nextRest = await sweep(3);
  expect((nextRest.body.data as Row[]).every((r) => Number(r.onwayQuantity) === seeded(indexOf(r), 1).onway)).toBe(
    true,
  );
});

// warehouses and channels through the real path: ingress -> queue -> worker -> eTower client -> sandbox -> state -> ingress.
describe('warehouses and channels', () => {
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
});
