import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import type { EtowerClient } from '@bridge/etower';
import { OrderStore } from '../src/orders/order-store';
import { pollOpenOrders, type PollOrdersDeps } from '../src/orders/poll-orders';
import { createPendingProducts } from '../src/skus/create-products';
import { addPending, pendingCount } from '../src/skus/sku-pending';
import { SkuStore } from '../src/skus/sku-state';

// A read Redis fails (here a record key of the wrong type) must fail the job, which is retried, and never pass for
// "no record": the poller would take the order out of polling for good, the drain would drop the product unmade.
let redis: Redis;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
});
afterAll(() => {
  redis.disconnect();
});

async function corrupt(pattern: string): Promise<void> {
  const key = (await redis.keys(pattern)).find((k) => !k.includes('history'))!;
  await redis.del(key);
  await redis.set(key, 'not a hash');
}

test('a poll whose read of a record fails keeps every order in the open set', async () => {
  const store = new OrderStore(redis);
  for (const n of ['RF-1', 'RF-2']) {
    await store.transition('t', n, {
      from: 'absent',
      patch: { phase: 'released', status: 'SENDING', wmsStatus: 'Created', warehouseCode: 'W' },
      notify: false,
      open: 'add',
      note: 'seed',
    });
  }
  await corrupt('*order*RF-2*');
  const deps = {
    tenant: 't',
    store,
    etower: { orderList: async () => [] } as unknown as EtowerClient,
  } as unknown as PollOrdersDeps;
  await expect(pollOpenOrders(deps)).rejects.toThrow(/WRONGTYPE/);
  expect((await store.openIds('t')).sort()).toEqual(['RF-1', 'RF-2']);
});

test('a products drain whose read of a record fails leaves the SKU pending', async () => {
  const skus = new SkuStore(redis);
  await skus.transition('t', 'RF-SKU', {
    from: 'absent',
    patch: { phase: 'received' } as never,
    notify: false,
    note: 'seed',
  });
  await addPending(redis, 't', 'RF-SKU');
  await corrupt('*sku*RF-SKU*');
  const etower = {
    createProducts: async () => {
      throw new Error('must not be called');
    },
  };
  await expect(createPendingProducts({ tenant: 't', etower, skus, redis, leaseMs: 1000 })).rejects.toThrow(/WRONGTYPE/);
  expect(await pendingCount(redis, 't')).toBe(1);
});
