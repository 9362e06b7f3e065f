import { Worker } from 'bullmq';
import { loadConfigOrExit } from '@bridge/config';
import { AsnStore, CatalogStore, InventorySnapshotStore, OrderStore, PushScheduler, SkuStore, TenantRegistry, createQueues, jobDefinition } from '@bridge/core';
import { KEY_PREFIX, createLogger, createRedis, handleShutdown } from '@bridge/runtime';
import { runJob } from './run-job';
import { upsertSchedulers } from './schedulers';
import type { ProcessorContext } from './processors/context';

const { env, tenants } = loadConfigOrExit();
const logger = createLogger({ name: 'worker', level: env.LOG_LEVEL });
const redis = createRedis(env.REDIS_URL!, 'worker');
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const queues = createQueues(redis);
const ctx: ProcessorContext = {
  env,
  redis,
  queues,
  tenants: new TenantRegistry(tenants, env.ETOWER_TIMEOUT_MS),
  catalogStore: new CatalogStore(redis),
  orders: new OrderStore(redis),
  asns: new AsnStore(redis),
  skus: new SkuStore(redis),
  snapshots: new InventorySnapshotStore(redis),
  pushes: new PushScheduler(queues, redis, env.WEBHOOK_RETRY_SCHEDULE_MS.length),
  logger,
};

const workers = env.WORKER_QUEUES.map((queue) => {
  const worker = new Worker(queue, (job, token) => runJob(job, token, ctx), {
    connection: createRedis(env.REDIS_URL!, 'worker'),
    prefix: KEY_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    lockDuration: env.WORKER_LOCK_DURATION_MS,
    stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
    settings: {
      backoffStrategy: (attemptsMade, _type, err, job) => jobDefinition(job?.name ?? '')?.retryDelay(attemptsMade, err, env) ?? 5000,
    },
  });
  worker.on('failed', (job, err) => logger.warn({ queue, job: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'job attempt failed'));
  worker.on('completed', (job) => logger.debug({ queue, job: job.name, jobId: job.id }, 'job completed'));
  worker.on('error', (err) => logger.warn({ queue, err: err.message }, 'worker error'));
  return worker;
});

const shutdown = handleShutdown({ logger, graceMs: env.WORKER_LOCK_DURATION_MS });
// Closing a worker waits for its in-flight jobs; a job that outlives the grace period is taken over by
// another worker after its lock expires, so nothing is lost either way.
shutdown.add('workers', () => Promise.all(workers.map((w) => w.close())));
shutdown.add('queues', () => Promise.all(Object.values(queues).map((q) => q.close())));
shutdown.add('redis', () => redis.quit());

const schedulers = await upsertSchedulers(queues, env.WORKER_QUEUES, tenants, env);
logger.info({ queues: env.WORKER_QUEUES, tenants: tenants.map((t) => t.accessId), schedulers }, 'worker started');
process.stdout.write(`${JSON.stringify({ event: 'ready', queues: env.WORKER_QUEUES })}\n`);
