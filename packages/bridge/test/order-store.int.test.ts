import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import { OrderStore } from '../src/orders/order-store';
import { keys } from '../src/state/keys';

let redis: Redis;
let store: OrderStore;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
  store = new OrderStore(redis);
});
afterAll(async () => {
  redis.disconnect();
});

const base = { status: 'SENDING' as const, wmsStatus: 'Queued', warehouseCode: 'W1' };

test('creating a record only when absent; reading it back with types', async () => {
  const first = await store.transition('t', 'A', {
    from: 'absent',
    patch: { phase: 'received', ...base, skuList: [{ sku: 'S', quantity: 2 }] },
    notify: false,
    open: 'add',
    note: 'in',
  });
  expect(first).toEqual({ ok: true, from: undefined, version: 0 });
  const again = await store.transition('t', 'A', {
    from: 'absent',
    patch: { phase: 'received', ...base },
    notify: false,
    note: 'in',
  });
  expect(again).toEqual({ ok: false, current: 'received', version: 0 });
  const state = await store.get('t', 'A');
  expect(state).toMatchObject({
    phase: 'received',
    version: 0,
    skuList: [{ sku: 'S', quantity: 2 }],
    createdAt: expect.any(Number),
  });
  expect(await store.openIds('t')).toEqual(['A']);
});

test('a cancel and a create racing for one phase: exactly one wins', async () => {
  await store.transition('t', 'B', {
    from: 'absent',
    patch: { phase: 'received', ...base },
    notify: false,
    note: 'in',
  });
  const outcomes = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      store.transition('t', 'B', {
        from: ['received'],
        patch: i % 2 ? { phase: 'cancelled', status: 'CANCEL' } : { phase: 'creating' },
        notify: i % 2 === 1,
        note: 'race',
      }),
    ),
  );
  expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
});

test('notify bumps the version and records the change in the outbox and history; null clears a field', async () => {
  await store.transition('t', 'C', {
    from: 'absent',
    patch: { phase: 'failed', ...base, failedReason: 'no' },
    notify: true,
    note: 'x',
    now: 1000,
  });
  const r = await store.transition('t', 'C', {
    from: ['failed'],
    patch: { phase: 'received', failedReason: null },
    notify: true,
    open: 'remove',
    note: 'again',
    now: 2000,
  });
  expect(r).toMatchObject({ ok: true, version: 2 });
  const state = await store.get('t', 'C');
  expect(state!.failedReason).toBeUndefined();
  expect(await redis.zscore(keys.pushOutbox, 'order\nt\nC')).toBe('2000');
  const history = (await store.history('t', 'C')) as Array<{ note: string; version: number }>;
  expect(history.map((h) => [h.note, h.version])).toEqual([
    ['x', 1],
    ['again', 2],
  ]);
});
