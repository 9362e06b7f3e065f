import { eventually, startBridge, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber, pushesOf } from './order-fixtures';

// eTower misbehaving while orders are created: each case ends in the right final state, created at most once.
let bridge: BridgeHarness;
beforeAll(async () => { bridge = await startBridge(); });
afterAll(async () => { await bridge?.stop(); });
afterEach(async () => { await bridge.control('/__control/etower/faults', { method: 'DELETE' }); });

const fault = (body: Record<string, unknown>) => bridge.control('/__control/etower/faults', { body });

test('HTTP 500 three times, then success: created once', async () => {
  const n = orderNumber('E500');
  await fault({ endpoint: 'createOrders', mode: 'http500', count: 3 });
  const res = await bridge.call('createOrder', order(n));
  expect(res.body.success).toBe(true);
  const state = await eventually(async () => {
    const r = await bridge.call('getOrder', { orderNumber: n });
    return r.body.data?.warehouseOrderNumber ? r.body.data : undefined;
  });
  expect(state.status).not.toBe('FAILED');
  const stats = await etowerStats(bridge);
  expect(stats.createOrderAttempts[n]).toBe(1); // the three 500s were answered before the route
  expect(stats.ordersCreated[n]).toBe(1);
});

test('eTower timing out: retried, and an order eTower created behind the timeout is adopted, not created twice', async () => {
  const n = orderNumber('SLOW');
  // The first call is answered after the client's 2 s timeout, but eTower still creates the order.
  await fault({ endpoint: 'createOrders', mode: 'delay', delayMs: 3000, count: 1 });
  await bridge.call('createOrder', order(n));
  const state = await eventually(async () => {
    const r = await bridge.call('getOrder', { orderNumber: n });
    return r.body.data?.warehouseOrderNumber ? r.body.data : undefined;
  }, 20000);
  expect(state.status).toBe('SENDING');
  const stats = await etowerStats(bridge);
  expect(stats.ordersCreated[n]).toBe(1);
  expect(stats.createOrderAttempts[n]).toBe(1); // the retry read the order back instead of creating again
});

test('eTower hanging: the attempt times out and the retry creates it', async () => {
  const n = orderNumber('HANG');
  await fault({ endpoint: 'createOrders', mode: 'hang', count: 1 });
  await bridge.call('createOrder', order(n));
  await eventually(async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.warehouseOrderNumber, 20000);
  expect((await etowerStats(bridge)).ordersCreated[n]).toBe(1);
});

test('an answer array shorter than the request: the order is read back, not created again', async () => {
  const n = orderNumber('SHORT');
  await fault({ endpoint: 'createOrders', mode: 'short-array', count: 1 });
  const res = await bridge.call('createOrder', order(n));
  expect(res.body).toEqual({ success: true, message: '', data: { warehouseOrderNumber: expect.stringMatching(/^C\d+O$/) } });
  const stats = await etowerStats(bridge);
  expect(stats.ordersCreated[n]).toBe(1);
  expect(stats.createOrderAttempts[n]).toBe(1);
});

test('eTower refusing (600906 unknown service): FAILED with eTower\'s reason, answered and pushed', async () => {
  const n = orderNumber('REFUSE');
  const res = await bridge.call('createOrder', order(n, { logisticsCode: 'Pigeon Post' }));
  expect(res.body.success).toBe(false);
  expect(res.body.message).toMatch(/600906.*Pigeon Post/);
  const got = await bridge.call('getOrder', { orderNumber: n });
  expect(got.body.data).toMatchObject({ status: 'FAILED', failedReason: expect.stringMatching(/600906/) });
  const pushes = await eventually(async () => { const p = await pushesOf(bridge, n); return p.length ? p : undefined; });
  expect(pushes[pushes.length - 1]!.content).toMatchObject({ status: 'FAILED', errorMsg: expect.stringMatching(/600906/), trackNumber: '' });
  expect((await etowerStats(bridge)).createOrderAttempts[n]).toBe(1); // a refusal is never retried
});

test('a refused order sent again after the fix is created', async () => {
  const n = orderNumber('FIXED');
  expect((await bridge.call('createOrder', order(n, { logisticsCode: 'Pigeon Post' }))).body.success).toBe(false);
  const again = await bridge.call('createOrder', order(n));
  expect(again.body).toEqual({ success: true, message: '', data: { warehouseOrderNumber: expect.any(String) } });
  expect((await etowerStats(bridge)).ordersCreated[n]).toBe(1);
});

test('401 (clock skew) a few times, then accepted: created', async () => {
  const n = orderNumber('AUTH');
  await fault({ endpoint: 'createOrders', mode: 'http401', count: 2 });
  await bridge.call('createOrder', order(n));
  await eventually(async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.warehouseOrderNumber, 20000);
  expect((await etowerStats(bridge)).ordersCreated[n]).toBe(1);
});

test('401 that never stops: FAILED after a few attempts, with a message about the key and the clock', async () => {
  const n = orderNumber('AUTHX');
  await fault({ endpoint: 'createOrders', mode: 'http401' });
  await bridge.call('createOrder', order(n));
  const data = await eventually(async () => {
    const r = await bridge.call('getOrder', { orderNumber: n });
    return r.body.data?.status === 'FAILED' ? r.body.data : undefined;
  }, 20000);
  expect(data.failedReason).toMatch(/401/);
});

test('eTower down longer than the wait: answered "accepted", created after it recovers', async () => {
  const n = orderNumber('LATE');
  await fault({ endpoint: 'createOrders', mode: 'http500' });
  const res = await bridge.call('createOrder', order(n));
  expect(res.body.success).toBe(true);
  expect(res.body.data?.warehouseOrderNumber).toBeUndefined();
  const pending = await bridge.call('getOrder', { orderNumber: n });
  expect(pending.body.data).toMatchObject({ status: 'SENDING' });
  await bridge.control('/__control/etower/faults', { method: 'DELETE' });
  await eventually(async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.warehouseOrderNumber, 30000);
  expect((await etowerStats(bridge)).ordersCreated[n]).toBe(1);
});
