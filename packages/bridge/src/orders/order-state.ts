/**
 * Where an outbound order stands on our side. `phase` is the bridge's own progress (what decides whether a
 * cancel can still stop it); `status` is what Qianyi is told (SENDING / SUCCESS / CANCEL / FAILED).
 */
export type OrderPhase =
  /** Accepted from Qianyi, create job queued or retrying; nothing sent to eTower yet (as far as we know). */
  | 'received'
  /** A create call to eTower is in flight (or was, when a worker died): eTower may or may not have it. */
  | 'creating'
  /** Created at eTower as a draft (isNeedConfirm false), waiting for its release time. */
  | 'held'
  /** The draft's confirm call is in flight. */
  | 'releasing'
  /** Released to the warehouse: only eTower can stop it now. */
  | 'released'
  /** Cancelled before eTower got it, or while it was a draft, or cancelled by eTower. */
  | 'cancelled'
  /** eTower refused it, or it could not be sent; see failedReason. */
  | 'failed';

export type QianyiOrderStatus = 'SENDING' | 'SUCCESS' | 'CANCEL' | 'FAILED';

export interface OrderState {
  tenant: string;
  orderNumber: string;
  phase: OrderPhase;
  status: QianyiOrderStatus;
  /** eTower's own status text (or the bridge's while eTower has none). */
  wmsStatus: string;
  etowerStatus?: number;
  warehouseCode: string;
  warehouseOrderNumber?: string;
  carrierName?: string;
  trackingNumber?: string;
  failedReason?: string;
  /** How the failure came about: eTower said no (final), or eTower could not be reached (it may still have it). */
  failureKind?: 'refused' | 'unreachable';
  onlineOrderId?: string;
  shippingTime?: number;
  /** When eTower was first seen reporting it shipped without a tracking number (ms); cleared once it has one. */
  awaitingTrackingSince?: number;
  /** SKU lines as Qianyi sent them (for pushes). */
  skuList?: Array<{ sku: string; quantity: number }>;
  /** Draft release time (ms) when the tenant holds orders before release. */
  releaseAt?: number;
  /** Grows by one with every change Qianyi should hear about; pushes carry it to keep them in order. */
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** The fields a change may set (null clears one); phase transitions go through OrderStore.transition. */
export type OrderPatch = {
  [K in Exclude<keyof OrderState, 'tenant' | 'orderNumber' | 'version' | 'createdAt' | 'updatedAt'>]?:
    | OrderState[K]
    | null;
};
