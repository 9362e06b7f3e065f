import { request } from 'undici';

export interface ProbeAnswer {
  status: number;
  /** The server's `Date` header, if it sent one. */
  date: string | undefined;
  /** Local clock at the middle of the exchange, to compare the Date header with. */
  localMidpointMs: number;
  ms: number;
}

/**
 * One unsigned, read-only request (no body, nothing eTower or Qianyi acts on): whether the host answers at all,
 * with which status and which Date. Any HTTP answer counts as reachable, a 401 or 404 included; only no answer
 * (DNS, refused, TLS, timeout) throws, with a message saying which.
 */
export async function probe(url: string, method: 'GET' | 'HEAD', timeoutMs: number): Promise<ProbeAnswer> {
  const started = Date.now();
  try {
    // undici's request, like the bridge's eTower client: no redirect followed (a 3xx is an answer, and says the URL
    // is not the API's), and no refusal of ports that fetch() deems unsafe.
    const res = await request(url, {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'qianyi-etower-bridge ops doctor', accept: 'application/json' },
    });
    await res.body.dump();
    const ended = Date.now();
    const date = res.headers.date;
    return {
      status: res.statusCode,
      date: Array.isArray(date) ? date[0] : date,
      localMidpointMs: (started + ended) / 2,
      ms: ended - started,
    };
  } catch (err) {
    throw new Error(describeFailure(err, timeoutMs));
  }
}

function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = e?.cause?.code ?? e?.code;
  const message = e?.cause?.message ?? e?.message ?? String(err);
  return code ? `${code}: ${message}` : message;
}
