import { Agent, request as undiciRequest } from 'undici';
import { flavourMatters, signEtowerRequest, ETOWER_DATE_HEADER, type Base64Flavour } from './signing';
import { SignatureFlavourMemory, type EtowerSignatureFallback } from './signature-flavour';
import { EtowerAuthError } from './errors/auth-error';
import { EtowerHttpError } from './errors/http-error';
import { EtowerMalformedResponseError, snippetOf } from './errors/malformed-response-error';
import { EtowerNetworkError } from './errors/network-error';
import { EtowerAnswerTooLargeError } from './errors/answer-too-large-error';
import { EtowerTimeoutError } from './errors/timeout-error';
import { EtowerAbortedError } from './errors/aborted-error';
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
  /** Sign in this flavour only, never falling back (when eTower's flavour is known for certain). */
  signatureFlavour?: Base64Flavour;
  /** Called when a 401 made the transport try URL-safe Base64 (metrics). */
  onSignatureFallback?: (event: EtowerSignatureFallback) => void;
}

export interface EtowerRequest {
  method: 'GET' | 'POST';
  /** Path from the host, starting with /api/supplier-service. */
  path: string;
  searchParams?: Record<string, string | number>;
  json?: unknown;
  /** Abandons the call when it aborts (a job's deadline): it then rejects with EtowerAbortedError. */
  signal?: AbortSignal;
}

export interface EtowerTransport {
  /** Sends the request and returns the parsed JSON of a 2xx answer; throws an EtowerError otherwise. */
  send(request: EtowerRequest): Promise<unknown>;
  /**
   * Sends a read-only request signed so that the two Base64 flavours differ, standard first, then URL-safe on a
   * 401, and says which one eTower accepted (remembered like any other answer). Throws EtowerAuthError when
   * eTower refuses both.
   */
  detectFlavour(request: EtowerRequest): Promise<{ flavour: Base64Flavour; body: unknown }>;
  /** The flavour eTower is known to accept, or undefined while no answer has told. */
  signatureFlavour(): Base64Flavour | undefined;
  close(): void;
}

/** Accepts the host (`https://cfs-qa.etowertech.com`) and tolerates a trailing `/api/supplier-service`. */
export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/api\/supplier-service$/, '');
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The signature sent, in standard Base64 (whether the two flavours differ). */
  standardSignature: string;
}

/** An answer, the flavour its request was signed in, and whether that was the URL-safe try after a 401. */
interface SignedAnswer {
  answer: RawAnswer;
  flavour: Base64Flavour;
  fellBack: boolean;
}

/**
 * The longest answer read from eTower: its largest (an inventory page, an orderList of 300 orders) are well under a
 * megabyte. A longer one is a wrong ETOWER_BASE_URL or a proxy streaming without end, and is abandoned at this many
 * bytes instead of filling the worker's heap (EtowerAnswerTooLargeError).
 */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** How far back detectFlavour may date a request to find a signature whose flavours differ (eTower allows 15 min). */
const MAX_BACKDATE_SECONDS = 60;

export function createEtowerTransport(options: EtowerTransportOptions): EtowerTransport {
  const base = normaliseBaseUrl(options.baseUrl);
  const flavours = new SignatureFlavourMemory(options.signatureFlavour);
  // Keep-alive connections, as many as the worker's concurrency asks for. No retries here: the job queue owns them
  // (with backoff, attempt limits and classification); a second layer would multiply attempts and hide failures.
  // The one exception is the Base64 fallback below: a 401 means eTower did nothing, and the same call signed
  // the other way is the only way to learn which flavour it takes.
  // No redirects either: eTower's API does not redirect and the signature covers the exact URL, so a 3xx means a
  // wrong ETOWER_BASE_URL (http for https, a web page's host), and it is reported as that HTTP status.
  // undici's default idle keep-alive (4 s, or less if the server says so): a busy worker reuses its connections
  // anyway, and an idle one never writes an order onto a socket a proxy has silently dropped.
  // undici counts the body's bytes as they arrive and destroys the socket past the cap; the answer's headers have been
  // read by then, so the failure surfaces from reading the body (caught below with the rest).
  const dispatcher = new Agent({ maxResponseSize: MAX_ANSWER_BYTES });

  async function observed<T>(request: EtowerRequest, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      const result = await work();
      options.observe?.({ endpoint: request.path, outcome: 'ok', status: 200, durationMs: Date.now() - started });
      return result;
    } catch (err) {
      const e = err as { kind?: string; status?: number };
      options.observe?.({
        endpoint: request.path,
        outcome: e.kind ?? 'unknown',
        ...(e.status ? { status: e.status } : {}),
        durationMs: Date.now() - started,
      });
      throw err;
    }
  }

  function urlOf(request: EtowerRequest): string {
    // The exact final URL (query string included) is what eTower's signature covers.
    const query = request.searchParams
      ? new URLSearchParams(
          Object.entries(request.searchParams).map(([k, v]): [string, string] => [k, String(v)]),
        ).toString()
      : '';
    return `${base}${request.path}${query ? `?${query}` : ''}`;
  }

  async function exchange(request: EtowerRequest, flavour: Base64Flavour, at: Date): Promise<RawAnswer> {
    const endpoint = request.path;
    const started = Date.now();
    const url = urlOf(request);
    const { date, authorization, standardSignature } = signEtowerRequest({
      method: request.method,
      url,
      token: options.token,
      key: options.key,
      now: at,
      flavour,
    });
    try {
      // One deadline for the whole exchange (connect, headers and body), as ETOWER_TIMEOUT_MS promises.
      const res = await undiciRequest(url, {
        method: request.method,
        dispatcher,
        signal: request.signal
          ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), request.signal])
          : AbortSignal.timeout(options.timeoutMs),
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'user-agent': 'qianyi-etower-bridge',
          [ETOWER_DATE_HEADER.toLowerCase()]: date,
          authorization,
        },
        ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
      });
      const answer = { status: res.statusCode, headers: res.headers, body: await res.body.text(), standardSignature };
      options.logger?.debug(
        { endpoint, method: request.method, status: answer.status, ms: Date.now() - started },
        'etower request',
      );
      return answer;
    } catch (err) {
      const mapped = request.signal?.aborted
        ? new EtowerAbortedError(endpoint, reasonOf(request.signal), err)
        : mapRequestError(endpoint, err, options.timeoutMs);
      options.logger?.warn(
        { endpoint, kind: mapped.kind, ms: Date.now() - started, err: mapped.message },
        'etower request failed',
      );
      throw mapped;
    }
  }

  /** One call, and on a 401 to a signature whose flavours differ (flavour not yet known) one more in URL-safe. */
  async function exchangeLearning(request: EtowerRequest, at: Date): Promise<SignedAnswer> {
    const flavour = flavours.current();
    const answer = await exchange(request, flavour, at);
    if (answer.status !== 401 || !flavours.shouldFallBack(flavour, answer.standardSignature))
      return { answer, flavour, fellBack: false };
    return { answer: await exchange(request, 'url-safe', at), flavour: 'url-safe', fellBack: true };
  }

  /**
   * What an answer says about the flavour, once read: `pastCheck` when read() returned, since only a 2xx in JSON is
   * surely eTower's API past its signature check. A 5xx, a 429 or a proxy's HTML page may come from in front of it,
   * and learning URL-safe from one of those left a worker signing every call in a flavour eTower refuses (401s with
   * no fallback left, orders FAILED after three: the eTower-faults reliability scenario's stuck orders).
   */
  function learnFrom(request: EtowerRequest, { answer, flavour, fellBack }: SignedAnswer, pastCheck: boolean): void {
    if (pastCheck) flavours.accepted(flavour, answer.standardSignature);
    if (!fellBack) return;
    if (pastCheck) {
      options.onSignatureFallback?.({ endpoint: request.path, outcome: 'accepted' });
      options.logger?.warn(
        { endpoint: request.path, status: answer.status },
        'eTower refused a standard-Base64 signature and accepted it in URL-safe Base64: signing in URL-safe Base64 from now on',
      );
    } else if (answer.status === 401) {
      options.onSignatureFallback?.({ endpoint: request.path, outcome: 'rejected' });
      options.logger?.debug(
        { endpoint: request.path },
        'eTower refused the signature in both Base64 flavours: the 401 is about the token, the key or the clock',
      );
    } else {
      options.logger?.debug(
        { endpoint: request.path, status: answer.status },
        'the URL-safe Base64 try was answered neither 401 nor 2xx in JSON: that proves no flavour, which stays unknown',
      );
    }
  }

  function read(request: EtowerRequest, answer: RawAnswer): unknown {
    const { status, body } = answer;
    if (status === 401) throw new EtowerAuthError(request.path, snippetOf(body));
    if (!isSuccess(status)) {
      const header = answer.headers['retry-after'];
      const retryAfterMs =
        status === 429 || status === 503
          ? parseRetryAfter(Array.isArray(header) ? header[0] : header, options.now())
          : undefined;
      throw new EtowerHttpError(request.path, status, snippetOf(body), retryAfterMs);
    }
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new EtowerMalformedResponseError(request.path, body === '' ? 'empty body' : 'body is not JSON', body);
    }
  }

  async function send(request: EtowerRequest): Promise<unknown> {
    return observed(request, async () => {
      const signed = await exchangeLearning(request, options.now());
      let body: unknown;
      try {
        body = read(request, signed.answer);
      } catch (err) {
        learnFrom(request, signed, false);
        throw err;
      }
      learnFrom(request, signed, true);
      return body;
    });
  }

  async function detectFlavour(request: EtowerRequest): Promise<{ flavour: Base64Flavour; body: unknown }> {
    return observed(request, async () => {
      // A signature without `+` or `/` reads the same in both flavours and proves nothing: date the call a second
      // earlier until it has one (each second has ~59 % odds for a 28-character signature).
      const now = options.now().getTime();
      let at = new Date(now);
      for (let back = 0; back <= MAX_BACKDATE_SECONDS; back += 1) {
        at = new Date(now - back * 1000);
        const { standardSignature } = signEtowerRequest({
          method: request.method,
          url: urlOf(request),
          token: options.token,
          key: options.key,
          now: at,
        });
        if (flavourMatters(standardSignature)) break;
      }
      const first = await exchange(request, 'standard', at);
      if (first.status !== 401) {
        const body = read(request, first);
        flavours.accepted('standard', first.standardSignature);
        return { flavour: 'standard' as const, body };
      }
      const second = await exchange(request, 'url-safe', at);
      const body = read(request, second);
      flavours.accepted('url-safe', second.standardSignature);
      return { flavour: 'url-safe' as const, body };
    });
  }

  return {
    send,
    detectFlavour,
    signatureFlavour: () => flavours.known(),
    close() {
      void dispatcher.destroy().catch(() => undefined);
    },
  };
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function reasonOf(signal: AbortSignal): string {
  const reason = signal.reason as unknown;
  return reason instanceof Error ? reason.message : String(reason ?? 'aborted');
}

function mapRequestError(
  endpoint: string,
  err: unknown,
  timeoutMs: number,
): EtowerTimeoutError | EtowerNetworkError | EtowerAnswerTooLargeError {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  // AbortSignal.timeout rejects with a DOMException named TimeoutError; undici's own timeouts carry codes.
  if (e?.name === 'TimeoutError' || TIMEOUT_CODES.has(e?.code ?? '')) {
    return new EtowerTimeoutError(endpoint, timeoutMs, err);
  }
  // A refused or reset connection comes as the socket's own error, or wrapped (the code sits on its cause).
  const code = e?.cause?.code ?? e?.code;
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return new EtowerAnswerTooLargeError(endpoint, MAX_ANSWER_BYTES, err);
  const message =
    e?.cause?.message && e.cause.message !== e.message
      ? `${e.message}: ${e.cause.message}`
      : (e?.message ?? String(err));
  return new EtowerNetworkError(endpoint, code, message, err);
}
