import type { JobHandlers, JobName, JobTrace } from '@bridge/core';
import type { ProcessorContext } from './processors/context';
import { PROCESSORS } from './processors';

/**
 * The worker's processors as the jobs layer runs them: each gets the context scoped to its job. The runner
 * (`runAttempt` in @bridge/core) checks the payload, bounds the attempt and sorts its failures.
 */
export function jobHandlers(ctx: ProcessorContext): JobHandlers {
  const handlers: JobHandlers = {};
  for (const name of Object.keys(PROCESSORS) as JobName[]) {
    const processor = PROCESSORS[name];
    handlers[name] = async (payload, run) => {
      // Every job but drainOutbox is one tenant's. One this worker was not configured with fails here, before its
      // processor takes a lock or touches Redis (a sweep would run without ever asking); runAttempt sorts the error.
      const tenant = (payload as { tenant?: unknown }).tenant;
      if (typeof tenant === 'string') ctx.tenants.require(tenant);
      return processor(payload, scopedToJob(ctx, run.trace), run);
    };
  }
  return handlers;
}

/**
 * The context a job's processor sees: its log lines and the pushes it schedules carry the job's trace. Passed
 * explicitly rather than through AsyncLocalStorage, whose promise hooks run on every promise in the process on
 * Node 20 (~5 % of a worker's CPU per order, bench/RESULTS.md, sixth round).
 */
function scopedToJob(ctx: ProcessorContext, trace: JobTrace): ProcessorContext {
  return { ...ctx, logger: ctx.logger.child(trace), pushes: ctx.pushes.tracing(trace) };
}
