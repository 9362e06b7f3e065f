import type { EtowerClient, EtowerInventoryPage, EtowerInventoryRecord } from '@bridge/etower';

export interface InventoryWalk {
  records: EtowerInventoryRecord[];
  calls: number;
  /** Why the walk stopped (for the job's result and the logs). */
  stoppedBecause: 'unpaged' | 'no-next-page' | 'last-page' | 'empty-page' | 'repeated-page' | 'page-limit';
  zeroBased: boolean;
  /** Every distinct `total` eTower reported on the pages read (none for the unpaged layout): one, unless the
   *  account changed during the walk. rebuild-inventory.ts checks the records read against it. */
  totals: number[];
}

/** eTower documents no maximum; the sandbox caps at 100, like PageHelper's usual default. */
const INVENTORY_PAGE_SIZE = 100;
/** A ceiling on the walk (1,000,000 SKUs at 100 a page), so a server that never says "last" cannot loop forever. */
const MAX_PAGES = 10000;

const fingerprint = (p: EtowerInventoryPage) =>
  `${p.records.length}|${p.records[0]?.sku ?? ''}|${p.records.at(-1)?.sku ?? ''}`;

/**
 * Reads every SKU of the account from b2b/inventory. The docs say pageNum defaults to 0 while PageHelper is
 * 1-based, so the walk checks instead of assuming: it asks page 1, then page 0; if page 0 is a different,
 * non-empty page the server is 0-based and page 0 is kept too. It stops on an unpaged (bare list) answer,
 * hasNextPage false / isLastPage, pages reached, an empty page, or a page it has already seen (a server that
 * ignores pageNum would otherwise be read forever). Records are keyed by SKU, so an overlap never counts twice.
 */
export async function walkInventory(
  etower: Pick<EtowerClient, 'inventory'>,
  pageSize = INVENTORY_PAGE_SIZE,
): Promise<InventoryWalk> {
  const bySku = new Map<string, EtowerInventoryRecord>();
  const totals = new Set<number>();
  const keep = (p: EtowerInventoryPage) => {
    for (const r of p.records) bySku.set(r.sku, r);
  };
  const count = (p: EtowerInventoryPage) => {
    if (p.total !== undefined) totals.add(p.total);
  };
  const done = (stoppedBecause: InventoryWalk['stoppedBecause'], calls: number, zeroBased: boolean): InventoryWalk => ({
    records: [...bySku.values()],
    calls,
    stoppedBecause,
    zeroBased,
    totals: [...totals],
  });

  const first = await etower.inventory({ pageNum: 1, pageSize });
  let calls = 1;
  keep(first);
  count(first);
  // A bare list (older API) carries no page numbers: everything came at once.
  if (first.pageNum === undefined && first.pages === undefined && first.total === undefined)
    return done('unpaged', calls, false);

  const seen = new Set([fingerprint(first)]);
  const zero = await etower.inventory({ pageNum: 0, pageSize });
  calls++;
  const zeroBased = zero.records.length > 0 && !seen.has(fingerprint(zero)) && zero.pageNum !== 1;
  if (zeroBased) {
    keep(zero);
    count(zero);
    seen.add(fingerprint(zero));
  }

  if (first.records.length === 0) return done('empty-page', calls, zeroBased);
  let last = first;
  for (let pageNum = 2; ; pageNum++) {
    if (last.hasNextPage === false) return done('no-next-page', calls, zeroBased);
    // Pages are counted the server's way: with 0-based paging, page `pages - 1` is the last.
    if (last.pages !== undefined && pageNum > last.pages - (zeroBased ? 1 : 0))
      return done('last-page', calls, zeroBased);
    if (pageNum > MAX_PAGES) return done('page-limit', calls, zeroBased);
    const page = await etower.inventory({ pageNum, pageSize });
    calls++;
    count(page);
    if (page.records.length === 0) return done('empty-page', calls, zeroBased);
    const print = fingerprint(page);
    if (seen.has(print)) return done('repeated-page', calls, zeroBased);
    seen.add(print);
    keep(page);
    last = page;
  }
}
