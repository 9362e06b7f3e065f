// syncInventory (seed §8). The seed's example sends "pageSize " with a trailing space and the
// numbers as strings; content.ts trims keys and quantity() accepts "50".
// pageSize is bounded only like any count (1..999,999,999): Qianyi's sample uses 1000; clamping it to a page
// the snapshot serves is the server's business. warehouseSku is an SKU: longer than eTower's 30 it names none.
import type { z } from 'zod';
import { id, optId, quantity } from './bounded';
import { obj } from './coerce';
import { ID_LENGTH } from './limits';

export const syncInventoryContentSchema = obj({
  pageSize: quantity(),
  page: quantity(),
  warehouseCode: id(ID_LENGTH.warehouseCode),
  warehouseSku: optId(ID_LENGTH.sku),
});

export type SyncInventoryContent = z.output<typeof syncInventoryContentSchema>;
