import { KEY_PREFIX } from '@bridge/runtime';
import { escapePart } from './escape-part';
import { globEscape, keys, legacyAsnRecordPrefix } from './keys';

/**
 * Where each kind of a tenant's keys is, for removing everything a tenant taken out of the configuration left in
 * Redis (tenants/forget-tenant.ts). One entry per kind of `keys` but the shared ones; the compiler and
 * test/tenant-keys.test.ts fail when a kind is added to `keys` without an entry here.
 */

/** Kinds of `keys` that no one tenant owns; forgetting a tenant removes its entries from them instead. */
export const SHARED_KEY_KINDS = ['pushOutbox'] as const satisfies ReadonlyArray<keyof typeof keys>;

export type TenantKeyKind = Exclude<keyof typeof keys, (typeof SHARED_KEY_KINDS)[number]> | 'legacyAsnRecord';

export type TenantKeyLocator =
  /** The tenant has one key of this kind (the tenant is its last part). */
  | { key: (tenant: string) => string }
  /**
   * Every key starting with `prefix` is the tenant's (the tenant is followed by more parts). `recordsOnly`: only
   * those that are a document record (a hash with a phase), because other keys share the prefix.
   */
  | { prefix: (tenant: string) => string; recordsOnly?: true };

const one = (key: (tenant: string) => string): TenantKeyLocator => ({ key });

/**
 * The tenant's keys of the kind `sample` builds (with any values for the parts after the tenant): the key up to
 * and including the ':' after the tenant. The tenant is escaped for ':' and neither the hash tag nor a kind holds
 * one, so that is the third ':'; every key of the kind and tenant starts with it, and no key of another does.
 */
const under = (sample: (tenant: string) => string): TenantKeyLocator => ({
  prefix: (tenant) => {
    const key = sample(tenant);
    let at = -1;
    for (let i = 0; i < 3; i++) at = key.indexOf(':', at + 1);
    return key.slice(0, at + 1);
  },
});

export const TENANT_KEYS: Readonly<Record<TenantKeyKind, TenantKeyLocator>> = {
  catalog: one(keys.catalog),
  catalogError: one(keys.catalogError),
  order: under((t) => keys.order(t, '')),
  orderLabel: under((t) => keys.orderLabel(t, '')),
  orderHistory: under((t) => keys.orderHistory(t, '')),
  openOrders: one(keys.openOrders),
  orderDelivered: under((t) => keys.orderDelivered(t, '')),
  // By prefix rather than one key per document kind: a kind added to the union is covered too.
  expiring: under((t) => keys.expiring(t, 'order')),
  pollLock: under((t) => keys.pollLock(t, 'orders')),
  pushLock: under((t) => keys.pushLock(t, '', '')),
  inventoryCurrent: one(keys.inventoryCurrent),
  inventorySeq: one(keys.inventorySeq),
  inventoryMeta: under((t) => keys.inventoryMeta(t, '')),
  inventoryRows: under((t) => keys.inventoryRows(t, '', '')),
  inventoryIndex: under((t) => keys.inventoryIndex(t, '', '')),
  inventorySweep: under((t) => keys.inventorySweep(t, '')),
  sku: under((t) => keys.sku(t, '')),
  skuHistory: under((t) => keys.skuHistory(t, '')),
  skuPending: one(keys.skuPending),
  skuNeverPolled: one(keys.skuNeverPolled),
  asn: under((t) => keys.asn(t, '')),
  asnHistory: under((t) => keys.asnHistory(t, '')),
  openAsns: one(keys.openAsns),
  asnDelivered: under((t) => keys.asnDelivered(t, '')),
  asnPushLedger: under((t) => keys.asnPushLedger(t, '')),
  // ASN records of a Redis written before they had a kind of their own, of a tenant no worker migrated
  // (state/migrate-asn-record-keys.ts): the asn queue's BullMQ keys share the prefix, hence records only.
  legacyAsnRecord: { prefix: legacyAsnRecordPrefix, recordsOnly: true },
};

export const TENANT_KEY_KINDS = Object.keys(TENANT_KEYS) as TenantKeyKind[];

/**
 * One tenant's keys as a SCAN finds them: one MATCH pattern for every kind found by prefix (a key with the
 * escaped tenant between two ':' after the hash tag), the kind of a found key (undefined for a key that only
 * looks like it: another kind, a BullMQ key, another tenant's document whose number holds `:<tenant>:`), and the
 * keys named outright.
 */
export interface TenantKeyMatcher {
  pattern: string;
  kindOf(key: string): { kind: TenantKeyKind; recordsOnly: boolean } | undefined;
  named: ReadonlyArray<{ kind: TenantKeyKind; key: string }>;
}

export function tenantKeyMatcher(tenant: string): TenantKeyMatcher {
  const prefixes: Array<{ kind: TenantKeyKind; prefix: string; recordsOnly: boolean }> = [];
  const named: Array<{ kind: TenantKeyKind; key: string }> = [];
  for (const kind of TENANT_KEY_KINDS) {
    const locator = TENANT_KEYS[kind];
    if ('key' in locator) named.push({ kind, key: locator.key(tenant) });
    else prefixes.push({ kind, prefix: locator.prefix(tenant), recordsOnly: locator.recordsOnly === true });
  }
  return {
    pattern: `${globEscape(KEY_PREFIX)}:*:${globEscape(escapePart(tenant, ':'))}:*`,
    kindOf(key) {
      // Prefixes differ in their kind, and no kind holds a ':': at most one matches.
      const found = prefixes.find((p) => key.startsWith(p.prefix));
      return found && { kind: found.kind, recordsOnly: found.recordsOnly };
    },
    named,
  };
}
