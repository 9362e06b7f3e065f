import { Redis } from 'ioredis';
import { startRedisCluster, type BridgeHarness, type RedisCluster } from '../packages/testkit/src/index';
import { orderNumber } from '../apps/worker/test/order-fixtures';
import { count, zero } from './lib/figures';
import { asn, etowerStats, order, product, pushesByDocument, startFullBridge } from './lib/fixtures';
import { pool, waitUntil } from './lib/pool';
import { SCALE } from './lib/scale';
import { report, reportSecrets } from './lib/scenario';

// The whole bridge on a local Redis Cluster of three primaries (REDIS_CLUSTER_NODES): orders, ASNs and products
// from call to eTower to push, through ioredis's Cluster client. Every key carries the one hash tag, so all of
// them live in one slot of one primary and BullMQ's multi-key scripts run there.
const SCENARIO = 'Redis Cluster (three primaries)';
const FILE = 'reliability/redis-cluster.rel.test.ts';
let cluster: RedisCluster;
let bridge: BridgeHarness;
let ownerUrl = '';
beforeAll(async () => {
  cluster = await startRedisCluster({ primaries: 3 });
  bridge = await startFullBridge({
    redisUrl: cluster.nodes[0]!.url,
    workers: 2,
    bridgeEnv: { REDIS_URL: '', REDIS_CLUSTER_NODES: cluster.nodeList },
  });
});
afterAll(async () => {
  // The secrets scan reads the primary that holds the bridge's slot (SCAN and GET on a node see its own keys).
  if (bridge)
    await reportSecrets(SCENARIO, FILE, { ...bridge, redisUrl: ownerUrl || bridge.redisUrl }).finally(() =>
      bridge.stop(),
    );
  await cluster?.stop();
});

/** Keys per node, and how many of a node's keys are outside the bridge's slot. */
/**
 * Each node's keys, and how many of them hash outside the {bridge} slot. Keys are named one by one (SCAN), not
 * counted as DBSIZE minus COUNTKEYSINSLOT: the bridge still writes and deletes while this runs (locks, finished
 * jobs), and a key deleted between those two counts read as one outside the slot.
 */
async function keysByNode(): Promise<{ url: string; keys: number; outsideSlot: number; outside: string[] }[]> {
  return Promise.all(
    cluster.nodes.map(async (node) => {
      const redis = new Redis(node.url);
      try {
        const slot = Number(await redis.call('CLUSTER', 'KEYSLOT', '{bridge}'));
        const names: string[] = [];
        let cursor = '0';
        do {
          const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
          cursor = next;
          names.push(...batch);
        } while (cursor !== '0');
        const outside: string[] = [];
        for (const name of names)
          if (Number(await redis.call('CLUSTER', 'KEYSLOT', name)) !== slot) outside.push(name.slice(0, 200));
        return { url: node.url, keys: names.length, outsideSlot: outside.length, outside };
      } finally {
        redis.disconnect();
      }
    }),
  );
}

test('orders, ASNs and products end to end on a Redis Cluster', async () => {
  const orders = Array.from({ length: SCALE.crashOrders / 2 }, () => orderNumber('CLUSTER'));
  const asns = Array.from({ length: SCALE.crashAsns / 2 }, (_, i) => `ASN-CLUSTER-${Date.now()}-${i}`);
  const skus = Array.from({ length: SCALE.crashSkus / 2 }, (_, i) => `SKU-CL-${Date.now()}-${i}`);
  const orderAnswers = await pool(orders, 16, (n) => bridge.call('createOrder', order(n)));
  const asnAnswers = await pool(asns, 8, (n) => bridge.call('createAsnOrder', asn(n)));
  const skuAnswers = await pool(skus, 8, (s) => bridge.call('insert_sku_info', product(s)));
  const refused = [...orderAnswers, ...asnAnswers, ...skuAnswers].filter(
    (a) => a.status !== 200 || a.body?.success !== true,
  );
  if (refused.length)
    console.log(
      'not answered success:true',
      refused.slice(0, 5).map((a) => ({ status: a.status, body: a.body })),
    );

  const done = await waitUntil(
    async () => {
      const stats = await etowerStats(bridge);
      return (
        orders.every((n) => stats.ordersCreated[n] === 1) &&
        asns.every((n) => (stats.posCreated[n] ?? 0) >= 1) &&
        skus.every((s) => (stats.productsCreated[s] ?? 0) >= 1)
      );
    },
    120000,
    1000,
  );
  const stats = await etowerStats(bridge);
  // Order pushes follow the sandbox's accept and ship steps: wait for each order to have been told "Outbound".
  const pushed = await waitUntil(
    async () => {
      const byDoc = await pushesByDocument(bridge);
      return orders.every((n) => (byDoc.get(n) ?? []).some((p) => p.content.wmsStatus === 'Outbound'));
    },
    120000,
    1000,
  );
  const byDoc = await pushesByDocument(bridge);
  const states = await pool(orders, 50, async (n) => (await bridge.call('getOrder', { orderNumber: n })).body.data);
  const inventory = await bridge.call('syncInventory', { warehouseCode: 'USWH1', page: 1, pageSize: 100 });
  const nodes = await keysByNode();
  const strays = nodes.flatMap((n) => n.outside);
  if (strays.length > 0) console.log(`keys outside the {bridge} slot: ${strays.join(', ')}`);
  ownerUrl = nodes.find((n) => n.keys > 0)?.url ?? '';

  report(SCENARIO, FILE, [
    count('orders / ASNs / products sent', orders.length + asns.length + skus.length),
    zero('calls not answered success:true', refused.length),
    count('orders created at eTower', orders.filter((n) => stats.ordersCreated[n] === 1).length),
    zero('orders not created exactly once', orders.filter((n) => stats.ordersCreated[n] !== 1).length),
    zero('ASNs not created exactly once', asns.filter((n) => stats.posCreated[n] !== 1).length),
    zero('products not created exactly once', skus.filter((s) => stats.productsCreated[s] !== 1).length),
    zero(
      'orders whose Outbound push never arrived',
      orders.filter((n) => !(byDoc.get(n) ?? []).some((p) => p.content.wmsStatus === 'Outbound')).length,
    ),
    zero('orders unknown to getOrder afterwards', states.filter((d) => !d?.warehouseOrderNumber).length),
    zero('syncInventory not answered success:true', inventory.body?.success === true ? 0 : 1),
    count("primaries holding the bridge's keys", nodes.filter((n) => n.keys > 0).length),
    zero(
      'keys outside the {bridge} slot',
      nodes.reduce((sum, n) => sum + n.outsideSlot, 0),
    ),
  ]);
  expect(done).toBe(true);
  expect(pushed).toBe(true);
});
