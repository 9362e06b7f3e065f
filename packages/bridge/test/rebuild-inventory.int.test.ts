import { Redis } from 'ioredis';
import { isolatedRedisUrl } from '@bridge/testkit';
import type { EtowerInventoryPage, EtowerInventoryQuery, EtowerInventoryRecord } from '@bridge/etower';
import { rebuildInventory } from '../src/inventory/rebuild-inventory';
import { InventoryRebuildRefusedError } from '../src/inventory/rebuild-refused-error';
import { EMPTY_CONFIRM_MS } from '../src/inventory/snapshot-checks';
import { InventorySnapshotStore } from '../src/inventory/snapshot-store';

// A rebuild never publishes a snapshot that contradicts eTower's own `total`, nor an empty one over rows until
// reads have been empty for EMPTY_CONFIRM_MS; in both cases the previous snapshot stays current.
let redis: Redis;
beforeAll(async () => {
  redis = new Redis(await isolatedRedisUrl());
});
afterAll(() => {
  redis.disconnect();
});

const MIN = 60000;
const rec = (sku: string, available = 5) =>
  ({
    sku,
    warehouses: [
      {
        warehouseCode: 'USWH1',
        availableInventory: available,
        incomingInventory: 0,
        outgoingInventory: 0,
        unsellableInventory: 0,
      },
    ],
  }) as unknown as EtowerInventoryRecord;
const skus = (n: number, available = 5) =>
  Array.from({ length: n }, (_, i) => rec(`SKU-${String(i + 1).padStart(4, '0')}`, available));

/** A 1-based PageHelper over `all`; `total` and the rows' source can be bent per test. */
function etower(
  all: () => EtowerInventoryRecord[],
  bend: { total?: (pageNum: number) => number; ignoresPageNum?: boolean } = {},
) {
  return {
    inventory: async (q: EtowerInventoryQuery): Promise<EtowerInventoryPage> => {
      const rows = all();
      const index = bend.ignoresPageNum ? 0 : Math.max(1, q.pageNum) - 1;
      const pages = Math.ceil(rows.length / q.pageSize);
      return {
        records: rows.slice(index * q.pageSize, (index + 1) * q.pageSize),
        pageNum: q.pageNum,
        pages,
        total: bend.total?.(q.pageNum) ?? rows.length,
        hasNextPage: bend.ignoresPageNum ? true : index + 1 < pages,
      };
    },
  };
}

let seq = 0;
async function tenantWith(rows: number) {
  const tenant = `inv${++seq}`;
  const snapshots = new InventorySnapshotStore(redis);
  if (rows > 0) await rebuildInventory(tenant, { etower: etower(() => skus(rows, 1)), snapshots });
  return { tenant, snapshots, before: await snapshots.current(tenant) };
}

async function refusal(p: Promise<unknown>): Promise<InventoryRebuildRefusedError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InventoryRebuildRefusedError);
  return err as InventoryRebuildRefusedError;
}

test('a walk that reads what eTower counts is published', async () => {
  const { tenant, snapshots } = await tenantWith(0);
  const built = await rebuildInventory(tenant, { etower: etower(() => skus(250)), snapshots });
  expect(built).toMatchObject({ swapped: true, skus: 250, warehouses: { USWH1: 250 } });
  expect(await snapshots.currentRows(tenant)).toBe(250);
});

test("fewer records than eTower's total (a server that ignores pageNum): refused, the previous snapshot stays", async () => {
  const { tenant, snapshots, before } = await tenantWith(40);
  const err = await refusal(
    rebuildInventory(tenant, { etower: etower(() => skus(250), { ignoresPageNum: true }), snapshots }),
  );
  expect(err.reason).toBe('total-mismatch');
  expect(err.message).toMatch(/eTower counts 250 inventory records but the walk read 100/);
  expect(await snapshots.current(tenant)).toBe(before);
  expect(await snapshots.page(tenant, 'USWH1', 1, 1000)).toMatchObject({ state: 'ok', version: before, total: 40 });
});

test('a total that changes during the walk: refused', async () => {
  const { tenant, snapshots, before } = await tenantWith(40);
  const err = await refusal(
    rebuildInventory(tenant, { etower: etower(() => skus(250), { total: (n) => (n >= 2 ? 251 : 250) }), snapshots }),
  );
  expect(err).toMatchObject({ reason: 'total-mismatch', details: { totals: '250,251' } });
  expect(await snapshots.current(tenant)).toBe(before);
});

test('an empty read over rows is refused until reads have been empty for the confirmation time, then published', async () => {
  const { tenant, snapshots, before } = await tenantWith(40);
  const empty = etower(() => []);
  const t0 = 1_800_000_000_000;
  const at = (ms: number) => ({ etower: empty, snapshots, now: () => ms });
  expect(await refusal(rebuildInventory(tenant, at(t0)))).toMatchObject({
    reason: 'empty',
    details: { currentRows: 40, emptySince: t0 },
  });
  expect(await refusal(rebuildInventory(tenant, at(t0 + 10 * MIN)))).toMatchObject({
    reason: 'empty',
    details: { emptySince: t0, waitedMs: 10 * MIN },
  });
  expect(await snapshots.current(tenant)).toBe(before);
  const built = await rebuildInventory(tenant, at(t0 + EMPTY_CONFIRM_MS));
  expect(built).toMatchObject({ swapped: true, skus: 0 });
  expect(await snapshots.currentRows(tenant)).toBe(0);
  // Empty over empty is nothing to protect.
  await expect(rebuildInventory(tenant, at(t0 + EMPTY_CONFIRM_MS + 1))).resolves.toMatchObject({ swapped: true });
});

test('a read with rows ends a run of empty reads: the next empty read starts a new one', async () => {
  const { tenant, snapshots } = await tenantWith(40);
  let rows = skus(0);
  const source = etower(() => rows);
  const t0 = 1_800_000_000_000;
  await refusal(rebuildInventory(tenant, { etower: source, snapshots, now: () => t0 }));
  rows = skus(3);
  await rebuildInventory(tenant, { etower: source, snapshots, now: () => t0 + MIN });
  rows = [];
  const err = await refusal(
    rebuildInventory(tenant, { etower: source, snapshots, now: () => t0 + 2 * EMPTY_CONFIRM_MS }),
  );
  expect(err.details).toMatchObject({ currentRows: 3, emptySince: t0 + 2 * EMPTY_CONFIRM_MS });
});

test('a non-empty read that fails the total check also ends the run of empty reads', async () => {
  const { tenant, snapshots } = await tenantWith(40);
  const t0 = 1_800_000_000_000;
  await refusal(rebuildInventory(tenant, { etower: etower(() => []), snapshots, now: () => t0 }));
  await refusal(
    rebuildInventory(tenant, {
      etower: etower(() => skus(250), { ignoresPageNum: true }),
      snapshots,
      now: () => t0 + MIN,
    }),
  );
  const err = await refusal(
    rebuildInventory(tenant, { etower: etower(() => []), snapshots, now: () => t0 + EMPTY_CONFIRM_MS }),
  );
  expect(err).toMatchObject({ reason: 'empty', details: { emptySince: t0 + EMPTY_CONFIRM_MS } });
});

test('the first build of an account with nothing in it is published (no rows to protect)', async () => {
  const { tenant, snapshots } = await tenantWith(0);
  await expect(rebuildInventory(tenant, { etower: etower(() => []), snapshots })).resolves.toMatchObject({
    swapped: true,
    skus: 0,
  });
});

test('the unpaged (bare list) layout has no total to check', async () => {
  const { tenant, snapshots } = await tenantWith(0);
  const bare = { inventory: async (): Promise<EtowerInventoryPage> => ({ records: skus(7), hasNextPage: false }) };
  await expect(rebuildInventory(tenant, { etower: bare, snapshots })).resolves.toMatchObject({
    swapped: true,
    skus: 7,
  });
});
