import type { AppProcess, BridgeHarness } from '../packages/testkit/src/index';
import { orderNumber } from '../apps/worker/test/order-fixtures';
import { count, zero } from './lib/figures';
import {
  asn,
  etowerStats,
  order,
  outOfOrder,
  ownPackageOrder,
  product,
  pushesByDocument,
  startFullBridge,
} from './lib/fixtures';
import { pool, sleep, waitUntil } from './lib/pool';
import { SCALE, SCALE_NAME } from './lib/scale';
import { report, reportSecrets } from './lib/scenario';

// Workers SIGKILLed again and again while a burst of orders, ASNs and SKUs goes through. Every document must be
// created at eTower exactly once, none may be left stuck, and Qianyi's last push of each order must be its final state.
const SCENARIO = 'Worker crash (SIGKILL)';
const FILE = 'reliability/worker-crash.rel.test.ts';
let bridge: BridgeHarness;
const killed: AppProcess[] = [];
beforeAll(async () => {
  bridge = await startFullBridge({
    workers: 2,
    sandboxEnv: { SANDBOX_LATENCY_MS: '20' },
    bridgeEnv: { SYNC_WAIT_MS: '0', WORKER_CONCURRENCY: '20' },
  });
});
afterAll(async () => {
  if (bridge) await reportSecrets(SCENARIO, FILE, bridge, killed).finally(() => bridge.stop());
});

const createdOnce = (counts: Record<string, number>, ids: string[]) => ({
  created: ids.filter((id) => counts[id] === 1).length,
  duplicates: ids.filter((id) => (counts[id] ?? 0) > 1).length,
  lost: ids.filter((id) => !counts[id]).length,
});

test(`SIGKILL workers during a burst of ${SCALE.crashOrders} orders, ${SCALE.crashAsns} ASNs, ${SCALE.crashSkus} SKUs (${SCALE_NAME})`, async () => {
  const orders = Array.from({ length: SCALE.crashOrders }, () => orderNumber('CRASH'));
  const asns = Array.from({ length: SCALE.crashAsns }, () => orderNumber('CRASHASN'));
  const skus = Array.from({ length: SCALE.crashSkus }, () => orderNumber('CRASHSKU'));
  // One order in ten is self-shipped, so the burst carries label data for the secrets scan.
  const calls = [
    ...orders.map((n, i) => () => bridge.call('createOrder', i % 10 === 0 ? ownPackageOrder(n) : order(n))),
    ...asns.map((n) => () => bridge.call('createAsnOrder', asn(n))),
    ...skus.map((s) => () => bridge.call('insert_sku_info', product(s))),
  ].sort(() => Math.random() - 0.5);

  const killer = (async () => {
    // Kill a random live worker every 1.5-3 s and start another, until the kills are used up.
    while (killed.length < SCALE.crashKills) {
      await sleep(1500 + Math.random() * 1500);
      const live = bridge.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
      const victim = live[Math.floor(Math.random() * live.length)]!;
      await victim.stop('SIGKILL');
      killed.push(victim);
      await bridge.startWorker();
    }
  })();
  const answers = await pool(calls, 50, (fn) => fn());
  await killer;

  const stats = async () => etowerStats(bridge);
  const states = async () =>
    pool(orders, 50, async (n) => (await bridge.call('getOrder', { orderNumber: n })).body.data);
  const settled = await waitUntil(
    async () => {
      const s = await stats();
      if (
        orders.some((n) => !s.ordersCreated[n]) ||
        asns.some((n) => !s.posCreated[n]) ||
        skus.some((n) => !s.productsCreated[n])
      )
        return false;
      return (await states()).every((d) => d?.warehouseOrderNumber && d.status === 'SUCCESS');
    },
    SCALE_NAME === 'small' ? 120000 : 300000,
    2000,
  );
  // Pushes trail the state by a delivery: give them a moment before judging.
  const finals = await states();
  await waitUntil(
    async () => {
      const pushes = await pushesByDocument(bridge);
      return orders.every((n, i) => pushes.get(n)?.at(-1)?.content.status === finals[i]?.status);
    },
    60000,
    1000,
  );

  const s = await stats();
  const pushes = await pushesByDocument(bridge);
  const o = createdOnce(s.ordersCreated, orders);
  const a = createdOnce(s.posCreated, asns);
  const k = createdOnce(s.productsCreated, skus);
  const orderPushes = orders.flatMap((n) => pushes.get(n) ?? []);
  report(SCENARIO, FILE, [
    count('workers SIGKILLed', killed.length),
    count('orders sent', orders.length),
    zero(
      'calls not accepted (answer not success:true)',
      answers.filter((r) => r.status !== 200 || r.body.success !== true).length,
    ),
    count('orders created at eTower', o.created),
    zero('orders duplicated at eTower', o.duplicates),
    zero('orders lost', o.lost),
    zero(
      'orders stuck (no warehouseOrderNumber or not final)',
      finals.filter((d) => !d?.warehouseOrderNumber || d.status !== 'SUCCESS').length,
    ),
    count('ASNs sent', asns.length),
    count('ASNs created at eTower', a.created),
    zero('ASNs duplicated', a.duplicates),
    zero('ASNs lost', a.lost),
    count('SKUs sent', skus.length),
    count('SKUs created at eTower', k.created),
    zero('SKUs duplicated', k.duplicates),
    zero('SKUs lost', k.lost),
    count('order pushes delivered', orderPushes.length),
    zero(
      'orders whose last push is not their final status',
      orders.filter((n, i) => pushes.get(n)?.at(-1)?.content.status !== finals[i]?.status).length,
    ),
    zero('orders with pushes out of order', orders.filter((n) => outOfOrder(pushes.get(n) ?? [])).length),
  ]);
  expect(settled).toBe(true);
});
