// getOrder (seed §7): one order per call.
import type { z } from 'zod';
import { obj, optStr, str } from './coerce';

export const getOrderContentSchema = obj({
  orderNumber: str(),
  warehouseCode: optStr(),
  warehouseOrderNumber: optStr(),
});

export type GetOrderContent = z.output<typeof getOrderContentSchema>;
