import type { z } from 'zod';
import type { QueueName } from '@bridge/config';
import type { RetryDelay } from './retry-policy';

/**
 * The result of a job no code reads (it is kept for people: the dashboard, ops): the processor is held to the
 * type, and there is nothing to parse it with. Results another process reads get a schema instead.
 */
export interface TypedResult<T> {
  readonly kind: 'typed';
  /** Never set: carries the type. */
  readonly type?: T;
}

export const typedResult = <T>(): TypedResult<T> => ({ kind: 'typed' });

/**
 * What a job's processor returns, which BullMQ stores as the job's result. A schema where the result crosses
 * processes (the ingress waits for a createOrder written by a worker that may be another version): the reader
 * parses it. A bare type otherwise.
 */
export type ResultSpec<T = unknown> = z.ZodType<T> | TypedResult<T>;

/** What the processor of a job with this result spec returns. */
export type ResultOf<S extends ResultSpec> = S extends z.ZodType
  ? z.output<S>
  : S extends TypedResult<infer T>
    ? T
    : never;

/** What a reader in another process takes a stored result for once read: parsed by the schema, or unknown. */
export type ReadResultOf<S extends ResultSpec> = S extends z.ZodType ? z.output<S> : unknown;

/**
 * A job of the catalog. `TKey` is the part of the payload that names the job (for a createOrder, the tenant and the
 * order number): the whole payload satisfies it, and so does the bare key a cancel or a poller holds.
 */
export interface JobDefinition<TPayload = unknown, TKey = TPayload, TResult extends ResultSpec = ResultSpec> {
  name: string;
  queue: QueueName;
  payload: z.ZodType<TPayload>;
  result: TResult;
  /** Total attempts, the first included. */
  attempts: number;
  /** Delay before each retry; used by the worker's backoff strategy for this job's name. */
  retryDelay: RetryDelay;
  /** A hung attempt is abandoned after this long and counts as a retryable failure. */
  timeoutMs: number;
  /** Deterministic id from the payload's key: repeats of the same business command become one job. */
  jobId?: (key: TKey) => string;
}

/**
 * What every entry of the catalog is: any payload and result (both schemas are covariant), and a key nothing is
 * known about (`never`: a jobId taking any key fits). Read a definition found by name through this type.
 */
export type CatalogEntry = JobDefinition<unknown, never>;

/** A job named by a key: the payload must hold the key, so that the id can be computed from either. */
export type KeyedJobDefinition<T extends K, K, R extends ResultSpec> = JobDefinition<T, K, R> & {
  jobId: (key: K) => string;
};

export function defineJob<T extends K, K, R extends ResultSpec>(
  definition: KeyedJobDefinition<T, K, R>,
): KeyedJobDefinition<T, K, R>;
export function defineJob<T, R extends ResultSpec>(definition: JobDefinition<T, T, R>): JobDefinition<T, T, R>;
export function defineJob<T, R extends ResultSpec>(definition: JobDefinition<T, T, R>): JobDefinition<T, T, R> {
  return definition;
}
