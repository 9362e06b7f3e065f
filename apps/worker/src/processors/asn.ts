import { createAsnOrderContentSchema } from '@bridge/qianyi';
import {
  AsnRefusedError,
  POLL_LOCK_MS,
  UnrecoverableError,
  createAsnAtEtower,
  createJobsOf,
  deliverAsnPush,
  jobRef,
  keys,
  pollOpenAsns,
  runExclusive,
  type JobPayload,
} from '@bridge/core';
import type { JobRun, ProcessorContext } from './context';

export async function processCreateAsn(payload: JobPayload<'createAsn'>, ctx: ProcessorContext, run: JobRun) {
  const asn = createAsnOrderContentSchema.safeParse(payload.asn);
  if (!asn.success)
    throw new UnrecoverableError(`createAsn payload no longer matches the schema: ${asn.error.message}`);
  try {
    return await createAsnAtEtower(asn.data, {
      tenant: ctx.tenants.require(payload.tenant),
      etower: ctx.tenants.etower(payload.tenant, run.signal),
      asns: ctx.asns,
      pushes: ctx.pushes,
      finalAttempt: run.finalAttempt,
    });
  } catch (err) {
    // Recorded as failed already: BullMQ must not try again.
    if (err instanceof AsnRefusedError) throw new UnrecoverableError(err.message);
    throw err;
  }
}

export async function processPollAsns(payload: JobPayload<'pollAsns'>, ctx: ProcessorContext, run: JobRun) {
  // One poll per tenant at a time (see processPollOrders).
  const poll = await runExclusive(ctx.redis, keys.pollLock(payload.tenant, 'asns'), POLL_LOCK_MS, () =>
    pollOpenAsns({
      tenant: payload.tenant,
      etower: ctx.tenants.etower(payload.tenant, run.signal),
      asns: ctx.asns,
      pushes: ctx.pushes,
      createJobs: createJobsOf(ctx.jobs, (asnNumber) =>
        jobRef('createAsn', { tenant: payload.tenant, asn: { asnNumber } }),
      ),
    }),
  );
  return poll.locked ? poll.value : { skipped: 'another poll of this tenant is running' };
}

export async function processPushAsnInfo(payload: JobPayload<'pushAsnInfo'>, ctx: ProcessorContext, run: JobRun) {
  const outcome = await deliverAsnPush(payload.asnNumber, payload.version, {
    asns: ctx.asns,
    redis: ctx.redis,
    tenant: ctx.tenants.require(payload.tenant),
    quantities: ctx.env.ASN_PUSH_QUANTITIES,
    replicas: ctx.replicas,
    signal: run.signal,
  });
  // Another delivery of this ASN holds its lock: this one goes after it.
  if (outcome === 'busy') return run.retryWhenFree();
  return { outcome };
}
