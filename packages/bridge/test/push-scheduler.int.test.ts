import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { KEY_PREFIX } from '@bridge/runtime';
import { isolatedRedisUrl } from '@bridge/testkit';
import { orderPushJobId } from '../src/jobs/catalog';
import { JobControl, jobRef } from '../src/jobs/job-control';
import { PushScheduler } from '../src/jobs/push-scheduler';
import { createQueues, type Queues } from '../src/jobs/queues';
import { keys } from '../src/state/keys';
import { outboxMember } from '../src/state/outbox';

// A recorded change becomes a push job, and the pushes of older versions of the same document go: whether they
// wait, finished or failed. One that is running stays (its delivery re-checks the version and stops by itself).

let redis: Redis;
let queues: Queues;
let jobs: JobControl;
let scheduler: PushScheduler;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
  queues = createQueues(redis);
  jobs = new JobControl(queues);
  scheduler = new PushScheduler(jobs, redis, 8);
});
beforeEach(async () => {
  await queues.webhooks.obliterate({ force: true });
});
afterAll(async () => {
  await Promise.all(Object.values(queues).map((q) => q.close()));
  redis.disconnect();
});

const TENANT = 'push-scheduler-tenant';
let counter = 0;
const nextOrder = () => `PS-${process.pid}-${++counter}`;
const stateOf = (orderNumber: string, version: number) =>
  jobs.state(jobRef('pushOrderInfo', { tenant: TENANT, orderNumber, version }));

/** Records the order's change of `version` in the outbox, as the document store does beside the change itself. */
async function recorded(orderNumber: string, version: number, at: number): Promise<void> {
  await redis.zadd(keys.pushOutbox, at, outboxMember('order', TENANT, orderNumber));
  await scheduler.orderChanged(TENANT, orderNumber, version, at);
}

test('a newer version replaces the waiting push of an older one and clears the outbox entry', async () => {
  const n = nextOrder();
  await recorded(n, 1, 1000);
  expect(await stateOf(n, 1)).toBe('waiting');
  await recorded(n, 2, 2000);
  expect(await stateOf(n, 1)).toBeUndefined();
  expect(await stateOf(n, 2)).toBe('waiting');
  expect(await redis.zscore(keys.pushOutbox, outboxMember('order', TENANT, n))).toBeNull();
});

test('finished and failed pushes of older versions go too; a running one stays', async () => {
  const n = nextOrder();
  for (const v of [1, 2, 3]) await recorded(n, v, v);
  const connection = redis.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker('webhooks', null, {
    connection,
    prefix: KEY_PREFIX,
  });
  try {
    const token = 'push-scheduler-test';
    // Only v3 waits (it replaced 1 and 2); a worker takes it.
    const running = await worker.getNextJob(token);
    expect(running?.id).toBe(orderPushJobId(TENANT, n, 3));
    // A v4 push that was delivered and completed (made by hand: the scheduler would have removed v3 meanwhile).
    const v4 = orderPushJobId(TENANT, n, 4);
    await queues.webhooks.add('pushOrderInfo', { tenant: TENANT, orderNumber: n, version: 4 }, { jobId: v4 });
    const delivered = await worker.getNextJob(token);
    expect(delivered?.id).toBe(v4);
    await delivered!.moveToCompleted({ outcome: 'delivered' }, token, false);

    await recorded(n, 5, 5);
    expect(await stateOf(n, 3)).toBe('active');
    expect(await stateOf(n, 4)).toBeUndefined();
    expect(await stateOf(n, 5)).toBe('waiting');

    // Failed for good, as a push whose failure cannot succeed later.
    await running!.moveToFailed(new UnrecoverableError('Qianyi refused it'), token, false);
    expect(await stateOf(n, 3)).toBe('failed');
    await recorded(n, 6, 6);
    expect(await stateOf(n, 3)).toBeUndefined();
    expect(await stateOf(n, 5)).toBeUndefined();
    expect(await stateOf(n, 6)).toBe('waiting');
  } finally {
    await worker.close();
    connection.disconnect();
  }
});
