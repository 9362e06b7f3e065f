// `pnpm bench:instructions [-- --app=ingress|worker --calls=3000 --warmup=4000 --ingress-env=K=V,… --worker-env=K=V,…
// --keep-dump=<file>]`: user-space instructions per accepted createOrder in the ingress (the default), or per order
// a worker creates at eTower (`--app=worker`), counted by valgrind's callgrind. Wall-clock figures on this shared
// host swing by a factor of two between hours (bench/RESULTS.md); this count repeats within ~1-3 %, so a change to
// the hot path can be judged by a run or two of each build. It does not see the kernel's share (the socket writes)
// or cache misses. A shorter warm-up counts V8 still optimising (1,500 calls: +30 %); the count is also given
// without TurboFan's background compilation, which a worker still does thousands of orders into its life.
import { writeFileSync } from 'node:fs';
import { createQueue } from '@bridge/core';
import { keyValues, parseArgs } from './args';
import { requireValgrind, underCallgrind, type CountedProc } from './callgrind';
import { createOrderBodies } from './payloads';
import { sleep } from './procs';
import { bridgeEnv, startIngress, startRedis, startSandbox, stopAll, type BenchRedis } from './stack';

const args = parseArgs(process.argv.slice(2));
const app = args.app ?? 'ingress';
// A worker's count settles later than the ingress's: 3,000 warm-up orders left runs ±5 % apart even without the
// compiler's share (bench/RESULTS.md, eighth round).
const calls = Number(args.calls ?? 3000);
const warmup = Number(args.warmup ?? (app === 'worker' ? 10000 : 4000));
const ingressEnv = keyValues(args, 'ingress-env');
const workerEnv = keyValues(args, 'worker-env');
/** The process being counted, once started: stopped and its dump folder removed however the run ends. */
let counted: CountedProc | undefined;
const log = (msg: string) => process.stderr.write(`[instructions ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/**
 * Sends `n` signed createOrder calls, 8 at a time; every one must be accepted. Not the suite's `load()`: driven
 * by autocannon, V8's optimising compiler was still at work in the counted window even after 10,000 warm-up calls
 * (~150k of the ~1.1M instructions per call, against ~25k with this sender), so the count measured compilation
 * as much as the call (bench/RESULTS.md, sixth round).
 */
async function send(url: string, prefix: string, n: number, concurrency = 8): Promise<void> {
  const body = createOrderBodies(prefix);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      const res = await fetch(`${url}/api/qianyi`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(i),
      });
      const answer = (await res.json()) as { success?: boolean };
      if (answer.success !== true) throw new Error(`call ${i} not accepted: ${JSON.stringify(answer)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** The ingress under callgrind; the calls are the count's unit. */
async function countIngress(redis: BenchRedis): Promise<number> {
  counted = underCallgrind('ingress', { ...bridgeEnv(redis.url, 'http://127.0.0.1:9'), ...ingressEnv });
  const { url } = JSON.parse(await counted.proc.waitFor('"event":"listening"', 300000)) as { url: string };
  log(`ingress under callgrind at ${url}; warming up with ${warmup} calls`);
  await send(url, 'WARM', warmup);
  counted.startCounting();
  log(`counting ${calls} calls`);
  await send(url, 'COUNT', calls);
  return calls;
}

/**
 * A worker consuming `orders` under callgrind, fed by a plain ingress; an order counts once its createOrder job
 * has completed (the eTower create, the record's moves, the push job's add). The sandbox answers at once: the
 * count does not depend on eTower's latency, and the worker is the slow process here. The order poll is pushed
 * past the run (its cost is case 4's), so the window holds createOrder jobs and the worker's own timers.
 */
async function countWorker(redis: BenchRedis): Promise<number> {
  const sandbox = await startSandbox({
    SANDBOX_LATENCY_MS: '0',
    SANDBOX_ACCEPT_AFTER_MS: '0',
    SANDBOX_SHIP_AFTER_MS: '1000000000',
  });
  const ingress = await startIngress({ ...bridgeEnv(redis.url, sandbox.url), ...ingressEnv });
  const queue = createQueue('orders', { url: redis.url });
  counted = underCallgrind(
    'worker',
    bridgeEnv(redis.url, sandbox.url, {
      WORKER_QUEUES: 'orders',
      ORDER_POLL_INTERVAL_MS: String(24 * 3600 * 1000),
      ...workerEnv,
    }),
  );
  const untilCompleted = async (n: number) => {
    for (;;) {
      const { completed = 0, failed = 0 } = await queue.getJobCounts('completed', 'failed');
      if (failed > 0) throw new Error(`${failed} createOrder jobs failed in the worker under callgrind`);
      // The worker's start-up poll (nothing open yet) is one completed job more.
      if (completed >= n) return;
      await sleep(200);
    }
  };
  try {
    await counted.proc.waitFor('"event":"ready"', 300000);
    log(`worker under callgrind; warming up with ${warmup} orders`);
    await send(ingress.url, 'WARM', warmup);
    await untilCompleted(warmup);
    await sleep(1000);
    const before = (await queue.getJobCounts('completed')).completed ?? 0;
    counted.startCounting();
    log(`counting ${calls} orders`);
    await send(ingress.url, 'COUNT', calls);
    await untilCompleted(before + calls);
    return calls;
  } finally {
    await queue.close();
    await stopAll(ingress, sandbox);
  }
}

if (app !== 'ingress' && app !== 'worker') throw new Error(`--app must be ingress or worker, not ${app}`);
requireValgrind();
const redis = await startRedis();
try {
  const units = app === 'worker' ? await countWorker(redis) : await countIngress(redis);
  const { total, compile, dump } = await counted!.finish();
  // --keep-dump=<file>: the dump itself, for callgrind_annotate (V8's builtins and runtime by name; JIT code as addresses).
  if (args['keep-dump']) writeFileSync(args['keep-dump'], dump);
  // Without the optimising compiler's background work: what the calls themselves cost once compiled, the figure
  // to compare builds by (the compile share still moves with the warm-up and from run to run).
  const result = {
    app,
    units,
    warmup,
    instructionsPerUnit: Math.round(total / units),
    compilePerUnit: Math.round(compile / units),
    withoutCompilePerUnit: Math.round((total - compile) / units),
    ingressEnv,
    workerEnv,
  };
  log(JSON.stringify(result));
  console.log(JSON.stringify(result));
} finally {
  await counted?.dispose();
  await redis.stop();
}
process.exit(0);
