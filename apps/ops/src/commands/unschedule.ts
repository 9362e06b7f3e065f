import type { OpsContext } from '../context';
import { EXIT, table, type Printer } from '../output';
import { requireTakenOut } from '../pick-tenant';

/**
 * `ops unschedule <accessId> [--force]`: removes the Job Schedulers of a tenant taken out of the configuration, so
 * that its periodic jobs stop. Refused for a tenant this process has configured, or when it has none and so cannot
 * tell: the workers would go on without that tenant's polls until one restarts and declares them again.
 */
export async function unscheduleCommand(
  ctx: OpsContext,
  out: Printer,
  tenant: string,
  opts: { force?: boolean },
): Promise<number> {
  requireTakenOut(ctx.configuredTenants(), tenant, 'its workers use these schedulers', {
    offered: true,
    given: opts.force,
  });
  const removed = await (await ctx.admin()).removeSchedulers(tenant);
  out.result({ tenant, removed: removed.length, schedulers: removed }, () =>
    removed.length === 0
      ? `no job schedulers of tenant ${tenant} (pnpm ops schedulers lists them)`
      : [
          `removed ${removed.length} job scheduler(s) of tenant ${tenant}`,
          table(
            ['id', 'queue'],
            removed.map((s) => [s.id, s.queue]),
          ),
        ].join('\n'),
  );
  return removed.length === 0 ? EXIT.failure : EXIT.ok;
}
