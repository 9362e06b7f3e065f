import type { Redis } from 'ioredis';
import { luaScript } from '@bridge/runtime';
import { decodeHistoryEntry, type HistoryEntry } from './history';
import { TRANSITION_LUA } from './lua';
import { outboxMember, type OutboxKind } from './outbox';
import { keys } from './keys';

// The phase compare-and-set (state/lua.ts) of every document (orders, ASNs, products): one record hash, a
// history list, an optional open set, and the push outbox, all changed in one Lua step.

const transitionScript = luaScript<[ok: number, current: string, version: number]>(TRANSITION_LUA, 5);

export interface DocumentKeys {
  record(tenant: string, id: string): string;
  history(tenant: string, id: string): string;
  /** Documents a poller still reads; a kind without a poller passes a key that is never read. */
  open(tenant: string): string;
  /** Finished documents by when they last changed (the retention sweep's index). */
  expiring(tenant: string): string;
}

export interface DocumentTransition<P extends string, Patch> {
  from: readonly P[] | 'absent' | 'any';
  patch: Patch;
  notify: boolean;
  open?: 'add' | 'remove';
  /** Only if the record is still at this version (the writer's read is not stale). */
  ifVersion?: number;
  note: string;
  now?: number;
}

export type DocumentTransitionResult<P> =
  | { ok: true; from: P | undefined; version: number }
  | { ok: false; current: P | undefined; version: number };

/** A field with an encoding of its own (shorter than JSON). */
export interface FieldCodec {
  encode(value: unknown): string;
  decode(raw: string): unknown;
}

/**
 * How the record is kept: fields stored as JSON text / numbers in the hash (everything else is a string), fields
 * with an encoding of their own, and the phases in which a document is finished (once also out of the poll set,
 * the retention sweep may delete it).
 */
export interface DocumentCodec {
  numbers: ReadonlySet<string>;
  json: ReadonlySet<string>;
  custom?: Readonly<Record<string, FieldCodec>>;
  finalPhases: readonly string[];
}

export class DocumentStore<
  S extends { phase: P; version: number; updatedAt: number },
  P extends string,
  Patch extends object,
> {
  constructor(
    protected readonly redis: Redis,
    private readonly kind: OutboxKind | 'sku',
    private readonly k: DocumentKeys,
    private readonly codec: DocumentCodec,
    private readonly idField: string,
  ) {
    this.finalPhases = codec.finalPhases.join(',');
  }

  private readonly finalPhases: string;

  async get(tenant: string, id: string): Promise<S | undefined> {
    const raw = await this.redis.hgetall(this.k.record(tenant, id));
    return raw.phase ? this.decode(tenant, id, raw) : undefined;
  }

  /**
   * Many records in one round trip; an id without a record is left out. A pipeline hands back each command's error
   * instead of rejecting, and a read that failed must not pass for "no record" (a products drain would drop the
   * SKU from its pending set), so any failed read rejects the whole call.
   */
  async getMany(tenant: string, ids: readonly string[]): Promise<Map<string, S>> {
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.k.record(tenant, id));
    const replies = (await pipeline.exec()) ?? [];
    const out = new Map<string, S>();
    for (const [i, [err, raw]] of replies.entries()) {
      if (err) throw err;
      const fields = raw as Record<string, string> | null;
      if (fields?.phase) out.set(ids[i]!, this.decode(tenant, ids[i]!, fields));
    }
    return out;
  }

  decode(tenant: string, id: string, raw: Record<string, string>): S {
    const state: Record<string, unknown> = { tenant, [this.idField]: id };
    for (const [f, v] of Object.entries(raw)) {
      const custom = this.codec.custom?.[f];
      state[f] = custom
        ? custom.decode(v)
        : this.codec.numbers.has(f) || ['version', 'createdAt', 'updatedAt'].includes(f)
          ? Number(v)
          : this.codec.json.has(f)
            ? JSON.parse(v)
            : v;
    }
    return state as unknown as S;
  }

  async transition(tenant: string, id: string, t: DocumentTransition<P, Patch>): Promise<DocumentTransitionResult<P>> {
    const phases = t.from === 'any' ? '*' : t.from === 'absent' ? '' : t.from.join(',');
    const allowed = t.ifVersion !== undefined && phases !== '' ? `${phases}@${t.ifVersion}` : phases;
    const patch: Record<string, string | null> = {};
    for (const [f, v] of Object.entries(t.patch)) {
      if (v === undefined) continue;
      const custom = this.codec.custom?.[f];
      patch[f] = v === null ? null : custom ? custom.encode(v) : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    const member = outboxMember(this.kind, tenant, id);
    const [ok, current, version] = await transitionScript(
      this.redis,
      this.k.record(tenant, id),
      this.k.history(tenant, id),
      this.k.open(tenant),
      keys.pushOutbox,
      this.k.expiring(tenant),
      allowed,
      JSON.stringify(patch),
      String(t.now ?? Date.now()),
      t.notify ? '1' : '0',
      t.open ?? '',
      t.note,
      id,
      member,
      this.finalPhases,
    );
    const phase = (current || undefined) as P | undefined;
    return ok === 1 ? { ok: true, from: phase, version } : { ok: false, current: phase, version };
  }

  async openIds(tenant: string): Promise<string[]> {
    return this.redis.zrange(this.k.open(tenant), 0, -1);
  }

  /**
   * Takes documents out of the poll set without a change to their record (eTower will not change them again, or
   * never showed them). They enter the expiry index as of now: the sweep deletes only those that are then finished
   * (final phase, push settled), so one that is not is simply taken out of the index again.
   */
  async removeFromOpen(tenant: string, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const now = Date.now();
    await this.redis
      .multi()
      .zrem(this.k.open(tenant), ...ids)
      .zadd(this.k.expiring(tenant), ...ids.flatMap((id) => [now, id]))
      .exec();
  }

  async openCount(tenant: string): Promise<number> {
    return this.redis.zcard(this.k.open(tenant));
  }

  /** The recorded changes kept (the newest HISTORY_ENTRIES), oldest first. */
  async history(tenant: string, id: string): Promise<HistoryEntry[]> {
    const entries = await this.redis.lrange(this.k.history(tenant, id), 0, -1);
    return entries.map(decodeHistoryEntry).reverse();
  }
}
