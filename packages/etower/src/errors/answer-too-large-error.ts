import { EtowerError } from './etower-error';

/**
 * eTower's answer went past the client's size cap and was abandoned unread (its socket destroyed). eTower's own
 * answers are far smaller: this is a wrong ETOWER_BASE_URL serving something else, or a proxy streaming without
 * end. A network failure like a dropped connection: retryable, and the request may have been done, so callers of
 * write endpoints re-read before creating again.
 */
export class EtowerAnswerTooLargeError extends EtowerError {
  /** undici's code for it, as EtowerNetworkError carries a socket's. */
  readonly code = 'UND_ERR_RES_EXCEEDED_MAX_SIZE';
  readonly limitBytes: number;

  constructor(endpoint: string, limitBytes: number, cause?: unknown) {
    super(
      `eTower's answer on ${endpoint} was over ${limitBytes} bytes and was abandoned unread: check that ` +
        'ETOWER_BASE_URL is the eTower API and that no proxy in between streams without end',
      { endpoint, retryable: true, kind: 'network', cause },
    );
    this.limitBytes = limitBytes;
  }
}
