import type { Redis, Result } from 'ioredis';
import { keys } from '../state/keys';
import { TRANSITION_LUA } from '../state/lua';
import { outboxMember } from '../state/outbox';
import type { OrderPatch, OrderPhase, OrderState } from './order-state';

export type TransitionResult = { ok: true; from: OrderPhase | undefined; version: number } | { ok: false; current: OrderPhase | undefined; version: number };

export interface TransitionOptions {
  /** Phases the order must be in; 'absent' = it must not exist yet; 'any' = no condition. */
  from: readonly OrderPhase[] | 'absent' | 'any';
  patch: OrderPatch;
  /** Whether Qianyi should hear about this change (a push is due). */
  notify: boolean;
  open?: 'add' | 'remove';
  /** Only if the record is still at this version (the writer's read is not stale). */
  ifVersion?: number;
  note: string;
  now?: number;
}

/** How long a label is kept: as long as the order's create job (a week), which is the only reader. */
export const LABEL_TTL_SECONDS = 7 * 24 * 3600;

const NUMBER_FIELDS = new Set(['etowerStatus', 'shippingTime', 'releaseAt', 'version', 'createdAt', 'updatedAt']);
const JSON_FIELDS = new Set(['skuList']);

declare module 'ioredis' {
  interface RedisCommander<Context> {
    bridgeTransition(k1: string, k2: string, k3: string, k4: string, allowed: string, patch: string, now: string, bump: string, open: string, note: string, member: string, outboxMember: string): Result<[number, string, number], Context>;
  }
}

/** Outbound orders' state: the record of what was done, and the final word on "already done". */
export class OrderStore {
  constructor(private readonly redis: Redis) {
    if (!(redis as unknown as { bridgeTransition?: unknown }).bridgeTransition) {
      redis.defineCommand('bridgeTransition', { numberOfKeys: 4, lua: TRANSITION_LUA });
    }
  }

  async get(tenant: string, orderNumber: string): Promise<OrderState | undefined> {
    const raw = await this.redis.hgetall(keys.order(tenant, orderNumber));
    return raw.phase ? this.decode(tenant, orderNumber, raw) : undefined;
  }

  decode(tenant: string, orderNumber: string, raw: Record<string, string>): OrderState {
    const state: Record<string, unknown> = { tenant, orderNumber };
    for (const [k, v] of Object.entries(raw)) {
      state[k] = NUMBER_FIELDS.has(k) ? Number(v) : JSON_FIELDS.has(k) ? JSON.parse(v) : v;
    }
    return state as unknown as OrderState;
  }

  /**
   * A self-shipped order's label lives here, not in the create job's data: job data is shown by the dashboard
   * and the ops CLI and kept for a week in several copies, and a label is a customer's document (and up to
   * 20 MB). The job refers to it by its order; a repeat of the order overwrites it with the same document.
   */
  async putLabel(tenant: string, orderNumber: string, labelData: string): Promise<void> {
    await this.redis.set(keys.orderLabel(tenant, orderNumber), labelData, 'EX', LABEL_TTL_SECONDS);
  }

  async getLabel(tenant: string, orderNumber: string): Promise<string | undefined> {
    return (await this.redis.get(keys.orderLabel(tenant, orderNumber))) ?? undefined;
  }

  async removeFromOpen(tenant: string, orderNumbers: readonly string[]): Promise<void> {
    if (orderNumbers.length) await this.redis.zrem(keys.openOrders(tenant), ...orderNumbers);
  }

  async allOpen(tenant: string): Promise<string[]> {
    return this.redis.zrange(keys.openOrders(tenant), 0, -1);
  }

  async transition(tenant: string, orderNumber: string, options: TransitionOptions): Promise<TransitionResult> {
    const phases = options.from === 'any' ? '*' : options.from === 'absent' ? '' : options.from.join(',');
    const allowed = options.ifVersion !== undefined && phases !== '' ? `${phases}@${options.ifVersion}` : phases;
    const patch: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(options.patch)) {
      if (v === undefined) continue;
      patch[k] = v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    const [ok, current, version] = await this.redis.bridgeTransition(
      keys.order(tenant, orderNumber), keys.orderHistory(tenant, orderNumber), keys.openOrders(tenant), keys.pushOutbox,
      allowed, JSON.stringify(patch), String(options.now ?? Date.now()), options.notify ? '1' : '0', options.open ?? '', options.note, orderNumber, outboxMember('order', tenant, orderNumber),
    );
    const phase = (current || undefined) as OrderPhase | undefined;
    return ok === 1 ? { ok: true, from: phase, version } : { ok: false, current: phase, version };
  }

  async history(tenant: string, orderNumber: string): Promise<unknown[]> {
    const entries = await this.redis.lrange(keys.orderHistory(tenant, orderNumber), 0, -1);
    return entries.map((e) => JSON.parse(e)).reverse();
  }


  async openCount(tenant: string): Promise<number> {
    return this.redis.zcard(keys.openOrders(tenant));
  }
}

/** Reads many orders in one round trip (the poller checks up to 300 at a time). */
export async function getOrders(redis: Redis, store: OrderStore, tenant: string, orderNumbers: readonly string[]): Promise<Map<string, OrderState>> {
  const pipeline = redis.pipeline();
  for (const n of orderNumbers) pipeline.hgetall(keys.order(tenant, n));
  const replies = (await pipeline.exec()) ?? [];
  const result = new Map<string, OrderState>();
  replies.forEach(([err, raw], i) => {
    const fields = raw as Record<string, string> | null;
    if (err || !fields?.phase) return;
    result.set(orderNumbers[i]!, store.decode(tenant, orderNumbers[i]!, fields));
  });
  return result;
}
