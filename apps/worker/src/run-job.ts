import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { classifyEtowerFailure } from '@bridge/etower';
import { jobDefinition, type JobName } from '@bridge/core';
import type { JobRun, ProcessorContext } from './processors/context';
import { PROCESSORS } from './processors';

/** eTower answers 401 when this host's clock is off or the key is wrong: worth a few tries, not a day of them. */
export const AUTH_MAX_ATTEMPTS = 3;

export class JobTimeoutError extends Error {
  override name = 'JobTimeoutError';
}

export interface RunJobOptions {
  /** The attempt's deadline instead of the catalog's (tests that cannot wait minutes for one). */
  timeoutMs?: number;
}

/**
 * Runs one attempt of a job: payload checked against the catalog, bounded by the job's timeout, and every
 * failure sorted into "retry later" (thrown as is, BullMQ backs off) or "cannot succeed" (UnrecoverableError,
 * so BullMQ stops at once and the job's failedReason says why).
 */
export async function runJob(
  job: Job,
  token: string | undefined,
  ctx: ProcessorContext,
  options: RunJobOptions = {},
): Promise<unknown> {
  const definition = jobDefinition(job.name);
  const processor = PROCESSORS[job.name as JobName];
  if (!definition || !processor)
    throw new UnrecoverableError(`no processor for job "${job.name}" in this worker version`);
  const parsed = definition.payload.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(
      `invalid payload for ${job.name}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );

  // At the deadline the attempt ends (the race below) and its work is told to stop: every eTower call and push
  // it has in flight or makes afterwards is abandoned through `signal`, so the locks it holds are released at
  // once, not when its slowest call gives up (ETOWER_TIMEOUT_MS, or a webhook's 35 s) while the retry waits.
  const timeoutMs = options.timeoutMs ?? definition.timeoutMs;
  const deadline = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new JobTimeoutError(`${job.name} did not finish within ${timeoutMs} ms`);
      deadline.abort(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    const trace = traceOf(job);
    const run: JobRun = {
      job,
      token,
      trace,
      signal: deadline.signal,
      finalAttempt: (kind) => isFinalAttempt(job, kind),
    };
    const work = processor(parsed.data, scopedToJob(ctx, trace), run);
    return await Promise.race([work, timeout]);
  } catch (err) {
    if (err instanceof UnrecoverableError || err instanceof JobTimeoutError || err instanceof DelayedError) throw err;
    const failure = classifyEtowerFailure(err);
    if (!failure.retryable) throw new UnrecoverableError(failure.message);
    if (failure.kind === 'auth' && isFinalAttempt(job, 'auth')) {
      throw new UnrecoverableError(
        `${failure.message} (gave up after ${AUTH_MAX_ATTEMPTS} attempts: check the eTower token and key, and this host's clock)`,
      );
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The context a job's processor sees: its log lines and the pushes it schedules carry the job's trace. Passed
 * explicitly rather than through AsyncLocalStorage, whose promise hooks run on every promise in the process on
 * Node 20 (~5 % of a worker's CPU per order, bench/RESULTS.md, sixth round).
 */
function scopedToJob(ctx: ProcessorContext, trace: JobTrace): ProcessorContext {
  return { ...ctx, logger: ctx.logger.child(trace), pushes: ctx.pushes.tracing(trace) };
}

/** The last attempt BullMQ will make, or the last 401 we accept: after it, a failure is final. */
export function isFinalAttempt(job: Job, kind: string): boolean {
  const attempt = job.attemptsMade + 1;
  return attempt >= (job.opts.attempts ?? 1) || (kind === 'auth' && attempt >= AUTH_MAX_ATTEMPTS);
}

export type JobTrace = ReturnType<typeof traceOf>;

/** The log context of a job: the request that caused it (if any), its tenant and document, and its id. */
export function traceOf(job: Job) {
  const d = (job.data ?? {}) as {
    trace?: { reqId?: string };
    tenant?: string;
    orderNumber?: string;
    asnNumber?: string;
    order?: { orderNumber?: string };
  };
  const orderNumber = d.orderNumber ?? d.order?.orderNumber;
  return {
    ...(d.trace?.reqId ? { reqId: d.trace.reqId } : {}),
    ...(d.tenant ? { tenant: d.tenant } : {}),
    ...(orderNumber ? { orderNumber } : {}),
    ...(d.asnNumber ? { asnNumber: d.asnNumber } : {}),
    ...(job.id ? { jobId: job.id } : {}),
  };
}
