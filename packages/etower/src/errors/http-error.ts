import { EtowerError } from './etower-error';

/**
 * An HTTP status other than 2xx and 401. 408, 429 and 5xx are transient (a gateway, a rate limit, a
 * restart); any other 4xx means the request itself is wrong and sending it again will not help.
 */
export class EtowerHttpError extends EtowerError {
  readonly status: number;
  /** From Retry-After on a 429 (or 503), so the queue can wait at least that long. */
  readonly retryAfterMs: number | undefined;
  /** First 200 characters of the body, for the log. */
  readonly bodySnippet: string;

  constructor(endpoint: string, status: number, bodySnippet: string, retryAfterMs?: number) {
    super(`eTower answered HTTP ${status} on ${endpoint}${bodySnippet ? `: ${bodySnippet}` : ''}`, {
      endpoint,
      retryable: isRetryableStatus(status),
      kind: 'http',
    });
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.bodySnippet = bodySnippet;
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
