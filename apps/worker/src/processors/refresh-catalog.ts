import { refreshCatalog, type JobPayload } from '@bridge/core';
import type { JobRun, ProcessorContext } from './context';

export function processRefreshCatalog(payload: JobPayload<'refreshCatalog'>, ctx: ProcessorContext, run: JobRun) {
  return refreshCatalog(payload.tenant, {
    etower: ctx.tenants.etower(payload.tenant, run.signal),
    store: ctx.catalogStore,
  });
}
