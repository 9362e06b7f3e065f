import { eventually, type BridgeHarness } from '@bridge/testkit';
import { jobSettled } from '../job-settled';
import { etowerStats, order, orderNumber, pushesOf } from '../order-fixtures';

// Qianyi's cancelOrder end to end. A cancel racing the create or the release at every interleaving, and each
// phase's answer, are tested without processes in packages/bridge/test/release-and-cancel.int.test.ts.
export function cancelCases(stack: () => BridgeHarness): void {
  let bridge: BridgeHarness;
  beforeAll(() => {
    bridge = stack();
  });

  afterEach(async () => {
    await bridge.control('/__control/etower/faults', { method: 'DELETE' });
  });

  test('still with us (eTower failing, create retrying): cancelled, never created at eTower, CANCEL pushed', async () => {
    const n = orderNumber('CXQ');
    await bridge.control('/__control/etower/faults', { body: { endpoint: 'createOrders', mode: 'http500' } });
    expect((await bridge.call('createOrder', order(n))).body.success).toBe(true);
    const cancel = await bridge.call('cancelOrder', { orderNumber: n });
    expect(cancel.body).toEqual({ success: true, message: '' });
    await bridge.control('/__control/etower/faults', { method: 'DELETE' });
    // Removed by the cancel, or (if it was running) ended finding the order cancelled: no retry is still due.
    await jobSettled(bridge, 'createOrder', n);
    expect((await etowerStats(bridge)).ordersCreated[n]).toBeUndefined();
    const got = await bridge.call('getOrder', { orderNumber: n });
    expect(got.body.data).toMatchObject({ status: 'CANCEL' });
    const pushes = await eventually(async () => {
      const p = await pushesOf(bridge, n);
      return p.length ? p : undefined;
    });
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
    const pushes = await eventually(async () => {
      const p = await pushesOf(bridge, n);
      return p.some((x) => x.content.status === 'CANCEL') ? p : undefined;
    });
    expect(pushes[pushes.length - 1]!.content).toMatchObject({ status: 'CANCEL', wmsStatus: 'Canceled' });
  });

  test('an unknown order cannot be cancelled and says so', async () => {
    const res = await bridge.call('cancelOrder', { orderNumber: 'NEVER-SENT' });
    expect(res.body).toEqual({ success: false, message: expect.stringContaining('not known') });
  });
}
