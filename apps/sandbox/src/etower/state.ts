import type { Base64Flavour } from '@bridge/etower/signing';
import type { ResolvedSimulatorOptions } from './options';
import type { Quantities } from './seed';
import { seedSkuIndex } from './seed';
import type { Fault } from './faults';

// Everything the simulator remembers, in memory. Statuses are not stored: they are computed from
// timestamps when read (order-view.ts, po-view.ts), so there are no timers to clean up.

export interface SimOrderLine {
  sku: string;
  quantity: number;
}

export interface SimOrder {
  orderNo: string;
  referenceNo: string;
  originOrderNo?: string;
  originReferenceNo?: string;
  facility: string;
  serviceName: string;
  serviceCode: string;
  carrier: string;
  trackingNo: string;
  keepShipService: boolean;
  remark: string;
  createdAt: number;
  /** null = draft (isNeedConfirm false) not yet released. */
  confirmedAt: number | null;
  forced?: { status: number; statusMsg?: string; abnormalCauses?: string; at: number };
  lines: SimOrderLine[];
  /** The order as the client sent it (label data shortened), for tests to see what was mapped. */
  request?: Record<string, unknown>;
}

export interface SimPoLine {
  sku: string;
  forecast: number;
  /** Set once the control API receives this po by hand; automatic progression stops then. */
  manualPut?: number;
  manualAt?: number;
}

export interface SimPo {
  orderNo: string;
  referenceNo: string;
  shippingPlanNo: string;
  warehouseCode: string;
  shipperName: string;
  boxNumber: number;
  totalVolumeCm3: number;
  createdAt: number;
  manual: boolean;
  forced?: { status: number; statusMsg?: string };
  lines: SimPoLine[];
  request: unknown;
}

export interface SimProduct {
  sku: string;
  barcode: string;
  skuNameEn: string;
  skuNameCn: string;
  createdAt: number;
}

export interface InventoryOverride extends Quantities {
  generation: number;
}

export interface SimStats {
  calls: Record<string, number>;
  createOrderAttempts: Record<string, number>;
  /**
   * createOrders items processed whose answer never reached the client (cut by a `short-array` fault). The client
   * cannot know what became of those, so sending them again is expected; after a refusal that arrived it must not.
   * (A `delay` fault past the client's timeout loses nothing: the client's abort ends the request before the route.)
   */
  createOrderAnswersLost: Record<string, number>;
  ordersCreated: Record<string, number>;
  confirmations: Record<string, number>;
  poAttempts: Record<string, number>;
  posCreated: Record<string, number>;
  productAttempts: Record<string, number>;
  productsCreated: Record<string, number>;
  /** Size of every product/create request, in order (batching checks). */
  productBatchSizes: number[];
  unauthorized: number;
  faultsApplied: number;
}

const emptyStats = (): SimStats => ({
  calls: {},
  createOrderAttempts: {},
  createOrderAnswersLost: {},
  ordersCreated: {},
  confirmations: {},
  poAttempts: {},
  posCreated: {},
  productAttempts: {},
  productsCreated: {},
  productBatchSizes: [],
  unauthorized: 0,
  faultsApplied: 0,
});

const PER_DOCUMENT = [
  'createOrderAttempts',
  'createOrderAnswersLost',
  'ordersCreated',
  'confirmations',
  'poAttempts',
  'posCreated',
  'productAttempts',
  'productsCreated',
] as const satisfies ReadonlyArray<keyof SimStats>;

export interface DocumentTally {
  /** Distinct documents (reference numbers, SKUs) under the prefix. */
  documents: number;
  /** Their counts added up: more than `documents` when one was counted twice (a duplicate create). */
  total: number;
}

/**
 * Every per-document counter reduced to two numbers for the keys under `prefix`. What a benchmark waiting for
 * its 6,000 orders needs ten times a second, without the counters themselves on the wire.
 */
export function tallyWithPrefix(stats: SimStats, prefix: string): Record<(typeof PER_DOCUMENT)[number], DocumentTally> {
  const tally = {} as Record<(typeof PER_DOCUMENT)[number], DocumentTally>;
  for (const name of PER_DOCUMENT) {
    const counter = stats[name] as Record<string, number>;
    let documents = 0;
    let total = 0;
    for (const key in counter) {
      if (!key.startsWith(prefix)) continue;
      documents += 1;
      total += counter[key]!;
    }
    tally[name] = { documents, total };
  }
  return tally;
}

export const bump = (counter: Record<string, number>, key: string): void => {
  counter[key] = (counter[key] ?? 0) + 1;
};

export class SimulatorState {
  /** Every order in creation order. Add with addOrder, so the lookups below stay in step. */
  orders: SimOrder[] = [];
  // Indexes over `orders`: a scan per lookup made the simulator, not the bridge, the bottleneck of the
  // benchmarks (the duplicate check of every create scanned all orders: 50,000 seeded orders took minutes).
  private byReference = new Map<string, SimOrder[]>();
  private byNumber = new Map<string, SimOrder>();
  pos = new Map<string, SimPo>();
  products = new Map<string, SimProduct>();
  /** Key `${warehouseCode}|${sku}`. */
  inventoryOverrides = new Map<string, InventoryOverride>();
  generation = 0;
  faults: Fault[] = [];
  stats: SimStats = emptyStats();
  /** How requests are authenticated; starts from the options, changed through the control API. */
  auth: { signatureFlavours: Base64Flavour[]; clockOffsetMs: number };
  private sequence = 0;

  constructor(readonly options: ResolvedSimulatorOptions) {
    this.auth = { signatureFlavours: [...options.signatureFlavours], clockOffsetMs: options.clockOffsetMs };
  }

  now(): number {
    return this.options.now();
  }

  /** The time on this eTower's own clock (its Date header, its signature window). */
  serverNow(): number {
    return this.options.now() + this.auth.clockOffsetMs;
  }

  nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }

  addOrder(order: SimOrder): void {
    this.orders.push(order);
    const same = this.byReference.get(order.referenceNo);
    if (same) same.push(order);
    else this.byReference.set(order.referenceNo, [order]);
    if (!this.byNumber.has(order.orderNo)) this.byNumber.set(order.orderNo, order);
  }

  /** In creation order, as a fresh array (callers may filter or sort it). */
  ordersByReference(referenceNo: string): SimOrder[] {
    return [...(this.byReference.get(referenceNo) ?? [])];
  }

  orderByNumber(orderNo: string): SimOrder | undefined {
    return this.byNumber.get(orderNo);
  }

  isKnownSku(sku: string): boolean {
    return seedSkuIndex(sku, this.options.skuCount) !== undefined || this.products.has(sku);
  }

  reset(): void {
    this.orders = [];
    this.byReference.clear();
    this.byNumber.clear();
    this.pos.clear();
    this.products.clear();
    this.inventoryOverrides.clear();
    this.generation = 0;
    this.faults = [];
    this.stats = emptyStats();
    this.auth = { signatureFlavours: [...this.options.signatureFlavours], clockOffsetMs: this.options.clockOffsetMs };
    this.sequence = 0;
  }
}
