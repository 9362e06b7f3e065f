import type { JobName } from '@bridge/core';
import type { Processor } from './context';
import { processRefreshCatalog } from './refresh-catalog';

/** Job name -> processor. Every job of the catalog has one; the worker refuses to start otherwise. */
export const PROCESSORS: Record<JobName, Processor> = {
  refreshCatalog: processRefreshCatalog,
};
