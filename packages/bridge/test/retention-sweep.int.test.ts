import { Redis } from 'ioredis';
import { Queue, Worker } from 'bullmq';
import { KEY_PREFIX } from '@bridge/runtime';
import { isolatedRedisUrl } from '@bridge/testkit';
import { AsnStore } from '../src/asn/asn-state';
import { jobId } from '../src/jobs/job-id';
import { OrderStore } from '../src/orders/order-store';
import { sweepExpired } from '../src/retention/sweep-expired';
import { SkuStore } from '../src/skus/sku-state';
import { keys } from '../src/state/keys';
import { outboxMember } from '../src/state/outbox';

// The retention sweep against a real Redis and real BullMQ jobs: what it deletes (everything of a finished document,
// its own finished jobs included), and what it must never touch (open documents, a document sent again, one whose
// push is still under way, another tenant's or another document's keys).
let redis: Redis;
let url: string;
let orders: OrderStore;
const queues: Queue[] = [];
const T = 'ret-tenant';
const RETENTION = 60000;
const base = {
  status: 'SENDING' as const,
  wmsStatus: 'Created',
  warehouseCode: 'W1',
  skuList: [{ sku: 'S-1', quantity: 2 }],
};

beforeAll(async () => {
  url = await isolatedRedisUrl();
  redis = new Redis(url);
  orders = new OrderStore(redis);
});
afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
  redis.disconnect();
});

function queue(name: string): Queue {
  const q = new Queue(name, { connection: { url }, prefix: KEY_PREFIX });
  queues.push(q);
  return q;
}

/** Runs the queue's waiting jobs to completion (or to failure, for ids in `fail`). */
async function work(name: string, fail: readonly string[] = []): Promise<void> {
  const q = queue(name);
  const worker = new Worker(
    name,
    async (job) => {
      if (fail.includes(job.id!)) throw new Error('Qianyi down');
      return { outcome: 'delivered' };
    },
    { connection: { url }, prefix: KEY_PREFIX, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } },
  );
  for (;;) {
    const c = await q.getJobCounts('waiting', 'active', 'delayed');
    if ((c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await worker.close();
}

/** An order as the create job and the poller leave it: created, shipped, out of the poll set, each change pushed. */
async function shippedOrder(n: string, at: number): Promise<void> {
  await orders.transition(T, n, {
    from: 'absent',
    patch: { phase: 'received', ...base },
    notify: false,
    open: 'add',
    note: 'received',
    now: at,
  });
  await queue('orders').add(
    'createOrder',
    { tenant: T, order: { orderNumber: n } },
    { jobId: jobId('createOrder', T, n) },
  );
  await orders.transition(T, n, {
    from: ['received'],
    patch: { phase: 'released', warehouseOrderNumber: `WO-${n}` },
    notify: true,
    open: 'add',
    note: 'created',
    now: at,
  });
  await orders.transition(T, n, {
    from: ['released'],
    patch: { status: 'SUCCESS', trackingNumber: 'TRK' },
    notify: true,
    open: 'remove',
    note: 'shipped',
    now: at,
  });
  for (const v of [1, 2])
    await queue('webhooks').add(
      'pushOrderInfo',
      { tenant: T, orderNumber: n, version: v },
      { jobId: jobId('pushOrderInfo', T, n, `v${v}`) },
    );
  await redis.zrem(keys.pushOutbox, outboxMember('order', T, n));
  await redis.set(keys.orderDelivered(T, n), '2');
  await redis.set(keys.orderLabel(T, n), 'PDF');
}

async function keysOf(n: string): Promise<string[]> {
  return (await redis.keys(`*${n}*`)).sort();
}

const sweep = (now = Date.now()) => sweepExpired({ redis, tenant: T, retentionMs: RETENTION, recheckMs: 1000, now });

test('a finished order older than the retention goes entirely, its finished jobs included; a younger one stays', async () => {
  const old = Date.now() - RETENTION - 5000;
  await shippedOrder('OLD-1', old);
  await shippedOrder('NEW-1', Date.now());
  await work('orders');
  await work('webhooks');
  expect((await keysOf('OLD-1')).length).toBeGreaterThanOrEqual(7);

  const result = await sweep();
  expect(result).toMatchObject({ deleted: 1 });
  expect(await keysOf('OLD-1')).toEqual([]);
  for (const set of ['orders:completed', 'webhooks:completed'])
    expect(await redis.zrange(`${KEY_PREFIX}:${set}`, 0, -1)).not.toContainEqual(expect.stringContaining('OLD-1'));
  expect(await redis.zscore(keys.expiring(T, 'order'), 'OLD-1')).toBeNull();
  expect(await orders.get(T, 'NEW-1')).toMatchObject({ phase: 'released', status: 'SUCCESS' });
  expect(await redis.zscore(keys.expiring(T, 'order'), 'NEW-1')).not.toBeNull();
});

test('an exhausted push is kept (replayable) until the retention, then removed with its order; one still retrying postpones it', async () => {
  const old = Date.now() - RETENTION - 5000;
  await shippedOrder('EXH-1', old);
  await shippedOrder('RETRY-1', old);
  await work('orders');
  await work('webhooks', [jobId('pushOrderInfo', T, 'EXH-1', 'v2')]);
  // RETRY-1's newest push is still waiting for its next attempt.
  await queue('webhooks').add(
    'pushOrderInfo',
    { tenant: T, orderNumber: 'RETRY-1', version: 3 },
    { jobId: jobId('pushOrderInfo', T, 'RETRY-1', 'v3'), delay: 60000 },
  );
  await orders.transition(T, 'RETRY-1', {
    from: ['released'],
    patch: { wmsStatus: 'Outbound' },
    notify: true,
    note: 'again',
    now: old,
  });
  await redis.zrem(keys.pushOutbox, outboxMember('order', T, 'RETRY-1'));
  expect(await redis.zscore(`${KEY_PREFIX}:webhooks:failed`, jobId('pushOrderInfo', T, 'EXH-1', 'v2'))).not.toBeNull();

  const result = await sweep();
  expect(result).toMatchObject({ deleted: 1, postponed: 1 });
  expect(await keysOf('EXH-1')).toEqual([]);
  expect(await redis.zscore(`${KEY_PREFIX}:webhooks:failed`, jobId('pushOrderInfo', T, 'EXH-1', 'v2'))).toBeNull();
  expect(await orders.get(T, 'RETRY-1')).toBeDefined();
  // Postponed to the next look, not dropped from the index.
  expect(Number(await redis.zscore(keys.expiring(T, 'order'), 'RETRY-1'))).toBeGreaterThan(Date.now() - RETENTION);
});

test('never an open order, nor one sent again since it was indexed; nothing of another tenant', async () => {
  const old = Date.now() - RETENTION - 5000;
  await orders.transition(T, 'OPEN-1', {
    from: 'absent',
    patch: { phase: 'released', ...base },
    notify: false,
    open: 'add',
    note: 'created',
    now: old,
  });
  await orders.transition(T, 'AGAIN-1', {
    from: 'absent',
    patch: { phase: 'failed', ...base, status: 'FAILED' },
    notify: false,
    note: 'refused',
    now: old,
  });
  await orders.transition('other-tenant', 'OLD-2', {
    from: 'absent',
    patch: { phase: 'cancelled', ...base, status: 'CANCEL' },
    notify: false,
    note: 'cancelled',
    now: old,
  });
  expect(await redis.zscore(keys.expiring(T, 'order'), 'AGAIN-1')).not.toBeNull();
  expect(await redis.zscore(keys.expiring(T, 'order'), 'OPEN-1')).toBeNull();
  // Sent again by Qianyi: back to received and polled; the transition takes it out of the index. Forced back in,
  // as a stale entry would be, the sweep must still leave it (and drop the entry), as it must an open order.
  await orders.transition(T, 'AGAIN-1', {
    from: ['failed'],
    patch: { phase: 'received' },
    notify: false,
    open: 'add',
    note: 'sent again',
    now: old,
  });
  expect(await redis.zscore(keys.expiring(T, 'order'), 'AGAIN-1')).toBeNull();
  await redis.zadd(keys.expiring(T, 'order'), old, 'AGAIN-1', old, 'OPEN-1');

  const result = await sweep();
  expect(result).toMatchObject({ deleted: 0, reopened: 2 });
  expect(await orders.get(T, 'OPEN-1')).toMatchObject({ phase: 'released' });
  expect(await orders.get(T, 'AGAIN-1')).toMatchObject({ phase: 'received' });
  expect(await orders.get('other-tenant', 'OLD-2')).toMatchObject({ phase: 'cancelled' });
});

test('ASNs and products expire too; a product still waiting for product/create does not', async () => {
  const old = Date.now() - RETENTION - 5000;
  const asns = new AsnStore(redis);
  const skus = new SkuStore(redis);
  await asns.transition(T, 'ASN-OLD', {
    from: 'absent',
    patch: { phase: 'created', status: 'FINISHED', warehouseCode: 'W1', lines: [] },
    notify: false,
    note: 'finished',
    now: old,
  });
  await redis.hset(keys.asnPushLedger(T, 'ASN-OLD'), 'told', '{}');
  await skus.transition(T, 'SKU-OLD', {
    from: 'absent',
    patch: { phase: 'created', product: {} as never },
    notify: false,
    note: 'created',
    now: old,
  });
  await skus.transition(T, 'SKU-WAIT', {
    from: 'absent',
    patch: { phase: 'failed', product: {} as never },
    notify: false,
    note: 'refused',
    now: old,
  });
  await redis.zadd(keys.skuPending(T), old, 'SKU-WAIT');

  const result = await sweep();
  expect(result.deleted).toBe(2);
  expect(result.postponed).toBeGreaterThanOrEqual(1);
  expect(await keysOf('ASN-OLD')).toEqual([]);
  expect(await keysOf('SKU-OLD')).toEqual([]);
  expect(await skus.get(T, 'SKU-WAIT')).toBeDefined();
});

test('history is bounded and compact, and reads back oldest first', async () => {
  await orders.transition(T, 'HIST-1', {
    from: 'absent',
    patch: { phase: 'received', ...base },
    notify: false,
    open: 'add',
    note: 'received',
  });
  for (let i = 0; i < 40; i++)
    await orders.transition(T, 'HIST-1', {
      from: ['received'],
      patch: { wmsStatus: `step ${i}` },
      notify: true,
      note: `step\t${i}`,
    });
  const history = await orders.history(T, 'HIST-1');
  expect(history).toHaveLength(30);
  expect(history.at(-1)).toEqual({ at: expect.any(Number), from: 'received', version: 40, note: 'step\t39' });
  const raw = await redis.lrange(keys.orderHistory(T, 'HIST-1'), 0, 0);
  expect(raw[0]!.length).toBeLessThan(50);
  expect(await orders.get(T, 'HIST-1')).toMatchObject({ skuList: [{ sku: 'S-1', quantity: 2 }] });
  expect(await redis.hget(keys.order(T, 'HIST-1'), 'skuList')).toBe('2 S-1');
});
