import { Job, type QueueEvents } from 'bullmq';
import type { QueueName } from '@bridge/config';
import { JOBS, type JobKey, type JobName, type JobPayload, type KeyedJobName } from './catalog';
import { enqueue, type EnqueueOptions } from './enqueue';
import type { Queues } from './queues';

/** Where a job is in its queue, as BullMQ names it. */
export type JobState = 'waiting' | 'delayed' | 'prioritized' | 'waiting-children' | 'active' | 'completed' | 'failed';

/**
 * The one list of "still pending" states: the job has not started, so removing it stops the work. An active job
 * is not pending: removing it would not stop its worker (it finds the document moved on and stops by itself).
 */
export const PENDING_JOB_STATES: readonly JobState[] = ['waiting', 'delayed', 'prioritized', 'waiting-children'];
export const FINISHED_JOB_STATES: readonly JobState[] = ['completed', 'failed'];

const isPending = (state: JobState | undefined): boolean => state !== undefined && PENDING_JOB_STATES.includes(state);
/** Pending or running: the job will still settle its document. */
export const isAlive = (state: JobState | undefined): boolean => state === 'active' || isPending(state);

/** A job as a plain value: its catalog name, its queue and its id. */
export interface JobRef<N extends JobName = JobName> {
  name: N;
  queue: QueueName;
  id: string;
}

/** The job of `name` named by `key` (the part of its payload its id is built from): the catalog computes the id. */
export function jobRef<N extends KeyedJobName>(name: N, key: JobKey<N>): JobRef<N> {
  const definition = JOBS[name] as { queue: QueueName; jobId: (key: JobKey<N>) => string };
  return { name, queue: definition.queue, id: definition.jobId(key) };
}

export type JobOutcome =
  | { state: 'completed'; result: unknown }
  | { state: 'failed'; reason: string }
  /** Still queued or retrying when the wait ran out: the outcome follows later. */
  | { state: 'pending' };

/** A job's place in its queue, without its data (which may hold a 20 MB label). */
export interface JobSummary {
  queue: string;
  id: string;
  name: string;
  state: JobState | 'unknown';
  attemptsMade: number;
  failedReason?: string;
  timestamp?: number;
  processedOn?: number;
  finishedOn?: number;
}

/**
 * The use cases' and the ingress's view of the queues: add a job of the catalog, and find, remove, retry or wait
 * for one by its reference. Plain values in and out; BullMQ's Job objects stay in here.
 * `events` (one QueueEvents stream per queue) only where something waits: the ingress.
 */
export class JobControl {
  constructor(
    private readonly queues: Queues,
    private readonly events: Partial<Record<QueueName, QueueEvents>> = {},
  ) {}

  /** Adds a job as the catalog defines it (enqueue.ts); repeats of a keyed job are one job. */
  async add<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<JobRef<N>> {
    const job = await enqueue(this.queues, name, payload, options);
    return { name, queue: JOBS[name].queue, id: job.id! };
  }

  async find(ref: JobRef): Promise<JobSummary | undefined> {
    const job = await this.job(ref);
    if (!job) return undefined;
    return {
      queue: ref.queue,
      id: ref.id,
      name: job.name,
      state: (await job.getState()) as JobState | 'unknown',
      attemptsMade: job.attemptsMade,
      ...(job.failedReason ? { failedReason: job.failedReason } : {}),
      timestamp: job.timestamp,
      ...(job.processedOn ? { processedOn: job.processedOn } : {}),
      ...(job.finishedOn ? { finishedOn: job.finishedOn } : {}),
    };
  }

  /** The job's state, or undefined when there is no such job (never added, removed, or trimmed when finished). */
  async state(ref: JobRef): Promise<JobState | undefined> {
    const state = await (await this.job(ref))?.getState();
    return state === undefined || state === 'unknown' ? undefined : (state as JobState);
  }

  /**
   * Removes the job if it is in one of `states` (a pending one, to stop it; a finished one, so that a new job may
   * take its id). A job that moved on meanwhile stays; answers whether it went.
   */
  async remove(ref: JobRef, states: readonly JobState[]): Promise<boolean> {
    const job = await this.job(ref);
    if (!job || !states.includes((await job.getState()) as JobState)) return false;
    return job.remove().then(
      () => true,
      () => false,
    );
  }

  /**
   * Removes the jobs, whatever their state, unless one is running (a running job settles by itself). One script per
   * job and no read first: `remove` above reads a job's hash and state before removing it, three round trips where
   * this takes one. For jobs made obsolete by a newer one (an older version's push), pending or finished alike.
   */
  async discard(refs: readonly JobRef[]): Promise<void> {
    await Promise.all(refs.map((ref) => this.queues[ref.queue].remove(ref.id)));
  }

  /** Runs a finished job again from its first attempt. */
  async retry(ref: JobRef, from: 'failed' | 'completed'): Promise<void> {
    await (await this.job(ref))?.retry(from, { resetAttemptsMade: true });
  }

  /** Waits up to `waitMs` for the job to finish; pending when it has not (or there is no stream for its queue). */
  async wait(ref: JobRef, waitMs: number): Promise<JobOutcome> {
    const events = this.events[ref.queue];
    if (!events || waitMs <= 0) return { state: 'pending' };
    // A handle on the id, not a fetch: waiting needs no round trip to read the job first.
    const job = new Job(this.queues[ref.queue], ref.name, {}, {}, ref.id);
    try {
      return { state: 'completed', result: await job.waitUntilFinished(events, waitMs) };
    } catch (err) {
      // waitUntilFinished rejects both on a final failure and on our own time limit; the job's state tells which.
      const fresh = await this.job(ref).catch(() => undefined);
      const state = await fresh?.getState().catch(() => 'unknown');
      if (state === 'failed') return { state: 'failed', reason: fresh?.failedReason ?? (err as Error).message };
      if (state === 'completed') return { state: 'completed', result: fresh?.returnvalue };
      return { state: 'pending' };
    }
  }

  /**
   * Declares (or updates) a Job Scheduler: a job of `name` every `everyMs`, under `schedulerId`. Idempotent, so every
   * worker may declare it; Redis keeps one per id.
   */
  async schedule<N extends JobName>(
    schedulerId: string,
    name: N,
    payload: JobPayload<N>,
    everyMs: number,
  ): Promise<void> {
    const definition = JOBS[name];
    await this.queues[definition.queue].upsertJobScheduler(
      schedulerId,
      { every: everyMs },
      {
        name,
        data: definition.payload.parse(payload),
        opts: { attempts: definition.attempts, backoff: { type: 'bridge' } },
      },
    );
  }

  /** Closes the event streams (the queues belong to whoever created them). */
  async close(): Promise<void> {
    await Promise.all(Object.values(this.events).map((e) => e?.close()));
  }

  private job(ref: JobRef): Promise<Job | undefined> {
    return this.queues[ref.queue].getJob(ref.id);
  }
}
