import { eventually, type BridgeHarness } from '@bridge/testkit';
import { order, orderNumber, pushesOf } from '../order-fixtures';

// Qianyi's webhook endpoint misbehaving while orders move on: the newest state arrives once it recovers,
// and never an older state after a newer one.
export function webhookCases(stack: () => BridgeHarness): void {
  let bridge: BridgeHarness;
  beforeAll(() => {
    bridge = stack();
  });

  afterEach(async () => {
    await bridge.control('/__control/qianyi/faults', { method: 'DELETE' });
  });

  const RANK: Record<string, number> = { Created: 1, Accepted: 2, Outbound: 3 };
  const rank = (p: { content: Record<string, any> }) => RANK[String(p.content.wmsStatus)] ?? 0;
  /** The order's pushes once the SUCCESS one has arrived. */
  const untilShippedPush = (n: string) =>
    eventually(async () => {
      const p = await pushesOf(bridge, n);
      return p.some((x) => x.content.status === 'SUCCESS') ? p : undefined;
    }, 20000);
  /** Never an older state after a newer one. */
  function expectInOrder(pushes: Array<{ content: Record<string, any> }>): void {
    const ranks = pushes.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  }

  test('endpoint down for a while: the push arrives after it recovers, newest state last, never out of order', async () => {
    await bridge.control('/__control/qianyi/faults', { body: { mode: 'down' } });
    const numbers = Array.from({ length: 5 }, () => orderNumber('HOOK'));
    for (const n of numbers) expect((await bridge.call('createOrder', order(n))).body.success).toBe(true);
    // Let every order ship while Qianyi is down: each has had three states by now.
    await eventually(async () => {
      const all = await Promise.all(numbers.map((n) => bridge.call('getOrder', { orderNumber: n })));
      return all.every((r) => r.body.data?.status === 'SUCCESS');
    });
    // Pushes were tried and refused while Qianyi was down (a 503 each), and none was taken.
    await eventually(
      async () =>
        (await bridge.control<Array<{ httpStatus: number }>>('/__control/qianyi/rejected')).filter(
          (r) => r.httpStatus === 503,
        ).length >= numbers.length,
    );
    for (const n of numbers) expect(await pushesOf(bridge, n)).toEqual([]);
    await bridge.control('/__control/qianyi/faults', { method: 'DELETE' });
    for (const n of numbers) {
      const pushes = await untilShippedPush(n);
      expectInOrder(pushes);
      expect(pushes[pushes.length - 1]!.content.status).toBe('SUCCESS');
      expect(pushes.filter((p) => p.content.status === 'SUCCESS')).toHaveLength(1);
    }
  });

  test('answering success:false counts as not delivered and is retried', async () => {
    await bridge.control('/__control/qianyi/faults', { body: { mode: 'success-false', count: 2 } });
    const n = orderNumber('HOOKF');
    await bridge.call('createOrder', order(n));
    const pushes = await eventually(async () => {
      const p = await pushesOf(bridge, n);
      return p.length ? p : undefined;
    }, 20000);
    expect(pushes[0]!.content.orderNumber).toBe(n);
    const rejected = await bridge.control<Array<{ reason?: string }>>('/__control/qianyi/rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(2);
  });

  test("a slow endpoint still gets every order's final state, in order", async () => {
    await bridge.control('/__control/qianyi/faults', { body: { mode: 'slow', delayMs: 400 } });
    const n = orderNumber('HOOKS');
    await bridge.call('createOrder', order(n));
    expectInOrder(await untilShippedPush(n));
  });

  test('exhausted deliveries stay in the failed set with their data, and a replay delivers the newest state', async () => {
    const { Queue } = await import('bullmq');
    await bridge.control('/__control/qianyi/faults', { body: { mode: 'down' } });
    const n = orderNumber('HOOKX');
    await bridge.call('createOrder', order(n));
    await eventually(async () => (await bridge.call('getOrder', { orderNumber: n })).body.data?.status === 'SUCCESS');
    const webhooks = new Queue('webhooks', { connection: { url: bridge.redisUrl }, prefix: '{bridge}' });
    try {
      // The schedule of this harness is 6 attempts over about 7 s.
      const failed = await eventually(async () => {
        const jobs = (await webhooks.getFailed()).filter((j) => j.data.orderNumber === n);
        return jobs.length ? jobs : undefined;
      }, 30000);
      const newest = failed.sort((a, b) => b.data.version - a.data.version)[0]!;
      expect(newest.attemptsMade).toBe(6);
      expect(newest.failedReason).toMatch(/HTTP 503/);
      expect(newest.data).toEqual({ tenant: 'test-access-id', orderNumber: n, version: expect.any(Number) });
      await bridge.control('/__control/qianyi/faults', { method: 'DELETE' });
      await newest.retry();
      const pushes = await eventually(async () => {
        const p = await pushesOf(bridge, n);
        return p.length ? p : undefined;
      });
      expect(pushes[pushes.length - 1]!.content.status).toBe('SUCCESS');
    } finally {
      await webhooks.close();
    }
  });
}
