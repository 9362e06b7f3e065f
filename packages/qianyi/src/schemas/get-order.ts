// getOrder (seed §7): one order per call.
import type { z } from 'zod';
import { id, optId } from './bounded';
import { obj } from './coerce';
import { ID_LENGTH } from './limits';

export const getOrderContentSchema = obj({
  orderNumber: id(ID_LENGTH.orderNumber),
  warehouseCode: optId(ID_LENGTH.warehouseCode),
  warehouseOrderNumber: optId(ID_LENGTH.warehouseOrderNumber),
});

export type GetOrderContent = z.output<typeof getOrderContentSchema>;
