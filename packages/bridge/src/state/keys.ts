import { KEY_PREFIX } from '@bridge/runtime';

/** Every key of the state store, in one place. Tenants are keyed by their accessId. */
export const keys = {
  catalog: (tenant: string) => `${KEY_PREFIX}:catalog:${tenant}`,
  catalogError: (tenant: string) => `${KEY_PREFIX}:catalog-error:${tenant}`,
  order: (tenant: string, orderNumber: string) => `${KEY_PREFIX}:order:${tenant}:${orderNumber}`,
  /** A self-shipped order's label (Base64 PDF), kept out of job data and logs; expires (orders/order-store.ts). */
  orderLabel: (tenant: string, orderNumber: string) => `${KEY_PREFIX}:order-label:${tenant}:${orderNumber}`,
  orderHistory: (tenant: string, orderNumber: string) => `${KEY_PREFIX}:order-history:${tenant}:${orderNumber}`,
  /** Orders eTower may still change: sorted by when they entered, read by the poller. */
  openOrders: (tenant: string) => `${KEY_PREFIX}:open-orders:${tenant}`,
  /** Highest order version delivered to Qianyi, so a late retry of an older push is dropped. */
  orderDelivered: (tenant: string, orderNumber: string) => `${KEY_PREFIX}:order-delivered:${tenant}:${orderNumber}`,
  /** Documents whose newest change may not have a push job yet: "<kind>\n<tenant>\n<id>" by time. */
  pushOutbox: `${KEY_PREFIX}:push-outbox`,
  /** Held while a tenant's orders or ASNs are being polled, so that two polls never overlap. */
  pollLock: (tenant: string, kind: 'orders' | 'asns') => `${KEY_PREFIX}:poll-lock:${tenant}:${kind}`,
  pushLock: (tenant: string, kind: string, id: string) => `${KEY_PREFIX}:push-lock:${tenant}:${kind}:${id}`,
  // Inventory snapshots (inventory/snapshot-store.ts): one version per tenant build, swapped by a pointer.
  inventoryCurrent: (tenant: string) => `${KEY_PREFIX}:inventory-current:${tenant}`,
  inventorySeq: (tenant: string) => `${KEY_PREFIX}:inventory-seq:${tenant}`,
  /** warehouseCode -> row count of one version (also says which warehouses the version holds). */
  inventoryMeta: (tenant: string, version: string) => `${KEY_PREFIX}:inventory-meta:${tenant}:${version}`,
  /** Pre-serialised Qianyi rows of one version and warehouse, sorted by SKU: a page is one LRANGE. */
  inventoryRows: (tenant: string, version: string, warehouse: string) => `${KEY_PREFIX}:inventory-rows:${tenant}:${version}:${warehouse}`,
  /** sku -> row of one version and warehouse, for the warehouseSku filter. */
  inventoryIndex: (tenant: string, version: string, warehouse: string) => `${KEY_PREFIX}:inventory-index:${tenant}:${version}:${warehouse}`,
  /** The version a Qianyi sweep of one warehouse started on (page 1 pins it; later pages read it). */
  inventorySweep: (tenant: string, warehouse: string) => `${KEY_PREFIX}:inventory-sweep:${tenant}:${warehouse}`,
  // Products (skus/*).
  sku: (tenant: string, sku: string) => `${KEY_PREFIX}:sku:${tenant}:${sku}`,
  skuHistory: (tenant: string, sku: string) => `${KEY_PREFIX}:sku-history:${tenant}:${sku}`,
  /** SKUs waiting for product/create: score = when they may be claimed (a claim leases them for a while). */
  skuPending: (tenant: string) => `${KEY_PREFIX}:sku-pending:${tenant}`,
  // Inbound orders (asn/*).
  asn: (tenant: string, asnNumber: string) => `${KEY_PREFIX}:asn:${tenant}:${asnNumber}`,
  asnHistory: (tenant: string, asnNumber: string) => `${KEY_PREFIX}:asn-history:${tenant}:${asnNumber}`,
  openAsns: (tenant: string) => `${KEY_PREFIX}:open-asns:${tenant}`,
  asnDelivered: (tenant: string, asnNumber: string) => `${KEY_PREFIX}:asn-delivered:${tenant}:${asnNumber}`,
  /** Quantities Qianyi has been told of, and the push that may be in flight (pushes/asn-push-ledger.ts). */
  asnPushLedger: (tenant: string, asnNumber: string) => `${KEY_PREFIX}:asn-push-ledger:${tenant}:${asnNumber}`,
};
