import type { OpsContext } from '../context';
import { CliError, EXIT, table, type Printer } from '../output';

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
  const configured = ctx.configuredTenants().map((t) => t.accessId);
  if (!opts.force && configured.includes(tenant))
    throw new CliError(
      `tenant ${tenant} is configured here: its workers use these schedulers (remove it from the configuration first, or pass --force)`,
      EXIT.usage,
    );
  if (!opts.force && configured.length === 0)
    throw new CliError(
      `no tenant configured here, so ops cannot tell whether ${tenant} is still in use: give ops the workers' tenants (BRIDGE_TENANTS_FILE or QIANYI_ACCESS_ID…), or pass --force`,
      EXIT.usage,
    );
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
