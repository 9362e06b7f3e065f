import type { EtowerClient } from '@bridge/etower';
import { toQianyiInventoryRow, type QianyiInventoryRow } from './inventory-mapping';
import { checkEmptyRead, checkWalkAgainstTotal } from './snapshot-checks';
import type { InventorySnapshotStore } from './snapshot-store';
import { walkInventory } from './walk-inventory';

export interface RebuildInventoryDeps {
  etower: Pick<EtowerClient, 'inventory'>;
  snapshots: InventorySnapshotStore;
  now?: () => number;
}

/**
 * Use case: read the tenant's whole eTower inventory (every page) and publish it as a new snapshot, one row
 * per (warehouse, SKU). Nothing is published unless the walk finished: a failed page fails the job and the
 * previous snapshot stays current. Nor is a read that is probably wrong (snapshot-checks.ts): one that does not
 * match eTower's own `total`, or an empty one replacing rows before reads have been empty for half an hour; those
 * throw InventoryRebuildRefusedError, which the worker counts and logs.
 */
export async function rebuildInventory(tenant: string, deps: RebuildInventoryDeps) {
  const { byWarehouse, walked, totals } = await readInventory(deps.etower);
  const rows = [...byWarehouse.values()].reduce((n, r) => n + r.length, 0);
  if (rows > 0) await deps.snapshots.clearEmptyReads(tenant);
  checkWalkAgainstTotal({ read: walked.skus, totals, calls: walked.calls, stoppedBecause: walked.stoppedBecause });
  if (rows === 0) {
    const currentRows = await deps.snapshots.currentRows(tenant);
    if (currentRows) {
      const now = (deps.now ?? Date.now)();
      checkEmptyRead(currentRows, await deps.snapshots.noteEmptyRead(tenant, now), now);
    }
  }
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
      if (!rows) {
        rows = [];
        byWarehouse.set(w.warehouseCode, rows);
      }
      rows.push(toQianyiInventoryRow(record.sku, w));
    }
  }
  return {
    byWarehouse,
    totals: walk.totals,
    walked: {
      skus: walk.records.length,
      calls: walk.calls,
      stoppedBecause: walk.stoppedBecause,
      zeroBased: walk.zeroBased,
    },
  };
}
