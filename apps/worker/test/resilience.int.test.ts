import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startBridge, startRedisServer, type BridgeHarness, type PrivateRedis } from '@bridge/testkit';
import { etowerStats, order, orderNumber } from './order-fixtures';

/** Until eTower has received one more createOrders call than `before` (it then waits out the sandbox's latency). */
const createCalls = async () =>
  Object.entries((await etowerStats(bridge)).calls as Record<string, number>)
    .filter(([path]) => path.endsWith('createOrders'))
    .reduce((sum, [, n]) => sum + n, 0);
const createCallArrived = async (before: number) => {
  await eventually(async () => (await createCalls()) > before);
};

// Graceful shutdown and Redis outages, with real processes and a Redis of this test's own (AOF on, as in production).
let redis: PrivateRedis;
let bridge: BridgeHarness;
const dir = mkdtempSync(join(tmpdir(), 'bridge-aof-'));
beforeAll(async () => {
  redis = await startRedisServer({ dir, appendOnly: true });
  bridge = await startBridge({
    redisUrl: redis.url,
    sandboxEnv: { SANDBOX_LATENCY_MS: '1500' },
    bridgeEnv: { SYNC_WAIT_MS: '0', ETOWER_TIMEOUT_MS: '5000', WORKER_QUEUES: 'orders,webhooks' },
  });
});
afterAll(async () => {
  await bridge?.stop();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('SIGTERM mid-job: the worker finishes the job, exits 0, nothing is lost', async () => {
  const n = orderNumber('TERM');
  const before = await createCalls();
  expect((await bridge.call('createOrder', order(n))).body.success).toBe(true);
  await createCallArrived(before); // the create call is now waiting on eTower's 1.5 s latency
  const worker = bridge.workers.shift()!;
  const code = await worker.stop('SIGTERM');
  expect(code).toBe(0);
  expect(worker.output()).toMatch(/"msg":"stopped"/);
  const got = await bridge.call('getOrder', { orderNumber: n });
  expect(got.body.data.warehouseOrderNumber).toMatch(/^C\d+O$/);
  expect((await etowerStats(bridge)).ordersCreated[n]).toBe(1);
  await bridge.startWorker();
});

test('a second signal exits at once', async () => {
  const worker = bridge.workers.shift()!;
  const before = await createCalls();
  expect((await bridge.call('createOrder', order(orderNumber('TERM2')))).body.success).toBe(true);
  await createCallArrived(before);
  worker.child.kill('SIGTERM');
  // The first signal is being handled (a graceful stop waits for the job in flight) when the second arrives.
  await worker.waitForLine((line) => line.includes('shutting down'));
  worker.child.kill('SIGTERM');
  // 130, not the graceful 0: the second signal cut the wait for the job short.
  expect(await worker.exited).toBe(130);
  await bridge.startWorker();
});

test('Redis stopped: the ingress answers 503 at once and /readyz fails; after a restart both recover and the worker resumes', async () => {
  const before = orderNumber('AOF');
  expect((await bridge.call('createOrder', order(before))).body.success).toBe(true);
  await redis.stop();
  const down = await bridge.call('getOrder', { orderNumber: before });
  expect(down.status).toBe(503);
  expect(down.body).toEqual({ success: false, message: expect.stringContaining('Redis') });
  expect((await fetch(`${bridge.ingressUrl}/readyz`)).status).toBe(503);

  redis = await startRedisServer({ dir, appendOnly: true, port: redis.port });
  await eventually(async () => (await fetch(`${bridge.ingressUrl}/readyz`)).status === 200, 20000);
  // The order answered success before the outage survived it (AOF), and the worker carried on by itself.
  await eventually(
    async () => (await bridge.call('getOrder', { orderNumber: before })).body.data?.warehouseOrderNumber,
    30000,
  );
  const after = orderNumber('AOF2');
  expect((await bridge.call('createOrder', order(after))).body.success).toBe(true);
  await eventually(
    async () => (await bridge.call('getOrder', { orderNumber: after })).body.data?.warehouseOrderNumber,
    30000,
  );
  expect((await etowerStats(bridge)).ordersCreated[after]).toBe(1);
});
