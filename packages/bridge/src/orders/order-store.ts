import type { Redis } from 'ioredis';
import { DocumentStore, type DocumentTransition, type DocumentTransitionResult } from '../state/document-store';
import { keys } from '../state/keys';
import type { OrderPatch, OrderPhase, OrderState } from './order-state';
import { skuLinesCodec } from './sku-lines-codec';

/** Phases an order ends in: once also out of the poll set (eTower will not change it), it may expire. */
export const FINAL_ORDER_PHASES: readonly OrderPhase[] = ['released', 'cancelled', 'failed'];

export type TransitionResult = DocumentTransitionResult<OrderPhase>;
export type TransitionOptions = DocumentTransition<OrderPhase, OrderPatch>;

/** How long a label is kept: as long as the order's create job (a week), which is the only reader. */
export const LABEL_TTL_SECONDS = 7 * 24 * 3600;

/** Outbound orders' state: the record of what was done, and the final word on "already done". */
export class OrderStore extends DocumentStore<OrderState, OrderPhase, OrderPatch> {
  constructor(redis: Redis) {
    super(
      redis,
      'order',
      {
        record: keys.order,
        history: keys.orderHistory,
        open: keys.openOrders,
        expiring: (t) => keys.expiring(t, 'order'),
      },
      {
        numbers: new Set(['etowerStatus', 'shippingTime', 'releaseAt', 'awaitingTrackingSince']),
        json: new Set(),
        custom: { skuList: skuLinesCodec },
        finalPhases: FINAL_ORDER_PHASES,
      },
      'orderNumber',
    );
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
}
