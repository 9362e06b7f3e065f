import { eventually, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber, pushesOf } from '../order-fixtures';

// eTower misbehaving while orders are created, end to end through the processes: a hung call ended by the job's
// deadline, a refusal answered to Qianyi at once, 401s ended by the attempt limit, an outage longer than the wait.
// Each failure branch of the use case (500s, 401s, timeouts, short answers, refusals, last attempts) is tested
// without processes in packages/bridge/test/create-order-failures.int.test.ts.
export function failureCases(stack: () => BridgeHarness): void {
  let bridge: BridgeHarness;
  beforeAll(() => {
    bridge = stack();
  });

  afterEach(async () => {
    await bridge.control('/__control/etower/faults', { method: 'DELETE' });
  });

  const fault = (body: Record<string, unknown>) => bridge.control('/__control/etower/faults', { body });

  test('eTower hanging: the attempt times out and the retry creates it', async () => {
    const n = orderNumber('HANG');
    await fault({ endpoint: 'createOrders', mode: 'hang', count: 1 });
    await bridge.call('createOrder', order(n));
    await eventually(
      async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.warehouseOrderNumber,
      20000,
    );
    expect((await etowerStats(bridge)).ordersCreated[n]).toBe(1);
  });

  test("eTower refusing (600906 unknown service): FAILED with eTower's reason, answered and pushed", async () => {
    const n = orderNumber('REFUSE');
    const res = await bridge.call('createOrder', order(n, { logisticsCode: 'Pigeon Post' }));
    expect(res.body.success).toBe(false);
    expect(res.body.message).toMatch(/600906.*Pigeon Post/);
    const got = await bridge.call('getOrder', { orderNumber: n });
    expect(got.body.data).toMatchObject({ status: 'FAILED', failedReason: expect.stringMatching(/600906/) });
    const pushes = await eventually(async () => {
      const p = await pushesOf(bridge, n);
      return p.length ? p : undefined;
    });
    expect(pushes[pushes.length - 1]!.content).toMatchObject({
      status: 'FAILED',
      errorMsg: expect.stringMatching(/600906/),
      trackNumber: '',
    });
    expect((await etowerStats(bridge)).createOrderAttempts[n]).toBe(1); // a refusal is never retried
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
    await eventually(
      async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.warehouseOrderNumber,
      30000,
    );
    expect((await etowerStats(bridge)).ordersCreated[n]).toBe(1);
  });
}
