import type { Tenant } from '@bridge/config';
import type { OpsContext } from '../context';
import { failed, type CheckResult } from '../doctor/check';
import { runDoctor } from '../doctor/run-doctor';
import { CliError, EXIT, type Printer } from '../output';

/** `ops doctor [--tenant]`: one line per check of the tenant's real eTower and Qianyi configuration; exit 1 when one fails. */
export async function doctorCommand(ctx: OpsContext, out: Printer, opts: { tenant?: string }): Promise<number> {
  const config = ctx.loadConfig();
  const tenant = pickTenant(config.tenants, opts.tenant);
  const results = await runDoctor(tenant, config.env.ETOWER_TIMEOUT_MS);
  const bad = failed(results);
  out.result({ tenant: tenant.accessId, ok: !bad, checks: results }, () => describe(results));
  return bad ? EXIT.failure : EXIT.ok;
}

/** --tenant when given; else the only configured tenant; with several, the operator must say which. */
export function pickTenant(tenants: readonly Tenant[], accessId: string | undefined): Tenant {
  const configured = tenants.map((t) => t.accessId);
  if (accessId !== undefined) {
    const found = tenants.find((t) => t.accessId === accessId);
    if (!found) throw new CliError(`tenant ${accessId} is not configured${configured.length ? ` (configured: ${configured.join(', ')})` : ''}`, EXIT.usage);
    return found;
  }
  if (tenants.length === 1) return tenants[0]!;
  if (tenants.length === 0) throw new CliError('no tenant configured: set QIANYI_ACCESS_ID, ETOWER_BASE_URL… or BRIDGE_TENANTS_FILE', EXIT.usage);
  throw new CliError(`${tenants.length} tenants configured: pass --tenant <accessId> (${configured.join(', ')})`, EXIT.usage);
}

/** `ok    clock skew        eTower's clock is 2 s ahead…`: status and check padded, so the details line up. */
function describe(results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.check.length));
  return results.map((r) => `${r.status.padEnd(4)}  ${r.check.padEnd(width)}  ${r.detail}`).join('\n');
}
