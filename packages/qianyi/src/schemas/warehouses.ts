// warehouses (seed §3): the table lists no request fields; the doc's signing sample shows
// page, pageSize and warehouseCode, so those are read when present. Content may be empty.
import type { z } from 'zod';
import { obj, optNum, optStr } from './coerce';

export const warehousesContentSchema = obj({
  page: optNum(),
  pageSize: optNum(),
  warehouseCode: optStr(),
});

export type WarehousesContent = z.output<typeof warehousesContentSchema>;
