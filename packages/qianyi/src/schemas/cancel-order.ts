// cancelOrder (seed §6).
import type { z } from 'zod';
import { id, optId } from './bounded';
import { obj } from './coerce';
import { ID_LENGTH } from './limits';

export const cancelOrderContentSchema = obj({
  orderNumber: id(ID_LENGTH.orderNumber),
  warehouseCode: optId(ID_LENGTH.warehouseCode),
  warehouseOrderNumber: optId(ID_LENGTH.warehouseOrderNumber),
});

export type CancelOrderContent = z.output<typeof cancelOrderContentSchema>;
