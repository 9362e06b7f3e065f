import type { EtowerClient } from '@bridge/etower';
import { groupByReference, viewOfEtowerOrders, type EtowerOrderView } from './order-status-mapping';

/**
 * What eTower holds under this referenceNo right now (split parts merged), or undefined. `timeZone` is the
 * tenant's etower.timeZone (its default when not given).
 */
export async function readBackOrder(
  etower: EtowerClient,
  orderNumber: string,
  timeZone?: string,
): Promise<EtowerOrderView | undefined> {
  const records = await etower.orderList({ referenceNoList: [orderNumber] });
  return viewOfEtowerOrders(groupByReference(records).get(orderNumber) ?? [], timeZone);
}
