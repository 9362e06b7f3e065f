import { Redis } from 'ioredis';
import { QueueEvents, Worker, type Job } from 'bullmq';
import { tenantSchema, type Tenant } from '@bridge/config';
import type { EtowerClient, EtowerCreateOrderInput } from '@bridge/etower';
import type { CreateOrderContent } from '@bridge/qianyi';
import { isolatedRedisUrl } from '@bridge/testkit';
import { JobControl } from '../src/jobs/job-control';
import { createQueues, type Queues } from '../src/jobs/queues';
import { createOrderAtEtower } from '../src/orders/create-order-at-etower';
import { OrderStore } from '../src/orders/order-store';
import { submitOrder } from '../src/orders/submit-order';
import { PushScheduler } from '../src/jobs/push-scheduler';
import { keys } from '../src/state/keys';
import { InventorySnapshotStore } from '../src/inventory/snapshot-store';
import type { QianyiInventoryRow } from '../src/inventory/inventory-mapping';

// Issue 22: job ids joined their parts with an unescaped '-', keys with ':'. These run the real use cases on a real
// Redis; eTower is an in-process fake that numbers each tenant's orders itself.
let redisUrl: string;
let redis: Redis;
let queues: Queues;
let events: QueueEvents;
beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  redis = new Redis(redisUrl);
  queues = createQueues({ url: redisUrl });
  events = new QueueEvents('orders', { connection: { url: redisUrl }, prefix: '{bridge}' });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events.close();
  await Promise.all(Object.values(queues).map((q) => q.close()));
  redis.disconnect();
});

const tenant = (accessId: string): Tenant =>
  tenantSchema.parse({
    accessId,
    secretKey: 's',
    qianyi: { callbackBaseUrl: 'https://www.qianyierp.com', warehouseExtraType: 'ETOWER' },
    etower: { baseUrl: 'https://b2b.etowertech.com', token: 't', key: 'k' },
  });

const order = (orderNumber: string) =>
  ({
    orderNumber,
    onlineOrderId: `ONL-${orderNumber}`,
    shopName: 'shop',
    warehouseCode: 'USWH1',
    logisticsCode: 'USPS Ground',
    platform: 'TIKTOK',
    freight: 20,
    codEnabled: 0,
    receiver: {
      name: 'Kimberly White',
      phone: '1889838055188',
      country: 'US',
      state: 'AR',
      city: 'Harrison',
      address1: 'TestStreet1',
      postalCode: '72601',
    },
    skuList: [{ sku: 'SKU-1', erpSku: 'ERP-1', name: 'Cup', quantity: 2, amount: 24.5 }],
  }) as unknown as CreateOrderContent;

/** One eTower account per tenant: it numbers the orders it is sent `<account>/<referenceNo>`. */
function fakeEtower(account: string, created: string[]): EtowerClient {
  return {
    createOrders: async (orders: EtowerCreateOrderInput[]) =>
      orders.map((o) => {
        created.push(`${account}/${o.referenceNo}`);
        return { referenceNo: o.referenceNo, ok: true as const, orderNo: `${account}/${o.referenceNo}` };
      }),
    orderList: async () => [],
  } as unknown as EtowerClient;
}

test("tenant shop-1's order A and tenant shop's order 1-A: two jobs, two eTower orders, each caller its own number", async () => {
  const store = new OrderStore(redis);
  const jobs = new JobControl(queues, { orders: events });
  const pushes = new PushScheduler(jobs, redis, 1);
  const tenants = new Map([
    ['shop-1', tenant('shop-1')],
    ['shop', tenant('shop')],
  ]);
  const created: string[] = [];
  // The worker's createOrder processor, with each tenant's own eTower account.
  const worker = new Worker(
    'orders',
    async (job: Job) =>
      createOrderAtEtower(job.data.order, {
        tenant: tenants.get(job.data.tenant)!,
        etower: fakeEtower(`etower-${job.data.tenant}`, created),
        store,
        pushes,
        scheduleRelease: async () => undefined,
        finalAttempt: () => true,
      }),
    { connection: { url: redisUrl }, prefix: '{bridge}' },
  );
  try {
    const first = await submitOrder(order('A'), { tenant: tenants.get('shop-1')!, store, jobs, pushes });
    const second = await submitOrder(order('1-A'), { tenant: tenants.get('shop')!, store, jobs, pushes });
    if (first.kind !== 'queued' || second.kind !== 'queued')
      throw new Error(`not queued: ${first.kind}, ${second.kind}`);
    expect(first.job.id).not.toBe(second.job.id);
    expect((await queues.orders.getJob(second.job.id))!.data).toMatchObject({
      tenant: 'shop',
      order: { orderNumber: '1-A' },
    });
    // What the ingress answers each caller: its own job's result.
    const [a, b] = await Promise.all([jobs.wait(first.job, 30000), jobs.wait(second.job, 30000)]);
    expect(a).toEqual({ state: 'completed', result: { outcome: 'created', warehouseOrderNumber: 'etower-shop-1/A' } });
    expect(b).toEqual({ state: 'completed', result: { outcome: 'created', warehouseOrderNumber: 'etower-shop/1-A' } });
    expect(created.sort()).toEqual(['etower-shop-1/A', 'etower-shop/1-A']);
    // Both records settled (neither waits in `received` for a poller to rescue it).
    expect(await store.get('shop-1', 'A')).toMatchObject({
      phase: 'released',
      warehouseOrderNumber: 'etower-shop-1/A',
    });
    expect(await store.get('shop', '1-A')).toMatchObject({
      phase: 'released',
      warehouseOrderNumber: 'etower-shop/1-A',
    });
  } finally {
    await worker.close();
  }
});

test("an accessId with ':' reads its own orders, never another tenant's (getOrder reads OrderStore.get)", async () => {
  const store = new OrderStore(redis);
  const fields = { status: 'SENDING' as const, wmsStatus: 'Created', warehouseCode: 'W' };
  await store.transition('a', 'b:c', {
    from: 'absent',
    patch: { phase: 'released', ...fields, warehouseOrderNumber: 'of-tenant-a' },
    notify: false,
    open: 'add',
    note: 'seed',
  });
  expect(await store.get('a:b', 'c')).toBeUndefined();
  await store.transition('a:b', 'c', {
    from: 'absent',
    patch: { phase: 'released', ...fields, warehouseOrderNumber: 'of-tenant-a:b' },
    notify: false,
    open: 'add',
    note: 'seed',
  });
  expect(await store.get('a:b', 'c')).toMatchObject({
    tenant: 'a:b',
    orderNumber: 'c',
    warehouseOrderNumber: 'of-tenant-a:b',
  });
  expect(await store.get('a', 'b:c')).toMatchObject({
    tenant: 'a',
    orderNumber: 'b:c',
    warehouseOrderNumber: 'of-tenant-a',
  });
  expect(await store.openIds('a:b')).toEqual(['c']);
  expect(await store.openIds('a')).toEqual(['b:c']);
});

test("the snapshot swap's Lua builds a warehouse's keys as keys.ts does, for a tenant and warehouse code holding ':' and '%'", async () => {
  const snapshots = new InventorySnapshotStore(redis);
  const row = { warehouseSku: 'S1', warehouseCode: 'W:1%', qty: '1' } as unknown as QianyiInventoryRow;
  const first = await snapshots.publish('t:1', new Map([['W:1%', [row]]]));
  expect(first.swapped).toBe(true);
  const rows = keys.inventoryRows('t:1', first.version, 'W:1%');
  expect(rows).toBe(`{bridge}:inventory-rows:t%3A1:${first.version}:W:1%`);
  expect(await redis.ttl(rows)).toBe(-1);
  expect(await redis.ttl(keys.inventoryIndex('t:1', first.version, 'W:1%'))).toBe(-1);
  expect(await snapshots.page('t:1', 'W:1%', 1, 10)).toMatchObject({ state: 'ok', total: 1 });
  const second = await snapshots.publish('t:1', new Map([['W:1%', [row]]]));
  expect(second.swapped).toBe(true);
  expect(await redis.ttl(rows)).toBeGreaterThan(0);
  expect(await redis.ttl(keys.inventoryRows('t:1', second.version, 'W:1%'))).toBe(-1);
});
