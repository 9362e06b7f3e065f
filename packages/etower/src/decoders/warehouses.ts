import { z } from 'zod';
import { id, list, num, text } from '../envelope';

// warehouseServiceList (reference §3.1). serviceName, not serviceCode, identifies a service within a
// warehouse and is what createOrders expects as channelCode.
export const warehouseServiceSchema = z.object({
  serviceCode: text,
  serviceName: id,
  serviceType: num,
  serviceTypeName: text,
  active: num,
  activeMsg: text,
});

export const warehouseSchema = z.object({
  warehouseCode: id,
  warehouseName: text,
  countryCode: text,
  serviceList: list(warehouseServiceSchema),
});

export const warehouseListSchema = list(warehouseSchema);

export type EtowerWarehouseService = z.output<typeof warehouseServiceSchema>;
export type EtowerWarehouse = z.output<typeof warehouseSchema>;
