import { Worker, type Job } from 'bullmq';
import type { Env, QueueName, RedisTarget } from '@bridge/config';
import { finishedJobRetention, jobDefinition } from '@bridge/core';
import { KEY_PREFIX, createRedis, type Logger } from '@bridge/runtime';
import type { WorkerMetrics } from './metrics';
import type { ProcessorContext } from './processors/context';
import { runJob, traceOf } from './run-job';

const PUSH_JOBS = new Set(['pushOrderInfo', 'pushAsnInfo']);

function seconds(job: Job): number {
  return job.processedOn ? (Date.now() - job.processedOn) / 1000 : 0;
}

/** One BullMQ Worker per consumed queue, each with its own blocking connection, reporting to logs and metrics. */
export function startConsumers(
  queues: readonly QueueName[],
  env: Env,
  redisTarget: RedisTarget,
  ctx: ProcessorContext,
  metrics: WorkerMetrics,
  logger: Logger,
): Worker[] {
  return queues.map((queue) => {
    const worker = new Worker(queue, (job, token) => runJob(job, token, ctx), {
      // BullMQ moves finished jobs and renews locks on this connection (its blocking reads use a copy of it).
      connection: createRedis(redisTarget, 'worker', { coalesceWrites: env.REDIS_COALESCE_WRITES }),
      prefix: KEY_PREFIX,
      concurrency: env.WORKER_CONCURRENCY,
      lockDuration: env.WORKER_LOCK_DURATION_MS,
      stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
      ...finishedJobRetention(env.DOCUMENT_RETENTION_MS),
      settings: {
        backoffStrategy: (attemptsMade, _type, err, job) =>
          jobDefinition(job?.name ?? '')?.retryDelay(attemptsMade, err, env) ?? 5000,
      },
    });
    worker.on('completed', (job, result: { outcome?: string } | undefined) => {
      metrics.jobFinished(queue, job.name, 'completed', seconds(job));
      if (PUSH_JOBS.has(job.name)) metrics.webhook(job.name, result?.outcome ?? 'delivered');
      logger.debug({ queue, job: job.name, ...traceOf(job) }, 'job completed');
    });
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
      metrics.jobFinished(queue, job.name, final ? 'failed' : 'retried', seconds(job));
      if (PUSH_JOBS.has(job.name)) metrics.webhook(job.name, final ? 'failed' : 'retried');
      const entry = { queue, job: job.name, ...traceOf(job), attemptsMade: job.attemptsMade, final, err: err.message };
      if (final) logger.error(entry, 'job failed');
      else logger.warn(entry, 'job attempt failed, will retry');
    });
    worker.on('error', (err) => logger.warn({ queue, err: err.message }, 'worker error'));
    return worker;
  });
}
