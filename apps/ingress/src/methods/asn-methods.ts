import { asnListItem, cancelAsn, jobRef, notKeptMessage, submitAsn } from '@bridge/core';
import {
  cancelAsnOrderResponse,
  createAsnOrderResponse,
  fail,
  getAsnListResponse,
  type AsnListItem,
  type ContentOf,
} from '@bridge/qianyi';
import type { MethodContext } from './context';

/**
 * createAsnOrder: record + job (deterministic id: repeats make one eTower po), then wait up to SYNC_WAIT_MS.
 * Created: success, info names eTower's inbound order number. Refused: success:false with the reason. Still going,
 * or finished with a result this version cannot read: accepted.
 */
export async function createAsnOrder(content: ContentOf<'createAsnOrder'>, ctx: MethodContext) {
  const submitted = await submitAsn(content, { tenant: ctx.tenant, asns: ctx.asns, jobs: ctx.jobs, trace: ctx.trace });
  if (submitted.kind === 'refused') return fail(submitted.message);
  if (submitted.kind === 'created')
    return createAsnOrderResponse(content.asnNumber, `eTower inbound order ${submitted.referenceNumber}`);
  const outcome = await ctx.waiter.wait(submitted.job);
  if (outcome.state === 'failed') return fail(outcome.reason);
  if (outcome.state === 'completed') {
    if (outcome.result.outcome === 'cancelled')
      return fail(`ASN ${content.asnNumber} was cancelled before it reached eTower`);
    return createAsnOrderResponse(content.asnNumber, `eTower inbound order ${outcome.result.referenceNumber}`);
  }
  // Finished, but how is unknown here: answered as accepted, and getAsnList tells from the record.
  if (outcome.state === 'unreadable') {
    const { job } = submitted;
    ctx.logger.warn(
      { ...ctx.trace, queue: job.queue, job: job.name, jobId: job.id, issue: outcome.issue },
      'createAsn result not readable',
    );
  }
  return createAsnOrderResponse(content.asnNumber, 'accepted; the eTower inbound order follows by getAsnList');
}

/** getAsnList: from ASN state (kept fresh by the poller), totals per SKU. Unknown or failed ones are named in message. */
export async function getAsnList(content: ContentOf<'getAsnList'>, ctx: MethodContext) {
  const states = await ctx.asns.getMany(ctx.tenant.accessId, content.asnNumbers);
  const list: AsnListItem[] = [];
  const notes: string[] = [];
  for (const asnNumber of content.asnNumbers) {
    const state = states.get(asnNumber);
    if (!state) {
      notes.push(notKeptMessage('ASN', asnNumber, ctx.env.DOCUMENT_RETENTION_MS));
      continue;
    }
    const item = asnListItem(state);
    if ('failed' in item) notes.push(`${asnNumber}: ${item.failed}`);
    else list.push(item);
  }
  return { ...getAsnListResponse(list), message: notes.join('; ') };
}

/** cancelAsnOrder: per ASN, by the cancel rule (cancel-asn.ts); success only when every one is cancelled. */
export async function cancelAsnOrder(content: ContentOf<'cancelAsnOrder'>, ctx: MethodContext) {
  const results = [];
  for (const asnNumber of content.asnNumbers) {
    const outcome = await cancelAsn(asnNumber, {
      tenant: ctx.tenant.accessId,
      asns: ctx.asns,
      jobs: ctx.jobs,
      waitForCreate: async (n) => {
        await ctx.waiter.wait(jobRef('createAsn', { tenant: ctx.tenant.accessId, asn: { asnNumber: n } }));
      },
    });
    results.push({ asnNumber, ok: outcome.ok, info: outcome.info });
  }
  return cancelAsnOrderResponse(results);
}
