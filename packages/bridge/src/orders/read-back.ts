import type { EtowerClient } from '@bridge/etower';
import { groupByReference, viewOfEtowerOrders, type EtowerOrderView } from './order-status-mapping';

/** What eTower holds under this referenceNo right now (split parts merged), or undefined. */
export async function readBackOrder(etower: EtowerClient, orderNumber: string): Promise<EtowerOrderView | undefined> {
  const records = await etower.orderList({ referenceNoList: [orderNumber] });
  return viewOfEtowerOrders(groupByReference(records).get(orderNumber) ?? []);
}
