// Benchmark 6 (issue 25, target 1): what Qianyi waits for. createOrder calls that wait for eTower's order number
// (SYNC_WAIT_MS), the sandbox answering createOrders after 50 ms, through the real ingress and one bridge worker,
// against a bare stack in the same run: a node:http server that `queue.add`s and answers after
// `job.waitUntilFinished`, and the bare BullMQ worker of case 3 (same eTower client, concurrency 50). Both stacks
// share one Redis and one sandbox and run alternately; every answer must carry a warehouseOrderNumber.
import { join } from 'node:path';
import { closedLoop, type ClosedLoopResult } from './closed-loop';
import { createOrderBodies } from './payloads';
import { busyShare, cpuSecondsOf, machineTicks, memoryOf, repoRoot, spawnNode, type Proc } from './procs';
import { probe } from './load';
import { median } from './case-ingress';
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

/** A closed-loop run and what it cost: CPU per call of the stack's processes, Redis scripts per call. */
export interface LatencyRun extends ClosedLoopResult {
  /** Server (ingress or bare server) / worker / Redis, µs of CPU per call. */
  cpuPerCallUs: { server: number; worker: number; redis: number };
  scriptsPerCall: number;
  machineBusy: number;
}
/** `variant`: the same bridge started a second time with other settings (`--latency-variant-*-env`), run right after. */
export interface LatencyPair {
  bare: LatencyRun;
  bridge: LatencyRun;
  variant?: LatencyRun;
}
export interface LatencyResult {
  callers: number;
  etowerDelayMs: number;
  /** 20 callers, alternated bare/bridge pairs, in the order run. */
  pairs: LatencyPair[];
  medianP50Ratio: number;
  medianP99Ratio: number;
  /** The variant's medians over the pairs, as bridge / bare, when one ran. */
  variantMedianP50Ratio?: number;
  variantMedianP99Ratio?: number;
  /** One caller at a time, eTower answering after the delay and at once. */
  one: LatencyPair;
  oneAtOnce: LatencyPair;
  ingressPeakRssMb: number;
  workerPeakRssMb: number;
  ingressEnv: Record<string, string>;
  workerEnv: Record<string, string>;
  variantEnv?: { ingress: Record<string, string>; worker: Record<string, string> };
}

type Sandbox = Proc & { url: string };
interface Stack {
  server: Proc & { url: string };
  worker: Proc;
}

/** A createOrder answer that carries eTower's order number (one that says only "accepted" does not). */
export const carriesOrderNumber = (answer: unknown) => {
  const a = answer as { success?: boolean; data?: { warehouseOrderNumber?: unknown } };
  return a.success === true && typeof a.data?.warehouseOrderNumber === 'string' && a.data.warehouseOrderNumber !== '';
};

/** The sandbox of the latency cases: orders accepted at once and never shipped (no poll changes anything). */
export function startLatencySandbox(): Promise<Sandbox> {
  return startSandbox({ SANDBOX_ACCEPT_AFTER_MS: '0', SANDBOX_SHIP_AFTER_MS: '1000000000' });
}

/** The sandbox answers createOrders after `delayMs` (0: at once); every other fault is cleared. */
export async function setCreateDelay(sandbox: Sandbox, delayMs: number): Promise<void> {
  await fetch(`${sandbox.url}/__control/etower/faults`, { method: 'DELETE' });
  if (delayMs <= 0) return;
  const res = await fetch(`${sandbox.url}/__control/etower/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint: 'createOrders', mode: 'delay', delayMs }),
  });
  if (!res.ok) throw new Error(`sandbox refused the createOrders delay: HTTP ${res.status} ${await res.text()}`);
}

async function startBareAnswerServer(redisUrl: string): Promise<Proc & { url: string }> {
  const p = spawnNode('bare-answer-server', join(repoRoot, 'bench/.out/bare-answer-server.mjs'), {
    REDIS_URL: redisUrl,
  });
  const line = await p.waitFor('"event":"listening"');
  return Object.assign(p, { url: (JSON.parse(line) as { url: string }).url });
}

async function measured(redis: BenchRedis, stack: Stack, run: () => Promise<ClosedLoopResult>): Promise<LatencyRun> {
  const cpu = async () => ({
    server: cpuSecondsOf(stack.server.pid),
    worker: cpuSecondsOf(stack.worker.pid),
    redis:
      Number(/used_cpu_sys:([\d.]+)/.exec(await redis.client.info('cpu'))?.[1] ?? 0) +
      Number(/used_cpu_user:([\d.]+)/.exec(await redis.client.info('cpu'))?.[1] ?? 0),
  });
  const before = await cpu();
  const scripts = await redis.scriptCalls();
  const ticks = machineTicks();
  const result = await run();
  const after = await cpu();
  const perCall = (k: keyof typeof before) => ((after[k] - before[k]) / Math.max(1, result.calls)) * 1e6;
  return {
    ...result,
    machineBusy: busyShare(ticks, machineTicks()),
    cpuPerCallUs: { server: perCall('server'), worker: perCall('worker'), redis: perCall('redis') },
    scriptsPerCall: ((await redis.scriptCalls()) - scripts) / Math.max(1, result.calls),
  };
}

export interface LatencyOptions {
  durationS: number;
  pairs: number;
  callers: number;
  ingressEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
  /** A second bridge with these settings, measured in the same pairs (a setting judged against the same bare runs). */
  variant?: { ingress: Record<string, string>; worker: Record<string, string> };
}

export async function benchLatency(opts: LatencyOptions): Promise<LatencyResult> {
  const etowerDelayMs = 50;
  const redis = await startRedis();
  const sandbox = await startLatencySandbox();
  const ingressEnv = opts.ingressEnv ?? {};
  const workerEnv = opts.workerEnv ?? {};
  const stacks: Proc[] = [];
  try {
    await setCreateDelay(sandbox, etowerDelayMs);
    const ingress = await startIngress(bridgeEnv(redis.url, sandbox.url, { SYNC_WAIT_MS: '5000', ...ingressEnv }));
    stacks.push(ingress);
    const worker = await startWorker(
      bridgeEnv(redis.url, sandbox.url, { WORKER_QUEUES: 'orders', WORKER_CONCURRENCY: '50', ...workerEnv }),
    );
    stacks.push(worker);
    const bareServer = await startBareAnswerServer(redis.url);
    stacks.push(bareServer);
    const bareWorker = await startBareWorker({
      REDIS_URL: redis.url,
      ETOWER_BASE_URL: sandbox.url,
      ETOWER_TOKEN: 'bench-token',
      ETOWER_KEY: 'bench-key',
      WORKER_CONCURRENCY: '50',
    });
    stacks.push(bareWorker);
    const bridge: Stack = { server: ingress, worker };
    let variant: Stack | undefined;
    if (opts.variant) {
      // Its own Redis database: otherwise the two workers would take each other's jobs from one `orders` queue.
      const vRedis = `${redis.url}/1`;
      const vIngress = await startIngress(
        bridgeEnv(vRedis, sandbox.url, { SYNC_WAIT_MS: '5000', ...ingressEnv, ...opts.variant.ingress }),
      );
      stacks.push(vIngress);
      const vWorker = await startWorker(
        bridgeEnv(vRedis, sandbox.url, {
          WORKER_QUEUES: 'orders',
          WORKER_CONCURRENCY: '50',
          ...workerEnv,
          ...opts.variant.worker,
        }),
      );
      stacks.push(vWorker);
      variant = { server: vIngress, worker: vWorker };
    }
    const bare: Stack = { server: bareServer, worker: bareWorker };
    await probe(ingress.url, createOrderBodies('LAT-PROBE')(0), carriesOrderNumber);
    await probe(bareServer.url, createOrderBodies('LAT-BARE-PROBE')(0), carriesOrderNumber);

    const loop = (stack: Stack, prefix: string, callers: number, durationS: number) =>
      measured(redis, stack, () =>
        closedLoop({
          url: stack.server.url,
          callers,
          durationS,
          body: createOrderBodies(prefix),
          check: carriesOrderNumber,
        }),
      );
    // Warm both sides up (V8 compiling their hot paths, connection pools) before anything is measured.
    await loop(bare, 'LAT-BARE-WARM', opts.callers, 5);
    await loop(bridge, 'LAT-WARM', opts.callers, 5);
    if (variant) await loop(variant, 'LAT-V-WARM', opts.callers, 5);
    const pairs: LatencyPair[] = [];
    for (let i = 0; i < opts.pairs; i++) {
      const pair: LatencyPair = {
        bare: await loop(bare, `LAT-BARE${i}`, opts.callers, opts.durationS),
        bridge: await loop(bridge, `LAT${i}`, opts.callers, opts.durationS),
      };
      if (variant) pair.variant = await loop(variant, `LAT-V${i}`, opts.callers, opts.durationS);
      pairs.push(pair);
    }
    const oneCaller = async (tag: string): Promise<LatencyPair> => ({
      bare: await loop(bare, `LAT-BARE-${tag}`, 1, opts.durationS),
      bridge: await loop(bridge, `LAT-${tag}`, 1, opts.durationS),
      ...(variant ? { variant: await loop(variant, `LAT-V-${tag}`, 1, opts.durationS) } : {}),
    });
    const one = await oneCaller('ONE');
    await setCreateDelay(sandbox, 0);
    const oneAtOnce = await oneCaller('NOW');
    return {
      callers: opts.callers,
      etowerDelayMs,
      pairs,
      medianP50Ratio: median(pairs.map((p) => p.bridge.p50 / p.bare.p50)),
      medianP99Ratio: median(pairs.map((p) => p.bridge.p99 / p.bare.p99)),
      ...(opts.variant
        ? {
            variantMedianP50Ratio: median(pairs.map((p) => p.variant!.p50 / p.bare.p50)),
            variantMedianP99Ratio: median(pairs.map((p) => p.variant!.p99 / p.bare.p99)),
            variantEnv: opts.variant,
          }
        : {}),
      one,
      oneAtOnce,
      ingressPeakRssMb: memoryOf(ingress.pid).peakMb,
      workerPeakRssMb: memoryOf(worker.pid).peakMb,
      ingressEnv,
      workerEnv,
    };
  } finally {
    await stopAll(...stacks, sandbox);
    await redis.stop();
  }
}
