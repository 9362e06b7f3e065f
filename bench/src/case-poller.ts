// Benchmark 4: the poller over 50,000 open orders and the rebuild of a 100,000-SKU inventory snapshot, both
// run by a real worker process against the sandbox (no added latency): wall time, worker CPU, Redis memory.
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { createEtowerClient } from '@bridge/etower';
import { createOrderContentSchema } from '@bridge/qianyi';
import {
  enqueue,
  initialFields,
  InventorySnapshotStore,
  OrderStore,
  toEtowerOrder,
  toQianyiInventoryRow,
  createQueues,
} from '@bridge/core';
import { KEY_PREFIX } from '@bridge/runtime';
import { orderContent, TENANT } from './payloads';
import { cpuSecondsOf, memoryOf, sleep, type Proc } from './procs';
import { bridgeEnv, startRedis, startSandbox, startWorker, stopAll, type BenchRedis } from './stack';

export interface JobCost {
  seconds: number;
  workerCpuS: number;
  redisDeltaMb: number;
  result: unknown;
}
export interface PollerResult {
  openOrders: number;
  seedSeconds: number;
  pollAllChanged: JobCost;
  pollSteady: JobCost;
  rebuildFirst: JobCost;
  rebuildAgain: JobCost;
  rebuildSkus: number;
  publishBig: JobCost;
  bigSkus: number;
  cpuShareAtDefaultInterval: number;
  workerPeakRssMb: number;
}

const poll = (i: number, prefix = 'POLL') => `${prefix}-${i}`;

/** Rows as the rebuild maps them, for `count` SKUs in the two stocked warehouses. */
function bigInventory(count: number): Map<string, ReturnType<typeof toQianyiInventoryRow>[]> {
  const rows = new Map<string, ReturnType<typeof toQianyiInventoryRow>[]>();
  for (const warehouseCode of ['USWH1', 'DEWH1']) {
    rows.set(
      warehouseCode,
      Array.from({ length: count }, (_, i) =>
        toQianyiInventoryRow(`SKU-${String(i + 1).padStart(6, '0')}`, {
          warehouseCode,
          availableInventory: (i * 7) % 500,
          incomingInventory: i % 13,
          outgoingInventory: i % 5,
          unsellableInventory: i % 3,
        } as never),
      ),
    );
  }
  return rows;
}

/** `n` orders created at the sandbox and recorded as released with eTower status 0, so the next poll changes each. */
/** `n` orders created at the sandbox and recorded as released, numbered `<prefix>-0`…, so that one poll changes each. */
export async function seed(redis: BenchRedis, etowerUrl: string, n: number, prefix = 'POLL'): Promise<void> {
  const etower = createEtowerClient({ baseUrl: etowerUrl, token: TENANT.token, key: TENANT.key, timeoutMs: 60000 });
  const client = new Redis(redis.url, { maxRetriesPerRequest: null });
  const store = new OrderStore(client);
  const template = createOrderContentSchema.parse(orderContent('X'));
  for (let i = 0; i < n; i += 1000) {
    const chunk = Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({
      ...template,
      orderNumber: poll(i + j, prefix),
    }));
    const created = (
      await Promise.all(
        Array.from({ length: 10 }, (_, k) => chunk.slice(k * 100, k * 100 + 100))
          .filter((b) => b.length)
          .map((b) =>
            etower.createOrders(b.map((o) => toEtowerOrder(o, { confirmNow: true, allowCodPassthrough: false }))),
          ),
      )
    ).flat();
    // Recorded as the create job leaves them, but as a draft-era status, so that the first poll changes every one.
    await Promise.all(
      chunk.map((o, j) => {
        const r = created[j]!;
        if (!r.ok) throw new Error(`seed order ${o.orderNumber} not created: ${JSON.stringify(r)}`);
        return store.transition(TENANT.accessId, o.orderNumber, {
          from: 'absent',
          notify: false,
          open: 'add',
          note: 'bench seed',
          patch: {
            ...initialFields(o),
            phase: 'released',
            warehouseOrderNumber: r.orderNo,
            status: 'SENDING',
            wmsStatus: 'Created',
            etowerStatus: 0,
          },
        });
      }),
    );
  }
  etower.close();
  client.disconnect();
}

async function measureJob(redis: BenchRedis, worker: Proc, run: () => Promise<unknown>): Promise<JobCost> {
  const memBefore = await redis.usedMemory();
  const cpuBefore = cpuSecondsOf(worker.pid);
  const started = Date.now();
  const result = await run();
  const seconds = (Date.now() - started) / 1000;
  return {
    seconds,
    workerCpuS: cpuSecondsOf(worker.pid) - cpuBefore,
    redisDeltaMb: ((await redis.usedMemory()) - memBefore) / 1048576,
    result,
  };
}

export async function benchPoller(opts: {
  orders: number;
  skus: number;
  rebuildSkus: number;
  workerEnv?: Record<string, string>;
}): Promise<{ result: PollerResult; redis: BenchRedis; orderNumber: (i: number) => string }> {
  const redis = await startRedis();
  const sandbox = await startSandbox({
    SANDBOX_ACCEPT_AFTER_MS: '0',
    SANDBOX_SHIP_AFTER_MS: '1000000000',
    SANDBOX_SKU_COUNT: String(opts.rebuildSkus),
  });
  const env = bridgeEnv(redis.url, sandbox.url, opts.workerEnv);
  // Started before the seed: its scheduler's first poll finds nothing, so the measured polls are the only real ones.
  const worker = await startWorker({ ...env, WORKER_QUEUES: 'orders' });
  const queueConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queues = createQueues(queueConnection);
  const events = new QueueEvents('orders', { connection: { url: redis.url }, prefix: KEY_PREFIX });
  const inventoryEvents = new QueueEvents('inventory', { connection: { url: redis.url }, prefix: KEY_PREFIX });
  let inventoryWorker: Proc | undefined;
  try {
    await sleep(1000);
    const seedStarted = Date.now();
    await seed(redis, sandbox.url, opts.orders);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const runPoll = (id: string) => async () =>
      (await enqueue(queues, 'pollOrders', { tenant: TENANT.accessId }, { jobId: id })).waitUntilFinished(
        events,
        600000,
      );
    const pollAllChanged = await measureJob(redis, worker, runPoll('bench-poll-1'));
    const pollSteady = await measureJob(redis, worker, runPoll('bench-poll-2'));

    const snapshots = new InventorySnapshotStore(redis.client);
    // The inventory worker's scheduler rebuilds at once when it starts; that first build is timed from its start.
    const rebuildFirst = await measureJob(redis, { pid: process.pid } as Proc, async () => {
      inventoryWorker = await startWorker({ ...env, WORKER_QUEUES: 'inventory' });
      while (!(await snapshots.current(TENANT.accessId))) await sleep(50);
    });
    rebuildFirst.workerCpuS = cpuSecondsOf(inventoryWorker!.pid);
    const rebuildAgain = await measureJob(redis, inventoryWorker!, async () =>
      (
        await enqueue(queues, 'rebuildInventory', { tenant: TENANT.accessId }, { jobId: 'bench-rebuild-2' })
      ).waitUntilFinished(inventoryEvents, 600000),
    );
    // The rebuild's last step alone (the snapshot written from rows already in memory), at the size case 2 reads.
    const publishBig = await measureJob(redis, { pid: process.pid } as Proc, () =>
      snapshots.publish(TENANT.accessId, bigInventory(opts.skus)),
    );
    const result: PollerResult = {
      openOrders: opts.orders,
      seedSeconds,
      pollAllChanged,
      pollSteady,
      rebuildFirst,
      rebuildAgain,
      rebuildSkus: opts.rebuildSkus,
      publishBig,
      bigSkus: opts.skus,
      cpuShareAtDefaultInterval: pollSteady.workerCpuS / 300,
      workerPeakRssMb: Math.max(memoryOf(worker.pid).peakMb, memoryOf(inventoryWorker!.pid).peakMb),
    };
    return { result, redis, orderNumber: (i) => poll(i % opts.orders) };
  } finally {
    await Promise.all([events.close(), inventoryEvents.close(), ...Object.values(queues).map((q) => q.close())]);
    // BullMQ leaves a connection it was given open; this one would keep reconnecting once the bench's Redis stops.
    queueConnection.disconnect();
    await stopAll(worker, inventoryWorker, sandbox);
  }
}
