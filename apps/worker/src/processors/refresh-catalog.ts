import { refreshCatalog, type JobPayload } from '@bridge/core';
import type { ProcessorContext } from './context';

export function processRefreshCatalog(payload: JobPayload<'refreshCatalog'>, ctx: ProcessorContext) {
  return refreshCatalog(payload.tenant, { etower: ctx.tenants.etower(payload.tenant), store: ctx.catalogStore });
}
