// warehouses (seed §3): the table lists no request fields; the doc's signing sample shows
// page, pageSize and warehouseCode, so those are read when present. Content may be empty.
// page and pageSize do not narrow the answer (every warehouse is listed); they are still held to a count's
// bounds, 0 allowed, so that no absurd value is recorded in a log or metric as if it meant something.
import type { z } from 'zod';
import { optId, optQuantity } from './bounded';
import { obj } from './coerce';
import { ID_LENGTH } from './limits';

export const warehousesContentSchema = obj({
  page: optQuantity(0),
  pageSize: optQuantity(0),
  warehouseCode: optId(ID_LENGTH.warehouseCode),
});

export type WarehousesContent = z.output<typeof warehousesContentSchema>;
