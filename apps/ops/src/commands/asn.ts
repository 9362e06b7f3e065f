import * as core from '@bridge/core';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OpsContext } from '../context';
import { summarizeJob, type JobSummary } from '../job-summary';
import { CliError, EXIT, fields, type Printer } from '../output';
import { tenantsHolding } from '../tenant-lookup';
import { describeHistory, describeJobs } from './order';

interface AsnStoreLike {
  get(tenant: string, asnNumber: string): Promise<(Record<string, unknown> & { version?: number }) | undefined>;
  history?(tenant: string, asnNumber: string): Promise<unknown[]>;
}

/**
 * ASN state is being built alongside this tool. Rather than pin names that may not exist yet, the command
 * looks them up in the core package (AsnStore shaped like OrderStore, the ASN job ids, the history key) and
 * says plainly when there is no ASN store. Looked up by walking the namespace, not as properties: the bundler
 * would otherwise warn about missing exports.
 */
function fromCore<T>(name: string): T | undefined {
  return Object.entries(core).find(([n]) => n === name)?.[1] as T | undefined;
}

async function readHistory(redis: Redis, store: AsnStoreLike, tenant: string, asnNumber: string): Promise<unknown[]> {
  if (store.history) return store.history(tenant, asnNumber);
  const key = (core.keys as Record<string, unknown>).asnHistory as ((t: string, a: string) => string) | undefined;
  if (!key) return [];
  // Written by the same transition script as orders' history: newest first.
  return (await redis.lrange(key(tenant, asnNumber), 0, -1)).map((e) => JSON.parse(e) as unknown).reverse();
}

async function asnJobs(queues: Record<string, Queue>, tenant: string, asnNumber: string, version: number): Promise<JobSummary[]> {
  const createId = fromCore<(t: string, a: string) => string>('createAsnJobId');
  const pushId = fromCore<(t: string, a: string, v: number) => string>('asnPushJobId');
  const ids: Array<{ queue: Queue; id: string }> = [];
  if (createId) ids.push({ queue: queues.asn!, id: createId(tenant, asnNumber) });
  if (pushId) for (let v = 1; v <= version; v++) ids.push({ queue: queues.webhooks!, id: pushId(tenant, asnNumber, v) });
  return (await Promise.all(ids.map(({ queue, id }) => summarizeJob(queue, id)))).filter((j): j is JobSummary => j !== undefined);
}

export async function asnCommand(ctx: OpsContext, out: Printer, asnNumber: string, opts: { tenant?: string }): Promise<number> {
  const Store = fromCore<new (r: Redis) => AsnStoreLike>('AsnStore');
  if (typeof Store !== 'function') throw new CliError('ASN state is not available in this build of the bridge (no AsnStore in @bridge/core yet)', EXIT.failure);
  const redis = await ctx.redis();
  const queues = await ctx.queues();
  const store = new Store(redis);
  const reports: Array<{ tenant: string; asnNumber: string; state: Record<string, unknown>; history: unknown[]; jobs: JobSummary[] }> = [];
  for (const tenant of await tenantsHolding(ctx, redis, 'asn', asnNumber, opts.tenant)) {
    const state = await store.get(tenant, asnNumber);
    if (!state) continue;
    const jobs = await asnJobs(queues as unknown as Record<string, Queue>, tenant, asnNumber, Number(state.version ?? 0));
    reports.push({ tenant, asnNumber, state, history: await readHistory(redis, store, tenant, asnNumber), jobs });
  }
  if (reports.length === 0) throw new CliError(`ASN ${asnNumber} not found${opts.tenant ? ` for tenant ${opts.tenant}` : ''}`, EXIT.failure);
  out.result(reports.length === 1 ? reports[0] : reports, () => reports.map((r) => [
    `ASN ${r.asnNumber}  (tenant ${r.tenant})`, fields(r.state), 'history (oldest first):', describeHistory(r.history), 'jobs:', describeJobs(r.jobs),
  ].join('\n')).join('\n\n'));
  return EXIT.ok;
}
