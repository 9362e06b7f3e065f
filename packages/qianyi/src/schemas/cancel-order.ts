// cancelOrder (seed §6).
import type { z } from 'zod';
import { obj, optStr, str } from './coerce';

export const cancelOrderContentSchema = obj({
  orderNumber: str(),
  warehouseCode: optStr(),
  warehouseOrderNumber: optStr(),
});

export type CancelOrderContent = z.output<typeof cancelOrderContentSchema>;
