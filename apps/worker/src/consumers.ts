import type { Env, QueueName, RedisTarget } from '@bridge/config';
import { startConsumer, type Consumer, type JobReport } from '@bridge/core';
import { createRedis, type Logger } from '@bridge/runtime';
import { jobHandlers } from './job-handlers';
import type { WorkerMetrics } from './metrics';
import type { ProcessorContext } from './processors/context';

const PUSH_JOBS = new Set(['pushOrderInfo', 'pushAsnInfo']);

/** One consumer per queue of WORKER_QUEUES, each with its own connection, reporting to logs and metrics. */
export function startConsumers(
  queues: readonly QueueName[],
  env: Env,
  redisTarget: RedisTarget,
  ctx: ProcessorContext,
  metrics: WorkerMetrics,
  logger: Logger,
): Consumer[] {
  const handlers = jobHandlers(ctx);
  const report = reporter(metrics, logger);
  return queues.map((queue) =>
    startConsumer(queue, {
      connection: createRedis(redisTarget, 'worker', { coalesceWrites: env.REDIS_COALESCE_WRITES }),
      env,
      handlers,
      onReport: report,
      onError: (err) => logger.warn({ queue, err: err.message }, 'worker error'),
    }),
  );
}

/** Every attempt counted by queue, job and outcome; pushes also by delivery outcome; failures logged. */
function reporter(metrics: WorkerMetrics, logger: Logger): (report: JobReport) => void {
  return (r) => {
    metrics.jobFinished(r.queue, r.name, r.outcome, r.seconds);
    if (r.outcome === 'completed') {
      const outcome = (r.result as { outcome?: string } | undefined)?.outcome;
      if (PUSH_JOBS.has(r.name)) metrics.webhook(r.name, outcome ?? 'delivered');
      logger.debug({ queue: r.queue, job: r.name, ...r.trace }, 'job completed');
      return;
    }
    if (PUSH_JOBS.has(r.name)) metrics.webhook(r.name, r.outcome);
    const entry = {
      queue: r.queue,
      job: r.name,
      ...r.trace,
      attemptsMade: r.attemptsMade,
      final: r.final,
      err: r.error,
    };
    if (r.final) logger.error(entry, 'job failed');
    else logger.warn(entry, 'job attempt failed, will retry');
  };
}
