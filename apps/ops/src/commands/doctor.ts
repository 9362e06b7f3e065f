import type { OpsContext } from '../context';
import { failed, type CheckResult } from '../doctor/check';
import { runDoctor } from '../doctor/run-doctor';
import { EXIT, type Printer } from '../output';
import { pickTenant } from '../pick-tenant';

/** `ops doctor [--tenant]`: one line per check of the tenant's real eTower and Qianyi configuration; exit 1 when one fails. */
export async function doctorCommand(ctx: OpsContext, out: Printer, opts: { tenant?: string }): Promise<number> {
  const tenant = pickTenant(ctx.configuredTenants(), opts.tenant);
  const results = await runDoctor(tenant, ctx.loadConfig().env.ETOWER_TIMEOUT_MS);
  const bad = failed(results);
  out.result({ tenant: tenant.accessId, ok: !bad, checks: results }, () => describe(results));
  return bad ? EXIT.failure : EXIT.ok;
}

/** `ok    clock skew        eTower's clock is 2 s ahead…`: status and check padded, so the details line up. */
function describe(results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.check.length));
  return results.map((r) => `${r.status.padEnd(4)}  ${r.check.padEnd(width)}  ${r.detail}`).join('\n');
}
