// Redis bytes per order (issue 23): the whole bridge (ingress, one worker on every queue, the sandbox as eTower and
// as Qianyi) takes orders through create -> accepted (open) or create -> shipped -> pushed (finished), and Redis's
// `used_memory` and key count are read before and after each batch. Two batches per kind: the second batch's
// growth is the marginal cost of an order (what sizing multiplies by orders kept), the first also pays the fixed
// parts that fill up once (BullMQ's event streams, the capped lists of finished jobs).
import { Queue } from 'bullmq';
import { keys, orderPushJobId, createJobId } from '@bridge/core';
import { KEY_PREFIX } from '@bridge/runtime';
import { load } from './load';
import { createOrderBodies, TENANT } from './payloads';
import { sleep } from './procs';
import { bridgeEnv, startIngress, startRedis, startSandbox, startWorker, stopAll, type BenchRedis } from './stack';

export interface MemoryReading {
  usedBytes: number;
  keys: number;
}
export interface KindResult {
  ordersPerBatch: number;
  before: MemoryReading;
  afterFirst: MemoryReading;
  afterSecond: MemoryReading;
  /** Growth per order over the second batch (the marginal cost). */
  marginalBytes: number;
  marginalKeys: number;
  /** Growth per order over both batches, fixed parts included. */
  averageBytes: number;
  /** MEMORY USAGE of one order's keys after it settled (0 = no such key). */
  sample: Record<string, number>;
  seconds: number;
}
export interface RedisMemoryResult {
  open: KindResult;
  finished: KindResult;
  redisVersion: string;
}

const POLL_MS = 2000;

async function reading(redis: BenchRedis): Promise<MemoryReading> {
  return { usedBytes: await redis.usedMemory(), keys: await redis.client.dbsize() };
}

async function created(sandboxUrl: string, prefix: string): Promise<number> {
  const res = await fetch(`${sandboxUrl}/__control/etower/stats/tally?prefix=${encodeURIComponent(prefix)}`);
  return ((await res.json()) as { ordersCreated: { documents: number } }).ordersCreated.documents;
}

/**
 * Jobs not finished, other than the Job Schedulers' own runs (ids `repeat:…`): with 20,000 open orders the order
 * poller is nearly always running, and counting its run would keep a batch from ever settling.
 */
async function pendingJobs(queues: Queue[]): Promise<number> {
  let pending = 0;
  for (const q of queues) {
    const jobs = await q.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
    pending += jobs.filter((j) => j && !String(j.id).startsWith('repeat:')).length;
  }
  return pending;
}

/** Waits until every order of the batch is created, nothing is pending for three looks in a row, and `extra` holds. */
async function settle(
  redis: BenchRedis,
  sandboxUrl: string,
  queues: Queue[],
  prefix: string,
  n: number,
  extra: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + 1_800_000;
  let quiet = 0;
  while (quiet < 3) {
    if (Date.now() > deadline) throw new Error(`batch ${prefix} did not settle within 30 minutes`);
    await sleep(1000);
    const done =
      (await created(sandboxUrl, prefix)) >= n &&
      (await redis.client.zcard(keys.pushOutbox)) === 0 &&
      (await pendingJobs(queues)) === 0 &&
      (await extra());
    quiet = done ? quiet + 1 : 0;
  }
}

async function sampleOf(redis: BenchRedis, orderNumber: string): Promise<Record<string, number>> {
  const usage = async (key: string) => Number((await redis.client.memory('USAGE', key)) ?? 0);
  const t = TENANT.accessId;
  const version = Number((await redis.client.hget(keys.order(t, orderNumber), 'version')) ?? 0);
  const sample: Record<string, number> = {
    record: await usage(keys.order(t, orderNumber)),
    history: await usage(keys.orderHistory(t, orderNumber)),
    delivered: await usage(keys.orderDelivered(t, orderNumber)),
    'createOrder job': await usage(`${KEY_PREFIX}:orders:${createJobId(t, orderNumber)}`),
  };
  for (let v = 1; v <= version; v++)
    sample[`push job v${v}`] = await usage(`${KEY_PREFIX}:webhooks:${orderPushJobId(t, orderNumber, v)}`);
  return sample;
}

async function runKind(kind: 'open' | 'finished', n: number): Promise<KindResult> {
  const redis = await startRedis();
  // Open: accepted at once, never shipped. Finished: shipped a second after it is created, with a tracking number.
  const sandbox = await startSandbox({
    SANDBOX_ACCEPT_AFTER_MS: '0',
    SANDBOX_SHIP_AFTER_MS: kind === 'open' ? '1000000000' : '1000',
  });
  const env = bridgeEnv(redis.url, sandbox.url, {
    ORDER_POLL_INTERVAL_MS: String(POLL_MS),
    WEBHOOK_RETRY_SCHEDULE_MS: '0,1000,2000,5000',
    LOG_LEVEL: 'warn',
  });
  const worker = await startWorker(env);
  const ingress = await startIngress({ ...env, LOG_LEVEL: 'warn' });
  const queues = ['orders', 'webhooks'].map(
    (name) => new Queue(name, { connection: { url: redis.url }, prefix: KEY_PREFIX }),
  );
  const openSet = keys.openOrders(TENANT.accessId);
  const extra = kind === 'open' ? async () => true : async () => (await redis.client.zcard(openSet)) === 0;
  const started = Date.now();
  try {
    await sleep(2 * POLL_MS);
    const before = await reading(redis);
    const batch = async (prefix: string) => {
      await load({ url: ingress.url, amount: n, connections: 20, body: createOrderBodies(prefix) });
      await settle(redis, sandbox.url, queues, prefix, n, extra);
      // Open orders: two more polls, so that every "Accepted" change is recorded and pushed before reading.
      if (kind === 'open') {
        await sleep(2 * POLL_MS);
        await settle(redis, sandbox.url, queues, prefix, n, extra);
      }
      return reading(redis);
    };
    const afterFirst = await batch(`MEM-${kind}-A`);
    const afterSecond = await batch(`MEM-${kind}-B`);
    return {
      ordersPerBatch: n,
      before,
      afterFirst,
      afterSecond,
      marginalBytes: (afterSecond.usedBytes - afterFirst.usedBytes) / n,
      marginalKeys: (afterSecond.keys - afterFirst.keys) / n,
      averageBytes: (afterSecond.usedBytes - before.usedBytes) / (2 * n),
      sample: await sampleOf(redis, `MEM-${kind}-B-${n - 1}`),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    await stopAll(ingress, worker, sandbox);
    await redis.stop();
  }
}

export async function benchRedisMemory(opts: { orders: number }): Promise<RedisMemoryResult> {
  const open = await runKind('open', opts.orders);
  const finished = await runKind('finished', opts.orders);
  const probe = await startRedis();
  const redisVersion = /redis_version:(\S+)/.exec(await probe.client.info('server'))?.[1] ?? '?';
  await probe.stop();
  return { open, finished, redisVersion };
}

/** The figures as a Markdown section (written by hand into bench/RESULTS.md's notes). */
export function renderRedisMemory(r: RedisMemoryResult): string {
  const kb = (b: number) => `${(b / 1024).toFixed(2)} KB`;
  const row = (name: string, k: KindResult) =>
    `| ${name} | ${k.ordersPerBatch.toLocaleString('en-US')} ×2 | ${kb(k.marginalBytes)} | ${k.marginalKeys.toFixed(2)} | ${kb(k.averageBytes)} | ${(k.afterSecond.usedBytes / 1048576).toFixed(1)} MB |`;
  const sample = (k: KindResult) =>
    Object.entries(k.sample)
      .map(([name, b]) => `${name} ${b} B`)
      .join(', ');
  return [
    `| orders | per batch | bytes per order (second batch) | keys per order | bytes per order (both batches, fixed parts included) | used_memory at the end |`,
    '|---|---:|---:|---:|---:|---:|',
    row('open (accepted, polled, "Accepted" pushed)', r.open),
    row('finished (shipped, SUCCESS pushed, out of the poll set; within retention)', r.finished),
    '',
    `- MEMORY USAGE of one open order's keys: ${sample(r.open)}`,
    `- MEMORY USAGE of one finished order's keys: ${sample(r.finished)}`,
    `- Redis ${r.redisVersion}; wall time ${Math.round(r.open.seconds)} s (open) and ${Math.round(r.finished.seconds)} s (finished)`,
  ].join('\n');
}
