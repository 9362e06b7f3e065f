import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { classifyEtowerFailure } from '@bridge/etower';
import { UnknownTenantError } from '../tenants/unknown-tenant-error';
import { jobDefinition, type JobName } from './catalog';
import { AUTH_MAX_ATTEMPTS, isFinalAttempt, traceOf, type JobRun } from './job-run';
import { BUSY_RETRY_MS } from './job-signals';

export class JobTimeoutError extends Error {
  override name = 'JobTimeoutError';
}

/** Runs one job: gets the payload as the catalog's schema parsed it. */
export type JobHandler = (payload: unknown, run: JobRun) => Promise<unknown>;
/** The handlers a worker has, by job name; a job without one cannot succeed in this worker version. */
export type JobHandlers = Partial<Record<JobName, JobHandler>>;

export interface RunAttemptOptions {
  /** The attempt's deadline instead of the catalog's (tests that cannot wait minutes for one). */
  timeoutMs?: number;
}

/**
 * Runs one attempt of a job: payload checked against the catalog, bounded by the job's timeout, and every
 * failure sorted into "retry later" (thrown as is, BullMQ backs off) or "cannot succeed" (UnrecoverableError,
 * so BullMQ stops at once and the job's failedReason says why). `token` is the worker's lock on the job, which
 * moving it back to delayed (retryWhenFree) needs.
 */
export async function runAttempt(
  job: Job,
  token: string | undefined,
  handlers: JobHandlers,
  options: RunAttemptOptions = {},
): Promise<unknown> {
  const definition = jobDefinition(job.name);
  const handler = handlers[job.name as JobName];
  if (!definition || !handler)
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
  const attempt = job.attemptsMade + 1;
  const attempts = job.opts.attempts ?? 1;
  try {
    const run: JobRun = {
      id: job.id ?? '',
      name: job.name as JobName,
      attempt,
      attempts,
      trace: traceOf(job),
      signal: deadline.signal,
      finalAttempt: (kind) => isFinalAttempt(attempt, attempts, kind),
      retryWhenFree: async () => {
        await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
        // Tells BullMQ the job was moved, not finished: no attempt is spent.
        throw new DelayedError();
      },
    };
    return await Promise.race([handler(parsed.data, run), timeout]);
  } catch (err) {
    if (err instanceof UnrecoverableError || err instanceof JobTimeoutError || err instanceof DelayedError) throw err;
    // A periodic job (made by a Job Scheduler) of a tenant this worker does not know: retrying cannot help, and the
    // scheduler makes the next one anyway. A one-off job (a create, a push) keeps its retries: in a rolling deploy
    // that adds a tenant, a worker still on the old configuration may take it, and a retry lets a newer one run it.
    if (err instanceof UnknownTenantError && job.repeatJobKey) {
      throw new UnrecoverableError(
        `${err.message} (made by job scheduler ${job.repeatJobKey}: if the tenant was removed, remove its schedulers with pnpm ops unschedule)`,
      );
    }
    const failure = classifyEtowerFailure(err);
    if (!failure.retryable) throw new UnrecoverableError(failure.message);
    if (failure.kind === 'auth' && isFinalAttempt(attempt, attempts, 'auth')) {
      throw new UnrecoverableError(
        `${failure.message} (gave up after ${AUTH_MAX_ATTEMPTS} attempts: check the eTower token and key, and this host's clock)`,
      );
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
