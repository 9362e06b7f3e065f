import { eventually, startBridge, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber, pushesOf } from './order-fixtures';

let bridge: BridgeHarness;
beforeAll(async () => { bridge = await startBridge({ bridgeEnv: { SYNC_WAIT_MS: '1500' } }); });
afterAll(async () => { await bridge?.stop(); });
afterEach(async () => { await bridge.control('/__control/etower/faults', { method: 'DELETE' }); });

test('still with us (eTower failing, create retrying): cancelled, never created at eTower, CANCEL pushed', async () => {
  const n = orderNumber('CXQ');
  await bridge.control('/__control/etower/faults', { body: { endpoint: 'createOrders', mode: 'http500' } });
  expect((await bridge.call('createOrder', order(n))).body.success).toBe(true);
  const cancel = await bridge.call('cancelOrder', { orderNumber: n });
  expect(cancel.body).toEqual({ success: true, message: '' });
  await bridge.control('/__control/etower/faults', { method: 'DELETE' });
  await new Promise((r) => setTimeout(r, 2500)); // long enough for any retry that was still due
  expect((await etowerStats(bridge)).ordersCreated[n]).toBeUndefined();
  const got = await bridge.call('getOrder', { orderNumber: n });
  expect(got.body.data).toMatchObject({ status: 'CANCEL' });
  const pushes = await eventually(async () => { const p = await pushesOf(bridge, n); return p.length ? p : undefined; });
  expect(pushes[pushes.length - 1]!.content.status).toBe('CANCEL');
  // A repeat of the cancel is success; a repeat of the create is refused (not sent again).
  expect((await bridge.call('cancelOrder', { orderNumber: n })).body.success).toBe(true);
  const again = await bridge.call('createOrder', order(n));
  expect(again.body).toEqual({ success: false, message: expect.stringContaining('cancelled') });
});

test('already released: success:false explaining eTower cannot cancel it; the poller reports CANCEL if eTower does', async () => {
  const n = orderNumber('CXR');
  expect((await bridge.call('createOrder', order(n))).body.data.warehouseOrderNumber).toBeDefined();
  const cancel = await bridge.call('cancelOrder', { orderNumber: n });
  expect(cancel.body.success).toBe(false);
  expect(cancel.body.message).toMatch(/released.*cannot cancel.*Intercept it in eTower/);
  await bridge.control(`/__control/etower/orders/${n}/status`, { body: { status: 4, statusMsg: 'Canceled' } });
  await eventually(async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.status === 'CANCEL');
  const pushes = await eventually(async () => { const p = await pushesOf(bridge, n); return p.some((x) => x.content.status === 'CANCEL') ? p : undefined; });
  expect(pushes[pushes.length - 1]!.content).toMatchObject({ status: 'CANCEL', wmsStatus: 'Canceled' });
});

test('an unknown order cannot be cancelled and says so', async () => {
  const res = await bridge.call('cancelOrder', { orderNumber: 'NEVER-SENT' });
  expect(res.body).toEqual({ success: false, message: expect.stringContaining('not known') });
});

test('a cancel racing the create never ends as a shipped order reported cancelled', async () => {
  // The first creates meet a 500 (so they sit in backoff), the later ones a slow eTower (so they are in flight)
  // while the cancels arrive.
  await bridge.control('/__control/etower/faults', { body: { endpoint: 'createOrders', mode: 'http500', count: 6 } });
  await bridge.control('/__control/etower/faults', { body: { endpoint: 'createOrders', mode: 'delay', delayMs: 300 } });
  const numbers = Array.from({ length: 12 }, () => orderNumber('RACE'));
  const results = await Promise.all(numbers.map(async (n, i) => {
    const create = bridge.call('createOrder', order(n));
    await new Promise((r) => setTimeout(r, (i % 4) * 100));
    const cancel = await bridge.call('cancelOrder', { orderNumber: n });
    await create;
    return { n, cancelled: cancel.body.success === true };
  }));
  await bridge.control('/__control/etower/faults', { method: 'DELETE' });
  const stats = await etowerStats(bridge);
  for (const { n, cancelled } of results) {
    const final = await eventually(async () => {
      const d = (await bridge.call('getOrder', { orderNumber: n })).body.data;
      return d && d.status !== 'SENDING' ? d : undefined;
    }, 20000);
    if (cancelled) {
      expect(final.status).toBe('CANCEL');
      expect(stats.ordersCreated[n]).toBeUndefined();
    } else {
      expect(final.status).toBe('SUCCESS');
      expect(stats.ordersCreated[n]).toBe(1);
    }
  }
  // Both outcomes occur, or the race was not exercised.
  expect(results.some((r) => r.cancelled)).toBe(true);
  expect(results.some((r) => !r.cancelled)).toBe(true);
});
