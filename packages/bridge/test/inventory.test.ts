import type { EtowerInventoryPage, EtowerInventoryQuery, EtowerInventoryRecord } from '@bridge/etower';
import { toQianyiInventoryRow } from '../src/inventory/inventory-mapping';
import { walkInventory } from '../src/inventory/walk-inventory';

const wh = (availableInventory: number, incomingInventory = 0, outgoingInventory = 0, unsellableInventory = 0) => ({
  warehouseCode: 'USWH1',
  warehouseName: 'US',
  availableInventory,
  incomingInventory,
  outgoingInventory,
  unsellableInventory,
});

describe('toQianyiInventoryRow', () => {
  test('maps each eTower bucket to its Qianyi field and totals them, as strings', () => {
    expect(toQianyiInventoryRow('S1', wh(33, 11, 22, 4))).toEqual({
      warehouseCode: 'USWH1',
      warehouseSku: 'S1',
      sellableQuantity: '33',
      onwayQuantity: '11',
      reservedQuantity: '22',
      unsellableQuantity: '4',
      pendingQuantity: '0',
      useQuantity: '0',
      totalQuantity: '70',
    });
  });
  test('a blank bucket counts as 0', () => {
    const row = toQianyiInventoryRow('S1', { ...wh(5), unsellableInventory: null as unknown as number });
    expect(row.unsellableQuantity).toBe('0');
    expect(row.totalQuantity).toBe('5');
  });
});

const rec = (sku: string): EtowerInventoryRecord => ({ sku, warehouses: [wh(1)] }) as unknown as EtowerInventoryRecord;
const skus = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => rec(`SKU-${String(from + i).padStart(4, '0')}`));

/** A fake PageHelper server over `all`, with a choice of page base and of ignoring pageNum. */
function server(all: EtowerInventoryRecord[], mode: 'one-based' | 'zero-based' | 'ignores-pageNum' | 'no-flags') {
  const asked: number[] = [];
  return {
    asked,
    inventory: async (q: EtowerInventoryQuery): Promise<EtowerInventoryPage> => {
      asked.push(q.pageNum);
      const pages = Math.ceil(all.length / q.pageSize);
      const index = mode === 'ignores-pageNum' ? 0 : mode === 'zero-based' ? q.pageNum : Math.max(1, q.pageNum) - 1;
      const records = all.slice(index * q.pageSize, (index + 1) * q.pageSize);
      const page: EtowerInventoryPage = { records, pageNum: q.pageNum, pages, total: all.length };
      if (mode !== 'no-flags') page.hasNextPage = mode === 'ignores-pageNum' ? true : index + 1 < pages;
      return page;
    },
  };
}

describe('walkInventory', () => {
  test('1-based PageHelper: every SKU once, stops on hasNextPage false', async () => {
    const s = server(skus(2345), 'one-based');
    const walk = await walkInventory(s, 100);
    expect(walk.records).toHaveLength(2345);
    expect(walk.zeroBased).toBe(false);
    expect(walk.stoppedBecause).toBe('no-next-page');
    expect(s.asked.slice(0, 3)).toEqual([1, 0, 2]);
  });
  test('0-based server: page 0 is detected and kept', async () => {
    const walk = await walkInventory(server(skus(250), 'zero-based'), 100);
    expect(walk.zeroBased).toBe(true);
    expect(new Set(walk.records.map((r) => r.sku)).size).toBe(250);
  });
  test('a server that ignores pageNum is read once, not forever', async () => {
    const s = server(skus(250), 'ignores-pageNum');
    const walk = await walkInventory(s, 100);
    expect(walk.stoppedBecause).toBe('repeated-page');
    expect(walk.records).toHaveLength(100);
    expect(s.asked.length).toBeLessThanOrEqual(3);
  });
  test('no hasNextPage flag: stops when pages are reached', async () => {
    const walk = await walkInventory(server(skus(201), 'no-flags'), 100);
    expect(walk.records).toHaveLength(201);
    expect(walk.stoppedBecause).toBe('last-page');
  });
  test('a bare list (unpaged) is one call', async () => {
    const etower = { inventory: async (): Promise<EtowerInventoryPage> => ({ records: skus(7), hasNextPage: false }) };
    const walk = await walkInventory(etower);
    expect(walk).toMatchObject({ calls: 1, stoppedBecause: 'unpaged' });
    expect(walk.records).toHaveLength(7);
  });
  test('an empty account', async () => {
    const walk = await walkInventory(server([], 'one-based'));
    expect(walk.records).toEqual([]);
  });
});
