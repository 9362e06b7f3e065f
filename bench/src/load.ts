// The one load generator of every HTTP benchmark: autocannon in this process, keep-alive, N connections.
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

export interface LoadOptions {
  url: string;
  path?: string;
  connections?: number;
  durationS?: number;
  /** Stop after this many requests instead of a duration. */
  amount?: number;
  /** The body of the i-th request (0-based), made when the request is sent. */
  body: (i: number) => string;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  let i = 0;
  const started = Date.now();
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 50,
    pipelining: 1,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationS ?? 10 }),
    requests: [
      {
        method: 'POST',
        path: options.path ?? '/api/qianyi',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: options.body(i++) }),
      },
    ],
  });
  const seconds = (Date.now() - started) / 1000;
  return {
    reqPerSec: result.requests.average as number,
    p50: result.latency.p50 as number,
    p99: result.latency.p99 as number,
    requests: result.requests.total as number,
    non2xx: result.non2xx as number,
    errors: (result.errors as number) + (result.timeouts as number),
    seconds,
  };
}

/** A short run first, so that both sides are measured warm (JIT, connection pools). */
export async function warmThenLoad(options: LoadOptions, warmS = 3): Promise<LoadResult> {
  // Warm-up bodies use their own index range so that a createOrder run still sends distinct orders.
  await load({ ...options, durationS: warmS, amount: undefined, body: (i) => options.body(1_000_000_000 + i) });
  return load(options);
}

/** One call before a run, so that a benchmark of refusals (success:false with HTTP 200) cannot pass unnoticed. */
export async function probe(
  url: string,
  body: string,
  check: (answer: Record<string, unknown>) => boolean,
  path = '/api/qianyi',
): Promise<void> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  let answer: Record<string, unknown> = {};
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  if (res.status !== 200 || !check(answer))
    throw new Error(`probe of ${url}${path} failed: HTTP ${res.status} ${text.slice(0, 300)}`);
}
