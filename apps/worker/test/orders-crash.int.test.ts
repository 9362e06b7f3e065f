import { eventually, startBridge, type BridgeHarness } from '@bridge/testkit';
import { etowerStats, order, orderNumber } from './order-fixtures';

// A worker killed with SIGKILL in the middle of a burst of 200 orders: after a restart every order is created
// exactly once at eTower and none is stuck.
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge({
    sandboxEnv: { SANDBOX_LATENCY_MS: '40' },
    // The killed worker's jobs are taken over once their locks run out: the shortest lock that is still renewed
    // in time under a busy machine, checked every second.
    bridgeEnv: {
      SYNC_WAIT_MS: '0',
      WORKER_CONCURRENCY: '10',
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
    },
  });
});
afterAll(async () => {
  await bridge?.stop();
});

test('SIGKILL mid-burst, restart: 200 orders created exactly once, none stuck', async () => {
  const numbers = Array.from({ length: 200 }, () => orderNumber('KILL'));
  const answers = await Promise.all(numbers.map((n) => bridge.call('createOrder', order(n))));
  expect(answers.every((a) => a.status === 200 && a.body.success === true)).toBe(true);

  // Kill the worker once it is part-way through (some created, most not).
  await eventually(
    async () => {
      const created = Object.keys((await etowerStats(bridge)).ordersCreated).filter((k) => k.startsWith('KILL')).length;
      return created >= 20 && created < 200;
    },
    20000,
    20,
  );
  const victim = bridge.workers[0]!;
  await victim.stop('SIGKILL');
  await bridge.startWorker();

  // Awaited at eTower's side (one call a poll), then read through the bridge: 200 getOrder calls a poll would
  // keep the ingress busy for the whole wait.
  await eventually(
    async () => {
      const created = (await etowerStats(bridge)).ordersCreated;
      return numbers.every((n) => created[n]);
    },
    45000,
    250,
  );
  const states = await eventually(
    async () => {
      const all = await Promise.all(numbers.map((n) => bridge.call('getOrder', { orderNumber: n })));
      return all.every((r) => r.body.data?.warehouseOrderNumber) ? all : undefined;
    },
    20000,
    250,
  );
  expect(states.every((r) => r.body.data.status !== 'FAILED')).toBe(true);
  const stats = await etowerStats(bridge);
  for (const n of numbers) expect(stats.ordersCreated[n]).toBe(1);
  // Every answer's warehouse order number is the one eTower holds.
  const distinct = new Set(states.map((r) => r.body.data.warehouseOrderNumber));
  expect(distinct.size).toBe(200);
});
