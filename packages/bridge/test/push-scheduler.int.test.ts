import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import { createQueues, type Queues } from '../src/jobs/queues';
import { orderPushJobId, PushScheduler, type TidyFailureHandler } from '../src/pushes/push-scheduler';
import { keys } from '../src/state/keys';

// A change is handed on once its push job exists; the outbox entry and the older pending pushes are tidied up
// after that, without holding the caller, and a failure there is reported, never thrown at the caller.

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

const member = (orderNumber: string) => `order\nt\n${orderNumber}`;

test('the new push exists when orderChanged resolves; the older pending push and the outbox entry are gone once settled', async () => {
  const pushes = new PushScheduler(queues, redis, 3);
  await pushes.orderChanged('t', 'P1', 1, 1000);
  await pushes.settled();
  await redis.zadd(keys.pushOutbox, 2000, member('P1'));

  await pushes.orderChanged('t', 'P1', 2, 2000);
  expect(await queues.webhooks.getJob(orderPushJobId('t', 'P1', 2))).toBeDefined();
  await pushes.settled();
  expect(await queues.webhooks.getJob(orderPushJobId('t', 'P1', 1))).toBeUndefined();
  expect(await redis.zscore(keys.pushOutbox, member('P1'))).toBeNull();
});

test('an outbox entry from a newer change is left for its own push', async () => {
  const pushes = new PushScheduler(queues, redis, 3);
  await redis.zadd(keys.pushOutbox, 5000, member('P2'));
  await pushes.orderChanged('t', 'P2', 1, 4000);
  await pushes.settled();
  expect(await redis.zscore(keys.pushOutbox, member('P2'))).toBe('5000');
});

test('a failed tidy-up is reported with the document, and the push stays enqueued', async () => {
  // The outbox connection is closed: the clear fails, the job add (on the queues' connection) does not.
  const closed = new Redis(await isolatedRedisUrl());
  await closed.ping();
  closed.disconnect();
  const failures: Parameters<TidyFailureHandler>[] = [];
  const pushes = new PushScheduler(queues, closed, 3, (...args) => failures.push(args));
  await redis.zadd(keys.pushOutbox, 1000, member('P3'));

  await expect(pushes.orderChanged('t', 'P3', 1, 1000)).resolves.toBeUndefined();
  await pushes.settled();
  expect(await queues.webhooks.getJob(orderPushJobId('t', 'P3', 1))).toBeDefined();
  expect(failures).toEqual([[expect.any(Error), { kind: 'order', tenant: 't', id: 'P3', version: 1 }]]);
  expect(await redis.zscore(keys.pushOutbox, member('P3'))).toBe('1000');
});
