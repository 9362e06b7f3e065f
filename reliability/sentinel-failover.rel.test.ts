import {
  startApp,
  startSentinelGroup,
  sentinelPrimaryPort,
  type AppProcess,
  type BridgeHarness,
  type SentinelGroup,
} from '../packages/testkit/src/index';
import { orderNumber } from '../apps/worker/test/order-fixtures';
import { count, zero } from './lib/figures';
import { etowerStats, order, startFullBridge } from './lib/fixtures';
import { pool, sleep, waitUntil } from './lib/pool';
import { SCALE } from './lib/scale';
import { report, reportSecrets } from './lib/scenario';

// A primary, two replicas and three Sentinels; every bridge process connects through the Sentinels and answers a
// command only once one replica holds it (REDIS_MIN_REPLICAS_ACK=1). createOrders keep coming while the primary
// is SIGKILLed (the machine lost): the Sentinels promote a replica, the processes follow without a restart,
// every order answered success:true is created exactly once, and everything answered during the switch is 503.
// Two replicas, because with one the promoted replica has none left and WAIT 1 can never succeed: the bridge then
// answers 503 (safely) until a replica is back; a first run with one replica showed exactly that.
const SCENARIO = 'Redis primary lost (Sentinel failover, REDIS_MIN_REPLICAS_ACK=1)';
const FILE = 'reliability/sentinel-failover.rel.test.ts';
const DOWN_AFTER_MS = 1000;
const DASHBOARD = { user: 'ops', password: 'failover-dashboard-password' };
let group: SentinelGroup;
let bridge: BridgeHarness;
let dashboard: AppProcess | undefined;
beforeAll(async () => {
  group = await startSentinelGroup({ replicas: 2, downAfterMs: DOWN_AFTER_MS, failoverTimeoutMs: 5000 });
  bridge = await startFullBridge({
    // The harness's redisUrl is only where the secrets scan looks: the bridge itself is given the Sentinels.
    redisUrl: group.replicas[0]!.url,
    workers: 2,
    bridgeEnv: {
      REDIS_URL: '',
      REDIS_SENTINELS: group.sentinelList,
      REDIS_SENTINEL_NAME: group.name,
      REDIS_MIN_REPLICAS_ACK: '1',
      SYNC_WAIT_MS: '0',
    },
  });
  dashboard = startApp('dashboard', {
    ...bridge.bridgeEnv,
    DASHBOARD_PORT: '0',
    DASHBOARD_USER: DASHBOARD.user,
    DASHBOARD_PASSWORD: DASHBOARD.password,
  });
  await dashboard.listening;
});
afterAll(async () => {
  // After the failover the first replica is the primary or a replica of it: the secrets scan reads it there.
  if (bridge) await reportSecrets(SCENARIO, FILE, bridge, dashboard ? [dashboard] : []).finally(() => bridge.stop());
  await dashboard?.stop();
  await group?.stop();
});

type Sent = { n: string; sentAt: number; answeredAt: number; status: number; success: boolean; message?: string };

let dashboardSaw = '';
async function dashboardFollows(): Promise<boolean> {
  const url = (await dashboard!.listening).url;
  const health = await fetch(`${url}/healthz`).then(
    (r) => r.json() as Promise<{ redis?: string }>,
    () => ({ redis: 'unreachable' }),
  );
  dashboardSaw = `healthz redis ${health.redis}`;
  if (health.redis !== 'ready') return false;
  const auth = `Basic ${Buffer.from(`${DASHBOARD.user}:${DASHBOARD.password}`).toString('base64')}`;
  const queues = await fetch(`${url}/api/queues`, { headers: { authorization: auth } }).catch(() => undefined);
  dashboardSaw += `, /api/queues ${queues?.status}`;
  return queues?.status === 200;
}

test('SIGKILL the primary under a stream of createOrders', async () => {
  const pids = [bridge.ingress, ...bridge.workers, dashboard!].map((p) => p.child.pid);
  const sent: Sent[] = [];
  let running = true;
  const load = pool(Array.from({ length: 8 }), 8, async () => {
    while (running) {
      const n = orderNumber('FAILOVER');
      const sentAt = Date.now();
      const res = await bridge.call('createOrder', order(n)).catch(() => ({ status: 0, body: {} as any }));
      sent.push({
        n,
        sentAt,
        answeredAt: Date.now(),
        status: res.status,
        success: res.body?.success === true,
        message: res.body?.message,
      });
      await sleep(10);
    }
  });
  await sleep(SCALE.redisLoadMs);
  const killedAt = Date.now();
  process.kill(group.primary.pid!, 'SIGKILL');
  let primaryPort: number | undefined;
  const promoted = await waitUntil(
    async () => {
      primaryPort = await sentinelPrimaryPort(group);
      return group.replicas.some((r) => r.port === primaryPort);
    },
    60000,
    100,
  );
  const promotedAt = Date.now();
  const backAt = (await waitUntil(async () => sent.some((s) => s.sentAt > killedAt && s.success), 60000, 50))
    ? Date.now()
    : undefined;
  await sleep(SCALE.redisLoadMs);
  running = false;
  await load;

  const accepted = sent.filter((s) => s.success).map((s) => s.n);
  const all = await waitUntil(
    async () => {
      const stats = await etowerStats(bridge);
      return accepted.every((n) => stats.ordersCreated[n] === 1);
    },
    120000,
    1000,
  );
  const stats = await etowerStats(bridge);
  const states = await pool(accepted, 50, async (n) => (await bridge.call('getOrder', { orderNumber: n })).body.data);
  // The switch: from the kill to the answer of the first call sent after it that succeeded.
  const firstBack = sent.filter((s) => s.sentAt > killedAt && s.success).sort((a, b) => a.answeredAt - b.answeredAt)[0];
  const recoveredAt = firstBack?.answeredAt ?? Infinity;
  const during = sent.filter((s) => s.sentAt >= killedAt && s.answeredAt < recoveredAt);
  const before = sent.filter((s) => s.sentAt < killedAt);
  const after = sent.filter((s) => s.sentAt >= killedAt && s.answeredAt >= recoveredAt);
  const neither = (list: Sent[]) => list.filter((s) => !s.success && s.status !== 503);
  if (neither(sent).length) console.log('answers neither success nor 503', neither(sent).slice(0, 10));
  const followed = await waitUntil(dashboardFollows, 30000, 200);
  if (!followed) console.log('dashboard after the failover:', dashboardSaw);
  const alive = [bridge.ingress, ...bridge.workers, dashboard!].filter(
    (p, i) => p.child.exitCode === null && p.child.pid === pids[i],
  ).length;
  report(SCENARIO, FILE, [
    count('createOrders sent', sent.length),
    count('answered success:true', accepted.length),
    count('Sentinel promoted a replica (1 = yes)', promoted ? 1 : 0),
    count(`ms from SIGKILL to promotion (down-after-milliseconds ${DOWN_AFTER_MS})`, promotedAt - killedAt),
    count(
      'ms the bridge was unavailable (SIGKILL to the first success of a call sent after it)',
      Number.isFinite(recoveredAt) ? recoveredAt - killedAt : -1,
    ),
    count('calls sent during the switch', during.length),
    zero('answered other than 503 during the switch', during.filter((s) => s.status !== 503).length),
    zero('answered neither success nor 503 before the kill (in flight at it: 503)', neither(before).length),
    zero('answered neither success nor 503 after the switch', neither(after).length),
    count('answered 503 after the switch (retried by Qianyi)', after.filter((s) => s.status === 503).length),
    count('accepted after the switch (no process restarted)', after.filter((s) => s.success).length),
    zero('bridge processes restarted or gone (ingress, 2 workers, dashboard)', 4 - alive),
    zero('dashboard not following the new primary', followed ? 0 : 1),
    count('accepted orders created at eTower', accepted.filter((n) => stats.ordersCreated[n] === 1).length),
    zero('accepted orders lost (not created)', accepted.filter((n) => !stats.ordersCreated[n]).length),
    zero('accepted orders duplicated', accepted.filter((n) => (stats.ordersCreated[n] ?? 0) > 1).length),
    zero('accepted orders unknown to getOrder afterwards', states.filter((d) => !d?.warehouseOrderNumber).length),
  ]);
  expect(promoted).toBe(true);
  expect(backAt).toBeDefined();
  expect(all).toBe(true);
  expect(during.length).toBeGreaterThan(0);
});
