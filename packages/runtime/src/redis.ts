import { Redis, type RedisOptions } from 'ioredis';
import { coalesceWrites } from './coalesce-writes';

/**
 * BullMQ keys and our state keys share this prefix. The braces make it a Redis Cluster hash tag, so every
 * key of the bridge lands in one slot and BullMQ's multi-key scripts keep working on a cluster.
 */
export const KEY_PREFIX = '{bridge}';

export type RedisRole =
  /** Blocking consumers (BullMQ Worker, QueueEvents): never give up on a command, wait for Redis to return. */
  | 'worker'
  /** The request path: fail fast instead of queueing commands while Redis is away, so Qianyi gets a 503 at once. */
  | 'request-path';

export interface BridgeRedisOptions extends RedisOptions {
  /** Send the commands of one event-loop turn in one write (coalesce-writes.ts; REDIS_COALESCE_WRITES). */
  coalesceWrites?: boolean;
}

export function createRedis(url: string, role: RedisRole, { coalesceWrites: coalesce = false, ...extra }: BridgeRedisOptions = {}): Redis {
  const common: RedisOptions = {
    lazyConnect: false,
    // Reconnect forever with a capped delay: a worker must come back by itself after a Redis restart.
    retryStrategy: (times) => Math.min(200 + times * 200, 3000),
    connectionName: `bridge-${role}`,
  };
  const byRole: RedisOptions = role === 'worker'
    ? { maxRetriesPerRequest: null, enableOfflineQueue: true }
    // No auto-pipelining: it saves writes but costs more CPU than they do, and it allows one batch in flight,
    // so the commands of 50 concurrent calls waited for the previous batch while the process sat idle
    // (bench/RESULTS.md: ~240 -> ~190 µs of CPU per createOrder, +25 % req/s, when it was turned off).
    : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, commandTimeout: 5000 };
  const redis = new Redis(url, { ...common, ...byRole, ...extra });
  if (coalesce) coalesceWrites(redis);
  return redis;
}

/** True when the connection can take commands now (used by /readyz and to answer 503 early). */
export function isRedisReady(redis: Redis): boolean {
  return redis.status === 'ready';
}

/**
 * Whether an error means "Redis is not reachable right now" (so the caller should answer 503 and Qianyi retry),
 * as opposed to a bug. ioredis reports a lost connection in several ways depending on timing.
 */
export function isRedisUnavailableError(err: unknown): boolean {
  const e = err as { name?: string; message?: string; code?: string } | undefined;
  if (!e) return false;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'NR_CLOSED'].includes(e.code)) return true;
  // OOM: Redis at maxmemory with noeviction refuses writes until memory is freed (the retention sweep) or raised.
  return /Connection is closed|Stream isn't writeable|enableOfflineQueue|Command timed out|connect ECONNREFUSED|read ECONNRESET|OOM command not allowed/i.test(e.message ?? '');
}
