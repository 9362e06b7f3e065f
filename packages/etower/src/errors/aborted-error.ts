import { EtowerError } from './etower-error';

/**
 * The caller gave up on the call before eTower answered (a job's deadline passed). Classified as a timeout,
 * retryable, with the same caution: the request may have reached eTower, so callers of write endpoints re-read
 * before assuming nothing happened.
 */
export class EtowerAbortedError extends EtowerError {
  constructor(endpoint: string, reason: string, cause?: unknown) {
    super(`eTower call to ${endpoint} abandoned before an answer: ${reason}`, {
      endpoint,
      retryable: true,
      kind: 'timeout',
      cause,
    });
  }
}
