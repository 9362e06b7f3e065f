import { createOrderContentSchema, type CreateOrderContent } from '@bridge/qianyi';
import { initialFields } from '../../src/orders/create-order-at-etower';
import type { OrderStore } from '../../src/orders/order-store';

/** A valid createOrder content (the seed's example, numbered), validated as the ingress would. */
export function orderContent(orderNumber: string): CreateOrderContent {
  return createOrderContentSchema.parse({
    orderNumber,
    onlineOrderId: `ONL-${orderNumber}`,
    shopName: 'shop',
    warehouseCode: 'USWH1',
    logisticsCode: 'USPS Ground',
    platform: 'TIKTOK',
    freight: 20.0,
    codEnabled: 0,
    receiver: {
      name: 'Kim White',
      phone: '1889838055',
      country: 'US',
      state: 'AR',
      city: 'Harrison',
      address1: 'Street 1',
      postalCode: '72601',
    },
    skuList: [{ sku: 'SKU-000001', quantity: 2, amount: 24.5 }],
  });
}

/** The record the ingress writes before the create job: phase `received`, in the poll set. */
export async function recordReceived(store: OrderStore, tenant: string, order: CreateOrderContent): Promise<void> {
  await store.transition(tenant, order.orderNumber, {
    from: 'absent',
    patch: { phase: 'received', ...initialFields(order) },
    notify: false,
    open: 'add',
    note: 'received from Qianyi',
  });
}
