import { OrderStore, jobRef, type AsnState, type JobSummary, type OrderState } from '@bridge/core';
import type { OpsContext } from '../context';
import { CliError, EXIT, fields, formatTime, isoTimes, table, type Printer } from '../output';
import { tenantsHolding } from '../tenant-lookup';

export interface OrderReport {
  tenant: string;
  orderNumber: string;
  state: OrderState;
  history: unknown[];
  jobs: JobSummary[];
}

export async function orderCommand(
  ctx: OpsContext,
  out: Printer,
  orderNumber: string,
  opts: { tenant?: string },
): Promise<number> {
  const redis = await ctx.redis();
  const control = await ctx.jobs();
  const store = new OrderStore(redis);
  const reports: OrderReport[] = [];
  for (const tenant of await tenantsHolding(ctx, redis, 'order', orderNumber, opts.tenant)) {
    const state = await store.get(tenant, orderNumber);
    if (!state) continue;
    const refs = [
      jobRef('createOrder', { tenant, order: { orderNumber } }),
      jobRef('releaseOrder', { tenant, orderNumber }),
      // Every version that may have had a push; older pending ones are replaced, so most will be gone.
      ...Array.from({ length: state.version }, (_, i) =>
        jobRef('pushOrderInfo', { tenant, orderNumber, version: i + 1 }),
      ),
    ];
    const jobs = (await Promise.all(refs.map((ref) => control.find(ref)))).filter(
      (j): j is JobSummary => j !== undefined,
    );
    reports.push({ tenant, orderNumber, state, history: await store.history(tenant, orderNumber), jobs });
  }
  if (reports.length === 0)
    throw new CliError(
      `order ${orderNumber} not found${opts.tenant ? ` for tenant ${opts.tenant}` : ''}`,
      EXIT.failure,
    );
  out.result(reports.length === 1 ? reports[0] : reports, () =>
    reports.map((r) => describeDocument(`order ${r.orderNumber}  (tenant ${r.tenant})`, r)).join('\n\n'),
  );
  return EXIT.ok;
}

function describeJobs(jobs: JobSummary[]): string {
  if (jobs.length === 0) return '  (no jobs kept)';
  return table(
    ['queue', 'job id', 'name', 'state', 'attempts', 'finished', 'failed reason'],
    jobs.map((j) => [j.queue, j.id, j.name, j.state, j.attemptsMade, formatTime(j.finishedOn), j.failedReason]),
  )
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

function describeHistory(history: unknown[]): string {
  if (history.length === 0) return '  (none)';
  return history.map((h) => `  ${JSON.stringify(isoTimes(h))}`).join('\n');
}

/** The text form of one document's report (an order's or an ASN's): its state, its history, its jobs. */
export function describeDocument(
  heading: string,
  r: { state: OrderState | AsnState; history: unknown[]; jobs: JobSummary[] },
): string {
  return [
    heading,
    fields(r.state as unknown as Record<string, unknown>),
    'history (oldest first):',
    describeHistory(r.history),
    'jobs:',
    describeJobs(r.jobs),
  ].join('\n');
}
