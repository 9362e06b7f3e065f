import type { DeduplicationOptions, Job, JobsOptions } from 'bullmq';
import { JOBS, type JobName, type JobPayload } from './catalog';
import type { Queues } from './queues';

export interface EnqueueOptions {
  /** Overrides the catalog's deterministic id (e.g. an on-demand refresh that must not collide with the last one). */
  jobId?: string;
  delayMs?: number;
  deduplicationId?: string;
  /** Full BullMQ deduplication options (e.g. keepLastIfActive for a drain job); wins over deduplicationId. */
  deduplication?: DeduplicationOptions;
  /** Overrides the catalog's attempts (webhooks take theirs from WEBHOOK_RETRY_SCHEDULE_MS). */
  attempts?: number;
  /** The call that caused this job: its request id rides along, so the job's log lines join the call's. */
  trace?: { reqId?: string };
}

/** Adds a job as the catalog defines it: validated payload, attempts, deterministic id. */
export async function enqueue<N extends JobName>(
  queues: Queues,
  name: N,
  payload: JobPayload<N>,
  options: EnqueueOptions = {},
): Promise<Job> {
  const definition = JOBS[name];
  // The trace rides along in the job's data (outside the payload schema), so the job's logs join the call's. It is
  // set on the parsed payload (a new object: every catalog payload is a z.object, a test holds to it) rather than
  // spread into a copy: V8's path for a spread followed by new properties kept the ingress's per-call garbage alive
  // through minor GCs (bench/RESULTS.md, fourth round of 2026-12-03).
  const trace = options.trace;
  const data: Record<string, unknown> = definition.payload.parse(payload);
  if (trace?.reqId) data.trace = { reqId: trace.reqId };
  const opts: JobsOptions = { attempts: options.attempts ?? definition.attempts, backoff: { type: 'bridge' } };
  const id = options.jobId ?? (definition as { jobId?: (p: unknown) => string }).jobId?.(data);
  if (id) opts.jobId = id;
  if (options.delayMs) opts.delay = options.delayMs;
  if (options.deduplicationId) opts.deduplication = { id: options.deduplicationId };
  if (options.deduplication) opts.deduplication = options.deduplication;
  return queues[definition.queue].add(name, data, opts);
}
