import { jobId } from '@bridge/core';
import type { OpsContext } from '../context';
import { CliError, EXIT, table, type Printer } from '../output';

export const REFRESH_TARGETS = {
  catalog: 'refreshCatalog',
  inventory: 'rebuildInventory',
  orders: 'pollOrders',
} as const;

/**
 * Runs a scheduled job now. The id is unique per run so it never collides with the scheduler's own jobs
 * or with an earlier manual run that is still kept as completed.
 */
export async function refreshCommand(
  ctx: OpsContext,
  out: Printer,
  target: string,
  opts: { tenant?: string },
): Promise<number> {
  const name = REFRESH_TARGETS[target as keyof typeof REFRESH_TARGETS];
  if (!name)
    throw new CliError(
      `unknown refresh target "${target}": use one of ${Object.keys(REFRESH_TARGETS).join(', ')}`,
      EXIT.usage,
    );
  const tenants = ctx.tenants(opts.tenant);
  if (tenants.length === 0)
    throw new CliError(
      'no tenant: pass --tenant <accessId> or configure tenants (QIANYI_ACCESS_ID… or BRIDGE_TENANTS_FILE)',
      EXIT.usage,
    );
  const jobs = await ctx.jobs();
  const stamp = `ops${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const added: Array<{ tenant: string; queue: string; name: string; id: string }> = [];
  for (const tenant of tenants) {
    const job = await jobs.add(name, { tenant }, { jobId: jobId(name, tenant, stamp) });
    added.push({ tenant, queue: job.queue, name, id: job.id });
  }
  out.result({ target, jobs: added }, () =>
    [
      `enqueued ${name} for ${added.length} tenant(s)`,
      table(
        ['tenant', 'queue', 'job id'],
        added.map((a) => [a.tenant, a.queue, a.id]),
      ),
    ].join('\n'),
  );
  return EXIT.ok;
}
