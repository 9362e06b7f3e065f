// Calls offered at a fixed rate (an open loop), for the latency of an ingress that is not saturated.
// autocannon's own `overallRate` hands each connection a budget per second, spent as fast as answers come at the
// start of every second: bursts at full speed, then silence, so its latencies are those of a saturated server.
// Here request i is due at start + i / rate, and its latency runs from then (a call that waits for a free
// connection counts that wait), so a slow answer cannot hide the calls queued behind it.
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LoadResult } from './load';
import { quantileOf, toTenths } from './quantile';

/** As autocannon's default: a call unanswered this long counts as an error. */
const CALL_TIMEOUT_MS = 10_000;

export interface PacedOptions {
  url: string;
  path?: string;
  /** Calls per second, spread evenly over each second. */
  rate: number;
  durationS: number;
  /**
   * Seconds sent at the same pace before the measured ones and not counted: the generator is a fresh process, and
   * its own start (compiling its code, opening its connections) landed in the first second measured (bench/RESULTS.md,
   * fourth round of 2026-12-03: 477 of the 867 calls over 15 ms in one run came in its first 270 ms).
   */
  warmupS?: number;
  /** Keep-alive connections at most, as in the closed-loop runs. */
  connections?: number;
  body: (i: number) => string;
}

export interface PacedResult extends LoadResult {
  offered: number;
  /**
   * The generator's own event-loop delay, p99 in ms (1 ms resolution): a late loop sends late and reads answers
   * late, and every call it delays counts as the server's latency. Read beside the p99 it qualifies.
   */
  generatorLoopP99: number;
}

export async function paced(options: PacedOptions): Promise<PacedResult> {
  const [result] = await pacedAcross({ ...options, urls: [options.url], slotMs: Number.POSITIVE_INFINITY });
  return result!;
}

/**
 * The same calls at the same pace, sent to each of `urls` in turn for `slotMs` of due time at a time (A for a
 * second, B for the next, …): servers compared this way see the same host in the same seconds, so a stall of the
 * host lands on each of them alike, which separate 10-second runs cannot promise on a noisy host. One result per
 * URL, in order; its `reqPerSec` is over its own slots.
 */
export async function pacedAcross(
  options: Omit<PacedOptions, 'url'> & { urls: string[]; slotMs: number },
): Promise<PacedResult[]> {
  const lanes = options.urls.map((url) => ({
    target: new URL(options.path ?? '/api/qianyi', url),
    agent: new Agent({ keepAlive: true, maxSockets: options.connections ?? 50 }),
    latencies: [] as number[],
    non2xx: 0,
    errors: 0,
  }));
  const warmup = Math.round(options.rate * (options.warmupS ?? 0));
  const total = warmup + Math.round(options.rate * options.durationS);
  const intervalMs = 1000 / options.rate;
  const laneOf = (i: number) => lanes[Math.floor((i * intervalMs) / options.slotMs) % lanes.length]!;

  // Every call settles exactly once: answered (its latency counts), or failed, reset mid-answer or unanswered
  // after CALL_TIMEOUT_MS (an error). A call that could never settle would hang the whole benchmark.
  const send = (i: number, due: number) =>
    new Promise<void>((done) => {
      const lane = laneOf(i);
      let settled = false;
      const settle = (answered: boolean, status?: number) => {
        if (settled) return;
        settled = true;
        // A warm-up call that fails still counts: it is an error of the server all the same.
        if (!answered) lane.errors += 1;
        else if (i >= warmup) {
          lane.latencies.push(performance.now() - due);
          if (status !== 200) lane.non2xx += 1;
        }
        done();
      };
      const body = options.body(i);
      const req = request(
        lane.target,
        {
          method: 'POST',
          agent: lane.agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => settle(true, res.statusCode));
          res.on('close', () => settle(false));
        },
      );
      req.setTimeout(CALL_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${CALL_TIMEOUT_MS} ms`)));
      req.on('error', () => settle(false));
      req.end(body);
    });

  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  let next = 0;
  const measuredFrom = started + warmup * intervalMs;
  let loopReset = warmup === 0;
  while (next < total) {
    const now = performance.now();
    if (!loopReset && now >= measuredFrom) {
      loop.reset();
      loopReset = true;
    }
    for (; next < total && started + next * intervalMs <= now; next++)
      inFlight.push(send(next, started + next * intervalMs));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - measuredFrom) / 1000;
  for (const lane of lanes) lane.agent.destroy();
  loop.disable();
  const generatorLoopP99 = Math.round((loop.percentile(99) / 1e6) * 10) / 10;

  return lanes.map((lane) => {
    const latencies = lane.latencies.sort((a, b) => a - b);
    const at = (q: number) => toTenths(quantileOf(latencies, q));
    return {
      offered: options.rate,
      reqPerSec: (latencies.length * lanes.length) / seconds,
      p50: at(0.5),
      p99: at(0.99),
      requests: latencies.length,
      non2xx: lane.non2xx,
      errors: lane.errors,
      seconds,
      generatorLoopP99,
    };
  });
}
