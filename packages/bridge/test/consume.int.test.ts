import { Redis } from 'ioredis';
import { envSchema } from '@bridge/config';
import { EtowerBusinessError } from '@bridge/etower';
import { eventually, isolatedRedisUrl } from '@bridge/testkit';
import { startConsumer, type Consumer, type JobReport } from '../src/jobs/consume';
import { JobControl } from '../src/jobs/job-control';
import { createQueues, type Queues } from '../src/jobs/queues';
import type { JobHandler } from '../src/jobs/run-attempt';

// A consumer against a real Redis and a real BullMQ Worker: what its handlers see of the attempts, what it
// reports through the callback the worker app wires to metrics and logs, and the catalog's retry delays applied.
// The runner's branches one by one: run-attempt.test.ts.

const TENANT = 'consume-tenant';
// The second attempt of a push waits an hour: a retried job stays delayed for the test to look at.
const RETRY_DELAY_MS = 3600000;
const env = envSchema.parse({ WEBHOOK_RETRY_SCHEDULE_MS: `0,${RETRY_DELAY_MS}`, WORKER_CONCURRENCY: '4' });

let url: string;
let redis: Redis;
let queues: Queues;
let jobs: JobControl;
let consumer: Consumer | undefined;
let connection: Redis | undefined;
const reports: JobReport[] = [];

beforeAll(async () => {
  url = await isolatedRedisUrl();
  redis = new Redis(url);
  queues = createQueues(redis);
  jobs = new JobControl(queues);
});

afterEach(async () => {
  await consumer?.close();
  connection?.disconnect();
  consumer = undefined;
});

afterAll(async () => {
  await Promise.all(Object.values(queues).map((q) => q.close()));
  redis.disconnect();
});

function consume(pushOrderInfo: JobHandler): Consumer {
  // A worker's connection: BullMQ's blocking reads must not give up after a few retries.
  connection = new Redis(url, { maxRetriesPerRequest: null });
  consumer = startConsumer('webhooks', {
    connection,
    env,
    handlers: { pushOrderInfo },
    onReport: (r) => reports.push(r),
  });
  return consumer;
}

const reportsOf = (id: string) => reports.filter((r) => r.trace.jobId === id);

let seq = 0;
const push = (attempts: number) =>
  jobs.add(
    'pushOrderInfo',
    { tenant: TENANT, orderNumber: `SO-C${++seq}`, version: 1 },
    { attempts, trace: { reqId: `req-${seq}` } },
  );

test('a push told "busy" goes back without spending an attempt, then completes and is reported once', async () => {
  const attemptsSeen: number[] = [];
  const c = consume(async (_payload, run) => {
    attemptsSeen.push(run.attempt);
    if (attemptsSeen.length <= 2) return run.retryWhenFree();
    return { outcome: 'delivered' };
  });
  expect(c.isConsuming()).toBe(true);
  // One attempt in all: had a busy answer spent it, the job would have failed instead of completing.
  const ref = await push(1);
  const report = await eventually(async () => reportsOf(ref.id)[0], 20000);
  expect(attemptsSeen).toEqual([1, 1, 1]);
  expect(report).toMatchObject({
    queue: 'webhooks',
    name: 'pushOrderInfo',
    outcome: 'completed',
    result: { outcome: 'delivered' },
    trace: { tenant: TENANT, reqId: expect.stringMatching(/^req-/), jobId: ref.id },
  });
  expect(report.seconds).toBeGreaterThanOrEqual(0);
  expect(reportsOf(ref.id)).toHaveLength(1);
  expect(await jobs.state(ref)).toBe('completed');
});

test("a retryable failure is reported retried and waits the catalog's delay; the last attempt's failure is final", async () => {
  let calls = 0;
  consume(async () => {
    calls++;
    throw new Error('Qianyi answered 500');
  });
  const ref = await push(2);
  const first = await eventually(async () => reportsOf(ref.id)[0]);
  expect(first).toMatchObject({ outcome: 'retried', final: false, attemptsMade: 1, error: 'Qianyi answered 500' });
  // The webhook schedule's second entry: an hour, not BullMQ's own default.
  expect(await jobs.state(ref)).toBe('delayed');
  const delayed = await queues.webhooks.getJob(ref.id);
  expect(delayed?.delay).toBe(RETRY_DELAY_MS);

  await queues.webhooks.promoteJobs();
  const last = await eventually(async () => reportsOf(ref.id)[1]);
  expect(last).toMatchObject({ outcome: 'failed', final: true, attemptsMade: 2 });
  expect(calls).toBe(2);
  expect(await jobs.state(ref)).toBe('failed');
});

test('a failure that cannot succeed is final at once, attempts left or not', async () => {
  consume(async () => {
    throw new EtowerBusinessError('createOrders', '600101', 'refused', []);
  });
  const ref = await push(8);
  const report = await eventually(async () => reportsOf(ref.id)[0]);
  expect(report).toMatchObject({ outcome: 'failed', final: true, attemptsMade: 1 });
  expect(await jobs.state(ref)).toBe('failed');
});

test('a closed consumer says it is no longer consuming', async () => {
  const c = consume(async () => ({ outcome: 'delivered' }));
  expect(c.isConsuming()).toBe(true);
  await c.close();
  expect(c.isConsuming()).toBe(false);
});
