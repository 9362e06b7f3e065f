import { Redis } from 'ioredis';
import { startRedisServer, type BridgeHarness, type PrivateRedis } from '../packages/testkit/src/index';
import { count, zero } from './lib/figures';
import { etowerStats, order, startFullBridge } from './lib/fixtures';
import { pool, waitUntil } from './lib/pool';
import { SCALE, SCALE_NAME } from './lib/scale';
import { report, reportSecrets } from './lib/scenario';

// A year in fast-forward (issue 23): with a retention of seconds, a stream of orders goes create -> ship -> push ->
// expiry. Afterwards Redis must be back where it started (used_memory and key count within a few percent), no key
// of an expired order may be left (SCAN), and the orders kept open all along must all still be there.
const SCENARIO = 'A year in fast-forward (retention of seconds)';
const FILE = 'reliability/retention.rel.test.ts';
const RETENTION_MS = 4000;
const TENANT = 'test-access-id';
let redis: PrivateRedis;
let client: Redis;
let bridge: BridgeHarness;
beforeAll(async () => {
  redis = await startRedisServer();
  client = new Redis(redis.url);
  bridge = await startFullBridge({
    redisUrl: redis.url, workers: 2,
    sandboxEnv: { SANDBOX_ACCEPT_AFTER_MS: '200', SANDBOX_SHIP_AFTER_MS: '2500' },
    bridgeEnv: { SYNC_WAIT_MS: '0', DOCUMENT_RETENTION_MS: String(RETENTION_MS), ORDER_POLL_INTERVAL_MS: '1000', LOG_LEVEL: 'warn' },
  });
});
afterAll(async () => {
  if (bridge) await reportSecrets(SCENARIO, FILE, bridge).finally(() => bridge.stop());
  client?.disconnect();
  await redis?.stop();
});

const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? 0);

/**
 * What a year's orders could make grow, as bytes and keys: everything but the parts bounded by size rather than by
 * orders, which fill once and then stay (BullMQ's event stream of each queue, capped at 10,000 events; the
 * Job Schedulers' finished runs, `repeat:` ids, at most 1,000 per queue). A queue whose only jobs are a scheduler's
 * (asn, skus, inventory here) fills its stream over hours, so the run's own length would show as growth.
 */
async function orderBound(): Promise<{ bytes: number; keys: number }> {
  let bytes = await usedMemory();
  let keys = await client.dbsize();
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', '{bridge}:*', 'COUNT', 5000);
    cursor = next;
    for (const k of batch) {
      if (!k.endsWith(':events') && !k.includes(':repeat:')) continue;
      bytes -= Number((await client.memory('USAGE', k)) ?? 0);
      keys--;
    }
  } while (cursor !== '0');
  return { bytes, keys };
}

async function scanCount(pattern: string, skip: (key: string) => boolean = () => false): Promise<number> {
  let cursor = '0';
  let found = 0;
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    cursor = next;
    found += batch.filter((k) => !skip(k)).length;
  } while (cursor !== '0');
  return found;
}

/** Sends `n` orders `<prefix>-<i>` through the ingress, 20 at a time; returns the calls not answered success:true. */
async function send(prefix: string, n: number): Promise<number> {
  const answers = await pool(Array.from({ length: n }, (_, i) => `${prefix}-${i}`), 20, (number) => bridge.call('createOrder', order(number)));
  return answers.filter((a) => a.status !== 200 || a.body?.success !== true).length;
}

/** Finished orders all swept: nothing left in the expiry index, and only the orders kept open in the poll set. */
async function allExpired(open: number, timeoutMs: number): Promise<boolean> {
  return waitUntil(async () => (await client.zcard(`{bridge}:expiring:${TENANT}:order`)) === 0 && (await client.zcard(`{bridge}:open-orders:${TENANT}`)) <= open, timeoutMs, 1000);
}

test(`${SCALE.yearOrders} orders through create, ship, push and expiry (${SCALE_NAME})`, async () => {
  const perSecond = 100;
  // Warm-up: fills what fills once (BullMQ's event streams, the capped lists of finished jobs), then expires.
  await send('WARM', SCALE.yearWarmup);
  expect(await allExpired(0, SCALE.yearWarmup * 20 + 120000)).toBe(true);
  const memBefore = await usedMemory();
  const keysBefore = await client.dbsize();
  const boundBefore = await orderBound();

  // Orders kept open all along: created, then held by eTower at "accepted" (status forced: it never ships).
  const open: string[] = [];
  await pool(Array.from({ length: SCALE.yearOpen }, (_, i) => `YEAROPEN-${i}`), 10, async (n) => {
    await bridge.call('createOrder', order(n));
    const created = await waitUntil(async () => Boolean((await bridge.call('getOrder', { orderNumber: n })).body.data?.warehouseOrderNumber), 60000, 100);
    if (!created) return;
    await bridge.control(`/__control/etower/orders/${n}/status`, { body: { status: 1 } });
    if ((await bridge.call('getOrder', { orderNumber: n })).body.data?.status === 'SENDING') open.push(n);
  });

  const started = Date.now();
  const refused = await send('YEAR', SCALE.yearOrders);
  const expired = await allExpired(open.length, (SCALE.yearOrders / perSecond) * 1000 + 300000);
  const seconds = (Date.now() - started) / 1000;
  const memAfter = await usedMemory();
  const keysAfter = await client.dbsize();
  const boundAfter = await orderBound();
  const openKeys = await scanCount('*YEAROPEN-*');

  const stats = await etowerStats(bridge);
  const numbers = Array.from({ length: SCALE.yearOrders }, (_, i) => `YEAR-${i}`);
  const createdOnce = numbers.filter((n) => stats.ordersCreated[n] === 1).length;
  const duplicated = numbers.filter((n) => (stats.ordersCreated[n] ?? 0) > 1).length;
  const leftKeys = await scanCount('*YEAR-*');
  const openLost = (await pool(open, 10, async (n) => (await bridge.call('getOrder', { orderNumber: n })).body)).filter((b) => b.success !== true || b.data?.status !== 'SENDING').length;
  const growthPct = ((boundAfter.bytes - boundBefore.bytes) / boundBefore.bytes) * 100;
  const keyGrowthPct = ((boundAfter.keys - openKeys - boundBefore.keys) / boundBefore.keys) * 100;

  report(SCENARIO, FILE, [
    count('orders sent (after a warm-up of ' + SCALE.yearWarmup + ')', SCALE.yearOrders),
    zero('calls not answered success:true', refused),
    count('orders created at eTower', createdOnce),
    zero('orders duplicated at eTower', duplicated),
    count('seconds until every finished order had expired (retention 4 s)', Math.round(seconds)),
    zero('finished orders not expired by then', expired ? 0 : await client.zcard(`{bridge}:expiring:${TENANT}:order`)),
    zero('keys of expired orders left (SCAN)', leftKeys),
    count('orders kept open (eTower holds them accepted)', open.length),
    zero('open orders lost (getOrder not SENDING)', openLost),
    count('Redis used_memory before (KB)', Math.round(memBefore / 1024)),
    count('Redis used_memory after (KB)', Math.round(memAfter / 1024)),
    count('used_memory before, event streams and scheduler runs aside (KB)', Math.round(boundBefore.bytes / 1024)),
    count('used_memory after, the same (KB)', Math.round(boundAfter.bytes / 1024)),
    zero('used_memory (streams and scheduler runs aside) grown by more than 5 %', growthPct > 5 ? Math.round(growthPct) : 0),
    count('keys before', keysBefore),
    count('keys after', keysAfter),
    count('keys after, the open orders\' own, streams and scheduler runs aside, minus the same before', boundAfter.keys - openKeys - boundBefore.keys),
    zero('key count (the same aside) grown by more than 5 %', keyGrowthPct > 5 ? Math.round(keyGrowthPct) : 0),
  ]);
  expect(expired).toBe(true);
});
