import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import { OrderStore } from '../src/orders/order-store';

// Two polls that overlap read the same record; the one whose eTower reading is older must not overwrite the
// newer one (the reliability suite found orders left at Accepted, out of the poll set, after such a race).
let redis: Redis;
let store: OrderStore;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
  store = new OrderStore(redis);
});
afterAll(async () => {
  redis.disconnect();
});

test('a write over a version that is no longer current is refused; over the current one it wins', async () => {
  await store.transition('t', 'V', {
    from: 'absent',
    patch: { phase: 'released', status: 'SENDING', wmsStatus: 'Created', warehouseCode: 'W' },
    notify: true,
    open: 'add',
    note: 'created',
  });
  const read = (await store.get('t', 'V'))!;
  // Poll B (newer reading): shipped, leaves the open set.
  const b = await store.transition('t', 'V', {
    from: ['released'],
    ifVersion: read.version,
    patch: { status: 'SUCCESS', wmsStatus: 'Outbound' },
    notify: true,
    open: 'remove',
    note: 'poll B',
  });
  expect(b.ok).toBe(true);
  // Poll A (older reading, same read of the record): refused, the record keeps B's state.
  const a = await store.transition('t', 'V', {
    from: ['released'],
    ifVersion: read.version,
    patch: { status: 'SENDING', wmsStatus: 'Accepted' },
    notify: true,
    note: 'poll A',
  });
  expect(a).toEqual({ ok: false, current: 'released', version: read.version + 1 });
  expect(await store.get('t', 'V')).toMatchObject({ status: 'SUCCESS', wmsStatus: 'Outbound' });
  expect(await store.openIds('t')).toEqual([]);
});

test('without ifVersion the phase alone decides, as before', async () => {
  const r = await store.transition('t', 'V', {
    from: ['released'],
    patch: { wmsStatus: 'Outbound' },
    notify: false,
    note: 'plain',
  });
  expect(r.ok).toBe(true);
});

test('getMany leaves out ids without a record, and rejects when a read fails instead of reading it as absent', async () => {
  await store.transition('t', 'M1', {
    from: 'absent',
    patch: { phase: 'received', status: 'SENDING', wmsStatus: 'Queued', warehouseCode: 'W' },
    notify: false,
    note: 'created',
  });
  expect([...(await store.getMany('t', ['M1', 'M2'])).keys()]).toEqual(['M1']);
  // A key of the wrong type makes HGETALL fail (WRONGTYPE) inside the pipeline.
  const key = (await redis.keys('*order*M1*')).find((k) => !k.includes('history'))!;
  await redis.del(key);
  await redis.set(key, 'not a hash');
  await expect(store.getMany('t', ['M1', 'M2'])).rejects.toThrow(/WRONGTYPE/);
});
