import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { OrderStore, createJobId, createQueues, enqueue, initialFields } from '@bridge/core';
import { createOrderContentSchema } from '@bridge/qianyi';
import { eventually, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber } from '../order-fixtures';

// A self-shipped label is a customer's document: it reaches eTower, but never sits in job data (which the
// dashboard and the ops CLI show and BullMQ keeps for a week). The reliability suite's secrets scan found it there.
// Where the ingress keeps it (beside the record, with an expiry; none for a plain order) is tested without
// processes in packages/bridge/test/submit-order.int.test.ts; the mapping to eTower's parcel in order-mapping.test.ts.
export function labelStorageCases(stack: () => BridgeHarness): void {
  let bridge: BridgeHarness;
  beforeAll(() => {
    bridge = stack();
  });

  const LABEL = Buffer.from('%PDF-1.4\n% label-storage test\n%%EOF\n').toString('base64');

  test('a self-shipped label reaches eTower as the parcel label, once, and never rides in the create job', async () => {
    const n = orderNumber('LBL');
    const res = await bridge.call(
      'createOrder',
      order(n, { packageType: 'OWN_PACKAGE', trackingNumber: '1Z999AA10123456784', labelData: LABEL }),
    );
    expect(res.body.success).toBe(true);
    const queue = new Queue('orders', { connection: { url: bridge.redisUrl }, prefix: '{bridge}' });
    try {
      const job = await queue.getJob(createJobId(TEST_TENANT.accessId, n));
      expect(job?.data.labelStored).toBe(true);
      expect(JSON.stringify(job?.data)).not.toContain(LABEL.slice(0, 24));
    } finally {
      await queue.close();
    }
    await eventually(async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.warehouseOrderNumber);
    const { request } = await bridge.control(`/__control/etower/orders/${n}/request`);
    expect(request.parcels[0]).toMatchObject({
      trackingNo: '1Z999AA10123456784',
      labelType: 1,
      label: LABEL,
      labelName: `${n}.pdf`,
    });
    expect((await etowerStats(bridge)).ordersCreated[n]).toBe(1);
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
}
