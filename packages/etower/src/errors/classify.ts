import { EtowerBusinessError } from './business-error';
import { EtowerError } from './etower-error';
import { EtowerHttpError } from './http-error';

export interface EtowerFailureClassification {
  retryable: boolean;
  /** An EtowerErrorKind, or `unknown` for errors that did not come from the client. */
  kind: string;
  message: string;
  retryAfterMs?: number;
  /** eTower's most specific code on a business refusal, the HTTP status on an HTTP error. */
  code?: string;
}

// Node/undici codes that mean "no answer came back"; anything thrown with one of them is a network failure.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/**
 * One answer to "retry or give up?" for anything a processor caught. Errors that are not ours are retried:
 * a failure we cannot explain is more likely a transient fault than a refusal, and the queue's attempt
 * limit still bounds it.
 */
export function classifyEtowerFailure(err: unknown): EtowerFailureClassification {
  if (err instanceof EtowerBusinessError) {
    return { retryable: false, kind: err.kind, message: err.message, code: err.primaryCode };
  }
  if (err instanceof EtowerHttpError) {
    const out: EtowerFailureClassification = {
      retryable: err.retryable,
      kind: err.kind,
      message: err.message,
      code: String(err.status),
    };
    if (err.retryAfterMs !== undefined) out.retryAfterMs = err.retryAfterMs;
    return out;
  }
  if (err instanceof EtowerError) return { retryable: err.retryable, kind: err.kind, message: err.message };

  const message = err instanceof Error ? err.message : String(err);
  const code =
    typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
  if (code === 'ETIMEDOUT' || (err instanceof Error && err.name === 'TimeoutError')) {
    return { retryable: true, kind: 'timeout', message };
  }
  if (code !== undefined && NETWORK_CODES.has(code)) return { retryable: true, kind: 'network', message, code };
  return { retryable: true, kind: 'unknown', message };
}
