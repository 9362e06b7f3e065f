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
    redisUrl: redis.url,
    workers: 2,
    sandboxEnv: { SANDBOX_ACCEPT_AFTER_MS: '200', SANDBOX_SHIP_AFTER_MS: '2500' },
    bridgeEnv: {
      SYNC_WAIT_MS: '0',
      DOCUMENT_RETENTION_MS: String(RETENTION_MS),
      ORDER_POLL_INTERVAL_MS: '1000',
      // Orders only: the inventory snapshot is built once at the start (a rebuild every minute would keep ten
      // versions alive, each kept 10 min after its swap for sweeps reading it), and no ASN needs polling.
      INVENTORY_SYNC_INTERVAL_MS: '3600000',
      ASN_POLL_INTERVAL_MS: '60000',
      LOG_LEVEL: 'warn',
    },
  });
});
afterAll(async () => {
  if (bridge) await reportSecrets(SCENARIO, FILE, bridge).finally(() => bridge.stop());
  client?.disconnect();
  await redis?.stop();
});

const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? 0);

/** A key's kind: its name with tenant, document and job-id parts replaced, so that kinds can be compared. */
const kindOf = (key: string) =>
  key
    .replace(/^(\{bridge\}:[a-z-]+):.*$/, '$1:*')
    .replace(
      /^(\{bridge\}:(orders|asn|skus|inventory|webhooks)):(?!(wait|paused|active|delayed|prioritized|completed|failed|stalled|events|meta|id|marker|pc|repeat|de|limiter|stalled-check|metrics)(:|$)).*$/,
      '$1:<job>',
    );

/**
 * Keys bounded by a count or a time rather than by orders, which fill up over the first hours and then stay: BullMQ's
 * event stream of each queue (10,000 events), the Job Schedulers' finished runs (`repeat:` ids) and each queue's
 * finished-job sets (1,000 completed per queue, the workers' removeOnComplete: a queue whose only jobs are a
 * scheduler's fills its set over the run, so the run's own length would show as growth), and inventory snapshots
 * (a superseded version lives 10 minutes). Per-order jobs left behind are caught by the SCAN for the orders' numbers.
 */
const boundedByDesign = (k: string) =>
  k.endsWith(':events') ||
  k.includes(':repeat:') ||
  /^\{bridge\}:(orders|asn|skus|inventory|webhooks):(completed|failed)$/.test(k) ||
  k.startsWith('{bridge}:inventory-');

/**
 * What a year's orders could make grow: every key's MEMORY USAGE (not used_memory, which also holds Lua's script
 * cache and the allocator's slack), by kind, leaving out the keys bounded by design (above).
 */
async function orderBound(
  skip: (key: string) => boolean = () => false,
): Promise<{ bytes: number; keys: number; byKind: Map<string, { bytes: number; keys: number }> }> {
  const byKind = new Map<string, { bytes: number; keys: number }>();
  let bytes = 0;
  let keys = 0;
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', '*', 'COUNT', 5000);
    cursor = next;
    for (const k of batch) {
      if (boundedByDesign(k) || skip(k)) continue;
      const size = Number((await client.memory('USAGE', k)) ?? 0);
      bytes += size;
      keys++;
      const kind = byKind.get(kindOf(k)) ?? { bytes: 0, keys: 0 };
      byKind.set(kindOf(k), { bytes: kind.bytes + size, keys: kind.keys + 1 });
    }
  } while (cursor !== '0');
  return { bytes, keys, byKind };
}

/** The kinds that grew, largest first, for the log of a run that failed its growth figures. */
function growth(before: Awaited<ReturnType<typeof orderBound>>, after: Awaited<ReturnType<typeof orderBound>>): string {
  const kinds = new Set([...before.byKind.keys(), ...after.byKind.keys()]);
  return [...kinds]
    .map((k) => ({
      k,
      bytes: (after.byKind.get(k)?.bytes ?? 0) - (before.byKind.get(k)?.bytes ?? 0),
      keys: (after.byKind.get(k)?.keys ?? 0) - (before.byKind.get(k)?.keys ?? 0),
    }))
    .filter((d) => d.bytes !== 0 || d.keys !== 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 15)
    .map((d) => `${d.k}: ${d.bytes >= 0 ? '+' : ''}${d.bytes} B, ${d.keys >= 0 ? '+' : ''}${d.keys} keys`)
    .join('\n');
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
  const answers = await pool(
    Array.from({ length: n }, (_, i) => `${prefix}-${i}`),
    20,
    (number) => bridge.call('createOrder', order(number)),
  );
  return answers.filter((a) => a.status !== 200 || a.body?.success !== true).length;
}

/** Finished orders all swept: nothing left in the expiry index, and only the orders kept open in the poll set. */
async function allExpired(open: number, timeoutMs: number): Promise<boolean> {
  return waitUntil(
    async () =>
      (await client.zcard(`{bridge}:expiring:${TENANT}:order`)) === 0 &&
      (await client.zcard(`{bridge}:open-orders:${TENANT}`)) <= open,
    timeoutMs,
    1000,
  );
}

test(
  `${SCALE.yearOrders} orders through create, ship, push and expiry (${SCALE_NAME})`,
  async () => {
    const perSecond = 100;
    // Warm-up: fills what fills once (BullMQ's event streams, the capped lists of finished jobs), then expires.
    await send('WARM', SCALE.yearWarmup);
    expect(await allExpired(0, SCALE.yearWarmup * 20 + 120000)).toBe(true);
    const memBefore = await usedMemory();
    const keysBefore = await client.dbsize();
    // The poll set is checked on its own (it must hold the orders kept open and nothing else).
    const pollSet = (k: string) => k === `{bridge}:open-orders:${TENANT}`;
    const boundBefore = await orderBound(pollSet);

    // Orders kept open all along: created, then held by eTower at "accepted" (status forced: it never ships).
    const open: string[] = [];
    await pool(
      Array.from({ length: SCALE.yearOpen }, (_, i) => `YEAROPEN-${i}`),
      10,
      async (n) => {
        await bridge.call('createOrder', order(n));
        const created = await waitUntil(
          async () => Boolean((await bridge.call('getOrder', { orderNumber: n })).body.data?.warehouseOrderNumber),
          60000,
          100,
        );
        if (!created) return;
        await bridge.control(`/__control/etower/orders/${n}/status`, { body: { status: 1 } });
        if ((await bridge.call('getOrder', { orderNumber: n })).body.data?.status === 'SENDING') open.push(n);
      },
    );

    const started = Date.now();
    const refused = await send('YEAR', SCALE.yearOrders);
    const expired = await allExpired(open.length, (SCALE.yearOrders / perSecond) * 1000 + 300000);
    const seconds = (Date.now() - started) / 1000;
    const memAfter = await usedMemory();
    const keysAfter = await client.dbsize();
    // The orders kept open are the run's own additions, not growth: their keys are left out of the comparison.
    const boundAfter = await orderBound((k) => k.includes('YEAROPEN-') || pollSet(k));
    const pollSetLeft = (await client.zcard(`{bridge}:open-orders:${TENANT}`)) - open.length;
    const openKeys = await scanCount('*YEAROPEN-*');

    const stats = await etowerStats(bridge);
    const numbers = Array.from({ length: SCALE.yearOrders }, (_, i) => `YEAR-${i}`);
    const createdOnce = numbers.filter((n) => stats.ordersCreated[n] === 1).length;
    const duplicated = numbers.filter((n) => (stats.ordersCreated[n] ?? 0) > 1).length;
    const leftKeys = await scanCount('*YEAR-*');
    const openLost = (
      await pool(open, 10, async (n) => (await bridge.call('getOrder', { orderNumber: n })).body)
    ).filter((b) => b.success !== true || b.data?.status !== 'SENDING').length;
    // Within a few percent, or a few keys and KB where what is left after the sweep is that small.
    const grownBytes = boundAfter.bytes - boundBefore.bytes;
    const grownKeys = boundAfter.keys - boundBefore.keys;
    const tooManyBytes = grownBytes > Math.max(0.05 * boundBefore.bytes, 16384);
    const tooManyKeys = grownKeys > Math.max(0.05 * boundBefore.keys, 5);
    if (tooManyBytes || tooManyKeys)
      process.stderr.write(`retention: what grew, by key kind\n${growth(boundBefore, boundAfter)}\n`);

    report(SCENARIO, FILE, [
      count('orders sent (after a warm-up of ' + SCALE.yearWarmup + ')', SCALE.yearOrders),
      zero('calls not answered success:true', refused),
      count('orders created at eTower', createdOnce),
      zero('orders duplicated at eTower', duplicated),
      count('seconds until every finished order had expired (retention 4 s)', Math.round(seconds)),
      zero(
        'finished orders not expired by then',
        expired ? 0 : await client.zcard(`{bridge}:expiring:${TENANT}:order`),
      ),
      zero('keys of expired orders left (SCAN)', leftKeys),
      count('orders kept open (eTower holds them accepted)', open.length),
      zero('open orders lost (getOrder not SENDING)', openLost),
      count('Redis used_memory before (KB)', Math.round(memBefore / 1024)),
      count('Redis used_memory after (KB)', Math.round(memAfter / 1024)),
      count(
        "keys' bytes before, the keys bounded by design aside (KB, MEMORY USAGE)",
        Math.round(boundBefore.bytes / 1024),
      ),
      count("keys' bytes after, the same and the open orders' own aside (KB)", Math.round(boundAfter.bytes / 1024)),
      zero("keys' bytes (the same aside) grown past 5 % or 16 KB (bytes grown)", tooManyBytes ? grownBytes : 0),
      count('keys before', keysBefore),
      count('keys after', keysAfter),
      count('keys after minus before, the same aside', boundAfter.keys - boundBefore.keys),
      count('keys of the orders kept open', openKeys),
      zero('key count (the same aside) grown past 5 % or 5 keys (keys grown)', tooManyKeys ? grownKeys : 0),
      zero('poll-set entries beyond the orders kept open', Math.max(0, pollSetLeft)),
    ]);
    expect(expired).toBe(true);
    // The full run's 100,000 orders take longer than the suite's 15 minutes on a busy 2-core host.
  },
  SCALE_NAME === 'small' ? 900000 : 3600000,
);
