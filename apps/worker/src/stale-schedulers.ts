import { shellWord } from '@bridge/runtime';
import type { JobSchedulerInfo } from '@bridge/core';

/** The Job Schedulers whose tenant this worker was not configured with, and how an operator removes them. */
export interface StaleSchedulers {
  ids: string[];
  tenants: string[];
  /** One ops command per tenant. */
  remove: string[];
}

export const STALE_SCHEDULERS_MESSAGE =
  "job schedulers of tenants not in this worker's configuration: their jobs fail at once. If a tenant was removed for good, remove its schedulers with the ops command named here (left alone: in a rolling deploy the tenant may be new)";

/**
 * Which of the schedulers (those on the queues a worker consumes) make jobs for tenants it does not have; undefined
 * when none do. Only said, never removed here: in a rolling deploy a worker still on the old configuration would
 * delete the schedulers a newer worker has just declared for a new tenant.
 */
export function staleSchedulers(
  schedulers: readonly JobSchedulerInfo[],
  configured: readonly string[],
): StaleSchedulers | undefined {
  const known = new Set(configured);
  const stale = schedulers.filter((s) => s.tenant !== undefined && !known.has(s.tenant));
  if (stale.length === 0) return undefined;
  const tenants = [...new Set(stale.map((s) => s.tenant!))].sort();
  return {
    ids: stale.map((s) => s.id).sort(),
    tenants,
    remove: tenants.map((t) => `pnpm ops unschedule ${shellWord(t)}`),
  };
}
