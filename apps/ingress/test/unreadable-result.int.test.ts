import { Worker } from 'bullmq';
import { jobRef } from '@bridge/core';
import { signedCallBody } from '@bridge/qianyi';
import { startBridge, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';
import { minimalOrder } from './minimal-order';

// A create whose job finished with a result this ingress cannot read (a worker of another version wrote it): the
// call is answered as accepted, and the warning says which call and which job, as every other line of a call does.
// A bare BullMQ worker plays the other version.
let bridge: BridgeHarness;
let worker: Worker;
beforeAll(async () => {
  bridge = await startBridge({ workers: 0 });
  worker = new Worker('orders', async () => ({ outcome: 'adopted', orderNo: 'W-1' }), {
    connection: { url: bridge.redisUrl },
    prefix: '{bridge}',
  });
  await worker.waitUntilReady();
});
afterAll(async () => {
  await worker?.close();
  await bridge?.stop();
});

test("createOrder's unreadable result: accepted, and the warning carries the request id and the job id", async () => {
  const orderNumber = 'UNREADABLE-1';
  const content = JSON.stringify(minimalOrder(orderNumber));
  const res = await fetch(`${bridge.ingressUrl}/api/qianyi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'req-unreadable-1' },
    body: signedCallBody(TEST_TENANT.accessId, TEST_TENANT.secretKey, 'createOrder', content),
  });
  expect(await res.json()).toMatchObject({ success: true, message: expect.stringMatching(/^accepted/) });

  const line = await bridge.ingress.waitForLine((l) => l.includes('createOrder result not readable'), 5000);
  expect(JSON.parse(line)).toMatchObject({
    reqId: 'req-unreadable-1',
    tenant: TEST_TENANT.accessId,
    orderNumber,
    queue: 'orders',
    job: 'createOrder',
    jobId: jobRef('createOrder', { tenant: TEST_TENANT.accessId, order: { orderNumber } }).id,
    issue: expect.stringMatching(/^createOrder result: /),
  });
});
