import { QueueEvents, Worker } from 'bullmq';
import { JobControl, createQueues, jobRef, type Queues } from '@bridge/core';
import { isolatedRedisUrl } from '@bridge/testkit';
import { CommandWaiter } from '../src/command-waiter';

// The ingress reads a createOrder's result from Redis, written by whichever worker ran the job: during a rolling
// deploy, possibly one of another version. A bare BullMQ worker plays that worker here, on a real Redis.
let url: string;
let queues: Queues;
let events: QueueEvents;
let waiter: CommandWaiter;
let worker: Worker | undefined;
beforeAll(async () => {
  url = await isolatedRedisUrl();
  queues = createQueues({ url });
  events = new QueueEvents('orders', { connection: { url }, prefix: '{bridge}' });
  await events.waitUntilReady();
  waiter = new CommandWaiter(new JobControl(queues, { orders: events }), 20000);
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});
afterAll(async () => {
  await events.close();
  await Promise.all(Object.values(queues).map((q) => q.close()));
});

/** A worker for the orders queue that answers every job with `result`. */
async function workerAnswering(result: unknown): Promise<void> {
  worker = new Worker('orders', async () => result, { connection: { url }, prefix: '{bridge}' });
  await worker.waitUntilReady();
}

const addCreate = (orderNumber: string) =>
  new JobControl(queues).add('createOrder', { tenant: 'waiter-test', order: { orderNumber }, labelStored: false });

test('a completed createOrder carries its result as the catalog types it', async () => {
  await workerAnswering({ outcome: 'created', warehouseOrderNumber: 'W-1', addedByANewerWorker: true });
  const outcome = await waiter.wait(await addCreate('WAIT-1'));
  expect(outcome).toEqual({ state: 'completed', result: { outcome: 'created', warehouseOrderNumber: 'W-1' } });
});

test('a result this version cannot read is an unknown outcome, not a cast', async () => {
  await workerAnswering({ outcome: 'adopted', orderNo: 'W-2' });
  const outcome = await waiter.wait(await addCreate('WAIT-2'));
  expect(outcome.state).toBe('unreadable');
  if (outcome.state === 'unreadable') expect(outcome.issue).toMatch(/^createOrder result: /);
});

// cancelOrder waits on the create job by its id without reading the job first: an order left in "creating" whose
// job is gone (removed, or trimmed once finished) must answer at once, not hold the call for the whole wait
// (20 s here, beyond this test's 5 s limit).
test('a job that is not there is pending at once, not waited for', async () => {
  const outcome = await waiter.wait(jobRef('createOrder', { tenant: 'waiter-test', order: { orderNumber: 'NO-JOB' } }));
  expect(outcome).toEqual({ state: 'pending' });
}, 5000);
