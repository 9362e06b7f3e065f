import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort, startBridge, TEST_TENANT, type BridgeHarness } from '../packages/testkit/src/index';
import { count, zero } from './lib/figures';
import { pool } from './lib/pool';
import { SCALE_NAME } from './lib/scale';
import { report, reportSecrets } from './lib/scenario';

// The public edge (issue 21), tried as an attacker without credentials would: garbage method names against the
// metrics, a wrong sign on a 19 MB body against the CPU, ten 20 MB uploads against memory, a stalled body
// against the sockets. Default limits (MAX_BODY_BYTES 20 MiB, MAX_INFLIGHT_BODY_BYTES 64 MiB) except the body
// deadline, shortened so that the scenario does not wait 30 s.
const SCENARIO = 'Public edge (callers without credentials)';
const FILE = 'reliability/edge.rel.test.ts';
const BODY_TIMEOUT_MS = 3000;
let bridge: BridgeHarness;
let metricsUrl: string;
beforeAll(async () => {
  const metricsPort = await freePort();
  bridge = await startBridge({
    workers: 0,
    bridgeEnv: { BODY_TIMEOUT_MS: String(BODY_TIMEOUT_MS) },
    ingressEnv: { METRICS_PORT: String(metricsPort) },
  });
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
});
afterAll(async () => {
  if (bridge) await reportSecrets(SCENARIO, FILE, bridge).finally(() => bridge.stop());
});

const pid = () => bridge.ingress.child.pid!;
const procStatusMb = (field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid()}/status`, 'utf8'))?.[1] ?? 0) / 1024;
/** The ingress's user + system CPU so far, in ms (clock ticks of 10 ms). */
const cpuMs = () => {
  const fields = readFileSync(`/proc/${pid()}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const post = (body: string | Buffer) =>
  fetch(`${bridge.ingressUrl}/api/qianyi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  }).then(async (r) => ({ status: r.status, text: await r.text() }));
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** A 19 MB call whose content is full of the characters that made the verifier build escaping variants. */
function bigCall(accessId: string): Buffer {
  const content = 'é/'.repeat(Math.floor(19_000_000 / 3));
  return Buffer.from(JSON.stringify({ accessId, method: 'createOrder', content, sign: 'f'.repeat(40) }));
}

/** Median CPU of one request, over `runs` requests sent one at a time. */
/**
 * The ingress's CPU for each of two calls, median of `runs`, the two taken in turn so that whatever else the host
 * does falls on both alike (a GC that one call leaves behind is paid by the next).
 */
async function cpuPerRequest(bodies: [Buffer, Buffer], runs: number): Promise<[number, number]> {
  const costs: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const k of [0, 1] as const) {
      const before = cpuMs();
      const res = await post(bodies[k]);
      if (res.status !== 401) throw new Error(`expected 401, got ${res.status}: ${res.text.slice(0, 200)}`);
      costs[k].push(cpuMs() - before);
    }
  }
  return [percentile(costs[0], 0.5), percentile(costs[1], 0.5)];
}

test(`the public edge holds against a caller without credentials (${SCALE_NAME})`, async () => {
  const figures = [];

  // 1. Metrics: distinct garbage method names must not create series.
  const rssBefore = procStatusMb('VmRSS');
  const methods = SCALE_NAME === 'small' ? 600 : 3000;
  await pool(
    Array.from({ length: methods }, (_, i) => i),
    20,
    async (i) => {
      await post(JSON.stringify({ accessId: 'nobody', method: `m-${i}-${'x'.repeat(2000)}`, sign: 'x' }));
    },
  );
  const metrics = await (await fetch(metricsUrl)).text();
  const rssAfter = procStatusMb('VmRSS');
  figures.push(
    count(`distinct garbage method names sent`, methods),
    count('ingress RSS before them (MB)', Math.round(rssBefore)),
    count('ingress RSS after them (MB)', Math.round(rssAfter)),
    count('/metrics size after them (KB)', Math.round(metrics.length / 1024)),
    zero('metric series naming a garbage method', metrics.split('\n').filter((l) => l.includes('"m-')).length),
  );

  // 2. CPU: a wrong sign for a known accessId against an unknown accessId, on the same 19 MB body.
  const [unknownCost, wrongSignCost] = await cpuPerRequest([bigCall('stranger'), bigCall(TEST_TENANT.accessId)], 5);
  figures.push(
    count('CPU of a 19 MB call from an unknown accessId (ms, median)', unknownCost),
    count('CPU of the same call with a wrong sign for a known accessId (ms, median)', wrongSignCost),
    // Reported, not judged: a ratio of CPU times moves with the host (2.1–3.1× over five CI runs). The bound that
    // matters, at most three hashes of the documented text per wrong sign, is asserted on hashed bytes in
    // packages/qianyi/test/sign-budget.test.ts; the verification it replaced cost 3–50× the parse.
    count(
      'wrong sign / unknown accessId CPU (×, parse and refuse)',
      Math.round((wrongSignCost / Math.max(unknownCost, 10)) * 10) / 10,
    ),
  );

  // 3. getOrder while two clients loop the wrong-sign 19 MB call.
  const getOrder = async () => {
    const started = performance.now();
    const res = await bridge.call('getOrder', { orderNumber: 'EDGE-1' });
    if (res.status !== 200) throw new Error(`getOrder answered ${res.status}`);
    return performance.now() - started;
  };
  const quiet: number[] = [];
  for (let i = 0; i < 100; i++) quiet.push(await getOrder());
  const attack = bigCall(TEST_TENANT.accessId);
  let attacking = true;
  const attackers = [0, 1].map(async () => {
    while (attacking) await post(attack);
  });
  const loaded: number[] = [];
  const until = Date.now() + (SCALE_NAME === 'small' ? 5000 : 15000);
  while (Date.now() < until) loaded.push(await getOrder());
  attacking = false;
  await Promise.all(attackers);
  figures.push(
    count('getOrder p99, quiet (ms)', Math.round(percentile(quiet, 0.99))),
    count('getOrder p99 while two clients loop the 19 MB wrong-sign call (ms)', Math.round(percentile(loaded, 0.99))),
  );

  // 4. Memory: ten concurrent 20 MB uploads (from an unknown accessId: no credentials needed).
  writeFileSync(`/proc/${pid()}/clear_refs`, '5'); // resets VmHWM, the peak RSS
  const rssBeforeUploads = procStatusMb('VmRSS');
  const upload = Buffer.from(
    JSON.stringify({ accessId: 'nobody', method: 'createOrder', content: 'x'.repeat(20_000_000 - 100), sign: 'x' }),
  );
  const statuses = await Promise.all(
    Array.from({ length: 10 }, () =>
      post(upload).then(
        (r) => r.status,
        () => 0,
      ),
    ),
  );
  const peak = procStatusMb('VmHWM');
  // Memory given back: V8 and the allocator return it over a few GCs; wait (bounded) for the RSS to settle.
  let settled = procStatusMb('VmRSS');
  for (let i = 0; i < 50 && settled > rssBeforeUploads + 100; i++) {
    await new Promise((r) => setTimeout(r, 200));
    settled = procStatusMb('VmRSS');
  }
  figures.push(
    count('ten concurrent 20 MB uploads: answered 503 (no room)', statuses.filter((s) => s === 503).length),
    count('ten concurrent 20 MB uploads: read (401)', statuses.filter((s) => s === 401).length),
    zero(
      'ten concurrent 20 MB uploads: answers other than 401/503',
      statuses.filter((s) => s !== 401 && s !== 503).length,
    ),
    count('ingress RSS before the uploads (MB)', Math.round(rssBeforeUploads)),
    count('ingress peak RSS during the uploads (MB)', Math.round(peak)),
    count('ingress RSS 10 s after the uploads at most (MB)', Math.round(settled)),
    zero('ingress peak RSS over 600 MB', peak > 600 ? 1 : 0),
  );

  // 5. A body that stalls: answered 408 and closed at the deadline.
  const url = new URL(bridge.ingressUrl);
  const socket = connect(Number(url.port), url.hostname);
  const started = performance.now();
  let answer = '';
  socket.on('data', (d) => {
    answer += d.toString('latin1');
  });
  socket.on('error', () => {
    /* closed by the server */
  });
  socket.write(
    'POST /api/qianyi HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"accessId":',
  );
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const closedAfter = performance.now() - started;
  figures.push(
    count(`a stalled body closed after (ms; BODY_TIMEOUT_MS=${BODY_TIMEOUT_MS})`, Math.round(closedAfter)),
    zero('a stalled body not answered 408', answer.startsWith('HTTP/1.1 408') ? 0 : 1),
    zero('a stalled body held over its deadline + 2 s', closedAfter > BODY_TIMEOUT_MS + 2000 ? 1 : 0),
  );

  report(SCENARIO, FILE, figures);
});
