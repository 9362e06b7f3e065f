import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { KEY_PREFIX } from '@bridge/runtime';
import { isolatedRedisUrl } from '@bridge/testkit';
import { JobControl } from '../src/jobs/job-control';
import { jobId, perTenantId } from '../src/jobs/job-id';
import { QueueAdmin } from '../src/jobs/queue-admin';
import { createQueues, type Queues } from '../src/jobs/queues';
import { keys, legacyAsnRecordPrefix } from '../src/state/keys';
import { outboxMember } from '../src/state/outbox';
import { SHARED_KEY_KINDS } from '../src/state/tenant-keys';
import { forgetTenant } from '../src/tenants/forget-tenant';

// Forgetting a tenant against a real Redis and real BullMQ queues: every kind of its keys, its outbox entries and
// its jobs go, and nothing of tenants whose names overlap its own (`ab`, `a:b`, `a-b`) nor of their documents whose
// numbers hold `:a:`. The enumeration alone: tenant-keys.test.ts.

const GONE = 'a';
const OTHERS = ['ab', 'a:b', 'a-b', 'b'];
let redis: Redis;
let queues: Queues;
let jobs: JobControl;
let admin: QueueAdmin;

beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl(), { maxRetriesPerRequest: null });
  queues = createQueues(redis);
  jobs = new JobControl(queues);
  admin = new QueueAdmin(queues);
});

afterAll(async () => {
  await Promise.all(Object.values(queues).map((q) => q.close()));
  redis.disconnect();
});

beforeEach(async () => {
  await redis.flushdb();
});

type KeyFn = (tenant: string, ...parts: string[]) => string;
const perTenantKinds = (Object.keys(keys) as Array<keyof typeof keys>).filter(
  (k) => !(SHARED_KEY_KINDS as readonly string[]).includes(k),
);

/** One key of every per-tenant kind (documents `X` and `X:a:Y`) and a legacy ASN record. */
async function seedKeys(tenant: string): Promise<string[]> {
  const written: string[] = [];
  for (const kind of perTenantKinds) {
    const fn = keys[kind] as KeyFn;
    for (const doc of fn.length > 1 ? ['X', 'X:a:Y'] : ['']) {
      const key = fn(tenant, ...Array<string>(fn.length - 1).fill(doc));
      await redis.set(key, 'x');
      written.push(key);
    }
  }
  const legacy = `${legacyAsnRecordPrefix(tenant)}ASN-1`;
  await redis.hset(legacy, { phase: 'created', version: '1' });
  return [...new Set([...written, legacy])];
}

/** The tenant's jobs, one or more per queue; the numeric-id one names its tenant only in its payload. */
async function seedJobs(tenant: string): Promise<void> {
  await jobs.add('createOrder', { tenant, order: { orderNumber: 'SO-1' } });
  await jobs.add('pushOrderInfo', { tenant, orderNumber: 'SO-1', version: 2 });
  await jobs.add('createAsn', { tenant, asn: { asnNumber: 'ASN-1' } });
  await jobs.add('refreshCatalog', { tenant }, { jobId: jobId('refreshCatalog', tenant, 'r1') });
  await jobs.add('createProducts', { tenant }, { jobId: jobId('createProducts', tenant, '1', 'x') });
  await jobs.add('pollOrders', { tenant });
}

const exists = async (list: readonly string[]) => (await Promise.all(list.map((k) => redis.exists(k)))).filter(Boolean);
const jobCount = async () =>
  (await Promise.all(Object.values(queues).map((q) => q.getJobCountByTypes('waiting', 'failed', 'delayed')))).reduce(
    (a, b) => a + b,
    0,
  );

test("deletes every kind of the tenant's keys, its outbox entries and its jobs, and nothing of another tenant", async () => {
  const gone = await seedKeys(GONE);
  const kept = (await Promise.all(OTHERS.map(seedKeys))).flat();
  // Under the legacy ASN prefix but no record: what the asn queue's BullMQ keys look like to a SCAN there.
  const notRecord = `${legacyAsnRecordPrefix(GONE)}pollAsns-x:1`;
  await redis.hset(notRecord, { name: 'pollAsns', data: '{}' });
  kept.push(notRecord);
  for (const t of [GONE, ...OTHERS]) await seedJobs(t);
  // An id made before ids were escaped, of tenant `a-b`: it reads as tenant `a`, its payload says otherwise.
  await jobs.add('createOrder', { tenant: 'a-b', order: { orderNumber: 'OLD' } }, { jobId: 'createOrder-a-b-OLD' });
  // Outbox: the tenant's of each kind, another tenant's whose id holds "\na\n", another tenant's plain one.
  await redis.zadd(keys.pushOutbox, 1, outboxMember('order', GONE, 'SO-1'), 2, outboxMember('asn', GONE, 'ASN-1'));
  await redis.zadd(keys.pushOutbox, 3, outboxMember('sku', GONE, 'S'), 4, outboxMember('order', 'ab', 'x\na\ny'));
  await redis.zadd(keys.pushOutbox, 5, outboxMember('order', 'a:b', 'SO-1'));
  const jobsBefore = await jobCount();

  const counted = await forgetTenant({ redis, admin }, GONE, { remove: false });
  const perKind = Object.fromEntries([...perTenantKinds, 'legacyAsnRecord'].map((k) => [k, expect.any(Number)]));
  expect(counted).toEqual({
    outcome: 'counted',
    keys: perKind,
    outbox: 3,
    jobs: { orders: 2, webhooks: 1, asn: 1, inventory: 1, skus: 1 },
    jobsLeft: [],
  });
  if (counted.outcome !== 'counted') throw new Error(counted.outcome);
  expect(Object.values(counted.keys).reduce((a, b) => a + b, 0)).toBe(gone.length);
  // A dry run deletes nothing.
  expect(await exists(gone)).toHaveLength(gone.length);
  expect(await jobCount()).toBe(jobsBefore);

  const deleted = await forgetTenant({ redis, admin }, GONE, { remove: true });
  expect(deleted).toEqual({ ...counted, outcome: 'deleted' });
  expect(await exists(gone)).toEqual([]);
  expect(await exists(kept)).toHaveLength(kept.length);
  expect(await redis.zrange(keys.pushOutbox, 0, -1)).toEqual([
    outboxMember('order', 'ab', 'x\na\ny'),
    outboxMember('order', 'a:b', 'SO-1'),
  ]);
  expect(await jobCount()).toBe(jobsBefore - 6);
  expect(await queues.orders.getJob('createOrder-a-b-OLD')).toBeDefined();
  for (const t of OTHERS) expect(await admin.tenantJobs(t)).toHaveLength(t === 'a-b' ? 7 : 6);

  // Again: nothing left to count or delete.
  const again = await forgetTenant({ redis, admin }, GONE, { remove: true });
  expect(again).toEqual({ outcome: 'deleted', keys: {}, outbox: 0, jobs: {}, jobsLeft: [] });
});

test('is refused while the tenant has Job Schedulers, and touches nothing', async () => {
  const gone = await seedKeys(GONE);
  await jobs.schedule(perTenantId('sweepExpired', GONE), 'sweepExpired', { tenant: GONE }, 3600000);
  const result = await forgetTenant({ redis, admin }, GONE, { remove: true });
  expect(result).toMatchObject({ outcome: 'has-schedulers', schedulers: [{ id: `sweepExpired-${GONE}` }] });
  expect(await exists(gone)).toHaveLength(gone.length);
  // Another tenant's scheduler is no reason to refuse.
  await admin.removeSchedulers(GONE);
  await jobs.schedule(perTenantId('sweepExpired', 'ab'), 'sweepExpired', { tenant: 'ab' }, 3600000);
  expect(await forgetTenant({ redis, admin }, GONE, { remove: true })).toMatchObject({ outcome: 'deleted' });
  expect(await exists(gone)).toEqual([]);
});

test("leaves a job a worker is running, and removes a scheduler's failed job once the scheduler is gone", async () => {
  // A scheduler's first job fails (the worker did not know the tenant); then the operator ran unschedule.
  await jobs.schedule(perTenantId('pollOrders', GONE), 'pollOrders', { tenant: GONE }, 3600000);
  const connection = redis.duplicate();
  const worker = new Worker('orders', null, { connection, prefix: KEY_PREFIX });
  try {
    const scheduled = await worker.getNextJob('t');
    expect(scheduled?.id).toMatch(/^repeat:pollOrders-a:\d+$/);
    await scheduled!.moveToFailed(new UnrecoverableError('unknown tenant a'), 't', false);
    await admin.removeSchedulers(GONE);
    // A one-off job of the tenant that a worker holds right now.
    await jobs.add('createOrder', { tenant: GONE, order: { orderNumber: 'SO-9' } });
    const running = await worker.getNextJob('t');
    expect(running?.id).toBe(jobId('createOrder', GONE, 'SO-9'));

    const first = await forgetTenant({ redis, admin }, GONE, { remove: true });
    expect(first).toMatchObject({ jobs: { orders: 1 }, jobsLeft: [{ queue: 'orders', id: running!.id }] });
    expect(await queues.orders.getJob(scheduled!.id!)).toBeUndefined();

    await running!.moveToFailed(new UnrecoverableError('unknown tenant a'), 't', false);
    const second = await forgetTenant({ redis, admin }, GONE, { remove: true });
    expect(second).toMatchObject({ jobs: { orders: 1 }, jobsLeft: [] });
    expect(await admin.tenantJobs(GONE)).toEqual([]);
  } finally {
    await worker.close(true);
    connection.disconnect();
  }
});
