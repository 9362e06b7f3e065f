import { eventually, startBridge, type BridgeHarness } from '@bridge/testkit';
import { jobSettled } from './job-settled';
import { etowerStats, order, orderNumber, pushesOf } from './order-fixtures';

// A tenant that holds orders as eTower drafts before releasing them (orderReleaseDelayMs), and allows COD data
// through extendData.
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge({ tenant: { orderReleaseDelayMs: 2000, allowCodPassthrough: true } });
});
afterAll(async () => {
  await bridge?.stop();
});

test('a held draft is released after the delay and ships', async () => {
  const n = orderNumber('HOLD');
  const res = await bridge.call('createOrder', order(n));
  expect(res.body.data.warehouseOrderNumber).toMatch(/^C\d+O$/);
  const request = await bridge.control(`/__control/etower/orders/${n}/request`);
  expect(request.request.isNeedConfirm).toBe(false);
  expect((await bridge.call('getOrder', { orderNumber: n })).body.data).toMatchObject({
    status: 'SENDING',
    wmsStatus: expect.stringMatching(/^Draft/),
  });
  expect((await etowerStats(bridge)).confirmations[n] ?? 0).toBe(0);
  await eventually(
    async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.status === 'SUCCESS',
    20000,
  );
  expect((await etowerStats(bridge)).confirmations[n]).toBe(1);
});

test('COD passes through extendData when the tenant allows it', async () => {
  const n = orderNumber('COD');
  const res = await bridge.call('createOrder', order(n, { codEnabled: 1, codPayAmount: '35.50', codCurrency: 'USD' }));
  expect(res.body.success).toBe(true);
  const request = await bridge.control(`/__control/etower/orders/${n}/request`);
  expect(request.request.extendData).toMatchObject({ codAmount: 35.5, codCurrency: 'USD' });
});

test('a draft cancelled in eTower before its release ends CANCEL (by the poller, or by the release reading it back)', async () => {
  const n = orderNumber('HOLDC');
  expect((await bridge.call('createOrder', order(n))).body.success).toBe(true);
  await bridge.control(`/__control/etower/orders/${n}/status`, { body: { status: 4, statusMsg: 'Canceled' } });
  const data = await eventually(async () => {
    const d = (await bridge.call('getOrder', { orderNumber: n })).body.data;
    return d?.status === 'CANCEL' ? d : undefined;
  }, 20000);
  expect(data.wmsStatus).toBe('Canceled');
  await jobSettled(bridge, 'releaseOrder', n); // its release ran (or was removed) without changing that
  expect((await bridge.call('getOrder', { orderNumber: n })).body.data.status).toBe('CANCEL');
  const pushes = await pushesOf(bridge, n);
  expect(pushes[pushes.length - 1]!.content.status).toBe('CANCEL');
});
