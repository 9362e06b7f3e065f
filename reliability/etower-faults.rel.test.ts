import type { BridgeHarness } from '../packages/testkit/src/index';
import { orderNumber } from '../apps/worker/test/order-fixtures';
import { count, zero } from './lib/figures';
import { asn, etowerStats, order, product, startFullBridge } from './lib/fixtures';
import { pool, waitUntil } from './lib/pool';
import { SCALE, SCALE_NAME } from './lib/scale';
import { report, reportSecrets } from './lib/scenario';

// eTower misbehaving in every way the client knows, all at once: 30% of all calls answer 500, and createOrders
// also hangs past the 2 s timeout, answers after it, answers 429 with Retry-After, 401 (clock skew), malformed
// JSON and an answer array shorter than the request. Every document must end in its correct final state, created
// once; an order eTower refuses (600906, unknown service) is never sent again once the refusal has reached the
// bridge (a refusal a fault swallowed leaves the bridge nothing to go on but sending again).
const SCENARIO = 'eTower misbehaving';
const FILE = 'reliability/etower-faults.rel.test.ts';
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startFullBridge({
    workers: 2,
    bridgeEnv: { SYNC_WAIT_MS: '0', ETOWER_TIMEOUT_MS: '2000', ETOWER_RETRY_BASE_MS: '200' },
  });
});
afterAll(async () => {
  if (bridge) await reportSecrets(SCENARIO, FILE, bridge).finally(() => bridge.stop());
});

// The first fault that hits a call wins: the counted ones go first, the 30% one catches the rest.
const FAULTS = [
  { endpoint: 'createOrders', mode: 'hang', count: 3 },
  { endpoint: 'createOrders', mode: 'delay', delayMs: 3000, count: 3 },
  { endpoint: 'createOrders', mode: 'http429', retryAfterSec: 1, count: 3 },
  { endpoint: 'createOrders', mode: 'http401', count: 2 },
  { endpoint: 'createOrders', mode: 'malformed', count: 3 },
  { endpoint: 'createOrders', mode: 'short-array', count: 2 },
  { mode: 'http500', rate: 0.3 },
];

test(`${SCALE.faultOrders} orders, ${SCALE.faultRefused} of them refused, plus ASNs and SKUs, through every eTower fault (${SCALE_NAME})`, async () => {
  for (const body of FAULTS) await bridge.control('/__control/etower/faults', { body });
  const good = Array.from({ length: SCALE.faultOrders - SCALE.faultRefused }, () => orderNumber('FLT'));
  const refused = Array.from({ length: SCALE.faultRefused }, () => orderNumber('FLTX'));
  const asns = Array.from({ length: 10 }, () => orderNumber('FLTASN'));
  const skus = Array.from({ length: 10 }, () => orderNumber('FLTSKU'));
  await pool(
    [
      ...good.map((n) => () => bridge.call('createOrder', order(n))),
      ...refused.map((n) => () => bridge.call('createOrder', order(n, { logisticsCode: 'Pigeon Post' }))),
      ...asns.map((n) => () => bridge.call('createAsnOrder', asn(n))),
      ...skus.map((s) => () => bridge.call('insert_sku_info', product(s))),
    ],
    20,
    (fn) => fn(),
  );

  const stateOf = (n: string) => bridge.call('getOrder', { orderNumber: n }).then((r) => r.body.data);
  const finalGood = (d: any) => d?.warehouseOrderNumber && d.status === 'SUCCESS';
  const finalRefused = (d: any) => d?.status === 'FAILED' && /600906/.test(String(d.failedReason));
  const settled = await waitUntil(
    async () => {
      const s = await etowerStats(bridge);
      if (asns.some((n) => !s.posCreated[n]) || skus.some((k) => !s.productsCreated[k])) return false;
      const [g, r] = await Promise.all([pool(good, 20, stateOf), pool(refused, 20, stateOf)]);
      return g.every(finalGood) && r.every(finalRefused);
    },
    180000,
    2000,
  );
  const faultsApplied = (await bridge.control<{ faultsApplied: number }>('/__control/etower/stats')).faultsApplied;
  await bridge.control('/__control/etower/faults', { method: 'DELETE' });

  const s = await etowerStats(bridge);
  const [g, r] = await Promise.all([pool(good, 20, stateOf), pool(refused, 20, stateOf)]);
  const attempts = good.map((n) => s.createOrderAttempts[n] ?? 0);
  report(SCENARIO, FILE, [
    count('eTower calls answered with a fault', faultsApplied),
    count('orders sent', good.length + refused.length),
    count('orders created at eTower', good.filter((n) => s.ordersCreated[n] === 1).length),
    zero('orders duplicated at eTower', good.filter((n) => (s.ordersCreated[n] ?? 0) > 1).length),
    zero('orders lost or stuck (not shipped with a warehouseOrderNumber)', g.filter((d) => !finalGood(d)).length),
    count('createOrders calls that reached eTower, most for one order', Math.max(0, ...attempts)),
    count('orders refused by eTower (600906)', refused.length),
    zero("refused orders not FAILED with eTower's reason", r.filter((d) => !finalRefused(d)).length),
    count(
      'createOrders answers a short array cut off',
      Object.values(s.createOrderAnswersLost).reduce((a, b) => a + b, 0),
    ),
    // A refusal whose answer a fault swallowed is not known to the bridge, which must send the order again to learn
    // its fate; what must never happen is a second send after the refusal arrived.
    zero(
      'refused orders sent again after their refusal reached the bridge',
      refused.filter((n) => (s.createOrderAttempts[n] ?? 0) - (s.createOrderAnswersLost[n] ?? 0) !== 1).length,
    ),
    zero('refused orders created', refused.filter((n) => s.ordersCreated[n]).length),
    count('ASNs and SKUs sent', asns.length + skus.length),
    zero(
      'ASNs or SKUs not created exactly once',
      asns.filter((n) => s.posCreated[n] !== 1).length + skus.filter((k) => s.productsCreated[k] !== 1).length,
    ),
  ]);
  expect(settled).toBe(true);
});
