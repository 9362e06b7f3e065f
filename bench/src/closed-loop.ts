// Callers that each send one call, wait for its answer and send the next (a closed loop), as Qianyi's ERP does
// when it pushes a seller's orders one at a time per thread. Latency to a tenth of a millisecond (autocannon's
// histogram rounds to whole ones, too coarse for an overhead of a few), and every answer is checked, so a run of
// "accepted" answers (the job not finished within SYNC_WAIT_MS) cannot pass for a fast one.
import { Agent, request } from 'node:http';
import { quantileOf, toTenths } from './quantile';

const CALL_TIMEOUT_MS = 30_000;

export interface ClosedLoopResult {
  callers: number;
  calls: number;
  perSec: number;
  p50: number;
  p90: number;
  p99: number;
  /** Answers that were not HTTP 200 with what `check` wants (e.g. a warehouseOrderNumber), or no answer. */
  wrong: number;
  seconds: number;
}

export interface ClosedLoopOptions {
  url: string;
  path?: string;
  callers: number;
  durationS: number;
  /** The body of the i-th call (0-based, over all callers), made when it is sent. */
  body: (i: number) => string;
  /** Whether an answer is the one the run is about. */
  check: (answer: unknown) => boolean;
}

/** One POST on `agent`: its status and text, or undefined when it failed or got no answer in time. */
export function call(agent: Agent, target: URL, body: string): Promise<{ status: number; text: string } | undefined> {
  return new Promise((resolve) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve(undefined));
      },
    );
    req.setTimeout(CALL_TIMEOUT_MS, () => req.destroy(new Error('no answer')));
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

const at = (sorted: number[], q: number) => toTenths(quantileOf(sorted, q));

export async function closedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.callers });
  const target = new URL(options.path ?? '/api/qianyi', options.url);
  const latencies: number[] = [];
  let wrong = 0;
  let next = 0;
  const started = performance.now();
  const endAt = started + options.durationS * 1000;
  const caller = async () => {
    while (performance.now() < endAt) {
      const body = options.body(next++);
      const sent = performance.now();
      const answer = await call(agent, target, body);
      latencies.push(performance.now() - sent);
      let ok = false;
      try {
        ok = answer !== undefined && answer.status === 200 && options.check(JSON.parse(answer.text));
      } catch {
        /* not JSON: wrong */
      }
      if (!ok) wrong += 1;
    }
  };
  await Promise.all(Array.from({ length: options.callers }, caller));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    callers: options.callers,
    calls: latencies.length,
    perSec: latencies.length / seconds,
    p50: at(latencies, 0.5),
    p90: at(latencies, 0.9),
    p99: at(latencies, 0.99),
    wrong,
    seconds,
  };
}
