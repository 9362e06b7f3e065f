// Benchmark 7 (issue 25, target 3): from the poll that sees shipped orders to Qianyi receiving their pushes.
// 1,000 orders are recorded as released (eTower status 0) while the sandbox already has them shipped, so one poll
// changes every one; a real worker consumes `orders` and `webhooks` and delivers each push to the sandbox's Qianyi
// receiver, which stamps when each arrived. The poll reads the open orders in eTower reads of MAX_IDS_PER_QUERY
// (in the open set's order) and then records each one's change in turn, so an order is seen when its read answers:
// taken here as the first change the poll recorded from that read (the records' updatedAt; nothing changes a
// shipped order after that). Also given: from each order's own recorded change (the push delivery alone) and
// from the poll job's start. Two rounds on the same workers: the first poll after their start, then 1,000 other
// orders the same way once their code has run (the target is judged on the second; both are reported).
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { createQueues, enqueue, OrderStore } from '@bridge/core';
import { MAX_IDS_PER_QUERY } from '@bridge/etower';
import { KEY_PREFIX } from '@bridge/runtime';
import { seed } from './case-poller';
import { TENANT } from './payloads';
import { cpuSecondsOf, sleep, type Proc } from './procs';
import { bridgeEnv, startRedis, startSandbox, startWorker, stopAll, type BenchRedis } from './stack';
import { quantileOf } from './quantile';

/**
 * Where the pushes are delivered: `one`, one worker consuming `orders` and `webhooks` (what `pnpm start` runs);
 * `split`, a worker for each (docker-compose.yml's worker-orders and worker-webhooks), so the poll's recording and
 * the deliveries have a process each.
 */
export type PushShape = 'one' | 'split';

/** One poll that finds `orders` shipped, and the pushes it causes. */
export interface PollRound {
  pollSeconds: number;
  pushesReceived: number;
  /** ms from the poll seeing each order (its eTower read, see above) to its push's arrival: the target's figure. */
  fromSeen: { p50: number; p90: number; p99: number; max: number };
  /** ms from the poll recording each order's change to its push's arrival. */
  fromChange: { p50: number; p99: number; max: number };
  /** ms from the poll job's start to each push's arrival. */
  fromPollStart: { p50: number; p99: number; max: number };
  /** CPU µs per order from the poll's enqueue to the last push's arrival: each worker (by its queues), the sandbox. */
  cpuUsPerOrder: Record<string, number>;
}

export interface PushLatencyResult {
  shape: PushShape;
  orders: number;
  /**
   * The first poll after the workers started: their code still runs unoptimised (V8 compiles what runs hot as it
   * goes), so every step costs more than it will. Once per deploy; reported, not the target's figure.
   */
  first: PollRound;
  /** The same again with other orders, the workers now warm as after any hour of work: the target's figure. */
  warm: PollRound;
  workerEnv: Record<string, string>;
}

/** CPU seconds so far of each worker (named by the queues it consumes) and of the sandbox. */
function cpuOf(workers: Proc[], groups: string[], sandbox: Proc): Record<string, number> {
  const named = workers.map((w, i) => [`worker (${groups[i]})`, cpuSecondsOf(w.pid)] as const);
  return Object.fromEntries([...named, ['sandbox', cpuSecondsOf(sandbox.pid)]]);
}

const quantile = (sorted: number[], q: number) => Math.round(quantileOf(sorted, q));

/** What a round needs of the running stack. */
interface Stack {
  redis: BenchRedis;
  sandbox: Proc & { url: string };
  workers: Proc[];
  groups: string[];
  queues: ReturnType<typeof createQueues>;
  events: QueueEvents;
  orders: number;
}

/** Seeds `orders` shipped orders named `<prefix>-i`, runs one poll, and times each push's arrival at Qianyi. */
async function pollRound(
  { redis, sandbox, workers, groups, queues, events, orders }: Stack,
  prefix: string,
): Promise<PollRound> {
  await seed(redis, sandbox.url, orders, prefix);
  await fetch(`${sandbox.url}/__control/qianyi/pushes`, { method: 'DELETE' });
  const store = new OrderStore(redis.client);
  const open = (await store.openIds(TENANT.accessId)).filter((id) => id.startsWith(`${prefix}-`));
  const cpuBefore = cpuOf(workers, groups, sandbox);
  const jobId = `bench-push-poll-${prefix}`;
  const job = await enqueue(queues, 'pollOrders', { tenant: TENANT.accessId }, { jobId });
  await job.waitUntilFinished(events, 120000);
  const polled = await queues.orders.getJob(jobId);
  const started = polled!.processedOn!;
  const finished = polled!.finishedOn!;
  const deadline = Date.now() + 120000;
  let arrivals: Array<{ orderNumber: string; at: number }> = [];
  for (;;) {
    const pushes = (await (await fetch(`${sandbox.url}/__control/qianyi/pushes`)).json()) as Array<{
      kind: string;
      receivedAt: string;
      content: { orderNumber: string; status?: string };
    }>;
    arrivals = pushes
      .filter(
        (p) => p.kind === 'order' && p.content.status === 'SUCCESS' && p.content.orderNumber.startsWith(`${prefix}-`),
      )
      .map((p) => ({ orderNumber: p.content.orderNumber, at: Date.parse(p.receivedAt) }));
    if (arrivals.length >= orders) break;
    if (Date.now() > deadline)
      throw new Error(`only ${arrivals.length} of ${orders} pushes received within 120 s of the poll`);
    await sleep(500);
  }
  const cpuAfter = cpuOf(workers, groups, sandbox);
  const cpuUsPerOrder = Object.fromEntries(
    Object.entries(cpuAfter).map(([name, s]) => [name, Math.round(((s - (cpuBefore[name] ?? 0)) * 1e6) / orders)]),
  );
  const changedAt = new Map(
    await Promise.all(open.map(async (id) => [id, (await store.get(TENANT.accessId, id))!.updatedAt] as const)),
  );
  const seenAt = new Map<string, number>();
  for (let i = 0; i < open.length; i += MAX_IDS_PER_QUERY) {
    const batch = open.slice(i, i + MAX_IDS_PER_QUERY);
    const first = Math.min(...batch.map((id) => changedAt.get(id)!));
    for (const id of batch) seenAt.set(id, first);
  }
  const fromSeen = arrivals.map((a) => a.at - seenAt.get(a.orderNumber)!).sort((a, b) => a - b);
  const fromChange = arrivals.map((a) => a.at - changedAt.get(a.orderNumber)!).sort((a, b) => a - b);
  const fromStart = arrivals.map((a) => a.at - started).sort((a, b) => a - b);
  return {
    pollSeconds: (finished - started) / 1000,
    pushesReceived: arrivals.length,
    fromSeen: {
      p50: quantile(fromSeen, 0.5),
      p90: quantile(fromSeen, 0.9),
      p99: quantile(fromSeen, 0.99),
      max: fromSeen[fromSeen.length - 1] ?? 0,
    },
    fromChange: {
      p50: quantile(fromChange, 0.5),
      p99: quantile(fromChange, 0.99),
      max: fromChange[fromChange.length - 1] ?? 0,
    },
    fromPollStart: {
      p50: quantile(fromStart, 0.5),
      p99: quantile(fromStart, 0.99),
      max: fromStart[fromStart.length - 1] ?? 0,
    },
    cpuUsPerOrder,
  };
}

export async function benchPushLatency(opts: {
  orders: number;
  shape: PushShape;
  workerEnv?: Record<string, string>;
}): Promise<PushLatencyResult> {
  const redis = await startRedis();
  // Shipped as soon as confirmed: the orders seeded below are all shipped by the time the poll reads them.
  const sandbox = await startSandbox({ SANDBOX_ACCEPT_AFTER_MS: '0', SANDBOX_SHIP_AFTER_MS: '0' });
  const workerEnv = opts.workerEnv ?? {};
  // Started before the seeds: its scheduler's first poll finds nothing, so the two measured polls are the only
  // real ones.
  const groups = opts.shape === 'one' ? ['orders,webhooks'] : ['orders', 'webhooks'];
  const workers = await Promise.all(
    groups.map((queues) => startWorker(bridgeEnv(redis.url, sandbox.url, { WORKER_QUEUES: queues, ...workerEnv }))),
  );
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queues = createQueues(connection);
  const events = new QueueEvents('orders', { connection: { url: redis.url }, prefix: KEY_PREFIX });
  try {
    await sleep(1000);
    const stack = { redis, sandbox, workers, groups, queues, events, orders: opts.orders };
    const first = await pollRound(stack, 'FIRST');
    const warm = await pollRound(stack, 'POLL');
    return { shape: opts.shape, orders: opts.orders, first, warm, workerEnv };
  } finally {
    await Promise.all([events.close(), ...Object.values(queues).map((q) => q.close())]);
    connection.disconnect();
    await stopAll(...workers, sandbox);
    await redis.stop();
  }
}
