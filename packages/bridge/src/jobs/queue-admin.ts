import { QUEUE_NAMES, type QueueName } from '@bridge/config';
import type { JobState } from './job-control';
import { tenantOfJobId } from './job-id';
import type { Queues } from './queues';

/** Every state a job can be counted in, in the order operators read them. */
export const JOB_STATES: readonly JobState[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
];

/** A failed job as an operator lists it, without its data (which may hold a 20 MB label). */
export interface FailedJob {
  id: string;
  name: string;
  attemptsMade: number;
  failedReason: string;
  finishedOn: number | undefined;
}

export type ReplayOutcome =
  | { id: string; name: string; result: 'replayed' }
  | { id: string; result: 'not-found' }
  /** The job exists but is not failed (it ran again meanwhile, or never failed): left as it is. */
  | { id: string; name: string; result: 'not-failed'; state: string };

/** A Job Scheduler as an operator lists it (declared by the workers through JobControl.schedule). */
export interface JobSchedulerInfo {
  id: string;
  queue: QueueName;
  /** The job it makes. */
  name: string;
  /** The tenant of the jobs it makes (its job template's payload); none for drainOutbox. */
  tenant: string | undefined;
  everyMs: number | undefined;
  /** When it makes its next job. */
  nextRunAt: number | undefined;
}

/** A job as a place in a queue: what forgetting a tenant lists and removes. */
export interface QueuedJob {
  queue: QueueName;
  id: string;
}

/** Ids read per call while walking a state's list: a failed set may hold 200,000. */
const ID_PAGE = 1000;
/** Jobs whose payload is read at once. */
const DATA_BATCH = 100;

/** Queue-wide views and repairs for operators (ops); the use cases' per-job view is JobControl. */
export class QueueAdmin {
  constructor(private readonly queues: Queues) {}

  /** How many jobs of `queue` are in each state, every state present (0 when none). */
  async counts(queue: QueueName, states: readonly JobState[] = JOB_STATES): Promise<Record<JobState, number>> {
    return (await this.queues[queue].getJobCounts(...states)) as Record<JobState, number>;
  }

  /** The newest `limit` failed jobs (BullMQ's failed set is ordered by finish time), and how many there are. */
  async failed(queue: QueueName, limit: number): Promise<{ total: number; jobs: FailedJob[] }> {
    const q = this.queues[queue];
    const total = await q.getFailedCount();
    const jobs = await q.getFailed(0, limit - 1);
    return {
      total,
      jobs: jobs.map((j) => ({
        id: j.id ?? '',
        name: j.name,
        attemptsMade: j.attemptsMade,
        failedReason: j.failedReason,
        finishedOn: j.finishedOn,
      })),
    };
  }

  /** The Job Schedulers of `queues`, queue by queue, each queue's soonest first. */
  async schedulers(queues: readonly QueueName[] = QUEUE_NAMES): Promise<JobSchedulerInfo[]> {
    const listed: JobSchedulerInfo[] = [];
    for (const queue of queues) {
      for (const s of await this.queues[queue].getJobSchedulers(0, -1, true)) {
        const data = s.template?.data as { tenant?: unknown } | undefined;
        listed.push({
          id: s.key,
          queue,
          name: s.name,
          tenant: typeof data?.tenant === 'string' ? data.tenant : undefined,
          everyMs: s.every,
          nextRunAt: s.next ?? undefined,
        });
      }
    }
    return listed;
  }

  /**
   * Removes every Job Scheduler of `tenant` with the next job each had made (BullMQ removes that one while it is
   * still delayed; one already waiting or running still runs). Answers the schedulers removed. A worker that has
   * the tenant in its configuration declares them again when it starts.
   */
  async removeSchedulers(tenant: string): Promise<JobSchedulerInfo[]> {
    const removed: JobSchedulerInfo[] = [];
    for (const s of await this.schedulers()) {
      if (s.tenant !== tenant) continue;
      if (await this.queues[s.queue].removeJobScheduler(s.id)) removed.push(s);
    }
    return removed;
  }

  /**
   * Every job of `tenant`, whatever its state: its payload names the tenant, or it has none and its id does
   * (job-id.ts). Ids are read first, a page at a time, and only the jobs whose id may be the tenant's are read:
   * those naming it, naming none, or made before ids were escaped (tenant `a-b`'s `createOrder-a-b-1` reads as
   * tenant `a`, so its payload decides). Only those ids are kept in memory, never a whole failed set.
   */
  async tenantJobs(tenant: string, queues: readonly QueueName[] = QUEUE_NAMES): Promise<QueuedJob[]> {
    const found: QueuedJob[] = [];
    for (const queue of queues) {
      const q = this.queues[queue];
      const candidates = new Set<string>();
      for (const state of JOB_STATES) {
        for (let start = 0; ; start += ID_PAGE) {
          const ids = await q.getRanges([state], start, start + ID_PAGE - 1);
          for (const id of ids) {
            const named = tenantOfJobId(id);
            // `tenant.startsWith`: an id made before the encoding, of a tenant holding '-', reads as its first part.
            if (named === undefined || named === tenant || tenant.startsWith(`${named}-`)) candidates.add(id);
          }
          if (ids.length < ID_PAGE) break;
        }
      }
      const ids = [...candidates];
      for (let i = 0; i < ids.length; i += DATA_BATCH) {
        const batch = ids.slice(i, i + DATA_BATCH);
        const jobs = await Promise.all(batch.map((id) => q.getJob(id)));
        jobs.forEach((job, j) => {
          if (!job) return;
          const data = job.data as { tenant?: unknown } | undefined;
          const owner = typeof data?.tenant === 'string' ? data.tenant : tenantOfJobId(batch[j]!);
          if (owner === tenant) found.push({ queue, id: batch[j]! });
        });
      }
    }
    return found;
  }

  /**
   * Removes the jobs, whatever their state, but a running one (BullMQ refuses while its worker holds the lock; it
   * settles by itself) or the next job of a Job Scheduler still there. Answers the ones left; one already gone is
   * not among them.
   */
  async removeJobs(jobs: readonly QueuedJob[]): Promise<{ left: QueuedJob[] }> {
    const left: QueuedJob[] = [];
    for (let i = 0; i < jobs.length; i += DATA_BATCH) {
      const batch = jobs.slice(i, i + DATA_BATCH);
      const codes = await Promise.all(batch.map((j) => this.queues[j.queue].remove(j.id)));
      for (const [j, job] of batch.entries()) {
        if (codes[j] !== 1 && (await this.queues[job.queue].getJobState(job.id)) !== 'unknown') left.push(job);
      }
    }
    return { left };
  }

  /**
   * Retries failed jobs under their original ids (`'all'`: every job failed now), so deterministic ids keep
   * deduplicating and the state store sees the same job again rather than a copy. One outcome per id, in order.
   */
  async replay(queue: QueueName, ids: readonly string[] | 'all'): Promise<ReplayOutcome[]> {
    const q = this.queues[queue];
    // Ids only, collected up front: a replayed job that fails again at once must not be picked up twice.
    const targets = ids === 'all' ? await q.getRanges(['failed'], 0, -1) : ids;
    const outcomes: ReplayOutcome[] = [];
    for (const id of targets) {
      const job = await q.getJob(id);
      if (!job) {
        outcomes.push({ id, result: 'not-found' });
        continue;
      }
      const state = await job.getState();
      if (state !== 'failed') {
        outcomes.push({ id, name: job.name, result: 'not-failed', state });
        continue;
      }
      await job.retry('failed');
      outcomes.push({ id, name: job.name, result: 'replayed' });
    }
    return outcomes;
  }
}
