import { KEY_PREFIX } from '@bridge/runtime';
import { escapePart, unescapePart } from './escape-part';

/**
 * A key of one kind: the `{bridge}` hash tag (Redis Cluster puts every key in one slot, which the Lua scripts need),
 * the kind, then the parts. Every part but the last is escaped for ':' (state/escape-part.ts), so the last part
 * starts after the kind's fixed number of ':'s and may itself hold any character. Two different inputs therefore
 * never share a key, provided a kind always has the same number of parts (the test checks it), and the document
 * (order, ASN, SKU, warehouse), which is always last, keeps its key as it was before the encoding whatever it holds.
 */
function key(kind: string, ...parts: string[]): string {
  let k = `${KEY_PREFIX}:${kind}`;
  const last = parts.length - 1;
  for (let i = 0; i < last; i++) k += `:${escapePart(parts[i]!, ':')}`;
  return last >= 0 ? `${k}:${parts[last]}` : k;
}

const ASN_RECORD = 'asn-record';

/** Every key of the state store, in one place. Tenants are keyed by their accessId. */
export const keys = {
  catalog: (tenant: string) => key('catalog', tenant),
  catalogError: (tenant: string) => key('catalog-error', tenant),
  order: (tenant: string, orderNumber: string) => key('order', tenant, orderNumber),
  /** A self-shipped order's label (Base64 PDF), kept out of job data and logs; expires (orders/order-store.ts). */
  orderLabel: (tenant: string, orderNumber: string) => key('order-label', tenant, orderNumber),
  orderHistory: (tenant: string, orderNumber: string) => key('order-history', tenant, orderNumber),
  /** Orders eTower may still change: sorted by when they entered, read by the poller. */
  openOrders: (tenant: string) => key('open-orders', tenant),
  /** Highest order version delivered to Qianyi, so a late retry of an older push is dropped. */
  orderDelivered: (tenant: string, orderNumber: string) => key('order-delivered', tenant, orderNumber),
  /**
   * A tenant's finished documents of one kind, scored by when they last changed: the retention sweep deletes those
   * older than DOCUMENT_RETENTION_MS (retention/sweep-expired.ts). Written by the phase compare-and-set.
   */
  expiring: (tenant: string, kind: 'order' | 'asn' | 'sku') => key('expiring', tenant, kind),
  /** Documents whose newest change may not have a push job yet: "<kind>\n<tenant>\n<id>" by time. */
  pushOutbox: key('push-outbox'),
  /** Held while a tenant's orders or ASNs are being polled, so that two polls never overlap. */
  pollLock: (tenant: string, kind: 'orders' | 'asns') => key('poll-lock', tenant, kind),
  pushLock: (tenant: string, kind: string, id: string) => key('push-lock', tenant, kind, id),
  // Inventory snapshots (inventory/snapshot-store.ts): one version per tenant build, swapped by a pointer.
  inventoryCurrent: (tenant: string) => key('inventory-current', tenant),
  inventorySeq: (tenant: string) => key('inventory-seq', tenant),
  /** warehouseCode -> row count of one version (also says which warehouses the version holds). */
  inventoryMeta: (tenant: string, version: string) => key('inventory-meta', tenant, version),
  /** Pre-serialised Qianyi rows of one version and warehouse, sorted by SKU: a page is one LRANGE. */
  inventoryRows: (tenant: string, version: string, warehouse: string) =>
    key('inventory-rows', tenant, version, warehouse),
  /** sku -> row of one version and warehouse, for the warehouseSku filter. */
  inventoryIndex: (tenant: string, version: string, warehouse: string) =>
    key('inventory-index', tenant, version, warehouse),
  /** The version a Qianyi sweep of one warehouse started on (page 1 pins it; later pages read it). */
  inventorySweep: (tenant: string, warehouse: string) => key('inventory-sweep', tenant, warehouse),
  // Products (skus/*).
  sku: (tenant: string, sku: string) => key('sku', tenant, sku),
  skuHistory: (tenant: string, sku: string) => key('sku-history', tenant, sku),
  /** SKUs waiting for product/create: score = when they may be claimed (a claim leases them for a while). */
  skuPending: (tenant: string) => key('sku-pending', tenant),
  /** Products are not polled: the "open" set their store is given, never written nor read. */
  skuNeverPolled: (tenant: string) => key('sku-never-polled', tenant),
  // Inbound orders (asn/*). The record's kind is not `asn`: that is a queue's name, and BullMQ's keys of the asn
  // queue are `{bridge}:asn:…` too (tenant `repeat` with an ASN numbered like a scheduler id would have shared one).
  asn: (tenant: string, asnNumber: string) => key(ASN_RECORD, tenant, asnNumber),
  asnHistory: (tenant: string, asnNumber: string) => key('asn-history', tenant, asnNumber),
  openAsns: (tenant: string) => key('open-asns', tenant),
  asnDelivered: (tenant: string, asnNumber: string) => key('asn-delivered', tenant, asnNumber),
  /** Quantities Qianyi has been told of, and the push that may be in flight (asn/deliver-asn-push.ts). */
  asnPushLedger: (tenant: string, asnNumber: string) => key('asn-push-ledger', tenant, asnNumber),
};

/** A literal for a SCAN/ZSCAN MATCH pattern: its glob characters escaped (a tenant or number may hold any). */
export const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

/** Where a tenant's ASN records were kept before they had a kind of their own (state/migrate-asn-record-keys.ts). */
export const legacyAsnRecordPrefix = (tenant: string) => key('asn', tenant, '');

/**
 * Finding a document's record under any tenant (the operator CLI, given nothing but an order or ASN number): a
 * SCAN pattern for its keys, and the tenant a found key belongs to (undefined for a key of another document whose
 * number ends in `:<id>`, or one written before tenants were escaped).
 */
const RECORD_KIND = { order: 'order', asn: ASN_RECORD } as const;
export const recordKeyLookup = {
  pattern: (kind: 'order' | 'asn', id: string): string => `${globEscape(key(RECORD_KIND[kind]))}:*:${globEscape(id)}`,
  tenantOf(kind: 'order' | 'asn', id: string, found: string): string | undefined {
    const head = `${key(RECORD_KIND[kind])}:`;
    const tail = `:${id}`;
    if (found.length < head.length + tail.length || !found.startsWith(head) || !found.endsWith(tail)) return undefined;
    const tenant = found.slice(head.length, found.length - tail.length);
    return tenant.includes(':') ? undefined : unescapePart(tenant);
  },
};
