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
