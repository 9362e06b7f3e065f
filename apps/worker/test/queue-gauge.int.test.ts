import { Redis } from 'ioredis';
import { QueueAdmin, createQueues, type Queues } from '@bridge/core';
import { isolatedRedisUrl } from '@bridge/testkit';
import { createWorkerMetrics } from '../src/metrics';

// bridge_queue_jobs is read from Redis at scrape time. A scrape that cannot read it (Redis gone) must not go on
// showing the depths of the last scrape that could: a backlog alert would be judged on numbers nobody read.

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
