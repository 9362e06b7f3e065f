import { loadConfigOrExit, type QueueName } from '@bridge/config';
import { JobControl, createQueueEvents, createQueues, createStores } from '@bridge/core';
import {
  closeServer,
  createLogger,
  createRedis,
  handleShutdown,
  allowPretenuring,
  limitHeapGrowth,
  settleHeapAfterStartup,
} from '@bridge/runtime';
import { createIngressServer, createMetricsServer } from './app';
import { BodyBudget } from './body-budget';
import { CommandWaiter } from './command-waiter';
import { createIngressMetrics } from './metrics';

const { env, tenants, redis: redisTarget } = loadConfigOrExit();
// Keeps the ingress near its working size under a flood of calls (bench/RESULTS.md: ~140 MB instead of ~185 MB).
limitHeapGrowth(env.INGRESS_HEAP_GROWING_PERCENT);
// Off by default: dead pretenured per-call objects kept each call's garbage alive through minor GCs (runtime/pretenuring.ts).
allowPretenuring(env.INGRESS_V8_PRETENURING);
const logger = createLogger({ name: 'ingress', level: env.LOG_LEVEL, asyncOutput: true });
// The request path must never hang on Redis: with no offline queue a command fails at once and Qianyi gets 503.
const redis = createRedis(redisTarget, 'request-path', { coalesceWrites: env.REDIS_COALESCE_WRITES });
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const queues = createQueues(redis, (queue, err) => logger.warn({ queue, err: err.message }, 'queue error'));
// With SYNC_WAIT_MS=0 nothing ever waits: no event streams to read (each would parse every job's events).
const waited: QueueName[] = env.SYNC_WAIT_MS > 0 ? ['orders', 'asn', 'skus', 'inventory'] : [];
const events = Object.fromEntries(
  waited.map((name) => {
    const qe = createQueueEvents(name, createRedis(redisTarget, 'worker'));
    qe.on('error', (err) => logger.warn({ queue: name, err: err.message }, 'queue events error'));
    return [name, qe];
  }),
);
const jobs = new JobControl(queues, events);
const waiter = new CommandWaiter(jobs, env.SYNC_WAIT_MS);
// Tenants by accessId. Not the worker's TenantRegistry: the ingress never calls eTower, and that registry's clients
// would load got (~20 MB of resident memory) for nothing.
const tenantsById = new Map(tenants.map((t) => [t.accessId, t]));

const budget = new BodyBudget(env.MAX_INFLIGHT_BODY_BYTES);
const metrics = createIngressMetrics({ bodyBytesInFlight: () => budget.inUse });
const server = createIngressServer({
  env,
  redis,
  jobs,
  waiter,
  logger,
  ...createStores(redis, jobs, env),
  tenantOf: (accessId) => tenantsById.get(accessId),
  limits: { maxBytes: env.MAX_BODY_BYTES, timeoutMs: env.BODY_TIMEOUT_MS, budget },
  metrics,
  metricsOnPublicPort: env.METRICS_PORT === undefined,
});
// With METRICS_PORT set, /metrics is served there and not on the port Qianyi (and everyone else) reaches.
const metricsServer = env.METRICS_PORT === undefined ? undefined : createMetricsServer(metrics);
metricsServer?.listen(env.METRICS_PORT, env.HOST);

// Listen once Redis answers (bounded): a load balancer that sees the port open expects answers, not 503s.
await new Promise<void>((resolve) => {
  if (redis.status === 'ready') return resolve();
  const timer = setTimeout(() => {
    logger.warn('Redis not ready after 10 s; listening anyway, answering 503 until it is');
    resolve();
  }, 10000);
  redis.once('ready', () => {
    clearTimeout(timer);
    resolve();
  });
});

server.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  process.stdout.write(`${JSON.stringify({ event: 'listening', port, url: `http://127.0.0.1:${port}` })}\n`);
  logger.info({ port, tenants: tenants.map((t) => t.accessId) }, 'ingress listening');
  settleHeapAfterStartup(env.INGRESS_HEAP_GROWING_PERCENT);
});

const shutdown = handleShutdown({ logger, graceMs: 15000 });
shutdown.add('http', () => closeServer(server));
if (metricsServer) shutdown.add('metrics', () => closeServer(metricsServer));
shutdown.add('queue events', () => waiter.close());
shutdown.add('queues', () => Promise.all(Object.values(queues).map((q) => q.close())));
shutdown.add('redis', () => redis.quit());
