/**
 * What went wrong, in the words the job queue needs: retry it or record it as failed.
 * `business` (eTower looked at the request and said no) and `shape` (eTower answered in a layout we cannot read,
 * and will answer the same way again) are never worth retrying.
 */
export type EtowerErrorKind = 'network' | 'timeout' | 'http' | 'auth' | 'malformed' | 'shape' | 'business';

export interface EtowerErrorOptions {
  endpoint: string;
  retryable: boolean;
  kind: EtowerErrorKind;
  cause?: unknown;
}

/** Base class of every failure the eTower client throws. */
export class EtowerError extends Error {
  /** Path of the endpoint that failed, e.g. `/api/supplier-service/v1/b2c/orderList`. */
  readonly endpoint: string;
  readonly retryable: boolean;
  readonly kind: EtowerErrorKind;

  constructor(message: string, options: EtowerErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.endpoint = options.endpoint;
    this.retryable = options.retryable;
    this.kind = options.kind;
  }
}
