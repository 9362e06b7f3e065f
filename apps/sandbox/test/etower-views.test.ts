import { resolveSimulatorOptions } from '../src/etower/options';
import { orderStatus } from '../src/etower/order-view';
import { poLines, poRecord } from '../src/etower/po-view';
import { seedQuantities } from '../src/etower/seed';
import type { SimOrder, SimPo } from '../src/etower/state';

// Pure views of the simulator: status from timestamps, receipt in halves.

const opts = resolveSimulatorOptions({ acceptAfterMs: 2000, shipAfterMs: 6000, receiveStepMs: 5000 });
const t0 = Date.UTC(2030, 0, 1);

const order = (over: Partial<SimOrder> = {}): SimOrder => ({
  orderNo: 'C1',
  referenceNo: 'R1',
  facility: 'USWH1',
  serviceName: 'USPS Ground',
  serviceCode: 'USPSG',
  carrier: 'USPS',
  trackingNo: 'T1',
  keepShipService: false,
  remark: '',
  createdAt: t0,
  confirmedAt: t0,
  lines: [],
  ...over,
});

describe('orderStatus', () => {
  it('moves 0 -> 1 -> 5 from the confirmation time', () => {
    expect(orderStatus(order(), t0 + 1999, opts).status).toBe(0);
    expect(orderStatus(order(), t0 + 2000, opts).status).toBe(1);
    expect(orderStatus(order(), t0 + 6000, opts)).toMatchObject({ status: 5, shippedAt: t0 + 6000 });
  });
  it('keeps drafts at 0 forever and lets forced statuses win', () => {
    expect(orderStatus(order({ confirmedAt: null }), t0 + 10 ** 9, opts).status).toBe(0);
    expect(orderStatus(order({ forced: { status: 4, at: t0 + 5 } }), t0 + 10 ** 9, opts)).toMatchObject({
      status: 4,
      statusMsg: 'Canceled',
      cancelledAt: t0 + 5,
    });
  });
});

describe('po receipt', () => {
  const po = (): SimPo => ({
    orderNo: 'E1',
    referenceNo: 'P1',
    shippingPlanNo: 'A1S',
    warehouseCode: 'USWH1',
    shipperName: 'S',
    boxNumber: 1,
    totalVolumeCm3: 1_000_000,
    createdAt: t0,
    manual: false,
    lines: [
      { sku: 'A', forecast: 20 },
      { sku: 'B', forecast: 1 },
    ],
    request: {},
  });

  it('puts away half of the remainder per step until complete', () => {
    const puts = [0, 1, 2, 3, 4, 5, 6].map((k) => poLines(po(), t0 + k * 5000, opts).map((l) => l.put));
    expect(puts).toEqual([
      [0, 0],
      [10, 1],
      [15, 1],
      [18, 1],
      [19, 1],
      [20, 1],
      [20, 1],
    ]);
  });

  it('reports sandbox statuses and eTower quirks', () => {
    expect(poRecord(po(), t0, opts)).toMatchObject({
      status: 100,
      deliveredDate: '',
      packingDetails: [{ forecastAmount: '20', putAwayQty: '' }, expect.anything()],
    });
    expect(poRecord(po(), t0 + 5000, opts)).toMatchObject({ status: 200, deliveredDate: '2030-01-01 08:00:05' }); // printed in China time (format.ts)
    expect(poRecord(po(), t0 + 60_000, opts)).toMatchObject({ status: 300 });
  });
});

describe('seed quantities', () => {
  it('are deterministic and bumped by generations', () => {
    expect(seedQuantities(7, 1, 0)).toEqual(seedQuantities(7, 1, 0));
    expect(seedQuantities(7, 1, 1).availableInventory - seedQuantities(7, 1, 0).availableInventory).toBe(10);
  });
});
