// Benchmark 3: orders per second from the first createOrder request to the last eTower create, with the
// sandbox answering every call after 50 ms; bridge worker(s) against a bare BullMQ worker making the same
// call with the same client and concurrency, in the same run and against the same sandbox.
import { Queue } from 'bullmq';
import { createOrderContentSchema } from '@bridge/qianyi';
import { toEtowerOrder } from '@bridge/core';
import { createOrderBodies, orderContent } from './payloads';
import { busyShare, cpuSecondsOf, machineTicks, memoryOf, sleep, type Proc } from './procs';
import { load, probe } from './load';
import {
  bridgeEnv,
  startBareWorker,
  startIngress,
  startRedis,
  startSandbox,
  startWorker,
  stopAll,
  type BenchRedis,
} from './stack';

export interface E2eRun {
  workers: number;
  orders: number;
  seconds: number;
  ordersPerSec: number;
  workerPeakRssMb: number[];
  workerCpuPerOrderUs: number;
  duplicates: number;
  /** Share of the machine's cores busy during the run (every process: load generator, ingress, workers, sandbox, Redis). */
  machineBusy: number;
  /** CPU per order of the shared processes during the run: ingress (bridge runs only), sandbox, Redis. */
  sharedCpuPerOrderUs: { ingress?: number; sandbox: number; redis: number };
  /** Lua scripts Redis ran per order (EVALSHA: BullMQ's and the bridge's), from `INFO commandstats`. */
  redisScriptsPerOrder: number;
}
export interface E2eResult {
  bare1: E2eRun;
  bridge1: E2eRun;
  bare2: E2eRun;
  bridge2: E2eRun;
  ingressPeakRssMb: number;
  /** Orders each worker process took before its run's clock started. */
  warmup: number;
}

type Sandbox = Proc & { url: string };

async function createdCount(sandbox: Sandbox, prefix: string): Promise<{ created: number; duplicates: number }> {
  // Two numbers for this run's orders, not the counters themselves (~0.2 MB, ten times a second).
  const url = `${sandbox.url}/__control/etower/stats/tally?prefix=${encodeURIComponent(prefix)}`;
  const { ordersCreated } = (await (await fetch(url)).json()) as {
    ordersCreated: { documents: number; total: number };
  };
  return { created: ordersCreated.documents, duplicates: ordersCreated.total - ordersCreated.documents };
}

async function untilCreated(
  sandbox: Sandbox,
  prefix: string,
  n: number,
  timeoutMs: number,
): Promise<{ at: number; duplicates: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { created, duplicates } = await createdCount(sandbox, prefix);
    if (created >= n) return { at: Date.now(), duplicates };
    if (Date.now() > deadline)
      throw new Error(`only ${created} of ${n} orders created at the sandbox within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** The processes a run is measured on: its workers, and those every run shares. */
interface Watched {
  workers: Proc[];
  sandbox: number;
  redis: number;
  ingress?: number;
}

/** Starts a run's clock and CPU readings; `finish` turns them into the run's figures. */
function startMeter(w: Watched) {
  const cpuOf = (pid: number | undefined) => (pid === undefined ? 0 : cpuSecondsOf(pid));
  const before = {
    workers: w.workers.map((p) => cpuOf(p.pid)),
    sandbox: cpuOf(w.sandbox),
    redis: cpuOf(w.redis),
    ingress: cpuOf(w.ingress),
    ticks: machineTicks(),
  };
  const started = Date.now();
  return {
    finish(n: number, done: { at: number; duplicates: number }, scripts: number): E2eRun {
      const seconds = (done.at - started) / 1000;
      const perOrderUs = (pid: number | undefined, was: number) => ((cpuOf(pid) - was) / n) * 1e6;
      const workerCpu = w.workers.reduce((sum, p, i) => sum + cpuOf(p.pid) - before.workers[i]!, 0);
      return {
        workers: w.workers.length,
        orders: n,
        seconds,
        ordersPerSec: n / seconds,
        duplicates: done.duplicates,
        workerPeakRssMb: w.workers.map((p) => memoryOf(p.pid).peakMb),
        workerCpuPerOrderUs: (workerCpu / n) * 1e6,
        machineBusy: busyShare(before.ticks, machineTicks()),
        redisScriptsPerOrder: scripts / n,
        sharedCpuPerOrderUs: {
          sandbox: perOrderUs(w.sandbox, before.sandbox),
          redis: perOrderUs(w.redis, before.redis),
          ...(w.ingress !== undefined ? { ingress: perOrderUs(w.ingress, before.ingress) } : {}),
        },
      };
    },
  };
}

/** Each run starts on an empty simulator, so no run pays for the orders of the one before. */
async function resetSandbox(sandbox: Sandbox): Promise<void> {
  await fetch(`${sandbox.url}/__control/etower/reset`, { method: 'POST' });
}

/** The bare worker's jobs, mapped to eTower orders up front: the bare worker does nothing but the call. */
async function addBareJobs(queue: Queue, prefix: string, n: number): Promise<void> {
  for (let i = 0; i < n; i += 500) {
    const jobs = [];
    for (let j = i; j < Math.min(n, i + 500); j++) {
      const order = createOrderContentSchema.parse(orderContent(`${prefix}-${j}`));
      jobs.push({
        name: 'create',
        data: toEtowerOrder(order, { confirmNow: true, allowCodPassthrough: false }),
        opts: { jobId: `${prefix}-${j}` },
      });
    }
    await queue.addBulk(jobs);
  }
}

/**
 * Runs `warmup` orders per worker process through the same path before the clock starts, then empties the
 * simulator. A worker lives for days; the first few thousand orders after its start also pay V8 compiling its hot
 * path (TurboFan was still compiling new functions 6,000 orders into a worker's life: bench/RESULTS.md, eighth
 * round), which a measurement of a fresh process would count as the cost of an order.
 */
async function warmUp(sandbox: Sandbox, prefix: string, n: number, send: () => Promise<void>): Promise<void> {
  if (n <= 0) return;
  await send();
  await untilCreated(sandbox, prefix, n, 300000);
  await sleep(500);
  await resetSandbox(sandbox);
}

async function bareRun(
  redis: BenchRedis,
  sandbox: Sandbox,
  workerCount: number,
  n: number,
  prefix: string,
  warmup: number,
): Promise<E2eRun> {
  await resetSandbox(sandbox);
  const workers: Proc[] = [];
  const env = {
    REDIS_URL: redis.url,
    ETOWER_BASE_URL: sandbox.url,
    ETOWER_TOKEN: 'bench-token',
    ETOWER_KEY: 'bench-key',
    WORKER_CONCURRENCY: '50',
  };
  for (let i = 0; i < workerCount; i++) workers.push(await startBareWorker(env));
  const queue = new Queue('bare', { connection: { url: redis.url }, prefix: '{bench}' });
  const warm = `WARM-${prefix}`;
  await warmUp(sandbox, warm, warmup * workerCount, () => addBareJobs(queue, warm, warmup * workerCount));
  const scriptsBefore = await redis.scriptCalls();
  const meter = startMeter({ workers, sandbox: sandbox.pid, redis: redis.pid! });
  await addBareJobs(queue, prefix, n);
  const done = await untilCreated(sandbox, prefix, n, 300000);
  const run = meter.finish(n, done, (await redis.scriptCalls()) - scriptsBefore);
  await queue.close();
  await stopAll(...workers);
  return run;
}

async function bridgeRun(
  redis: BenchRedis,
  sandbox: Sandbox,
  ingressUrl: string,
  ingressPid: number,
  workerCount: number,
  n: number,
  prefix: string,
  workerEnv: Record<string, string>,
  warmup: number,
): Promise<E2eRun> {
  await resetSandbox(sandbox);
  const workers: Proc[] = [];
  for (let i = 0; i < workerCount; i++)
    workers.push(await startWorker(bridgeEnv(redis.url, sandbox.url, { WORKER_QUEUES: 'orders', ...workerEnv })));
  const warm = `WARM-${prefix}`;
  await warmUp(sandbox, warm, warmup * workerCount, async () => {
    await load({ url: ingressUrl, amount: warmup * workerCount, body: createOrderBodies(warm) });
  });
  const scriptsBefore = await redis.scriptCalls();
  const meter = startMeter({ workers, sandbox: sandbox.pid, redis: redis.pid!, ingress: ingressPid });
  await load({ url: ingressUrl, amount: n, body: createOrderBodies(prefix) });
  const done = await untilCreated(sandbox, prefix, n, 300000);
  const run = meter.finish(n, done, (await redis.scriptCalls()) - scriptsBefore);
  await stopAll(...workers);
  return run;
}

export async function benchE2e(opts: {
  orders: number;
  warmup: number;
  workerEnv?: Record<string, string>;
  ingressEnv?: Record<string, string>;
}): Promise<E2eResult> {
  const redis = await startRedis();
  // Orders are accepted at once and shipped never: the poller (every 5 min) has nothing to do during the run.
  const sandbox = await startSandbox({
    SANDBOX_LATENCY_MS: '50',
    SANDBOX_ACCEPT_AFTER_MS: '0',
    SANDBOX_SHIP_AFTER_MS: '1000000000',
  });
  const ingress = await startIngress({ ...bridgeEnv(redis.url, sandbox.url), ...opts.ingressEnv });
  try {
    await probe(ingress.url, createOrderBodies('PROBE')(0), (a) => a.success === true);
    const n = opts.orders;
    const workerEnv = opts.workerEnv ?? {};
    const { warmup } = opts;
    const bare1 = await bareRun(redis, sandbox, 1, n, 'E2E-BARE1', warmup);
    const bridge1 = await bridgeRun(redis, sandbox, ingress.url, ingress.pid, 1, n, 'E2E-BRIDGE1', workerEnv, warmup);
    const bare2 = await bareRun(redis, sandbox, 2, n, 'E2E-BARE2', warmup);
    const bridge2 = await bridgeRun(redis, sandbox, ingress.url, ingress.pid, 2, n, 'E2E-BRIDGE2', workerEnv, warmup);
    return { bare1, bridge1, bare2, bridge2, ingressPeakRssMb: memoryOf(ingress.pid).peakMb, warmup };
  } finally {
    await stopAll(ingress, sandbox);
    await redis.stop();
  }
}
