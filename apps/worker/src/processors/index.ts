import type { JobName } from '@bridge/core';
import type { Processor } from './context';
import { processCreateOrder, processPollOrders, processReleaseOrder } from './orders';
import { processDrainOutbox, processPushOrderInfo } from './pushes';
import { processRefreshCatalog } from './refresh-catalog';
import { processCreateAsn, processPollAsns, processPushAsnInfo } from './asn';
import { processRebuildInventory } from './inventory';
import { processCreateProducts } from './skus';
import { processSweepExpired } from './sweep-expired';

/** Job name -> processor. The type makes every job of the catalog have one. */
export const PROCESSORS: Record<JobName, Processor> = {
  refreshCatalog: processRefreshCatalog,
  createOrder: processCreateOrder,
  releaseOrder: processReleaseOrder,
  pollOrders: processPollOrders,
  pushOrderInfo: processPushOrderInfo,
  drainOutbox: processDrainOutbox,
  rebuildInventory: processRebuildInventory,
  createProducts: processCreateProducts,
  createAsn: processCreateAsn,
  pollAsns: processPollAsns,
  pushAsnInfo: processPushAsnInfo,
  sweepExpired: processSweepExpired,
};
