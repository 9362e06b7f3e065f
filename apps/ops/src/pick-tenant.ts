import type { Tenant } from '@bridge/config';
import { CliError, EXIT } from './output';

/** --tenant when given; else the only configured tenant; with several, the operator must say which. */
export function pickTenant(tenants: readonly Tenant[], accessId: string | undefined): Tenant {
  const configured = tenants.map((t) => t.accessId);
  if (accessId !== undefined) {
    const found = tenants.find((t) => t.accessId === accessId);
    if (!found)
      throw new CliError(
        `tenant ${accessId} is not configured${configured.length ? ` (configured: ${configured.join(', ')})` : ''}`,
        EXIT.usage,
      );
    return found;
  }
  if (tenants.length === 1) return tenants[0]!;
  if (tenants.length === 0)
    throw new CliError(
      'no tenant configured: set QIANYI_ACCESS_ID, ETOWER_BASE_URL… or BRIDGE_TENANTS_FILE (or run pnpm start)',
      EXIT.usage,
    );
  throw new CliError(
    `${tenants.length} tenants configured: pass --tenant <accessId> (${configured.join(', ')})`,
    EXIT.usage,
  );
}

/**
 * For the commands that clear up after a tenant taken out of the configuration (unschedule, forget-tenant): refused
 * for a tenant configured here (`inUse` says what of it is in use), and when none is configured, since ops then
 * cannot tell. A command that offers --force skips the check and names it in the refusals.
 */
export function requireTakenOut(
  tenants: readonly Tenant[],
  accessId: string,
  inUse: string,
  force: { offered: boolean; given?: boolean | undefined },
): void {
  if (force.given) return;
  const orForce = force.offered ? ', or pass --force' : '';
  if (tenants.some((t) => t.accessId === accessId))
    throw new CliError(
      `tenant ${accessId} is configured here: ${inUse} (remove it from the configuration first${orForce})`,
      EXIT.usage,
    );
  if (tenants.length === 0)
    throw new CliError(
      `no tenant configured here, so ops cannot tell whether ${accessId} is still in use: give ops the workers' tenants (BRIDGE_TENANTS_FILE or QIANYI_ACCESS_ID…)${orForce}`,
      EXIT.usage,
    );
}
