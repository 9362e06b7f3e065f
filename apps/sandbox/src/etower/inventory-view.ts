import { poLines } from './po-view';
import { seedQuantities, seedSkuIndex, seedSkuName, STOCKED_WAREHOUSES, findWarehouse, type Quantities } from './seed';
import type { SimulatorState } from './state';

// Stock per (warehouse, sku) = seeded (or overridden) quantities + what inbound orders have put away
// (available) or still announce (incoming). Outbound orders do not reserve stock in the sandbox.

const key = (warehouseCode: string, sku: string) => `${warehouseCode}|${sku}`;
const zero = (): Quantities => ({
  availableInventory: 0,
  incomingInventory: 0,
  outgoingInventory: 0,
  unsellableInventory: 0,
});

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

export interface InventoryRecord {
  sku: string;
  warehouses: Array<{ warehouseCode: string; q: Quantities }>;
}

// Sorting 100,000 SKU names for every page made a full walk quadratic; the sorted list only changes when the
// set of SKUs does (seeded count, products, overrides, inbound orders), so it is kept until then, with whether
// each SKU is seeded or a created product (then every stocked warehouse lists it).
interface SortedSkus {
  stamp: string;
  skus: string[];
  stockedEverywhere: boolean[];
}
const sortedCache = new WeakMap<SimulatorState, SortedSkus>();

function sortedSkus(
  state: SimulatorState,
  receipts: ReadonlyMap<string, Quantities>,
): SortedSkus & { warehouseCodes: string[] } {
  const warehouseCodes = new Set<string>(STOCKED_WAREHOUSES);
  const extra = new Set<string>();
  for (const k of [...state.inventoryOverrides.keys(), ...receipts.keys()]) {
    const [wh = '', sku = ''] = k.split('|');
    warehouseCodes.add(wh);
    extra.add(sku);
  }
  const stamp = `${state.options.skuCount}|${state.products.size}|${[...extra].sort().join(',')}`;
  let cached = sortedCache.get(state);
  if (!cached || cached.stamp !== stamp) {
    const all = new Set<string>();
    for (let i = 1; i <= state.options.skuCount; i += 1) all.add(seedSkuName(i));
    for (const sku of state.products.keys()) all.add(sku);
    for (const sku of extra) all.add(sku);
    const skus = [...all].sort();
    cached = {
      stamp,
      skus,
      stockedEverywhere: skus.map(
        (sku) => seedSkuIndex(sku, state.options.skuCount) !== undefined || state.products.has(sku),
      ),
    };
    sortedCache.set(state, cached);
  }
  return { ...cached, warehouseCodes: [...warehouseCodes] };
}

function receiptsOf(state: SimulatorState): Map<string, Quantities> {
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
  return receipts;
}

function recordOf(
  state: SimulatorState,
  sku: string,
  warehouseCodes: readonly string[],
  receipts: ReadonlyMap<string, Quantities>,
): InventoryRecord {
  return {
    sku,
    warehouses: warehouseCodes.flatMap((warehouseCode) => {
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
  };
}

/**
 * One page of the SKUs, sorted, with their quantities per warehouse (optionally only some SKUs and warehouses),
 * and how many SKUs there are in all. Only the page's records are built: a 100,000-SKU walk of 1,000 pages stays
 * linear in its pages.
 */
export function inventoryPage(
  state: SimulatorState,
  filter: { skus?: ReadonlySet<string>; warehouses?: ReadonlySet<string> },
  start: number,
  size: number,
): { total: number; records: InventoryRecord[] } {
  const receipts = receiptsOf(state);
  const { skus, stockedEverywhere, warehouseCodes } = sortedSkus(state, receipts);
  const codes = filter.warehouses?.size ? warehouseCodes.filter((c) => filter.warehouses!.has(c)) : warehouseCodes;
  const anyStocked = codes.some((c) => (STOCKED_WAREHOUSES as readonly string[]).includes(c));
  // Whether recordOf would list the SKU in any of `codes`, without building it.
  const listed = (i: number, sku: string) =>
    (anyStocked && stockedEverywhere[i]) ||
    codes.some((c) => state.inventoryOverrides.has(key(c, sku)) || receipts.has(key(c, sku)));
  let total = 0;
  const records: InventoryRecord[] = [];
  skus.forEach((sku, i) => {
    if ((filter.skus?.size && !filter.skus.has(sku)) || !listed(i, sku)) return;
    if (total >= start && records.length < size) records.push(recordOf(state, sku, codes, receipts));
    total += 1;
  });
  return { total, records };
}

export function warehouseNameOf(code: string): string {
  return findWarehouse(code)?.warehouseName ?? code;
}

export { key as inventoryKey };
