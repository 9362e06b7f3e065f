// syncInventory (seed §8). The seed's example sends "pageSize " with a trailing space and the
// numbers as strings; content.ts trims keys and positiveInt() accepts "50".
// pageSize is not capped here: Qianyi's sample uses 1000; clamping is the server's business.
import type { z } from 'zod';
import { obj, optStr, positiveInt, str } from './coerce';

export const syncInventoryContentSchema = obj({
  pageSize: positiveInt(),
  page: positiveInt(),
  warehouseCode: str(),
  warehouseSku: optStr(),
});

export type SyncInventoryContent = z.output<typeof syncInventoryContentSchema>;
