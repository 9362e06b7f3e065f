// `pnpm bench:ab -- --b-ingress-env=K=V,… --b-worker-env=K=V,… [--calls=300] [--etower-delay=50]`: one caller, its
// createOrder calls alternated between two bridges (A with the defaults, B with the given settings), each on its own
// Redis database, one sandbox. Calls of A and B a few milliseconds apart see the same host, so a difference of a
// millisecond shows even on a host whose speed drifts by more between the 10-second runs of case 6
// (bench/RESULTS.md, fifth round of 2026-12-03). The code under test reads the settings (a temporary switch).
import { Agent } from 'node:http';
import { keyValues, parseArgs } from './args';
import { carriesOrderNumber, setCreateDelay, startLatencySandbox } from './case-latency';
import { call, closedLoop } from './closed-loop';
import { createOrderBodies } from './payloads';
import { bridgeEnv, startIngress, startRedis, startWorker, stopAll } from './stack';
import { quantileOf } from './quantile';

const args = parseArgs(process.argv.slice(2));
const calls = Number(args.calls ?? 300);
const etowerDelayMs = Number(args['etower-delay'] ?? 50);

/** An answer's text that is JSON carrying eTower's order number (anything else counts as wrong, not as a crash). */
const answeredWithOrderNumber = (text: string) => {
  try {
    return carriesOrderNumber(JSON.parse(text));
  } catch {
    return false;
  }
};

const quantile = (values: number[], q: number) =>
  quantileOf(
    [...values].sort((a, b) => a - b),
    q,
  );

const redis = await startRedis();
const sandbox = await startLatencySandbox();
const procs: Array<{ stop(): Promise<void> }> = [sandbox];
try {
  await setCreateDelay(sandbox, etowerDelayMs);
  const settings = [
    { ingress: {}, worker: {} },
    { ingress: keyValues(args, 'b-ingress-env'), worker: keyValues(args, 'b-worker-env') },
  ];
  const urls: string[] = [];
  for (const [db, s] of settings.entries()) {
    const url = `${redis.url}/${db}`;
    const ingress = await startIngress(bridgeEnv(url, sandbox.url, { SYNC_WAIT_MS: '5000', ...s.ingress }));
    const worker = await startWorker(
      bridgeEnv(url, sandbox.url, { WORKER_QUEUES: 'orders', WORKER_CONCURRENCY: '50', ...s.worker }),
    );
    procs.push(ingress, worker);
    urls.push(ingress.url);
  }
  // Warm both up (V8 compiling their hot paths) before anything is measured.
  for (const [i, url] of urls.entries()) {
    for (const [callers, durationS] of [
      [20, 4],
      [1, 2],
    ] as const) {
      await closedLoop({
        url,
        callers,
        durationS,
        body: createOrderBodies(`AB-W${callers}-${i}`),
        check: carriesOrderNumber,
      });
    }
  }
  const agents = urls.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const targets = urls.map((url) => new URL('/api/qianyi', url));
  const bodies = urls.map((_, i) => createOrderBodies(`AB-${i}`));
  const latencies: number[][] = [[], []];
  let wrong = 0;
  for (let n = 0; n < calls; n++) {
    // A first in even pairs, B first in odd ones: neither always follows the other.
    for (const k of n % 2 === 0 ? [0, 1] : [1, 0]) {
      const started = performance.now();
      const answer = await call(agents[k]!, targets[k]!, bodies[k]!(n));
      latencies[k]!.push(performance.now() - started);
      if (answer?.status !== 200 || !answeredWithOrderNumber(answer.text)) wrong += 1;
    }
  }
  const [a, b] = latencies as [number[], number[]];
  const aFaster = a.filter((x, n) => x < b[n]!).length;
  const line = (xs: number[]) =>
    `p50 ${quantile(xs, 0.5).toFixed(2)} p90 ${quantile(xs, 0.9).toFixed(2)} p99 ${quantile(xs, 0.99).toFixed(2)} ms`;
  console.log(
    JSON.stringify({
      calls,
      etowerDelayMs,
      b: settings[1],
      a: line(a),
      bResult: line(b),
      aFasterInPairs: aFaster,
      wrong,
    }),
  );
} finally {
  await stopAll(...procs);
  await redis.stop();
}
