import { Redis } from 'ioredis';
import { tenantSchema } from '@bridge/config';
import { createOrderContentSchema } from '@bridge/qianyi';
import { isolatedRedisUrl } from '@bridge/testkit';
import { JobControl } from '../src/jobs/job-control';
import type { PushScheduler } from '../src/jobs/push-scheduler';
import { createQueues, type Queues } from '../src/jobs/queues';
import { OrderStore } from '../src/orders/order-store';
import { submitOrder, type SubmitOrderDeps } from '../src/orders/submit-order';
import { keys } from '../src/state/keys';
import { orderContent } from './support/order-content';

// What submitOrder (the ingress's side of createOrder) decides before any eTower call, on a real Redis: a COD order
// the tenant does not pass through is refused with nothing kept, and a self-shipped label is kept beside the record,
// never in the create job's data (which the dashboard and the ops CLI show). That the label still reaches eTower
// is tested through the processes in apps/worker/test/orders/label-storage.cases.ts.

let redis: Redis;
let queues: Queues;
let store: OrderStore;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
  queues = createQueues(redis);
  store = new OrderStore(redis);
});
afterAll(async () => {
  await Promise.all(Object.values(queues).map((q) => q.close()));
  redis.disconnect();
});

const tenantWith = (extra: Record<string, unknown> = {}) =>
  tenantSchema.parse({
    accessId: 'submit-tenant',
    secretKey: 's',
    qianyi: { callbackBaseUrl: 'http://127.0.0.1:1', warehouseExtraType: 'X' },
    etower: { baseUrl: 'http://127.0.0.1:1', token: 't', key: 'k' },
    ...extra,
  });
const deps = (tenant = tenantWith()): SubmitOrderDeps => ({
  tenant,
  store,
  jobs: new JobControl(queues),
  pushes: {
    orderChanged: async () => {
      throw new Error('no push expected');
    },
  } as unknown as PushScheduler,
});

let seq = 0;
const nextNumber = () => `SUB-${process.pid}-${++seq}`;
const LABEL = Buffer.from('%PDF-1.4\n% submit-order test\n%%EOF\n').toString('base64');
const withFields = (n: string, fields: Record<string, unknown>) =>
  createOrderContentSchema.parse({ ...orderContent(n), ...fields });
/** What the create job carries: the order (without its label, if it had one) and whether a label waits beside it. */
interface CreateJobData {
  order: Record<string, unknown>;
  labelStored?: boolean;
}
const jobData = async (id: string) => (await queues.orders.getJob(id))?.data as CreateJobData | undefined;

test('a COD order the tenant does not pass through: refused saying why, no record, no job', async () => {
  const n = nextNumber();
  const outcome = await submitOrder(withFields(n, { codEnabled: 1, codPayAmount: 10, codCurrency: 'USD' }), deps());
  expect(outcome).toEqual({ kind: 'refused', message: expect.stringMatching(/COD orders cannot be sent to eTower/) });
  expect(await store.get('submit-tenant', n)).toBeUndefined();
  expect(await queues.orders.getJobCounts()).toEqual(expect.objectContaining({ waiting: 0, delayed: 0 }));
});

test('a COD order of a tenant that passes it through is queued', async () => {
  const n = nextNumber();
  const outcome = await submitOrder(
    withFields(n, { codEnabled: 1, codPayAmount: '35.50', codCurrency: 'USD' }),
    deps(tenantWith({ allowCodPassthrough: true })),
  );
  expect(outcome.kind).toBe('queued');
  expect(await store.get('submit-tenant', n)).toMatchObject({ phase: 'received' });
});

test("a self-shipped label: kept beside the record for the job's week, out of the job's data", async () => {
  const n = nextNumber();
  const outcome = await submitOrder(
    withFields(n, { packageType: 'OWN_PACKAGE', trackingNumber: '1Z999AA10123456784', labelData: LABEL }),
    deps(),
  );
  if (outcome.kind !== 'queued') throw new Error(`expected queued, got ${outcome.kind}`);
  const data = await jobData(outcome.job.id);
  expect(data?.order.orderNumber).toBe(n);
  expect(data?.order).not.toHaveProperty('labelData');
  expect(data?.labelStored).toBe(true);
  expect(JSON.stringify(data)).not.toContain(LABEL.slice(0, 24));
  expect(await redis.get(keys.orderLabel('submit-tenant', n))).toBe(LABEL);
  expect(await redis.ttl(keys.orderLabel('submit-tenant', n))).toBeGreaterThan(6 * 24 * 3600);
});

test('a plain order stores no label, and its job says so (the worker then does not look for one)', async () => {
  const n = nextNumber();
  const outcome = await submitOrder(orderContent(n), deps());
  if (outcome.kind !== 'queued') throw new Error(`expected queued, got ${outcome.kind}`);
  expect(await redis.exists(keys.orderLabel('submit-tenant', n))).toBe(0);
  expect((await jobData(outcome.job.id))?.labelStored).toBe(false);
});
