import { Redis } from 'ioredis';
import { isolatedRedisUrl, startRedisServer, type PrivateRedis } from '@bridge/testkit';
import { toQianyiInventoryRow } from '../src/inventory/inventory-mapping';
import { InventorySnapshotStore } from '../src/inventory/snapshot-store';

const rows = (n: number, warehouseCode = 'USWH1') =>
  Array.from({ length: n }, (_, i) =>
    toQianyiInventoryRow(`SKU-${String(n - i).padStart(6, '0')}`, {
      warehouseCode,
      availableInventory: i % 50,
      incomingInventory: 1,
      outgoingInventory: 0,
      unsellableInventory: 0,
    } as never),
  );

const connections: Redis[] = [];
afterAll(() => {
  for (const c of connections) c.disconnect();
});

test('a build larger than one pipeline is written whole, sorted, and indexed', async () => {
  const redis = new Redis(await isolatedRedisUrl());
  connections.push(redis);
  const store = new InventorySnapshotStore(redis);
  const built = await store.publish(
    't1',
    new Map([
      ['USWH1', rows(25001)],
      ['DEWH1', rows(3, 'DEWH1')],
      ['EMPTY', []],
    ]),
  );
  expect(built.swapped).toBe(true);
  const first = await store.page('t1', 'USWH1', 1, 1000);
  const last = await store.page('t1', 'USWH1', 26, 1000);
  expect(first).toMatchObject({ state: 'ok', total: 25001 });
  expect(first.state === 'ok' && first.rows[0]!.warehouseSku).toBe('SKU-000001');
  expect(last.state === 'ok' && last.rows.map((r) => r.warehouseSku)).toEqual(['SKU-025001']);
  expect(await store.find('t1', 'USWH1', 'SKU-012345')).toMatchObject({
    state: 'ok',
    row: { warehouseSku: 'SKU-012345' },
  });
  expect(await store.page('t1', 'DEWH1', 1, 10)).toMatchObject({ state: 'ok', total: 3 });
  expect(await store.page('t1', 'EMPTY', 1, 10)).toMatchObject({ state: 'ok', total: 0 });
});

describe('a sweep (page 1, 2, ... of one warehouse)', () => {
  test('finishes on the version it started on when a new snapshot is published mid-way; the next sweep moves on', async () => {
    const redis = new Redis(await isolatedRedisUrl());
    connections.push(redis);
    const store = new InventorySnapshotStore(redis);
    const first = await store.publish('t2', new Map([['USWH1', rows(30)]]));
    expect(await store.page('t2', 'USWH1', 1, 10)).toMatchObject({ state: 'ok', version: first.version, total: 30 });
    const second = await store.publish('t2', new Map([['USWH1', rows(5)]]));
    expect(await store.page('t2', 'USWH1', 2, 10)).toMatchObject({ state: 'ok', version: first.version, total: 30 });
    expect(await store.page('t2', 'USWH1', 3, 10)).toMatchObject({ state: 'ok', version: first.version, total: 30 });
    expect(await store.page('t2', 'USWH1', 1, 10)).toMatchObject({ state: 'ok', version: second.version, total: 5 });
  });

  test('of a warehouse the snapshot does not hold leaves no key behind, however many codes a caller makes up', async () => {
    const redis = new Redis(await isolatedRedisUrl());
    connections.push(redis);
    const store = new InventorySnapshotStore(redis);
    await store.publish('t3', new Map([['USWH1', rows(3)]]));
    const before = await redis.dbsize();
    for (let i = 0; i < 50; i++) {
      expect(await store.page('t3', `MADE-UP-${i}`, 1, 10)).toMatchObject({ state: 'ok', total: 0, rows: [] });
      expect(await store.page('t3', `MADE-UP-${i}`, 2, 10)).toMatchObject({ state: 'ok', total: 0, rows: [] });
    }
    expect(await redis.dbsize()).toBe(before);
  });
});

describe('Redis refusing the writes (out of memory)', () => {
  let server: PrivateRedis;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  test('the build fails and the snapshot before it stays current', async () => {
    const store = new InventorySnapshotStore(redis);
    const before = await store.publish('t1', new Map([['USWH1', rows(10)]]));
    const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    await redis.config('SET', 'maxmemory', String(used + 2 * 1024 * 1024));
    await expect(store.publish('t1', new Map([['USWH1', rows(60000)]]))).rejects.toThrow(/OOM/);
    await redis.config('SET', 'maxmemory', '0');
    expect(await store.current('t1')).toBe(before.version);
    expect(await store.page('t1', 'USWH1', 1, 100)).toMatchObject({ state: 'ok', version: before.version, total: 10 });
  });
});
