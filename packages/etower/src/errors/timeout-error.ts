import { EtowerError } from './etower-error';

/**
 * No complete answer within the client's timeout. Retryable, but note that eTower may still have done the
 * work: callers of write endpoints must re-read (orderList/poList) before assuming nothing happened.
 */
export class EtowerTimeoutError extends EtowerError {
  readonly timeoutMs: number;

  constructor(endpoint: string, timeoutMs: number, cause?: unknown) {
    super(`eTower did not answer ${endpoint} within ${timeoutMs} ms`, {
      endpoint,
      retryable: true,
      kind: 'timeout',
      cause,
    });
    this.timeoutMs = timeoutMs;
  }
}
