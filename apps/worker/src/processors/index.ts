import type { JobName } from '@bridge/core';
import type { JobRun, Processor, ProcessorContext } from './context';
import { processCreateOrder, processPollOrders, processReleaseOrder } from './orders';
import { processDrainOutbox, processPushOrderInfo } from './pushes';
import { processRefreshCatalog } from './refresh-catalog';
import { processCreateAsn, processPollAsns, processPushAsnInfo } from './asn';
import { processRebuildInventory } from './inventory';
import { processCreateProducts } from './skus';
import { processSweepExpired } from './sweep-expired';

/** Job name -> processor, each typed by its job's payload. The type makes every job of the catalog have one. */
const TYPED: { [N in JobName]: Processor<N> } = {
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

/** The processor of a job picked by its name at run time: the runner parses the payload with the same catalog entry first. */
export type AnyProcessor = (payload: unknown, ctx: ProcessorContext, run: JobRun) => Promise<unknown>;
export const PROCESSORS = TYPED as unknown as Record<JobName, AnyProcessor>;
