import { poLines } from './po-view';
import { seedQuantities, seedSkuIndex, seedSkuName, STOCKED_WAREHOUSES, findWarehouse, type Quantities } from './seed';
import type { SimulatorState } from './state';

// Stock per (warehouse, sku) = seeded (or overridden) quantities + what inbound orders have put away
// (available) or still announce (incoming). Outbound orders do not reserve stock in the sandbox.

const key = (warehouseCode: string, sku: string) => `${warehouseCode}|${sku}`;
const zero = (): Quantities => ({ availableInventory: 0, incomingInventory: 0, outgoingInventory: 0, unsellableInventory: 0 });

function baseQuantities(state: SimulatorState, warehouseCode: string, sku: string): Quantities | undefined {
  const override = state.inventoryOverrides.get(key(warehouseCode, sku));
  if (override) {
    const extra = state.generation - override.generation;
    return {
      availableInventory: override.availableInventory + extra * 10,
      incomingInventory: override.incomingInventory + extra,
      outgoingInventory: override.outgoingInventory + extra,
      unsellableInventory: override.unsellableInventory + extra,
    };
  }
  const w = (STOCKED_WAREHOUSES as readonly string[]).indexOf(warehouseCode);
  const index = seedSkuIndex(sku, state.options.skuCount);
  if (w >= 0 && index !== undefined) return seedQuantities(index, w, state.generation);
  if (w >= 0 && state.products.has(sku)) return zero();
  return undefined;
}

/** Every SKU, sorted, with its quantities per warehouse. */
export function inventoryRecords(state: SimulatorState): Array<{ sku: string; warehouses: Array<{ warehouseCode: string; q: Quantities }> }> {
  const receipts = new Map<string, Quantities>();
  const now = state.now();
  for (const po of state.pos.values()) {
    if (po.forced?.status === 900) continue;
    for (const line of poLines(po, now, state.options)) {
      const k = key(po.warehouseCode, line.sku);
      const q = receipts.get(k) ?? zero();
      q.availableInventory += line.put;
      q.incomingInventory += Math.max(0, line.forecast - line.put);
      receipts.set(k, q);
    }
  }
  const skus = new Set<string>();
  for (let i = 1; i <= state.options.skuCount; i += 1) skus.add(seedSkuName(i));
  for (const sku of state.products.keys()) skus.add(sku);
  const warehouseCodes = new Set<string>(STOCKED_WAREHOUSES);
  for (const k of [...state.inventoryOverrides.keys(), ...receipts.keys()]) {
    const [wh = '', sku = ''] = k.split('|');
    warehouseCodes.add(wh);
    skus.add(sku);
  }
  return [...skus].sort().map((sku) => ({
    sku,
    warehouses: [...warehouseCodes].flatMap((warehouseCode) => {
      const base = baseQuantities(state, warehouseCode, sku);
      const extra = receipts.get(key(warehouseCode, sku));
      if (!base && !extra) return [];
      const q = base ?? zero();
      if (extra) {
        q.availableInventory += extra.availableInventory;
        q.incomingInventory += extra.incomingInventory;
      }
      return [{ warehouseCode, q }];
    }),
  })).filter((r) => r.warehouses.length > 0);
}

export function warehouseNameOf(code: string): string {
  return findWarehouse(code)?.warehouseName ?? code;
}

export { key as inventoryKey };
