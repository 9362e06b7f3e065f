import { Redis } from 'ioredis';
import { envSchema, tenantSchema } from '@bridge/config';
import { eventually, isolatedRedisUrl } from '@bridge/testkit';
import { startConsumer, type Consumer, type JobReport } from '../src/jobs/consume';
import { JobControl } from '../src/jobs/job-control';
import { perTenantId } from '../src/jobs/job-id';
import { QueueAdmin } from '../src/jobs/queue-admin';
import { createQueues, type Queues } from '../src/jobs/queues';
import type { JobHandler } from '../src/jobs/run-attempt';
import { TenantRegistry } from '../src/tenants/tenant-registry';
import { UnknownTenantError } from '../src/tenants/unknown-tenant-error';

// The Job Schedulers a tenant leaves behind when it is taken out of the configuration, against a real Redis and a
// real BullMQ Worker: what QueueAdmin lists and removes, and how the jobs they keep making fail in a worker that
// does not know the tenant (at once for a scheduler's job, retried for a one-off job).

const HOUR = 3600000;
const KEPT = 'sched-kept';
const GONE = 'sched-gone';
// A retry an hour away: a retried one-off job stays delayed for the test to look at.
const env = envSchema.parse({ ETOWER_RETRY_BASE_MS: String(HOUR) });

let url: string;
let redis: Redis;
let queues: Queues;
let jobs: JobControl;
let admin: QueueAdmin;
let consumer: Consumer | undefined;
let connection: Redis | undefined;
const reports: JobReport[] = [];

beforeAll(async () => {
  url = await isolatedRedisUrl();
  redis = new Redis(url);
  queues = createQueues(redis);
  jobs = new JobControl(queues);
  admin = new QueueAdmin(queues);
});

afterEach(async () => {
  await consumer?.close();
  connection?.disconnect();
  consumer = undefined;
  reports.length = 0;
  await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true })));
});

afterAll(async () => {
  await Promise.all(Object.values(queues).map((q) => q.close()));
  redis.disconnect();
});

/** A worker configured with KEPT only; its handler asks the registry for the job's tenant, as the worker app's do. */
function consumeInventory(): void {
  const registry = new TenantRegistry([
    tenantSchema.parse({
      accessId: KEPT,
      secretKey: 's',
      qianyi: { callbackBaseUrl: 'http://127.0.0.1:1', warehouseExtraType: 'X' },
      etower: { baseUrl: 'http://127.0.0.1:1', token: 't', key: 'k' },
    }),
  ]);
  const refreshCatalog: JobHandler = async (payload) => {
    registry.require((payload as { tenant: string }).tenant);
    return { warehouses: 0, channels: 0 };
  };
  connection = new Redis(url, { maxRetriesPerRequest: null });
  consumer = startConsumer('inventory', {
    connection,
    env,
    handlers: { refreshCatalog },
    onReport: (r) => reports.push(r),
  });
}

const reportsOf = (id: string) => reports.filter((r) => r.trace.jobId === id);

async function declare(tenant: string): Promise<void> {
  await jobs.schedule(perTenantId('refreshCatalog', tenant), 'refreshCatalog', { tenant }, HOUR);
  await jobs.schedule(perTenantId('pollOrders', tenant), 'pollOrders', { tenant }, 5 * 60000);
}

test('lists every scheduler with its queue, job, tenant, interval and next run', async () => {
  const before = Date.now();
  await declare(KEPT);
  await jobs.schedule('drainOutbox', 'drainOutbox', {}, 30000);

  const listed = await admin.schedulers();
  expect(listed.map((s) => s.id).sort()).toEqual(['drainOutbox', `pollOrders-${KEPT}`, `refreshCatalog-${KEPT}`]);
  expect(listed.find((s) => s.id === `refreshCatalog-${KEPT}`)).toEqual({
    id: `refreshCatalog-${KEPT}`,
    queue: 'inventory',
    name: 'refreshCatalog',
    tenant: KEPT,
    everyMs: HOUR,
    nextRunAt: expect.any(Number),
  });
  expect(listed.find((s) => s.id === 'drainOutbox')).toMatchObject({ queue: 'webhooks', tenant: undefined });
  for (const s of listed) expect(s.nextRunAt).toBeGreaterThanOrEqual(before - 60000);
  // Only the queues asked for: what a worker consuming `orders` alone looks at.
  expect((await admin.schedulers(['orders'])).map((s) => s.id)).toEqual([`pollOrders-${KEPT}`]);
});

test("removes one tenant's schedulers and the next job each had made, and no other tenant's", async () => {
  await declare(KEPT);
  await declare(GONE);
  // Once a worker has run each scheduler's first job, the next one waits, delayed, for its time.
  consumeInventory();
  const delayedOf = async () => (await queues.inventory.getDelayed()).map((j) => j.repeatJobKey).sort();
  await eventually(async () => (await delayedOf()).length === 2);
  expect(await delayedOf()).toEqual([`refreshCatalog-${GONE}`, `refreshCatalog-${KEPT}`]);

  const removed = await admin.removeSchedulers(GONE);
  expect(removed.map((s) => `${s.queue}/${s.id}`).sort()).toEqual([
    `inventory/refreshCatalog-${GONE}`,
    `orders/pollOrders-${GONE}`,
  ]);
  expect((await admin.schedulers()).map((s) => s.id).sort()).toEqual([`pollOrders-${KEPT}`, `refreshCatalog-${KEPT}`]);
  expect(await delayedOf()).toEqual([`refreshCatalog-${KEPT}`]);
  // Nothing left of it: a second removal finds none.
  expect(await admin.removeSchedulers(GONE)).toEqual([]);
});

test("a scheduler's job of a tenant the worker does not know fails at once, naming the tenant and its scheduler", async () => {
  await jobs.schedule(perTenantId('refreshCatalog', GONE), 'refreshCatalog', { tenant: GONE }, HOUR);
  consumeInventory();
  const report = await eventually(async () => reports.find((r) => r.trace.tenant === GONE));
  // refreshCatalog has 5 attempts: the first was the last.
  expect(report).toMatchObject({ outcome: 'failed', final: true, attemptsMade: 1 });
  const job = await queues.inventory.getJob(report.trace.jobId!);
  expect(job?.opts.attempts).toBe(5);
  expect(await job?.getState()).toBe('failed');
  expect(job?.failedReason).toContain(new UnknownTenantError(GONE).message);
  expect(job?.failedReason).toContain(`job scheduler refreshCatalog-${GONE}`);
  expect(job?.failedReason).toContain('pnpm ops unschedule');
  // The scheduler goes on: the next run is due an interval later, which is why ops can remove it.
  expect((await admin.schedulers()).find((s) => s.id === `refreshCatalog-${GONE}`)?.nextRunAt).toBeGreaterThan(
    Date.now() + HOUR / 2,
  );
});

test('a one-off job of a tenant the worker does not know keeps its retries (a newer worker may have the tenant)', async () => {
  consumeInventory();
  const ref = await jobs.add('refreshCatalog', { tenant: GONE });
  const report = await eventually(async () => reportsOf(ref.id)[0]);
  expect(report).toMatchObject({
    outcome: 'retried',
    final: false,
    attemptsMade: 1,
    error: new UnknownTenantError(GONE).message,
  });
  expect(await jobs.state(ref)).toBe('delayed');
});

test("a configured tenant's scheduled job runs", async () => {
  await jobs.schedule(perTenantId('refreshCatalog', KEPT), 'refreshCatalog', { tenant: KEPT }, HOUR);
  consumeInventory();
  const report = await eventually(async () => reports.find((r) => r.trace.tenant === KEPT));
  expect(report).toMatchObject({ outcome: 'completed' });
});
