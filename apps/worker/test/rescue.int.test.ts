import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { createAsnJobId, createJobId } from '@bridge/core';
import { eventually, startBridge, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber } from './order-fixtures';

// A create job that ended without settling its document (its worker killed on the last attempt, a job stalled
// twice) would leave the order or ASN in received/creating for ever. The pollers find such documents and run
// their job again; a job that is gone makes the document FAILED, saying so.
// (Each branch of the order poller's rescue, with the record's age set rather than waited for, is
// packages/bridge/test/poll-rescue.int.test.ts; this is the path through the processes, and the 10 s wait is
// STUCK_AFTER_MS, a constant of the product.)
const asnShipper = {
  shipperWarehouseCode: 'SHIP-01',
  boxWeightKg: 8,
  boxLengthCm: 40,
  boxWidthCm: 30,
  boxHeightCm: 30,
};
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge({ workers: 0, tenant: { asnShipper }, bridgeEnv: { SYNC_WAIT_MS: '200' } });
});
afterAll(async () => {
  await bridge?.stop();
});

/** Plays a worker that dies on every job of a queue: each ends in the failed set, its document untouched. */
async function failEveryJob(queue: 'orders' | 'asn', count: number): Promise<void> {
  const connection = { url: bridge.redisUrl };
  let failed = 0;
  const killer = new Worker(
    queue,
    async () => {
      throw new UnrecoverableError('simulated: worker died on the last attempt');
    },
    { connection, prefix: '{bridge}' },
  );
  killer.on('failed', () => {
    failed += 1;
  });
  await eventually(async () => failed >= count);
  await killer.close();
}

test('orders and ASNs whose create job died are created after all, once; a lost job ends FAILED', async () => {
  const revived = orderNumber('REVIVE');
  const lost = orderNumber('LOST');
  const asnNumber = orderNumber('ASNREV');
  const lostAsn = orderNumber('ASNLOST');
  expect((await bridge.call('createOrder', order(revived))).body.success).toBe(true);
  expect((await bridge.call('createOrder', order(lost))).body.success).toBe(true);
  for (const n of [asnNumber, lostAsn]) {
    expect(
      (
        await bridge.call('createAsnOrder', {
          asnNumber: n,
          warehouseCode: 'USWH1',
          skuList: [{ sku: 'SKU-000001', quantity: 3 }],
        })
      ).body.success,
    ).toBe(true);
  }
  await failEveryJob('orders', 2);
  await failEveryJob('asn', 2);
  const orders = new Queue('orders', { connection: { url: bridge.redisUrl }, prefix: '{bridge}' });
  await (await orders.getJob(createJobId(TEST_TENANT.accessId, lost)))!.remove();
  await orders.close();
  const asns = new Queue('asn', { connection: { url: bridge.redisUrl }, prefix: '{bridge}' });
  await (await asns.getJob(createAsnJobId(TEST_TENANT.accessId, lostAsn)))!.remove();
  await asns.close();
  expect((await bridge.call('getOrder', { orderNumber: revived })).body.data).toMatchObject({ status: 'SENDING' });

  await bridge.startWorker(); // its pollers run every second; a document is "stuck" after 10 s
  const data = await eventually(
    async () => {
      const d = (await bridge.call('getOrder', { orderNumber: revived })).body.data;
      return d?.warehouseOrderNumber ? d : undefined;
    },
    30000,
    500,
  );
  expect(data.status).not.toBe('FAILED');
  const gone = await eventually(
    async () => {
      const d = (await bridge.call('getOrder', { orderNumber: lost })).body.data;
      return d?.status === 'FAILED' ? d : undefined;
    },
    30000,
    500,
  );
  expect(gone.failedReason).toMatch(/lost this order's create job/);
  await eventually(async () => (await etowerStats(bridge)).posCreated[asnNumber] === 1, 30000, 500);
  const stats = await etowerStats(bridge);
  expect(stats.ordersCreated[revived]).toBe(1);
  expect(stats.ordersCreated[lost]).toBeUndefined();
  expect(stats.posCreated[asnNumber]).toBe(1);
  // A lost ASN is not pushed (pushAsnInfo has no failure status): getAsnList names it and says why.
  const list = await eventually(
    async () => {
      const body = (await bridge.call('getAsnList', { asnNumbers: [lostAsn, asnNumber] })).body;
      return body.message.includes(lostAsn) ? body : undefined;
    },
    30000,
    500,
  );
  expect(list.message).toMatch(
    new RegExp(`${lostAsn}: not confirmed by eTower: the bridge lost this ASN's create job`),
  );
  expect(list.asnList.map((a: { asnNumber: string }) => a.asnNumber)).toEqual([asnNumber]);
  expect(stats.posCreated[lostAsn]).toBeUndefined();
});
