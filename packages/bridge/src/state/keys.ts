import { KEY_PREFIX } from '@bridge/runtime';

/** Every key of the state store, in one place. Tenants are keyed by their accessId. */
export const keys = {
  catalog: (tenant: string) => `${KEY_PREFIX}:catalog:${tenant}`,
  catalogError: (tenant: string) => `${KEY_PREFIX}:catalog-error:${tenant}`,
  order: (tenant: string, orderNumber: string) => `${KEY_PREFIX}:order:${tenant}:${orderNumber}`,
  orderHistory: (tenant: string, orderNumber: string) => `${KEY_PREFIX}:order-history:${tenant}:${orderNumber}`,
  /** Orders eTower may still change: sorted by when they entered, read by the poller. */
  openOrders: (tenant: string) => `${KEY_PREFIX}:open-orders:${tenant}`,
  /** Highest order version delivered to Qianyi, so a late retry of an older push is dropped. */
  orderDelivered: (tenant: string, orderNumber: string) => `${KEY_PREFIX}:order-delivered:${tenant}:${orderNumber}`,
  /** Documents whose newest change may not have a push job yet: "<kind>\n<tenant>\n<id>" by time. */
  pushOutbox: `${KEY_PREFIX}:push-outbox`,
  pushLock: (tenant: string, kind: string, id: string) => `${KEY_PREFIX}:push-lock:${tenant}:${kind}:${id}`,
};
