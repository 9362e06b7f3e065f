import { shellWord } from '@bridge/runtime';
import { forgetTenant, type ForgetTenantResult } from '@bridge/core';
import type { OpsContext } from '../context';
import { requireTakenOut } from '../pick-tenant';
import { CliError, EXIT, table, type Printer } from '../output';

type Footprint = Exclude<ForgetTenantResult, { outcome: 'has-schedulers' }>;

/**
 * `ops forget-tenant <accessId> [--yes]`: what a tenant taken out of the configuration left in Redis (its documents,
 * their histories, locks, inventory, its outbox entries and jobs), counted, or with --yes deleted. Its schedulers
 * gone, nothing else ever deletes them. No --force: deleting a tenant still configured would delete live orders.
 */
export async function forgetTenantCommand(
  ctx: OpsContext,
  out: Printer,
  tenant: string,
  opts: { yes?: boolean },
): Promise<number> {
  requireTakenOut(ctx.configuredTenants(), tenant, 'its documents are in use', { offered: false });
  const result = await forgetTenant({ redis: await ctx.redis(), admin: await ctx.admin() }, tenant, {
    remove: Boolean(opts.yes),
  });
  if (result.outcome === 'has-schedulers')
    throw new CliError(
      `tenant ${tenant} still has ${result.schedulers.length} job scheduler(s) (${result.schedulers.map((s) => s.id).join(', ')}): their jobs would write again while its keys go; run pnpm ops unschedule ${shellWord(tenant)} first`,
      EXIT.failure,
    );

  const keys = sum(Object.values(result.keys));
  const jobs = sum(Object.values(result.jobs));
  const found = keys + result.outbox + jobs + result.jobsLeft.length;
  out.result({ tenant, dryRun: !opts.yes, ...result, totals: { keys, outbox: result.outbox, jobs } }, () =>
    found === 0 ? `nothing of tenant ${tenant} in Redis` : report(tenant, result, Boolean(opts.yes)),
  );
  if (found === 0 || result.jobsLeft.length > 0) return EXIT.failure;
  return EXIT.ok;
}

const sum = (counts: ReadonlyArray<number | undefined>) => counts.reduce<number>((a, b) => a + (b ?? 0), 0);

function report(tenant: string, r: Footprint, deleted: boolean): string {
  const rows: Array<[string, number]> = [
    ...Object.entries(r.keys).map(([kind, n]): [string, number] => [`keys: ${kind}`, n ?? 0]),
    ...(r.outbox > 0 ? [['push outbox entries', r.outbox] as [string, number]] : []),
    ...Object.entries(r.jobs).map(([queue, n]): [string, number] => [`jobs: ${queue} queue`, n ?? 0]),
  ];
  const lines = [
    deleted ? `deleted of tenant ${tenant}:` : `tenant ${tenant} has in Redis (dry run, nothing deleted):`,
    table(['what', 'count'], rows),
  ];
  if (r.jobsLeft.length > 0)
    lines.push(
      `${r.jobsLeft.length} job(s) running now, not removed (${r.jobsLeft.map((j) => `${j.queue}/${j.id}`).join(', ')}): run this again once they finish`,
    );
  if (!deleted) lines.push(`To delete them: pnpm ops forget-tenant ${shellWord(tenant)} --yes`);
  return lines.join('\n');
}
