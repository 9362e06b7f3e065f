import { loadConfigOrExit } from '@bridge/config';
import { JobControl, QueueAdmin, TenantRegistry, createQueues, createStores, migrateAsnRecordKeys } from '@bridge/core';
import {
  closeServer,
  createLogger,
  createRedis,
  handleShutdown,
  limitHeapGrowth,
  settleHeapAfterStartup,
} from '@bridge/runtime';
import { startConsumers } from './consumers';
import { startHealthServer } from './health-server';
import { createWorkerMetrics } from './metrics';
import { registerStateGauges } from './state-gauges';
import { upsertSchedulers } from './schedulers';
import { STALE_SCHEDULERS_MESSAGE, staleSchedulers } from './stale-schedulers';
import type { ProcessorContext } from './processors/context';

const { env, tenants, redis: redisTarget } = loadConfigOrExit();
// Keeps a worker near its working size through a big poll (bench/RESULTS.md: ~170 MB instead of ~250 MB).
limitHeapGrowth(env.WORKER_HEAP_GROWING_PERCENT);
const logger = createLogger({ name: 'worker', level: env.LOG_LEVEL, asyncOutput: true });
const redis = createRedis(redisTarget, 'worker', { coalesceWrites: env.REDIS_COALESCE_WRITES });
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const queues = createQueues(redis);
const jobs = new JobControl(queues);
const admin = new QueueAdmin(queues);
const metrics = createWorkerMetrics(admin);
const ctx: ProcessorContext = {
  env,
  redis,
  jobs,
  tenants: new TenantRegistry(tenants, env.ETOWER_TIMEOUT_MS, (call) => metrics.etowerCall(call), {
    logger: (tenant) => logger.child({ tenant, component: 'etower' }),
    onSignatureFallback: (_tenant, event) => metrics.signatureFallback(event.outcome),
  }),
  ...createStores(redis, jobs, env),
  logger,
  metrics,
};

// Before any job runs: ASN records written by an older version move to their own key kind (once per Redis).
const migrated = await migrateAsnRecordKeys(
  redis,
  tenants.map((t) => t.accessId),
);
if (migrated > 0) logger.info({ migrated }, 'ASN records moved to their own key kind');

const consumers = startConsumers(env.WORKER_QUEUES, env, redisTarget, ctx, metrics, logger);
const health =
  env.METRICS_PORT !== undefined
    ? await startHealthServer(env.METRICS_PORT, env.HOST, metrics.registry, redis, consumers)
    : undefined;

const shutdown = handleShutdown({ logger, graceMs: env.WORKER_LOCK_DURATION_MS });
// Closing a worker waits for its in-flight jobs; a job that outlives the grace period is taken over by
// another worker after its lock expires, so nothing is lost either way.
shutdown.add('workers', () => Promise.all(consumers.map((c) => c.close())));
shutdown.add('health', () => (health ? closeServer(health) : undefined));
shutdown.add('queues', () => Promise.all(Object.values(queues).map((q) => q.close())));
shutdown.add('redis', () => redis.quit());

registerStateGauges(metrics, ctx);
const schedulers = await upsertSchedulers(jobs, env.WORKER_QUEUES, tenants, env);
logger.info({ queues: env.WORKER_QUEUES, tenants: tenants.map((t) => t.accessId), schedulers }, 'worker started');
// Advice only: a worker that cannot list the schedulers still runs its jobs.
await admin
  .schedulers(env.WORKER_QUEUES)
  .then((all) => {
    const stale = staleSchedulers(
      all,
      tenants.map((t) => t.accessId),
    );
    if (stale) logger.warn(stale, STALE_SCHEDULERS_MESSAGE);
  })
  .catch((err: Error) => logger.warn({ err: err.message }, 'could not list the job schedulers'));
settleHeapAfterStartup(env.WORKER_HEAP_GROWING_PERCENT);
process.stdout.write(`${JSON.stringify({ event: 'ready', queues: env.WORKER_QUEUES })}\n`);
