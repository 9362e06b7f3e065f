import { Queue } from 'bullmq';
import { createAsnJobId } from '@bridge/core';
import { asnContent, startBridge, eventually, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';

// createAsnOrder -> asn queue -> eTower b2b/po; poller -> pushAsnInfo; getAsnList; cancelAsnOrder. The sandbox's
// automatic receipt is slowed to never, so the test receives by hand in exact steps.
const asnShipper = {
  shipperWarehouseCode: 'SHIP-01',
  boxWeightKg: 8,
  boxLengthCm: 40,
  boxWidthCm: 30,
  boxHeightCm: 30,
};
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge({ tenant: { asnShipper }, sandboxEnv: { SANDBOX_RECEIVE_STEP_MS: '3600000' } });
});
afterAll(async () => {
  await bridge?.stop();
});

const asn = asnContent;
type Push = {
  content: {
    batchNo: string;
    wmsStatus: string;
    updateTime: number;
    skuList: Array<{ sku: string; receivedQuantity: number; goodQuantity: number }>;
  };
};
const pushes = async (asnNumber: string): Promise<Push[]> =>
  bridge.control(`/__control/qianyi/pushes?asnNumber=${asnNumber}`);
const receivedIn = (p: Push) => Object.fromEntries(p.content.skuList.map((l) => [l.sku, l.receivedQuantity]));

test('an ASN is created once under repeats, received in two steps with two incremental pushes, then FINISHED', async () => {
  const answers = await Promise.all([1, 2, 3, 4].map(() => bridge.call('createAsnOrder', asn('ASN-1'))));
  for (const a of answers)
    expect(a.body).toMatchObject({ success: true, results: [{ asnNumber: 'ASN-1', operation: 'CREATE' }] });
  const again = await bridge.call('createAsnOrder', asn('ASN-1'));
  expect(again.body.results[0].info).toMatch(/eTower inbound order E/);
  const stats = await bridge.control('/__control/etower/stats');
  expect(stats.posCreated['ASN-1']).toBe(1);
  expect(stats.poAttempts['ASN-1']).toBe(1);
  // Boxes as Qianyi packed them, the shipper from configuration.
  const { pos } = await bridge.control('/__control/etower/pos');
  expect(pos.find((p: { referenceNo: string }) => p.referenceNo === 'ASN-1')).toMatchObject({ boxNumber: 2 });

  const step1 = {
    lines: [
      { sku: 'SKU-000001', qty: 6 },
      { sku: 'SKU-000002', qty: 1 },
    ],
  };
  await bridge.control('/__control/etower/pos/ASN-1/receive', { body: step1 });
  const first = await eventually(async () => (await pushes('ASN-1')).find((p) => p.content.wmsStatus === 'RECEIVING'));
  expect(receivedIn(first)).toEqual({ 'SKU-000001': 6, 'SKU-000002': 1 });

  await bridge.control('/__control/etower/pos/ASN-1/receive', {
    body: {
      lines: [
        { sku: 'SKU-000001', qty: 4 },
        { sku: 'SKU-000002', qty: 3 },
      ],
    },
  });
  const second = await eventually(async () => (await pushes('ASN-1')).find((p) => p.content.wmsStatus === 'FINISHED'));
  // The second push carries only what was received since the first.
  expect(receivedIn(second)).toEqual({ 'SKU-000001': 4, 'SKU-000002': 3 });
  expect(second.content.batchNo).not.toBe(first.content.batchNo);
  expect(second.content.updateTime).toBeGreaterThanOrEqual(first.content.updateTime);
  const all = await pushes('ASN-1');
  expect(new Set(all.map((p) => p.content.batchNo)).size).toBe(all.length);
  // Increments over all pushes add up to the totals.
  const sum = (sku: string) => all.reduce((a, p) => a + (receivedIn(p)[sku] ?? 0), 0);
  expect([sum('SKU-000001'), sum('SKU-000002')]).toEqual([10, 4]);

  const list = await bridge.call('getAsnList', { asnNumbers: ['ASN-1'] });
  expect(list.body).toMatchObject({
    success: true,
    asnList: [
      {
        asnNumber: 'ASN-1',
        wmsStatus: 'FINISHED',
        referenceNumber: expect.stringMatching(/^E/),
        finishTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        skuList: [
          { sku: 'SKU-000001', estimatedQuantity: 10, receivedQuantity: 10, goodQuantity: 10, badQuantity: 0 },
          { sku: 'SKU-000002', estimatedQuantity: 4, receivedQuantity: 4, goodQuantity: 4, badQuantity: 0 },
        ],
      },
    ],
  });
});

test("getAsnList tolerates the seed's misplaced warehouseCode and names unknown ASNs", async () => {
  await bridge.call('createAsnOrder', asn('ASN-2'));
  const res = await bridge.call(
    'getAsnList',
    '{"asnNumbers":["ASN-2","NOPE",{"warehouseCode":"USWH1","asnNumber":"ASN-2"}]}',
  );
  expect(res.body.success).toBe(true);
  expect(res.body.asnList).toEqual([
    expect.objectContaining({
      asnNumber: 'ASN-2',
      wmsStatus: 'SHIPPING',
      referenceNumber: expect.stringMatching(/^E/),
    }),
  ]);
  expect(res.body.message).toContain('NOPE');
});

test('cancel: an ASN already at eTower cannot be cancelled (per-ASN failure); one still with us is cancelled', async () => {
  await bridge.call('createAsnOrder', asn('ASN-3'));
  const unknownWarehouse = await bridge.call('createAsnOrder', asn('ASN-4', { warehouseCode: 'NOWHERE' }));
  expect(unknownWarehouse.body.success).toBe(false);
  const res = await bridge.call('cancelAsnOrder', { asnNumbers: ['ASN-3', 'ASN-4', 'NEVER'] });
  expect(res.body.success).toBe(false);
  expect(res.body.results).toEqual([
    { asnNumber: 'ASN-3', operation: 'CANCEL', info: expect.stringContaining("eTower's API cannot cancel") },
    { asnNumber: 'ASN-4', operation: 'CANCEL', info: '' },
    { asnNumber: 'NEVER', operation: 'CANCEL', info: expect.stringContaining('not known') },
  ]);
  const list = await bridge.call('getAsnList', { asnNumbers: ['ASN-4'] });
  expect(list.body.asnList).toEqual([expect.objectContaining({ asnNumber: 'ASN-4', wmsStatus: 'DELETED' })]);
});

test('cancel while still queued (no worker for the asn queue): cancelled, and never reaches eTower', async () => {
  // Stop the worker so the create job waits; the cancel removes it.
  await Promise.all(bridge.workers.map((w) => w.stop()));
  bridge.workers.length = 0;
  const created = await bridge.call('createAsnOrder', asn('ASN-5'));
  expect(created.body).toMatchObject({ success: true, results: [{ info: expect.stringContaining('accepted') }] });
  const res = await bridge.call('cancelAsnOrder', { asnNumbers: ['ASN-5'] });
  expect(res.body).toEqual({
    success: true,
    message: '',
    results: [{ asnNumber: 'ASN-5', operation: 'CANCEL', info: '' }],
  });
  // Nothing is left for the restarted worker to run: the cancel removed the create job, so eTower never sees it.
  const queue = new Queue('asn', { connection: { url: bridge.redisUrl }, prefix: '{bridge}' });
  expect(await queue.getJob(createAsnJobId(TEST_TENANT.accessId, 'ASN-5'))).toBeUndefined();
  await queue.close();
  await bridge.startWorker();
  expect((await bridge.control('/__control/etower/stats')).poAttempts['ASN-5']).toBeUndefined();
  const again = await bridge.call('createAsnOrder', asn('ASN-5'));
  expect(again.body.success).toBe(false);
});
