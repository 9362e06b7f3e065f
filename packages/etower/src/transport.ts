import http from 'node:http';
import https from 'node:https';
import got, { RequestError, type Got } from 'got';
import { signEtowerRequest, ETOWER_DATE_HEADER } from './signing';
import { EtowerAuthError } from './errors/auth-error';
import { EtowerHttpError } from './errors/http-error';
import { EtowerMalformedResponseError, snippetOf } from './errors/malformed-response-error';
import { EtowerNetworkError } from './errors/network-error';
import { EtowerTimeoutError } from './errors/timeout-error';
import { parseRetryAfter } from './errors/retry-after';

// The one got instance behind every endpoint, and the single place where got's failures become ours.

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
  const agent = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const instance: Got = got.extend({
    // The job queue owns retries (with backoff, attempt limits and classification); a second retry layer here
    // would multiply attempts and hide failures from it.
    retry: { limit: 0 },
    throwHttpErrors: false,
    // Parsed by us: got's own JSON parsing throws before we can see the status and keep the body.
    responseType: 'text',
    timeout: { request: options.timeoutMs },
    agent,
    headers: { accept: 'application/json', 'user-agent': 'qianyi-etower-bridge' },
    hooks: {
      beforeRequest: [
        (req) => {
          // Sign the exact final URL (query string included), after got has merged searchParams into it.
          const url = String(req.url);
          const { date, authorization } = signEtowerRequest({
            method: req.method, url, token: options.token, key: options.key, now: options.now(),
          });
          req.headers[ETOWER_DATE_HEADER.toLowerCase()] = date;
          req.headers.authorization = authorization;
          req.headers['content-type'] = 'application/json';
          req.headers.accept = 'application/json';
        },
      ],
    },
  });

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
    let response;
    try {
      response = await instance(`${base}${request.path}`, {
        method: request.method,
        ...(request.searchParams ? { searchParams: request.searchParams } : {}),
        ...(request.json !== undefined ? { json: request.json } : {}),
      });
    } catch (err) {
      const mapped = mapRequestError(endpoint, err, options.timeoutMs);
      options.logger?.warn({ endpoint, kind: mapped.kind, ms: Date.now() - started, err: mapped.message }, 'etower request failed');
      throw mapped;
    }
    const status = response.statusCode;
    const body = String(response.body ?? '');
    options.logger?.debug({ endpoint, method: request.method, status, ms: Date.now() - started }, 'etower request');
    if (status === 401) throw new EtowerAuthError(endpoint, snippetOf(body));
    if (status < 200 || status >= 300) {
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(response.headers['retry-after'], options.now()) : undefined;
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
      agent.http.destroy();
      agent.https.destroy();
    },
  };
}

function mapRequestError(endpoint: string, err: unknown, timeoutMs: number): EtowerTimeoutError | EtowerNetworkError {
  if (err instanceof RequestError) {
    if (err.name === 'TimeoutError' || err.code === 'ETIMEDOUT') return new EtowerTimeoutError(endpoint, timeoutMs, err);
    return new EtowerNetworkError(endpoint, err.code, err.message, err);
  }
  return new EtowerNetworkError(endpoint, undefined, err instanceof Error ? err.message : String(err), err);
}
