import type { Queue } from 'bullmq';

export interface JobSummary {
  queue: string;
  id: string;
  name: string;
  state: string;
  attemptsMade: number;
  failedReason?: string;
  timestamp?: number;
  processedOn?: number;
  finishedOn?: number;
}

/** A job's place in its queue, without its data (which may hold a 20 MB label). */
export async function summarizeJob(queue: Queue, id: string): Promise<JobSummary | undefined> {
  const job = await queue.getJob(id);
  if (!job) return undefined;
  return {
    queue: queue.name,
    id,
    name: job.name,
    state: await job.getState(),
    attemptsMade: job.attemptsMade,
    ...(job.failedReason ? { failedReason: job.failedReason } : {}),
    timestamp: job.timestamp,
    ...(job.processedOn ? { processedOn: job.processedOn } : {}),
    ...(job.finishedOn ? { finishedOn: job.finishedOn } : {}),
  };
}
