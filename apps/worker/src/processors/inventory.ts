import { rebuildInventory, type JobPayload } from '@bridge/core';
import type { ProcessorContext } from './context';

export function processRebuildInventory(payload: JobPayload<'rebuildInventory'>, ctx: ProcessorContext) {
  return rebuildInventory(payload.tenant, { etower: ctx.tenants.etower(payload.tenant), snapshots: ctx.snapshots });
}
