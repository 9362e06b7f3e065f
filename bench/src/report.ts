import type { E2eResult, E2eRun } from './case-e2e';
import { atIssueHostSpeed, ISSUE_BARE_REQ_PER_SEC, median, PACED_WARMUP_S, type IngressResult } from './case-ingress';
import type { CpuSplit, PacedCpu } from './cpu-split';
import type { LoadResult } from './load';
import type { JobCost, PollerResult } from './case-poller';
import type { ReadResult } from './case-read';
import type { LatencyPair, LatencyResult, LatencyRun } from './case-latency';
import type { PushLatencyResult } from './case-push-latency';

export const NOTES_MARKER = '<!-- notes: everything below is written by hand and kept by pnpm bench -->';

interface Report {
  machine: Array<[string, string]>;
  command: string;
  durationS: number;
  orders: number;
  openOrders: number;
  skus: number;
  ingress?: IngressResult;
  poller?: PollerResult;
  read?: ReadResult;
  e2e?: E2eResult;
  latency?: LatencyResult;
  push?: PushLatencyResult[];
}

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const pacedCpu = (c: PacedCpu) =>
  `${f0(c.serverUsPerCall)} (${Math.round(c.serverCoreShare * 100)} % of a core) / ${c.redisUsPerCall ? f0(c.redisUsPerCall) : '-'}, ${Math.round(c.machineBusy * 100)} %`;
const cpuSplit = (c: CpuSplit) =>
  `${f0(c.serverUsPerReq)} / ${c.redisUsPerReq ? f0(c.redisUsPerReq) : '-'} / ${f0(c.loadGeneratorUsPerReq)}, ${Math.round(c.machineBusy * 100)} %`;
const mark = (ok: boolean) => (ok ? 'met' : '**not met**');
const loadRow = (name: string, r: LoadResult) =>
  `| ${name} | ${f0(r.reqPerSec)} | ${r.p50} | ${r.p99} | ${f0(r.requests)} | ${r.non2xx + r.errors} |`;

function ingress(r: IngressResult): string {
  return [
    `## 1. Ingress throughput (createOrder, SYNC_WAIT_MS=0, no worker: jobs accumulate in Redis; ${r.pairs.length} alternated pairs, the median pair shown)`,
    '',
    '| server | req/s | p50 ms | p99 ms | requests | non-2xx + errors |',
    '|---|---:|---:|---:|---:|---:|',
    loadRow('bare node:http (parses the same JSON)', r.bare),
    loadRow('bridge ingress', r.ingress),
    loadRow(
      `bare node:http, offered ${f0(r.bareAtHalfRate.offered)} req/s at an even pace (after ${PACED_WARMUP_S} s unmeasured)`,
      r.bareAtHalfRate,
    ),
    loadRow(
      `bridge ingress, offered ${f0(r.atHalfRate.offered)} req/s at an even pace (half its throughput; after ${PACED_WARMUP_S} s unmeasured)`,
      r.atHalfRate,
    ),
    '',
    `- **ratio ingress / bare, median of the pairs: ${f2(r.ratio)}** (target >= 0.25: ${mark(r.ratio >= 0.25)}); **p99, median of the pairs: ${r.medianP99} ms on this host** (${mark(r.medianP99 < 20)} as measured; the bare server's own, median of the pairs: ${median(r.pairs.map((p) => p.bare.p99))} ms), **${f1(r.medianP99AtIssueSpeed)} ms at the issue's host speed** (target < 20 ms: ${mark(r.medianP99AtIssueSpeed < 20)}; each pair's p99 × its bare req/s / ${f0(ISSUE_BARE_REQ_PER_SEC)}, the issue's bare node:http); at half its throughput, p99 ${r.atHalfRate.p99} ms`,
    `- **at half its throughput, p99 ${r.atHalfRate.p99} ms against bare node:http's ${r.bareAtHalfRate.p99} ms at the same pace: ${f1(r.atHalfRate.p99 / r.bareAtHalfRate.p99)}×** (issue 25 target 2 as measured until the sixth round of 2026-12-03, one run after the other: reported); the paced generator runs in a process of its own, its event loop's delay p99 ${r.atHalfRate.generatorLoopP99} ms driving the ingress and ${r.bareAtHalfRate.generatorLoopP99} ms driving bare node:http`,
    `- **the same pace with the two servers taking turns every ${f0(r.sameSeconds.slotMs)} ms for ${f0(r.sameSeconds.ingress.seconds)} s (the same seconds of the host): ingress p50 ${r.sameSeconds.ingress.p50} ms, p99 ${r.sameSeconds.ingress.p99} ms against bare node:http's ${r.sameSeconds.bare.p50} / ${r.sameSeconds.bare.p99} ms: ${f1(r.sameSeconds.ingress.p99 / r.sameSeconds.bare.p99)}×** (issue 25 target 2, <= 3×: ${mark(r.sameSeconds.ingress.p99 <= 3 * r.sameSeconds.bare.p99)}); calls measured ${f0(r.sameSeconds.ingress.requests)} / ${f0(r.sameSeconds.bare.requests)}, non-2xx and errors ${f0(r.sameSeconds.ingress.non2xx + r.sameSeconds.ingress.errors)} / ${f0(r.sameSeconds.bare.non2xx + r.sameSeconds.bare.errors)}, generator loop p99 ${r.sameSeconds.ingress.generatorLoopP99} ms`,
    `- the pairs in the order run, bare / ingress req/s (ratio, ingress p99, at the issue's host speed): ${r.pairs.map((p) => `${f0(p.bare.reqPerSec)} / ${f0(p.ingress.reqPerSec)} (${f2(p.ratio)}, ${p.ingress.p99} ms, ${f1(atIssueHostSpeed(p.ingress.p99, p.bare.reqPerSec))} ms)`).join('; ')}`,
    `- ingress CPU per request: ${f0(r.ingressCpuPerReqUs)} µs (all its processes); jobs queued by the measured runs and the warm-up: ${f0(r.jobsQueued)}`,
    `- CPU per request in the closed loops, server / Redis / load generator (µs), and the share of both cores busy: bare ${cpuSplit(r.bare.cpu)}; ingress ${cpuSplit(r.ingress.cpu)}`,
    `- CPU at the even pace (warm-up included), server µs a call and its share of one core / Redis µs a call, and the share of both cores busy: bare ${pacedCpu(r.bareAtHalfRate.cpu)}; ingress ${pacedCpu(r.atHalfRate.cpu)}`,
    `- Redis: AOF everysec, ${
      Object.entries(r.redisConfig)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'defaults'
    }; AOF rewrites during the case: ${r.aofRewrites}`,
    `- ingress settings: ${
      Object.keys(r.ingressEnv).length
        ? Object.entries(r.ingressEnv)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
        : 'defaults (LOG_LEVEL=info, one request line per call)'
    }`,
    '',
  ].join('\n');
}

function read(r: ReadResult): string {
  return [
    '## 2. Read path (through the real ingress)',
    '',
    '| call | req/s | p50 ms | p99 ms | requests | non-2xx + errors |',
    '|---|---:|---:|---:|---:|---:|',
    loadRow('getOrder (random of the 50,000 seeded orders)', r.getOrder),
    loadRow('syncInventory, pages of 1000 cycling through the warehouse, 50 connections', r.syncInventory),
    loadRow('syncInventory, one sweep at a time (1 connection, as Qianyi pages)', r.syncInventorySweep),
    '',
    `- syncInventory p99: ${r.syncInventorySweep.p99} ms for a sweep (target < 30 ms: ${mark(r.syncInventorySweep.p99 < 30)}), ${r.syncInventory.p99} ms with 50 sweeps at once; the 100,000-SKU snapshot was written through InventorySnapshotStore.publish (case 4)`,
    `- ingress peak RSS during the read runs: ${f0(r.ingressPeakRssMb)} MB`,
    '',
  ].join('\n');
}

function e2e(r: E2eResult, orders: number): string {
  const row = (name: string, x: E2eRun) =>
    `| ${name} | ${x.workers} | ${f0(x.ordersPerSec)} | ${f1(x.seconds)} | ${f0(x.workerCpuPerOrderUs)} | ${x.workerPeakRssMb.map(f0).join(' / ')} | ${f0(x.machineBusy * 100)} % | ${x.duplicates} |`;
  const r1 = r.bridge1.ordersPerSec / r.bare1.ordersPerSec;
  const r2 = r.bridge2.ordersPerSec / r.bare2.ordersPerSec;
  return [
    `## 3. End to end (${f0(orders)} orders a run after ${f0(r.warmup)} per worker process to warm up, eTower sandbox answers after 50 ms, concurrency 50 per worker process)`,
    '',
    '| consumer | processes | orders/s | seconds | worker CPU µs/order | worker peak RSS MB | machine busy (both cores) | duplicate creates |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    row('bare BullMQ worker (same eTower client: undici)', r.bare1),
    row('bridge worker', r.bridge1),
    row('bare BullMQ worker', r.bare2),
    row('bridge workers', r.bridge2),
    '',
    `- bridge / bare, one process: **${f2(r1)}** (target >= 0.6: ${mark(r1 >= 0.6)}); bridge orders/s on one process ${f0(r.bridge1.ordersPerSec)} (target >= 500: ${mark(r.bridge1.ordersPerSec >= 500)})`,
    `- bridge / bare, two processes: **${f2(r2)}**; two bridge processes / one: ${f2(r.bridge2.ordersPerSec / r.bridge1.ordersPerSec)}, the bare worker ${f2(r.bare2.ordersPerSec / r.bare1.ordersPerSec)} (the ceiling on these 2 cores, which the ingress, the sandbox and Redis share: one bridge process left the machine ${f0(r.bridge1.machineBusy * 100)} % busy, so two can make about ${f2(1 / r.bridge1.machineBusy)}× as many (an estimate: busy time is averaged over the run), the bare worker ${f2(1 / r.bare1.machineBusy)}×)`,
    `- CPU per order of the processes the runs share (ingress / sandbox / Redis, µs): ${[
      ['bare, 1', r.bare1],
      ['bridge, 1', r.bridge1],
      ['bare, 2', r.bare2],
      ['bridge, 2', r.bridge2],
    ]
      .map(([name, x]) => {
        const c = (x as E2eRun).sharedCpuPerOrderUs;
        return `${name as string}: ${c.ingress !== undefined ? f0(c.ingress) : '-'} / ${f0(c.sandbox)} / ${f0(c.redis)}`;
      })
      .join('; ')}`,
    `- Lua scripts Redis ran per order (EVALSHA, BullMQ's and the bridge's): bare ${f1(r.bare1.redisScriptsPerOrder)}, bridge ${f1(r.bridge1.redisScriptsPerOrder)} (the record's compare-and-set in the ingress, the job's add, the moves to \`creating\` and \`released\`, the push job's add, the outbox's clearing, the job's completion)`,
    '- bridge runs: timed from the first createOrder request to the ingress until the sandbox has created every order, after the warm-up orders went the same way (the simulator emptied between); the worker consumes `orders` only (pushes wait in `webhooks`, served by their own worker group in compose)',
    '- bare runs: timed from the first addBulk (jobs already mapped to eTower orders) until the sandbox has created every order, after the same warm-up',
    `- ingress peak RSS during the end-to-end runs: ${f0(r.ingressPeakRssMb)} MB`,
    '',
  ].join('\n');
}

function poller(r: PollerResult): string {
  const row = (name: string, c: JobCost) =>
    `| ${name} | ${f2(c.seconds)} | ${f2(c.workerCpuS)} | ${f1(c.redisDeltaMb)} |`;
  return [
    `## 4. Poller and snapshot (sandbox without added latency; ${f0(r.openOrders)} open orders seeded in ${f1(r.seedSeconds)} s)`,
    '',
    '| job | wall s | worker CPU s | Redis used_memory delta MB |',
    '|---|---:|---:|---:|',
    row('pollOrders, every order changed (transition + push job each)', r.pollAllChanged),
    row('pollOrders, nothing changed (the steady state)', r.pollSteady),
    row(
      `rebuildInventory of ${f0(r.rebuildSkus)} SKUs x 2 warehouses from the sandbox, first (from the worker's start, CPU incl. start-up)`,
      r.rebuildFirst,
    ),
    row(
      `rebuildInventory of ${f0(r.rebuildSkus)} SKUs again (the old version stays readable 10 min for running sweeps)`,
      r.rebuildAgain,
    ),
    row(
      `publish of a ${f0(r.bigSkus)}-SKU x 2 warehouses snapshot (InventorySnapshotStore.publish from the bench process; CPU column = bench process)`,
      r.publishBig,
    ),
    '',
    `- steady poll CPU as a share of one core over the default 5-minute ORDER_POLL_INTERVAL_MS: **${(r.cpuShareAtDefaultInterval * 100).toFixed(2)} %**; the poll with every order changed: ${((r.pollAllChanged.workerCpuS / 300) * 100).toFixed(2)} %`,
    `- worker peak RSS: ${f0(r.workerPeakRssMb)} MB; results: ${JSON.stringify(r.pollAllChanged.result)}, ${JSON.stringify(r.rebuildAgain.result && { skus: (r.rebuildAgain.result as { skus?: number }).skus, calls: (r.rebuildAgain.result as { calls?: number }).calls })}`,
    '',
  ].join('\n');
}

const cpu = (x: LatencyRun) =>
  `${f0(x.cpuPerCallUs.server)} / ${f0(x.cpuPerCallUs.worker)} / ${f0(x.cpuPerCallUs.redis)}`;
const latencyRow = (name: string, x: LatencyRun) =>
  `| ${name} | ${x.callers} | ${f0(x.perSec)} | ${f1(x.p50)} | ${f1(x.p90)} | ${f1(x.p99)} | ${cpu(x)} | ${f1(x.scriptsPerCall)} | ${f0(x.machineBusy * 100)} % | ${f0(x.calls)} | ${x.wrong} |`;

function latency(r: LatencyResult): string {
  const mid = [...r.pairs].sort((a, b) => a.bridge.p50 / a.bare.p50 - b.bridge.p50 / b.bare.p50)[
    Math.floor((r.pairs.length - 1) / 2)
  ]!;
  const over = (p: LatencyPair) =>
    `bridge ${f1(p.bridge.p50 - r.etowerDelayMs)} ms p50 (p99 ${f1(p.bridge.p99 - r.etowerDelayMs)}), bare ${f1(p.bare.p50 - r.etowerDelayMs)} ms (p99 ${f1(p.bare.p99 - r.etowerDelayMs)})`;
  return [
    `## 6. Answer latency (issue 25: createOrder answered with eTower's order number, SYNC_WAIT_MS=5000, sandbox createOrders after ${r.etowerDelayMs} ms; ${r.pairs.length} alternated pairs at ${r.callers} callers, the median pair shown)`,
    '',
    '| stack | callers | calls/s | p50 ms | p90 ms | p99 ms | CPU µs/call server / worker / Redis | Lua scripts/call | machine busy | calls | wrong answers |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    latencyRow('bare: node:http + queue.add + waitUntilFinished, bare BullMQ worker', mid.bare),
    latencyRow('bridge: ingress + one worker', mid.bridge),
    latencyRow('bare, one caller at a time', r.one.bare),
    latencyRow('bridge, one caller at a time', r.one.bridge),
    latencyRow('bare, one caller, eTower answering at once', r.oneAtOnce.bare),
    latencyRow('bridge, one caller, eTower answering at once', r.oneAtOnce.bridge),
    ...(r.variantEnv
      ? [
          latencyRow(`variant bridge (${settings({ ...r.variantEnv.ingress, ...r.variantEnv.worker })})`, mid.variant!),
          latencyRow('variant, one caller at a time', r.one.variant!),
          latencyRow('variant, one caller, eTower answering at once', r.oneAtOnce.variant!),
        ]
      : []),
    '',
    `- **${r.callers} callers, bridge / bare, median of the pairs: p50 ${f2(r.medianP50Ratio)}× (target <= 1.3: ${mark(r.medianP50Ratio <= 1.3)}), p99 ${f2(r.medianP99Ratio)}× (target <= 1.5: ${mark(r.medianP99Ratio <= 1.5)})**`,
    `- **one caller, above eTower's ${r.etowerDelayMs} ms: ${over(r.one)}** (target: bridge <= 5 ms p50: ${mark(r.one.bridge.p50 - r.etowerDelayMs <= 5)}); eTower answering at once: bridge ${f1(r.oneAtOnce.bridge.p50)} ms p50, bare ${f1(r.oneAtOnce.bare.p50)} ms`,
    `- the pairs in the order run, bare / bridge p50 and p99 ms (calls/s): ${r.pairs.map((p) => `${f1(p.bare.p50)} / ${f1(p.bridge.p50)} and ${f1(p.bare.p99)} / ${f1(p.bridge.p99)} (${f0(p.bare.perSec)} / ${f0(p.bridge.perSec)})`).join('; ')}`,
    `- latency from the call's send to its answer's end, each answer checked for a warehouseOrderNumber ("wrong answers" counts the others); both stacks share one Redis (AOF everysec) and one sandbox; peak RSS ingress ${f0(r.ingressPeakRssMb)} MB, worker ${f0(r.workerPeakRssMb)} MB`,
    ...(r.variantEnv
      ? [
          `- variant (ingress ${settings(r.variantEnv.ingress)}; worker ${settings(r.variantEnv.worker)}; its own Redis database), run after the bridge in every pair: p50 ${f2(r.variantMedianP50Ratio!)}×, p99 ${f2(r.variantMedianP99Ratio!)}× the bare stack's (median of the pairs); one caller ${f1(r.one.variant!.p50 - r.etowerDelayMs)} ms p50 above eTower's`,
        ]
      : []),
    `- ingress settings: ${settings(r.ingressEnv)}; worker settings: ${settings(r.workerEnv)}`,
    '',
  ].join('\n');
}

/** A process's settings as given on the command line, or "defaults". */
function settings(env: Record<string, string>): string {
  const given = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return given.length ? given.join(' ') : 'defaults';
}

function push(runs: PushLatencyResult[]): string {
  const first = runs[0];
  if (!first) return '';
  const where = {
    one: 'one worker on `orders` and `webhooks` (`pnpm start`)',
    split: 'a worker on `orders` and one on `webhooks` (docker-compose.yml)',
  };
  const cpu = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([name, us]) => `${name} ${f0(us)}`)
      .join(', ');
  const line = ({ shape, orders, warm: w, first: f }: PushLatencyResult) =>
    [
      `- ${where[shape]}, warm (a second poll, ${f0(orders)} other orders): **from the poll seeing an order shipped (its eTower read) to Qianyi receiving its push: p50 ${f0(w.fromSeen.p50)} ms, p90 ${f0(w.fromSeen.p90)}, p99 ${f0(w.fromSeen.p99)}, max ${f0(w.fromSeen.max)}** (target p99 <= 1 s: ${mark(w.fromSeen.p99 <= 1000)}); from the order's change being recorded: p50 ${f0(w.fromChange.p50)}, p99 ${f0(w.fromChange.p99)}, max ${f0(w.fromChange.max)} ms; the poll took ${f2(w.pollSeconds)} s to walk the ${f0(orders)} orders (from its start to each push: p50 ${f0(w.fromPollStart.p50)} ms, p99 ${f0(w.fromPollStart.p99)}, max ${f0(w.fromPollStart.max)}); pushes received: ${f0(w.pushesReceived)}; CPU µs per order: ${cpu(w.cpuUsPerOrder)}`,
      `  - the first poll after the worker started (its code not yet optimised by V8): from the poll seeing an order to its push p50 ${f0(f.fromSeen.p50)} ms, p90 ${f0(f.fromSeen.p90)}, p99 ${f0(f.fromSeen.p99)}, max ${f0(f.fromSeen.max)}; the poll ${f2(f.pollSeconds)} s; pushes received: ${f0(f.pushesReceived)}; CPU µs per order: ${cpu(f.cpuUsPerOrder)}`,
    ].join('\n');
  return [
    `## 7. Status to Qianyi (issue 25 target 3: one poll finds ${f0(first.orders)} orders shipped)`,
    '',
    ...runs.map(line),
    `- worker settings: ${settings(first.workerEnv)}`,
    '',
  ].join('\n');
}

export function renderResults(r: Report): string {
  const memory = [
    r.ingress ? `ingress ${f0(r.ingress.ingressPeakRssMb)} MB during 1` : '',
    r.e2e
      ? `ingress ${f0(r.e2e.ingressPeakRssMb)} MB and workers ${[r.e2e.bridge1, r.e2e.bridge2]
          .flatMap((x) => x.workerPeakRssMb)
          .map(f0)
          .join(' / ')} MB during 3`
      : '',
  ].filter(Boolean);
  return [
    '# Benchmarks',
    '',
    'Every figure is measured in the same run as its baseline, on this machine; compare ratios, not absolute numbers.',
    '',
    `Command: \`${r.command}\` (load runs ${r.durationS} s after a 3 s warm-up; autocannon, 50 connections, keep-alive, ~1.5 KB createOrder content)`,
    '',
    '| machine | |',
    '|---|---|',
    ...r.machine.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    r.ingress ? ingress(r.ingress) : '',
    r.read ? read(r.read) : '',
    r.e2e ? e2e(r.e2e, r.orders) : '',
    r.poller ? poller(r.poller) : '',
    '## 5. Memory (peak RSS, VmHWM)',
    '',
    memory.length
      ? `- ${memory.join('; ')} (targets: ingress < 150 MB, worker < 250 MB)`
      : '- not measured in this run',
    '',
    r.latency ? latency(r.latency) : '',
    r.push ? push(r.push) : '',
  ].join('\n');
}
