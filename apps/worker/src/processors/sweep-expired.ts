import { sweepExpired, sweepIntervalMs, type JobPayload } from '@bridge/core';
import type { ProcessorContext } from './context';

export function processSweepExpired(payload: JobPayload<'sweepExpired'>, ctx: ProcessorContext) {
  const retentionMs = ctx.env.DOCUMENT_RETENTION_MS;
  return sweepExpired({
    redis: ctx.redis,
    tenant: payload.tenant,
    retentionMs,
    recheckMs: sweepIntervalMs(retentionMs),
  });
}
