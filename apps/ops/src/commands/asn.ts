import * as core from '@bridge/core';
import type { Redis } from 'ioredis';
import type { OpsContext } from '../context';
import { CliError, EXIT, fields, type Printer } from '../output';
import { tenantsHolding } from '../tenant-lookup';
import { describeHistory } from './order';

interface AsnStoreLike {
  get(tenant: string, asnNumber: string): Promise<Record<string, unknown> | undefined>;
  history?(tenant: string, asnNumber: string): Promise<unknown[]>;
}

/**
 * ASN state is being built alongside this tool. Rather than pin a name that may not exist yet, the command
 * looks for an `AsnStore` in the core package (the same shape as OrderStore) and says plainly when there is none.
 */
function asnStore(redis: Redis): AsnStoreLike | undefined {
  // Looked up by walking the namespace, not as a property: the bundler would otherwise warn about a missing export.
  const Store = Object.entries(core).find(([name]) => name === 'AsnStore')?.[1] as (new (r: Redis) => AsnStoreLike) | undefined;
  return typeof Store === 'function' ? new Store(redis) : undefined;
}

export async function asnCommand(ctx: OpsContext, out: Printer, asnNumber: string, opts: { tenant?: string }): Promise<number> {
  const redis = await ctx.redis();
  const store = asnStore(redis);
  if (!store) throw new CliError('ASN state is not available in this build of the bridge (no AsnStore in @bridge/core yet)', EXIT.failure);
  const reports: Array<{ tenant: string; asnNumber: string; state: Record<string, unknown>; history: unknown[] }> = [];
  for (const tenant of await tenantsHolding(ctx, redis, 'asn', asnNumber, opts.tenant)) {
    const state = await store.get(tenant, asnNumber);
    if (!state) continue;
    reports.push({ tenant, asnNumber, state, history: (await store.history?.(tenant, asnNumber)) ?? [] });
  }
  if (reports.length === 0) throw new CliError(`ASN ${asnNumber} not found${opts.tenant ? ` for tenant ${opts.tenant}` : ''}`, EXIT.failure);
  out.result(reports.length === 1 ? reports[0] : reports, () => reports.map((r) => [
    `ASN ${r.asnNumber}  (tenant ${r.tenant})`, fields(r.state), 'history (oldest first):', describeHistory(r.history),
  ].join('\n')).join('\n\n'));
  return EXIT.ok;
}
