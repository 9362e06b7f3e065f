import { EtowerError } from './etower-error';

/** The request never got an HTTP answer: connection refused or reset, DNS failure. Always worth a retry. */
export class EtowerNetworkError extends EtowerError {
  /** Node's error code when there is one (ECONNREFUSED, ECONNRESET, ENOTFOUND...). */
  readonly code: string | undefined;

  constructor(endpoint: string, code: string | undefined, detail: string, cause?: unknown) {
    super(`eTower unreachable at ${endpoint}${code ? ` (${code})` : ''}: ${detail}`, {
      endpoint,
      retryable: true,
      kind: 'network',
      cause,
    });
    this.code = code;
  }
}
