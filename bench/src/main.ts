// `pnpm bench [-- --only=ingress,poller,read,e2e,latency,push --duration=10 --ingress-pairs=3 --orders=6000 --e2e-warmup=4000]`: runs the benchmarks and
// rewrites the measured part of bench/RESULTS.md. Everything below the notes marker is kept as written.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyValues, parseArgs } from './args';
import { benchE2e, type E2eResult } from './case-e2e';
import { benchIngress, type IngressResult } from './case-ingress';
import { benchLatency, type LatencyResult } from './case-latency';
import { benchPushLatency, type PushLatencyResult } from './case-push-latency';
import { benchPoller, type PollerResult } from './case-poller';
import { benchRead, type ReadResult } from './case-read';
import { machine } from './machine';
import { profileAppsInto, repoRoot } from './procs';
import { redisConfig } from './stack';
import { NOTES_MARKER, renderResults } from './report';

const args = parseArgs(process.argv.slice(2));
const only = new Set((args.only ?? 'ingress,poller,read,e2e,latency,push').split(','));
const durationS = Number(args.duration ?? 10);
const orders = Number(args.orders ?? 6000);
// Case 1's alternated bare/ingress pairs; the targets are judged on the median (case-ingress.ts).
const ingressPairs = Math.max(1, Number(args['ingress-pairs'] ?? 3));
// Orders each worker process takes before case 3's clock starts (V8 compiling the hot path; see case-e2e.ts).
const e2eWarmup = Number(args['e2e-warmup'] ?? 4000);
const openOrders = Number(args['open-orders'] ?? 50000);
const skus = Number(args.skus ?? 100000);
// The real rebuild walks the sandbox's whole inventory: as many SKUs as the snapshot case 2 reads, by default.
const rebuildSkus = Number(args['rebuild-skus'] ?? skus);
// Case 6's alternated bare/bridge pairs and callers (issue 25: 20), case 7's orders shipped in one poll.
const latencyPairs = Math.max(1, Number(args['latency-pairs'] ?? 3));
const latencyCallers = Math.max(1, Number(args['latency-callers'] ?? 20));
const pushOrders = Number(args['push-orders'] ?? 1000);
const envArg = (name: string) => keyValues(args, name);
// --ingress-env: the ingress of cases 1, 2, 3 and 6 (e.g. INGRESS_HEAP_GROWING_PERCENT=0); --worker-env: the bridge
// workers of cases 3, 4, 6 and 7 (e.g. WORKER_HEAP_GROWING_PERCENT=0).
const ingressEnv = envArg('ingress-env');
// --redis-config: CONFIG SET on every benchmark Redis (e.g. auto-aof-rewrite-percentage=100, compose's default).
Object.assign(redisConfig, envArg('redis-config'));
const workerEnv = envArg('worker-env');
const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

// --profile: every app process (ingress, workers, sandbox) runs under --cpu-prof, one file per process in
// bench/profiles/ named after the app; summarise with `node bench/profile-summary.mjs bench/profiles/<file>`.
if (args.profile) profileAppsInto(join(repoRoot, 'bench', 'profiles'));

const results: {
  ingress?: IngressResult;
  poller?: PollerResult;
  read?: ReadResult;
  e2e?: E2eResult;
  latency?: LatencyResult;
  push?: PushLatencyResult[];
} = {};
if (only.has('ingress')) {
  log(`1. ingress vs bare node:http, ${ingressPairs} alternated pairs`);
  results.ingress = await benchIngress({ durationS, pairs: ingressPairs, ingressEnv });
  log(JSON.stringify(results.ingress));
}
if (only.has('poller') || only.has('read')) {
  log(`4. poller over ${openOrders} open orders, real rebuild of ${rebuildSkus} SKUs, snapshot of ${skus}`);
  const poller = await benchPoller({ orders: openOrders, skus, rebuildSkus, workerEnv });
  results.poller = poller.result;
  log(JSON.stringify(results.poller));
  if (only.has('read')) {
    log('2. read path');
    results.read = await benchRead({
      redisUrl: poller.redis.url,
      orderNumbers: poller.orderNumber,
      skuCount: skus,
      durationS,
      ingressEnv,
    });
    log(JSON.stringify(results.read));
  }
  await poller.redis.stop();
}
if (only.has('e2e')) {
  log(`3. end to end, ${orders} orders per run after ${e2eWarmup} per worker process to warm up`);
  results.e2e = await benchE2e({ orders, warmup: e2eWarmup, workerEnv, ingressEnv });
  log(JSON.stringify(results.e2e));
}

if (only.has('latency')) {
  log(`6. answer latency, ${latencyCallers} callers, ${latencyPairs} alternated bare/bridge pairs, then one caller`);
  // --latency-variant-ingress-env / --latency-variant-worker-env: a second bridge with those settings in the same pairs.
  const variant =
    args['latency-variant-ingress-env'] || args['latency-variant-worker-env']
      ? { ingress: envArg('latency-variant-ingress-env'), worker: envArg('latency-variant-worker-env') }
      : undefined;
  results.latency = await benchLatency({
    durationS,
    pairs: latencyPairs,
    callers: latencyCallers,
    ingressEnv,
    workerEnv,
    ...(variant ? { variant } : {}),
  });
  log(JSON.stringify(results.latency));
}
if (only.has('push')) {
  log(`7. status to Qianyi, ${pushOrders} orders shipped in one poll`);
  results.push = [];
  for (const shape of ['one', 'split'] as const) {
    const run = await benchPushLatency({ orders: pushOrders, shape, workerEnv });
    log(JSON.stringify(run));
    results.push.push(run);
  }
}

// --out=<file>: a partial run (--only) written elsewhere instead of replacing the measured part of RESULTS.md.
const file = args.out ?? join(repoRoot, 'bench', 'RESULTS.md');
const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
const notes = previous.includes(NOTES_MARKER) ? previous.slice(previous.indexOf(NOTES_MARKER)) : `${NOTES_MARKER}\n`;
const command = `pnpm bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
writeFileSync(
  file,
  `${renderResults({ machine: machine(), command, durationS, orders, openOrders, skus, ...results })}\n${notes}`,
);
log(`written ${file}`);
process.exit(0);
