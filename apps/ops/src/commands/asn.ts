import { AsnStore, jobRef, type AsnState, type JobSummary } from '@bridge/core';
import type { OpsContext } from '../context';
import { CliError, EXIT, type Printer } from '../output';
import { tenantsHolding } from '../tenant-lookup';
import { describeDocument } from './order';

export interface AsnReport {
  tenant: string;
  asnNumber: string;
  state: AsnState;
  history: unknown[];
  jobs: JobSummary[];
}

export async function asnCommand(
  ctx: OpsContext,
  out: Printer,
  asnNumber: string,
  opts: { tenant?: string },
): Promise<number> {
  const redis = await ctx.redis();
  const control = await ctx.jobs();
  const store = new AsnStore(redis);
  const reports: AsnReport[] = [];
  for (const tenant of await tenantsHolding(ctx, redis, 'asn', asnNumber, opts.tenant)) {
    const state = await store.get(tenant, asnNumber);
    if (!state) continue;
    const refs = [
      jobRef('createAsn', { tenant, asn: { asnNumber } }),
      ...Array.from({ length: state.version }, (_, i) => jobRef('pushAsnInfo', { tenant, asnNumber, version: i + 1 })),
    ];
    const jobs = (await Promise.all(refs.map((ref) => control.find(ref)))).filter(
      (j): j is JobSummary => j !== undefined,
    );
    reports.push({ tenant, asnNumber, state, history: await store.history(tenant, asnNumber), jobs });
  }
  if (reports.length === 0)
    throw new CliError(`ASN ${asnNumber} not found${opts.tenant ? ` for tenant ${opts.tenant}` : ''}`, EXIT.failure);
  out.result(reports.length === 1 ? reports[0] : reports, () =>
    reports.map((r) => describeDocument(`ASN ${r.asnNumber}  (tenant ${r.tenant})`, r)).join('\n\n'),
  );
  return EXIT.ok;
}
