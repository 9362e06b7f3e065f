import { createPendingProducts, type JobPayload } from '@bridge/core';
import type { ProcessorContext } from './context';

export function processCreateProducts(payload: JobPayload<'createProducts'>, ctx: ProcessorContext) {
  return createPendingProducts({ tenant: payload.tenant, etower: ctx.tenants.etower(payload.tenant), skus: ctx.skus, redis: ctx.redis });
}
