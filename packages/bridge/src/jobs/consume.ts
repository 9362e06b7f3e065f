import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Env, QueueName } from '@bridge/config';
import { KEY_PREFIX } from '@bridge/runtime';
import { jobDefinition } from './catalog';
import { traceOf, type JobTrace } from './job-run';
import { finishedJobRetention } from './queues';
import { runAttempt, type JobHandlers } from './run-attempt';

/** How one attempt of a job ended, for the worker's metrics and logs. */
export type JobReport = {
  queue: QueueName;
  name: string;
  trace: JobTrace;
  /** Since the attempt started. */
  seconds: number;
  attemptsMade: number;
} & (
  | { outcome: 'completed'; result: unknown }
  /** `retried`: the queue tries again after the catalog's delay; `failed`: that was the job's last attempt. */
  | { outcome: 'retried' | 'failed'; final: boolean; error: string }
);

export interface ConsumerOptions {
  /** BullMQ moves finished jobs and renews locks on this connection (its blocking reads use a copy of it). */
  connection: ConnectionOptions;
  /** Concurrency, lock duration, stalled interval, document retention, and what the catalog's retry delays read. */
  env: Env;
  handlers: JobHandlers;
  onReport?: (report: JobReport) => void;
  /** The consumer's own trouble (a lost connection), not a job's. */
  onError?: (err: Error) => void;
}

/** A queue being consumed. */
export interface Consumer {
  queue: QueueName;
  /** Running and not paused: taking jobs. */
  isConsuming(): boolean;
  /** Waits for the jobs in flight; one that outlives its lock is taken over by another worker. */
  close(): Promise<void>;
}

const secondsOf = (job: Job): number => (job.processedOn ? (Date.now() - job.processedOn) / 1000 : 0);

/** Starts taking the jobs of `queue`, each run by its handler under the catalog's timeout and retry policy. */
export function startConsumer(queue: QueueName, options: ConsumerOptions): Consumer {
  const { env, handlers } = options;
  const worker = new Worker(queue, (job, token) => runAttempt(job, token, handlers), {
    connection: options.connection,
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
  const report = options.onReport;
  if (report) {
    worker.on('completed', (job, result: unknown) => {
      const base = { queue, name: job.name, trace: traceOf(job), seconds: secondsOf(job) };
      report({ ...base, attemptsMade: job.attemptsMade, outcome: 'completed', result });
    });
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
      const base = { queue, name: job.name, trace: traceOf(job), seconds: secondsOf(job) };
      report({
        ...base,
        attemptsMade: job.attemptsMade,
        outcome: final ? 'failed' : 'retried',
        final,
        error: err.message,
      });
    });
  }
  worker.on('error', (err) => options.onError?.(err));
  return {
    queue,
    isConsuming: () => worker.isRunning() && !worker.isPaused(),
    close: () => worker.close(),
  };
}
