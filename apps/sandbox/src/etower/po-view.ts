import { etowerTime } from './format';
import type { ResolvedSimulatorOptions } from './options';
import type { SimPo, SimPoLine } from './state';

// Inbound receipt, computed on read. Every receiveStepMs after creation, half (rounded up) of what remains
// of each line is put away, so a line of n units completes after about log2(n)+1 steps. Once the control
// API receives a po by hand, only the hand-entered quantities count.
//
// eTower's po status enum is NOT documented (only 100 was seen). The sandbox uses its own codes:
//   100 created · 200 receiving · 300 completed · 900 cancelled (only by forcing it through the control API)

export const PO_STATUS_MSG: Record<number, string> = {
  100: 'Created',
  200: 'Receiving',
  300: 'Completed',
  900: 'Cancelled',
};

interface LineView {
  sku: string;
  forecast: number;
  put: number;
  putAt: number | null;
}

function autoLine(line: SimPoLine, steps: number, po: SimPo, stepMs: number): LineView {
  let remaining = line.forecast;
  let lastStep = 0;
  for (let k = 1; k <= steps && remaining > 0; k += 1) {
    remaining = Math.floor(remaining / 2);
    lastStep = k;
  }
  return {
    sku: line.sku,
    forecast: line.forecast,
    put: line.forecast - remaining,
    putAt: lastStep ? po.createdAt + lastStep * stepMs : null,
  };
}

export function poLines(po: SimPo, now: number, opts: ResolvedSimulatorOptions): LineView[] {
  if (po.manual) {
    return po.lines.map((l) => ({
      sku: l.sku,
      forecast: l.forecast,
      put: l.manualPut ?? 0,
      putAt: l.manualAt ?? null,
    }));
  }
  const steps =
    opts.receiveStepMs > 0 ? Math.floor((now - po.createdAt) / opts.receiveStepMs) : Number.MAX_SAFE_INTEGER;
  return po.lines.map((l) => autoLine(l, steps, po, opts.receiveStepMs));
}

export function poStatus(po: SimPo, lines: LineView[]): { status: number; statusMsg: string } {
  if (po.forced)
    return { status: po.forced.status, statusMsg: po.forced.statusMsg ?? PO_STATUS_MSG[po.forced.status] ?? '' };
  const status = lines.every((l) => l.put >= l.forecast) ? 300 : lines.some((l) => l.put > 0) ? 200 : 100;
  return { status, statusMsg: PO_STATUS_MSG[status]! };
}

export function poRecord(po: SimPo, now: number, opts: ResolvedSimulatorOptions): Record<string, unknown> {
  const lines = poLines(po, now, opts);
  const firstPut = lines
    .map((l) => l.putAt)
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b)[0];
  return {
    orderNo: po.orderNo,
    referenceNo: po.referenceNo,
    shippingPlanNo: po.shippingPlanNo,
    ...poStatus(po, lines),
    boxNumber: po.boxNumber,
    dateCreated: etowerTime(po.createdAt),
    deliveredDate: firstPut === undefined ? '' : etowerTime(firstPut),
    shipperName: po.shipperName,
    totalVolumeDeclared: Number((po.totalVolumeCm3 / 1_000_000).toFixed(4)),
    totalVolumeUnit: 'M3',
    packingDetails: lines.map((l) => ({
      sku: l.sku,
      skuNameEn: `Item ${l.sku}`,
      skuNameLocal: '',
      // eTower's quirks: numbers as strings, "" for nothing yet.
      forecastAmount: String(l.forecast),
      putAwayQty: l.put === 0 ? '' : l.put,
      putAwayTime: l.putAt === null ? '' : etowerTime(l.putAt),
    })),
  };
}
