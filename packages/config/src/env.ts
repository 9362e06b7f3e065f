import { z } from 'zod';
import { parseHostList } from './redis-target';

// Every environment variable of every process, validated once at start (docs/configuration.md says what each means).
const int = (fallback: number, min = 0) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (!/^\d+$/.test(v) || Number(v) < min) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number >= ${min} (got "${v}")` });
        return z.NEVER;
      }
      return Number(v);
    });

const optionalInt = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    if (!/^\d+$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number (got "${v}")` });
      return z.NEVER;
    }
    return Number(v);
  });

// Compose passes an unset variable as an empty string: that means "use the default", not an invalid value.
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const url = (fallback?: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      const value = v === undefined || v === '' ? fallback : v;
      if (value === undefined) return undefined;
      try {
        const parsed = new URL(value);
        if (!/^(https?|rediss?):$/.test(parsed.protocol)) throw new Error('protocol');
        return value.replace(/\/+$/, '');
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be a URL (got "${value}")` });
        return z.NEVER;
      }
    });

export const QUEUE_NAMES = ['orders', 'asn', 'skus', 'inventory', 'webhooks'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const queueList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return [...QUEUE_NAMES];
    const names = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !(QUEUE_NAMES as readonly string[]).includes(n));
    if (unknown.length > 0 || names.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown queue(s) ${unknown.join(', ') || '(none)'}; use a comma list of ${QUEUE_NAMES.join(',')}`,
      });
      return z.NEVER;
    }
    return [...new Set(names)] as QueueName[];
  });

const schedule = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const raw = v === undefined || v.trim() === '' ? '0,5000,300000,1800000,7200000,18000000,36000000,36000000' : v;
    const parts = raw.split(',').map((s) => s.trim());
    if (parts.some((p) => !/^\d+$/.test(p))) {
      ctx.addIssue({ code: 'custom', message: `must be a comma list of delays in ms (got "${raw}")` });
      return z.NEVER;
    }
    return parts.map(Number);
  });

// `host:port,host:port,…` (REDIS_SENTINELS, REDIS_CLUSTER_NODES): parsed in redis-target.ts.
const hostList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined;
    const parsed = parseHostList(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.hosts;
  });

const sentinelName = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(v)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be the Sentinel's name for the primary: 1-64 of A-Z a-z 0-9 . _ - (got "${v.slice(0, 100)}")`,
      });
      return z.NEVER;
    }
    return v;
  });

// A password is taken as given (not trimmed): leading or trailing spaces could be part of it.
const secret = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

export const envSchema = z.object({
  /** One Redis by URL. Exactly one of REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES may be set (redis-target.ts). */
  REDIS_URL: url('redis://127.0.0.1:6379'),
  /** The Sentinels watching the primary, `host:port,…`; with REDIS_SENTINEL_NAME, instead of REDIS_URL. */
  REDIS_SENTINELS: hostList,
  /** The name the Sentinels know the primary by (`sentinel monitor <name> …`). */
  REDIS_SENTINEL_NAME: sentinelName,
  /** Redis Cluster seed nodes, `host:port,…`, instead of REDIS_URL: connects through ioredis's Cluster client. */
  REDIS_CLUSTER_NODES: hostList,
  /** The data nodes' password (Sentinel or Cluster mode; with REDIS_URL it may be given here instead of in the URL). */
  REDIS_PASSWORD: secret,
  /** The Sentinels' own password, when they have one (`requirepass` in sentinel.conf). */
  REDIS_SENTINEL_PASSWORD: secret,
  /**
   * How many replicas must hold a write before the bridge tells Qianyi about it (Redis WAIT): the ingress answers a
   * command, and a worker sends a push, only after that many confirm; otherwise 503 / a retried push. 0: no waiting.
   */
  REDIS_MIN_REPLICAS_ACK: int(0),
  /** How long one WAIT for those replicas may take before the call is answered 503 (below the 5 s command timeout). */
  REDIS_REPLICA_ACK_TIMEOUT_MS: int(1000, 10),
  LOG_LEVEL: z.preprocess(
    blankAsUnset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  QIANYI_ACCESS_ID: optionalString,
  QIANYI_SECRET_KEY: optionalString,
  QIANYI_CALLBACK_BASE_URL: url(),
  QIANYI_WAREHOUSE_EXTRA_TYPE: optionalString,
  ETOWER_BASE_URL: url(),
  ETOWER_TOKEN: optionalString,
  ETOWER_KEY: optionalString,
  /** The single tenant's etower.timeZone (a tenants file sets it per tenant): the zone eTower's zone-less times are read in. */
  ETOWER_TIME_ZONE: optionalString,
  ETOWER_TIMEOUT_MS: int(30000, 1),
  /** First retry delay of eTower calls; doubles per attempt (with jitter) up to a cap. */
  ETOWER_RETRY_BASE_MS: int(2000, 1),
  BRIDGE_TENANTS_FILE: optionalString,
  SYNC_WAIT_MS: int(5000),
  ORDER_POLL_INTERVAL_MS: int(300000, 1000),
  ASN_POLL_INTERVAL_MS: int(300000, 1000),
  INVENTORY_SYNC_INTERVAL_MS: int(300000, 1000),
  CATALOG_REFRESH_INTERVAL_MS: int(3600000, 1000),
  WEBHOOK_RETRY_SCHEDULE_MS: schedule,
  WORKER_LOCK_DURATION_MS: int(30000, 1000),
  WORKER_STALLED_INTERVAL_MS: int(30000, 1000),
  WORKER_CONCURRENCY: int(50, 1),
  WORKER_QUEUES: queueList,
  /**
   * How long a finished order, ASN or product is kept after its last change (its push delivered or exhausted): then
   * everything of it leaves Redis (retention/sweep-expired.ts), and getOrder/getAsnList answer that it is no longer
   * kept. Open documents never expire. Also how long failed jobs are kept (an exhausted push stays replayable).
   */
  DOCUMENT_RETENTION_MS: int(30 * 24 * 3600 * 1000, 1000),
  /** What a pushAsnInfo carries per SKU: the quantities received since the previous push (default) or totals. */
  ASN_PUSH_QUANTITIES: z.preprocess(blankAsUnset, z.enum(['increment', 'total']).default('increment')),
  MAX_BODY_BYTES: int(20 * 1024 * 1024, 1024),
  /**
   * The ingress's ceiling on request-body bytes held at once, over all calls in flight: past it a call is answered
   * 503 with Retry-After and nothing of its body is kept, so ten concurrent 20 MB uploads cannot take the process past a
   * few hundred MB. At least one full-size body must fit (checked in load.ts).
   */
  MAX_INFLIGHT_BODY_BYTES: int(64 * 1024 * 1024, 1024),
  /** How long the ingress waits for a request's whole body (after its headers) before answering 408 and closing. */
  BODY_TIMEOUT_MS: int(30000, 100),
  /**
   * The ingress's old-generation growth per major GC, in percent (V8's --heap-growing-percent); 0 leaves V8's own
   * heuristic, which lets a flood of createOrder calls grow the ingress to ~185 MB. 100 holds it near 140 MB; 30 held
   * it near 125 MB but ran two to three full GCs a second, which set the p99 (~25 ms against ~20). See bench/RESULTS.md.
   */
  INGRESS_HEAP_GROWING_PERCENT: int(100),
  /**
   * The same for a worker process. A poll of 50,000 changed orders let V8's heuristic grow a worker to ~250 MB;
   * 50 holds it near 170 MB with no measurable cost per created order (bench/RESULTS.md); 0 leaves V8's own.
   */
  WORKER_HEAP_GROWING_PERCENT: int(50),
  /**
   * Whether V8 may allocate the ingress's objects straight into the old generation when their allocation site's
   * objects tend to survive a minor GC (allocation-site pretenuring). `off` (the default): a pretenured per-call
   * object that has died keeps the call's younger garbage alive through minor GCs, so V8 promoted twice as much and ran
   * twice as many full GCs; off, the ingress's p99 at half load was 19 % lower (bench/RESULTS.md, fourth and fifth
   * rounds of 2026-12-03: sixteen alternated pairs). Read as a boolean.
   */
  INGRESS_V8_PRETENURING: z.preprocess(blankAsUnset, z.enum(['on', 'off']).default('off')).transform((v) => v === 'on'),
  /**
   * Whether the ingress's and the workers' Redis connections send the commands of one event-loop turn in one write
   * (runtime/coalesce-writes.ts): off, createOrder's answer p50 was 21 % longer at 20 callers (bench/RESULTS.md,
   * issue 25's round). `off` writes each command as it is issued, as ioredis does by itself. Read as a boolean.
   */
  REDIS_COALESCE_WRITES: z.preprocess(blankAsUnset, z.enum(['on', 'off']).default('on')).transform((v) => v === 'on'),
  METRICS_PORT: optionalInt,
  PORT: int(8080),
  HOST: z.preprocess(blankAsUnset, z.string().trim().default('0.0.0.0')),
  DASHBOARD_PORT: int(3000),
  DASHBOARD_USER: optionalString,
  DASHBOARD_PASSWORD: optionalString,
});

export type Env = z.output<typeof envSchema>;
