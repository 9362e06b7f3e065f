import type { EtowerClient } from '@bridge/etower';
import { toQianyiInventoryRow, type QianyiInventoryRow } from './inventory-mapping';
import type { InventorySnapshotStore } from './snapshot-store';
import { walkInventory } from './walk-inventory';

export interface RebuildInventoryDeps {
  etower: Pick<EtowerClient, 'inventory'>;
  snapshots: InventorySnapshotStore;
}

/**
 * Use case: read the tenant's whole eTower inventory (every page) and publish it as a new snapshot, one row
 * per (warehouse, SKU). Nothing is published unless the walk finished: a failed page fails the job and the
 * previous snapshot stays current.
 */
export async function rebuildInventory(tenant: string, deps: RebuildInventoryDeps) {
  const { byWarehouse, walked } = await readInventory(deps.etower);
  const published = await deps.snapshots.publish(tenant, byWarehouse);
  return {
    ...published,
    ...walked,
    warehouses: Object.fromEntries([...byWarehouse].map(([w, rows]) => [w, rows.length])),
  };
}

/**
 * The walk's rows per warehouse. eTower's records are dropped once mapped (only this frame holds them), so a
 * 100,000-SKU build does not keep both through the snapshot's writing.
 */
async function readInventory(etower: RebuildInventoryDeps['etower']) {
  const walk = await walkInventory(etower);
  const byWarehouse = new Map<string, QianyiInventoryRow[]>();
  for (const record of walk.records) {
    for (const w of record.warehouses) {
      if (!w.warehouseCode) continue;
      let rows = byWarehouse.get(w.warehouseCode);
      if (!rows) byWarehouse.set(w.warehouseCode, (rows = []));
      rows.push(toQianyiInventoryRow(record.sku, w));
    }
  }
  return { byWarehouse, walked: { skus: walk.records.length, calls: walk.calls, stoppedBecause: walk.stoppedBecause, zeroBased: walk.zeroBased } };
}
