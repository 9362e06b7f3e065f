import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { OrderStore, createJobId, createQueues, enqueue, initialFields } from '@bridge/core';
import { createOrderContentSchema } from '@bridge/qianyi';
import { eventually, startBridge, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber } from './order-fixtures';

// A self-shipped label is a customer's document: it reaches eTower, but never sits in job data (which the
// dashboard and the ops CLI show and BullMQ keeps for a week). The reliability suite's secrets scan found it there.
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge({ bridgeEnv: { SYNC_WAIT_MS: '0' } });
});
afterAll(async () => {
  await bridge?.stop();
});

const LABEL = Buffer.from('%PDF-1.4\n% label-storage test\n%%EOF\n').toString('base64');

test('the create job carries no label; the label is kept beside the order with an expiry and still reaches eTower once', async () => {
  const n = orderNumber('LBL');
  const res = await bridge.call(
    'createOrder',
    order(n, { packageType: 'OWN_PACKAGE', trackingNumber: '1Z999AA10123456784', labelData: LABEL }),
  );
  expect(res.body.success).toBe(true);
  const queue = new Queue('orders', { connection: { url: bridge.redisUrl }, prefix: '{bridge}' });
  const redis = new Redis(bridge.redisUrl);
  try {
    const job = await queue.getJob(createJobId(TEST_TENANT.accessId, n));
    expect(job?.data.order.orderNumber).toBe(n);
    expect(job?.data.order).not.toHaveProperty('labelData');
    expect(job?.data.labelStored).toBe(true);
    expect(JSON.stringify(job?.data)).not.toContain(LABEL.slice(0, 24));
    const key = `{bridge}:order-label:test-access-id:${n}`;
    expect(await redis.get(key)).toBe(LABEL);
    expect(await redis.ttl(key)).toBeGreaterThan(6 * 24 * 3600);

    await eventually(async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.warehouseOrderNumber);
    const { request } = await bridge.control(`/__control/etower/orders/${n}/request`);
    expect(request.parcels[0]).toMatchObject({ trackingNo: '1Z999AA10123456784', labelType: 1, label: LABEL });
    expect((await etowerStats(bridge)).ordersCreated[n]).toBe(1);
  } finally {
    await queue.close();
    redis.disconnect();
  }
});

test('a plain order stores no label', async () => {
  const n = orderNumber('NOLBL');
  expect((await bridge.call('createOrder', order(n))).body.success).toBe(true);
  const queue = new Queue('orders', { connection: { url: bridge.redisUrl }, prefix: '{bridge}' });
  const redis = new Redis(bridge.redisUrl);
  try {
    expect(await redis.exists(`{bridge}:order-label:test-access-id:${n}`)).toBe(0);
    // ...and says so in the job, so the worker does not look for one.
    expect((await queue.getJob(createJobId(TEST_TENANT.accessId, n)))?.data.labelStored).toBe(false);
  } finally {
    await queue.close();
    redis.disconnect();
  }
});

test('a create job from before labelStored existed still gets its stored label to eTower', async () => {
  // What an older ingress wrote: the record, the label beside it, and a job whose data does not say labelStored.
  const n = orderNumber('OLDJOB');
  const content = createOrderContentSchema.parse(
    order(n, { packageType: 'OWN_PACKAGE', trackingNumber: '1Z999AA10123456785', labelData: LABEL }),
  );
  const redis = new Redis(bridge.redisUrl, { maxRetriesPerRequest: null });
  const queues = createQueues(redis);
  try {
    const store = new OrderStore(redis);
    expect(
      (
        await store.transition('test-access-id', n, {
          from: 'absent',
          patch: { phase: 'received', ...initialFields(content) },
          notify: false,
          open: 'add',
          note: 'received from Qianyi',
        })
      ).ok,
    ).toBe(true);
    await store.putLabel('test-access-id', n, LABEL);
    const { labelData: _label, ...withoutLabel } = content;
    const job = await enqueue(queues, 'createOrder', { tenant: 'test-access-id', order: withoutLabel });
    expect(job.data).not.toHaveProperty('labelStored');

    await eventually(async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.warehouseOrderNumber);
    const { request } = await bridge.control(`/__control/etower/orders/${n}/request`);
    expect(request.parcels[0]).toMatchObject({ trackingNo: '1Z999AA10123456785', labelType: 1, label: LABEL });
  } finally {
    await Promise.all(Object.values(queues).map((q) => q.close()));
    redis.disconnect();
  }
});
