import { Agent, request as undiciRequest } from 'undici';
import { signEtowerRequest, ETOWER_DATE_HEADER } from './signing';
import { EtowerAuthError } from './errors/auth-error';
import { EtowerHttpError } from './errors/http-error';
import { EtowerMalformedResponseError, snippetOf } from './errors/malformed-response-error';
import { EtowerNetworkError } from './errors/network-error';
import { EtowerTimeoutError } from './errors/timeout-error';
import { parseRetryAfter } from './errors/retry-after';

// The one HTTP client behind every endpoint, and the single place where its failures become ours. undici, not
// got: one eTower call per order is the worker's hot path, and got spent ~450 µs of CPU per call against undici's
// ~120 µs on this machine (bench/RESULTS.md). Qianyi's webhooks stay on got (pushes/webhook-client.ts).

/** What the client logs with; pino fits, so does console-like test doubles. */
export interface EtowerLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** One HTTP exchange with eTower, for metrics: `outcome` is 'ok' or the failure's kind (http, auth, timeout…). */
export interface EtowerCallObservation {
  endpoint: string;
  outcome: string;
  status?: number;
  durationMs: number;
}

export interface EtowerTransportOptions {
  baseUrl: string;
  token: string;
  key: string;
  timeoutMs: number;
  now: () => Date;
  logger?: EtowerLogger;
  observe?: (call: EtowerCallObservation) => void;
}

export interface EtowerRequest {
  method: 'GET' | 'POST';
  /** Path from the host, starting with /api/supplier-service. */
  path: string;
  searchParams?: Record<string, string | number>;
  json?: unknown;
}

export interface EtowerTransport {
  /** Sends the request and returns the parsed JSON of a 2xx answer; throws an EtowerError otherwise. */
  send(request: EtowerRequest): Promise<unknown>;
  close(): void;
}

/** Accepts the host (`https://cfs-qa.etowertech.com`) and tolerates a trailing `/api/supplier-service`. */
export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/api\/supplier-service$/, '');
}

export function createEtowerTransport(options: EtowerTransportOptions): EtowerTransport {
  const base = normaliseBaseUrl(options.baseUrl);
  // Keep-alive connections, as many as the worker's concurrency asks for. No retries here: the job queue owns them
  // (with backoff, attempt limits and classification); a second layer would multiply attempts and hide failures.
  // No redirects either: eTower's API does not redirect and the signature covers the exact URL, so a 3xx means a
  // wrong ETOWER_BASE_URL (http for https, a web page's host), and it is reported as that HTTP status.
  // undici's default idle keep-alive (4 s, or less if the server says so): a busy worker reuses its connections
  // anyway, and an idle one never writes an order onto a socket a proxy has silently dropped.
  const dispatcher = new Agent();

  async function send(request: EtowerRequest): Promise<unknown> {
    const started = Date.now();
    try {
      const result = await exchange(request);
      options.observe?.({ endpoint: request.path, outcome: 'ok', status: 200, durationMs: Date.now() - started });
      return result;
    } catch (err) {
      const e = err as { kind?: string; status?: number };
      options.observe?.({ endpoint: request.path, outcome: e.kind ?? 'unknown', ...(e.status ? { status: e.status } : {}), durationMs: Date.now() - started });
      throw err;
    }
  }

  async function exchange(request: EtowerRequest): Promise<unknown> {
    const endpoint = request.path;
    const started = Date.now();
    // The exact final URL (query string included) is what eTower's signature covers.
    const query = request.searchParams ? new URLSearchParams(Object.entries(request.searchParams).map(([k, v]): [string, string] => [k, String(v)])).toString() : '';
    const url = `${base}${request.path}${query ? `?${query}` : ''}`;
    const { date, authorization } = signEtowerRequest({ method: request.method, url, token: options.token, key: options.key, now: options.now() });
    let response: { statusCode: number; headers: Record<string, string | string[] | undefined>; body: string };
    try {
      // One deadline for the whole exchange (connect, headers and body), as ETOWER_TIMEOUT_MS promises.
      const res = await undiciRequest(url, {
        method: request.method,
        dispatcher,
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: {
          accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'qianyi-etower-bridge',
          [ETOWER_DATE_HEADER.toLowerCase()]: date, authorization,
        },
        ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
      });
      response = { statusCode: res.statusCode, headers: res.headers, body: await res.body.text() };
    } catch (err) {
      const mapped = mapRequestError(endpoint, err, options.timeoutMs);
      options.logger?.warn({ endpoint, kind: mapped.kind, ms: Date.now() - started, err: mapped.message }, 'etower request failed');
      throw mapped;
    }
    const status = response.statusCode;
    const body = response.body;
    options.logger?.debug({ endpoint, method: request.method, status, ms: Date.now() - started }, 'etower request');
    if (status === 401) throw new EtowerAuthError(endpoint, snippetOf(body));
    if (status < 200 || status >= 300) {
      const header = response.headers['retry-after'];
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(Array.isArray(header) ? header[0] : header, options.now()) : undefined;
      throw new EtowerHttpError(endpoint, status, snippetOf(body), retryAfterMs);
    }
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new EtowerMalformedResponseError(endpoint, body === '' ? 'empty body' : 'body is not JSON', body);
    }
  }

  return {
    send,
    close() {
      void dispatcher.destroy().catch(() => undefined);
    },
  };
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function mapRequestError(endpoint: string, err: unknown, timeoutMs: number): EtowerTimeoutError | EtowerNetworkError {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  // AbortSignal.timeout rejects with a DOMException named TimeoutError; undici's own timeouts carry codes.
  if (e?.name === 'TimeoutError' || TIMEOUT_CODES.has(e?.code ?? '')) {
    return new EtowerTimeoutError(endpoint, timeoutMs, err);
  }
  // A refused or reset connection comes as the socket's own error, or wrapped (the code sits on its cause).
  const code = e?.cause?.code ?? e?.code;
  const message = e?.cause?.message && e.cause.message !== e.message ? `${e.message}: ${e.cause.message}` : e?.message ?? String(err);
  return new EtowerNetworkError(endpoint, code, message, err);
}
