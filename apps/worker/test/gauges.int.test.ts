import { Redis } from 'ioredis';
import {
  CatalogStore,
  InventorySnapshotStore,
  OrderStore,
  QueueAdmin,
  createQueues,
  keys,
  type Queues,
} from '@bridge/core';
import { isolatedRedisUrl } from '@bridge/testkit';
import { createWorkerMetrics } from '../src/metrics';
import type { ProcessorContext } from '../src/processors/context';
import { registerStateGauges } from '../src/state-gauges';

// The worker's gauges are read from Redis at scrape time. A scrape that cannot read them (Redis gone) must not go on
// showing what the last scrape that could read (nor 0 open orders): an alert would be judged on numbers nobody read.

let redis: Redis;
let queues: Queues;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
  queues = createQueues(redis);
});
afterAll(async () => {
  await Promise.all(Object.values(queues).map((q) => q.close()));
  redis.disconnect();
});

test('the gauge shows the depths Redis holds, and none while it cannot read them', async () => {
  const admin = new QueueAdmin(queues);
  let redisGone = false;
  const metrics = createWorkerMetrics({
    counts: (queue, states) =>
      redisGone ? Promise.reject(new Error('Connection is closed.')) : admin.counts(queue, states),
  });
  await queues.orders.add('gauge-probe', {});
  await queues.orders.add('gauge-probe', {}, { delay: 60_000 });

  const first = await metrics.registry.getSingleMetricAsString('bridge_queue_jobs');
  expect(first).toContain('bridge_queue_jobs{queue="orders",state="waiting"} 1');
  expect(first).toContain('bridge_queue_jobs{queue="orders",state="delayed"} 1');
  expect(first).toContain('bridge_queue_jobs{queue="asn",state="waiting"} 0');

  redisGone = true;
  const during = await metrics.registry.getSingleMetricAsString('bridge_queue_jobs');
  expect(during).not.toMatch(/bridge_queue_jobs\{/);

  redisGone = false;
  const after = await metrics.registry.getSingleMetricAsString('bridge_queue_jobs');
  expect(after).toContain('bridge_queue_jobs{queue="orders",state="waiting"} 1');
});

test('the state gauges show what Redis holds, and nothing (not 0, not the last value) once it is gone', async () => {
  const tenant = 'gauge-tenant';
  const state = new Redis(await isolatedRedisUrl());
  const snapshots = new InventorySnapshotStore(state);
  await snapshots.publish(tenant, new Map([['W1', []]]));
  await state.zadd(keys.openOrders(tenant), 1, 'SO-1', 2, 'SO-2');
  const metrics = createWorkerMetrics({ counts: async () => ({}) as never });
  const ctx = {
    tenants: { all: () => [{ accessId: tenant }] },
    snapshots,
    catalogStore: new CatalogStore(state),
    orders: new OrderStore(state),
  } as unknown as ProcessorContext;
  registerStateGauges(metrics, ctx);

  const first = await metrics.registry.metrics();
  expect(first).toContain(`bridge_open_orders{tenant="${tenant}"} 2`);
  expect(first).toMatch(new RegExp(`bridge_inventory_snapshot_age_seconds\\{tenant="${tenant}"\\} `));

  state.disconnect();
  const during = await metrics.registry.metrics();
  expect(during).not.toMatch(/bridge_open_orders\{/);
  expect(during).not.toMatch(/bridge_inventory_snapshot_age_seconds\{/);
});
