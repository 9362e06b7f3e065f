import type { ChainableCommander, Redis } from 'ioredis';
import { keys } from '../state/keys';
import type { QianyiInventoryRow } from './inventory-mapping';

/** How long a replaced version stays readable after the swap, and after each page a sweep reads from it. */
export const OLD_VERSION_TTL_S = 600;
/** A half-written version (its build died) disappears by itself after this long. */
const BUILDING_TTL_S = 3600;
const ROWS_PER_PUSH = 500;
/** Meta field: since when eTower's inventory has read empty while this snapshot had rows (rebuild-inventory.ts). */
const EMPTY_SINCE = '@emptySince';
/**
 * Rows sent per pipeline. One pipeline for a 100,000-SKU build held every command's arguments and encoded bytes at
 * once (a worker peaked over 500 MB); the version is invisible until the swap, so it can be written in parts.
 */
const ROWS_PER_PIPELINE = 10000;

export type InventoryPage =
  | { state: 'none' }
  | { state: 'ok'; version: string; total: number; rows: QianyiInventoryRow[] };

// Swap: point the tenant at the new version (only if it is newer than the current one, so a slow build that
// started earlier cannot replace a fresher snapshot), make the new version's keys permanent, and give every
// key of the old version a TTL instead of deleting it, so a sweep that is reading it can finish.
// KEYS[1] pointer, KEYS[2] new meta; ARGV[1] new version, ARGV[2] key prefix of rows, ARGV[3] of index,
// ARGV[4] meta key prefix, ARGV[5] old TTL. All keys share the {bridge} hash tag, so they live in one slot.
const SWAP_LUA = `
local old = redis.call('GET', KEYS[1])
if old and tonumber(old) >= tonumber(ARGV[1]) then return {0, old} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('PERSIST', KEYS[2])
for _, w in ipairs(redis.call('HKEYS', KEYS[2])) do
  redis.call('PERSIST', ARGV[2] .. ARGV[1] .. ':' .. w)
  redis.call('PERSIST', ARGV[3] .. ARGV[1] .. ':' .. w)
end
if old then
  local oldMeta = ARGV[4] .. old
  for _, w in ipairs(redis.call('HKEYS', oldMeta)) do
    redis.call('EXPIRE', ARGV[2] .. old .. ':' .. w, ARGV[5])
    redis.call('EXPIRE', ARGV[3] .. old .. ':' .. w, ARGV[5])
  end
  redis.call('EXPIRE', oldMeta, ARGV[5])
end
return {1, old or ''}`;

/** A pipeline's replies carry each command's error instead of rejecting: a refused write (Redis out of memory)
 *  must fail the build before its swap, not publish a snapshot with rows missing. */
async function execAll(pipe: ChainableCommander): Promise<void> {
  for (const [err] of (await pipe.exec()) ?? []) if (err) throw err;
}

/**
 * The inventory snapshots Qianyi pages through. A build writes a NEW version (rows per warehouse as a list of
 * pre-serialised JSON, plus a sku -> row hash), then swaps the tenant's pointer in one Lua step.
 *
 * Consistency of a sweep (Qianyi sends no cursor): page 1 pins the version it was served from for that
 * warehouse; pages 2.. are read from the pinned version as long as it is readable, and each such read keeps
 * that version alive another OLD_VERSION_TTL_S. So a sweep that started before a swap finishes on the version
 * it started on, and the next sweep (page 1 again) moves to the new one. This assumes one sweep per warehouse
 * at a time per tenant (Qianyi's own loop); a second sweep starting mid-way re-pins to the current version.
 */
export class InventorySnapshotStore {
  constructor(private readonly redis: Redis) {}

  async publish(
    tenant: string,
    rowsByWarehouse: ReadonlyMap<string, readonly QianyiInventoryRow[]>,
  ): Promise<{ version: string; swapped: boolean }> {
    const version = String(await this.redis.incr(keys.inventorySeq(tenant)));
    const meta = keys.inventoryMeta(tenant, version);
    // Every key expires while the build is under way, so parts of a build that dies go by themselves. (A worker killed
    // in the middle of a part's pipeline can leave that part's keys without their EXPIRE, which comes last: never read,
    // since only a swap makes a version reachable, but kept until deleted by hand.)
    // An empty build still has a meta hash (with a marker field), so "built, nothing in stock" differs from "never built".
    await execAll(this.redis.multi().hset(meta, '@built', String(Date.now())).expire(meta, BUILDING_TTL_S));
    for (const [warehouse, rows] of rowsByWarehouse) {
      const sorted = [...rows].sort((a, b) =>
        a.warehouseSku < b.warehouseSku ? -1 : a.warehouseSku > b.warehouseSku ? 1 : 0,
      );
      const listKey = keys.inventoryRows(tenant, version, warehouse);
      const indexKey = keys.inventoryIndex(tenant, version, warehouse);
      for (let part = 0; part < sorted.length; part += ROWS_PER_PIPELINE) {
        const pipe = this.redis.pipeline();
        for (let i = part; i < Math.min(sorted.length, part + ROWS_PER_PIPELINE); i += ROWS_PER_PUSH) {
          const chunk = sorted.slice(i, i + ROWS_PER_PUSH);
          const json = chunk.map((r) => JSON.stringify(r));
          pipe.rpush(listKey, ...json);
          pipe.hset(indexKey, ...chunk.flatMap((r, j) => [r.warehouseSku, json[j]!]));
        }
        pipe.expire(listKey, BUILDING_TTL_S).expire(indexKey, BUILDING_TTL_S);
        await execAll(pipe);
      }
      await this.redis.hset(meta, warehouse, String(sorted.length));
    }
    const [swapped] = (await this.redis.eval(
      SWAP_LUA,
      2,
      keys.inventoryCurrent(tenant),
      meta,
      version,
      keys.inventoryRows(tenant, '', '').slice(0, -1),
      keys.inventoryIndex(tenant, '', '').slice(0, -1),
      keys.inventoryMeta(tenant, ''),
      String(OLD_VERSION_TTL_S),
    )) as [number, string];
    return { version, swapped: swapped === 1 };
  }

  current(tenant: string): Promise<string | null> {
    return this.redis.get(keys.inventoryCurrent(tenant));
  }

  /** When the current snapshot was built (ms), for the snapshot-age metric. */
  async builtAt(tenant: string): Promise<number | undefined> {
    const version = await this.current(tenant);
    const built = version ? await this.redis.hget(keys.inventoryMeta(tenant, version), '@built') : null;
    return built ? Number(built) : undefined;
  }

  /** Rows of the current snapshot over every warehouse; undefined when there is none yet. */
  async currentRows(tenant: string): Promise<number | undefined> {
    const version = await this.current(tenant);
    if (!version) return undefined;
    const meta = await this.redis.hgetall(keys.inventoryMeta(tenant, version));
    return Object.entries(meta).reduce((sum, [field, n]) => (field.startsWith('@') ? sum : sum + Number(n)), 0);
  }

  /**
   * Records that eTower's inventory read empty while the current snapshot has rows, and answers since when reads
   * have been empty in a row (the first such read's time). Kept on the current snapshot's meta hash, so it goes
   * with that snapshot: the next published version starts without it.
   */
  async noteEmptyRead(tenant: string, now: number): Promise<number> {
    const version = await this.current(tenant);
    if (!version) return now;
    const meta = keys.inventoryMeta(tenant, version);
    const [, [, since]] = (await this.redis
      .multi()
      .hsetnx(meta, EMPTY_SINCE, String(now))
      .hget(meta, EMPTY_SINCE)
      .exec()) as [unknown, [unknown, string | null]];
    return since ? Number(since) : now;
  }

  /** A read with rows ends a run of empty reads. */
  async clearEmptyReads(tenant: string): Promise<void> {
    const version = await this.current(tenant);
    if (version) await this.redis.hdel(keys.inventoryMeta(tenant, version), EMPTY_SINCE);
  }

  /** One page (1-based) of a warehouse, from the version this sweep is on (see the class comment). */
  async page(tenant: string, warehouse: string, page: number, pageSize: number): Promise<InventoryPage> {
    const raw = await this.pageJson(tenant, warehouse, page, pageSize);
    return raw.state === 'none'
      ? raw
      : {
          state: 'ok',
          version: raw.version,
          total: raw.total,
          rows: raw.rows.map((r) => JSON.parse(r) as QianyiInventoryRow),
        };
  }

  /** The same page as stored: each row already the JSON of a Qianyi row, ready to be spliced into an answer. */
  async pageJson(
    tenant: string,
    warehouse: string,
    page: number,
    pageSize: number,
  ): Promise<{ state: 'none' } | { state: 'ok'; version: string; total: number; rows: string[] }> {
    const sweep = await this.sweepVersion(tenant, warehouse, page);
    if (!sweep) return { state: 'none' };
    const { version } = sweep;
    const listKey = keys.inventoryRows(tenant, version, warehouse);
    const start = (page - 1) * pageSize;
    const [[, total], [, rows]] = (await this.redis
      .multi()
      .llen(listKey)
      .lrange(listKey, start, start + pageSize - 1)
      .exec()) as [[unknown, number], [unknown, string[]]];
    // Pinned only for a warehouse that has rows: a call may name any warehouseCode, and a pin per made-up code would
    // be a key per call for OLD_VERSION_TTL_S. A sweep of an empty warehouse has no page 2 to keep consistent.
    if (sweep.pinCurrent && total > 0)
      await this.redis.set(keys.inventorySweep(tenant, warehouse), version, 'EX', OLD_VERSION_TTL_S);
    return { state: 'ok', version, total, rows };
  }

  /** One SKU of a warehouse in the current version (a filtered call is a sweep of one page). */
  async find(
    tenant: string,
    warehouse: string,
    sku: string,
  ): Promise<{ state: 'none' } | { state: 'ok'; version: string; row?: QianyiInventoryRow }> {
    const version = await this.current(tenant);
    if (!version) return { state: 'none' };
    const raw = await this.redis.hget(keys.inventoryIndex(tenant, version, warehouse), sku);
    return raw ? { state: 'ok', version, row: JSON.parse(raw) as QianyiInventoryRow } : { state: 'ok', version };
  }

  /** The version a page is read from, and whether the sweep is to be pinned to it (see the class comment). */
  private async sweepVersion(
    tenant: string,
    warehouse: string,
    page: number,
  ): Promise<{ version: string; pinCurrent: boolean } | null> {
    const pinKey = keys.inventorySweep(tenant, warehouse);
    const current = await this.current(tenant);
    if (!current) return null;
    if (page > 1) {
      const pinned = await this.redis.get(pinKey);
      if (pinned && pinned !== current && (await this.redis.exists(keys.inventoryMeta(tenant, pinned)))) {
        const meta = keys.inventoryMeta(tenant, pinned);
        await this.redis
          .multi()
          .expire(pinKey, OLD_VERSION_TTL_S)
          .expire(meta, OLD_VERSION_TTL_S)
          .expire(keys.inventoryRows(tenant, pinned, warehouse), OLD_VERSION_TTL_S)
          .expire(keys.inventoryIndex(tenant, pinned, warehouse), OLD_VERSION_TTL_S)
          .exec();
        return { version: pinned, pinCurrent: false };
      }
    }
    return { version: current, pinCurrent: true };
  }
}
