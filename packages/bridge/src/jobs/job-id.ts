import { escapePart, unescapePart } from '../state/escape-part';

const KIND = /^[A-Za-z]+$/;

function checkKind(kind: string): void {
  if (!KIND.test(kind))
    throw new Error(`job id kind must be letters only (it ends at the first '-'), got ${JSON.stringify(kind)}`);
}

/**
 * The id of a job about one document: `<kind>-<tenant>-<document>[-<after>…]`, e.g. `createOrder-acme-SO-1`.
 *
 * BullMQ ids may not contain ':' (its key separator) and must not be all digits (its own auto-increment ids; ours
 * start with the kind). The tenant and the parts after the document are escaped for '-' and ':'
 * (state/escape-part.ts), so none of them holds a '-'. The document escapes only ':' and keeps its '-': order numbers
 * such as `SO-1` are common, and their ids stay what they were before the encoding. That is still injective for a
 * kind with a fixed number of parts (every caller passes the same number for a kind): the kind ends at the first '-',
 * the tenant at the second, the parts after the document are the last ones, and the document is what lies between.
 * Tenant `shop-1` with order `A` (`createOrder-shop%2D1-A`) and tenant `shop` with order `1-A`
 * (`createOrder-shop-1-A`) therefore get two jobs.
 */
export function jobId(kind: string, tenant: string, document: string, ...after: string[]): string {
  checkKind(kind);
  let id = `${kind}-${escapePart(tenant, '-:')}-${escapePart(document, ':')}`;
  for (const part of after) id += `-${escapePart(part, '-:')}`;
  return id;
}

/**
 * The id of something there is one of per tenant and job name: a Job Scheduler, or a deduplication id (one rebuild
 * at a time). `<name>-<tenant>`, the tenant as it is: the name is letters only, so the first '-' ends it and the
 * rest is the tenant, which is injective without escaping. Kept unescaped on purpose: a scheduler's id changing
 * with an upgrade would leave the old scheduler running beside the new one.
 */
export function perTenantId(name: string, tenant: string): string {
  checkKind(name);
  return `${name}-${tenant}`;
}

const KEYED_ID = /^[A-Za-z]+-([^-]*)-/;
// BullMQ names a Job Scheduler's jobs `repeat:<scheduler id>:<when it is due>`; ours are `perTenantId`s.
const SCHEDULED_ID = /^repeat:[A-Za-z]+-(.+):\d+$/s;

/**
 * The tenant a job id names, read back from either form above (a `jobId`, or a job made by a `perTenantId`
 * scheduler); undefined for an id of neither form (a scheduler without a tenant, BullMQ's numeric ids). An id made
 * before the encoding existed, of a tenant holding '-', reads as another tenant: callers that delete check the
 * job's payload too.
 */
export function tenantOfJobId(id: string): string | undefined {
  const scheduled = SCHEDULED_ID.exec(id);
  if (scheduled) return scheduled[1];
  const keyed = KEYED_ID.exec(id);
  return keyed ? unescapePart(keyed[1]!) : undefined;
}
