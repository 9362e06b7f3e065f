import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
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

interface HostPort {
  host: string;
  port: number;
}

/**
 * Where Redis is: the same shape as @bridge/config's RedisTarget (loadConfig's `redis`), declared here so that
 * runtime needs no config. A string is a plain URL (tests, tools).
 */
export type RedisEndpoint =
  | string
  | { kind: 'url'; url: string; password?: string }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string; password?: string; sentinelPassword?: string }
  | { kind: 'cluster'; nodes: HostPort[]; password?: string };

// A primary that is still up but was demoted (a Sentinel failover it lost, a managed switchover) refuses writes
// with READONLY: drop the connection so that the next one goes to the new primary.
const reconnectOnReadonly = (err: Error) => err.message.startsWith('READONLY');

/**
 * Every Redis connection of every process is made here, from the one endpoint config resolved. A Cluster is
 * returned typed as Redis: the bridge uses only commands on keys of its one hash tag (which a Cluster routes to
 * the slot's primary), plus status/duplicate/quit, which both have; SCAN/INFO/WAIT need a node (replica-ack.ts).
 */
export function createRedis(
  endpoint: RedisEndpoint,
  role: RedisRole,
  { coalesceWrites: coalesce = false, ...extra }: BridgeRedisOptions = {},
): Redis {
  const common: RedisOptions = {
    lazyConnect: false,
    // Reconnect forever with a capped delay: a worker must come back by itself after a Redis restart.
    retryStrategy: (times) => Math.min(200 + times * 200, 3000),
    connectionName: `bridge-${role}`,
    reconnectOnError: reconnectOnReadonly,
  };
  const byRole: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableOfflineQueue: true }
      : // No auto-pipelining: it saves writes but costs more CPU than they do, and it allows one batch in flight,
        // so the commands of 50 concurrent calls waited for the previous batch while the process sat idle
        // (bench/RESULTS.md: ~240 -> ~190 µs of CPU per createOrder, +25 % req/s, when it was turned off).
        { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, commandTimeout: 5000 };
  const options: RedisOptions = { ...common, ...byRole, ...extra };
  const target = typeof endpoint === 'string' ? { kind: 'url' as const, url: endpoint } : endpoint;
  if (target.kind === 'cluster') {
    const cluster = createCluster(target.nodes, {
      ...options,
      ...(target.password !== undefined ? { password: target.password } : {}),
    });
    // Each node has its own socket; new nodes appear as slots move.
    if (coalesce) cluster.on('+node', (node: Redis) => coalesceWrites(node));
    return cluster as unknown as Redis;
  }
  const redis =
    target.kind === 'url'
      ? new Redis(target.url, { ...options, ...(target.password !== undefined ? { password: target.password } : {}) })
      : new Redis({
          ...options,
          sentinels: target.sentinels,
          name: target.name,
          role: 'master',
          ...(target.password !== undefined ? { password: target.password } : {}),
          ...(target.sentinelPassword !== undefined ? { sentinelPassword: target.sentinelPassword } : {}),
          // Not ioredis's failoverDetector: its disconnect on +switch-master, landing while a reconnect is asking the
          // Sentinels, ends the connection for good (status "end"; seen in reliability/sentinel-failover). A demoted
          // primary that is still up is left by reconnectOnReadonly instead.
        });
  if (coalesce) coalesceWrites(redis);
  return redis;
}

function createCluster(nodes: HostPort[], node: RedisOptions): Cluster {
  const { retryStrategy, enableOfflineQueue, lazyConnect, ...redisOptions } = node;
  const options: ClusterOptions = {
    redisOptions,
    enableOfflineQueue,
    lazyConnect,
    // The cluster's own reconnect (all nodes lost) follows the role's policy; a node's reconnects are the cluster's business.
    clusterRetryStrategy: (times) =>
      retryStrategy ? (retryStrategy(times) ?? null) : Math.min(200 + times * 200, 3000),
    // A failover inside the cluster moves slots: ask again soon rather than waiting for the periodic refresh.
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    slotsRefreshTimeout: 2000,
  };
  return new Cluster(nodes, options);
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
  // READONLY: a primary demoted by a failover, still answering until the connection moves (reconnectOnReadonly);
  // CLUSTERDOWN / TRYAGAIN / MOVED-loop: a cluster mid-failover; no Sentinel answering: no primary known; OOM: Redis
  // at maxmemory with noeviction refuses writes until memory is freed (the retention sweep) or raised.
  return /Connection is closed|Stream isn't writeable|enableOfflineQueue|Command timed out|connect ECONNREFUSED|read ECONNRESET|^READONLY|^CLUSTERDOWN|^TRYAGAIN|Too many Cluster redirections|Failed to refresh slots cache|None of startup nodes is available|All sentinels are unreachable|OOM command not allowed/i.test(
    e.message ?? '',
  );
}
