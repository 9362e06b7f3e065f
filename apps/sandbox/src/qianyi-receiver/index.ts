// A fake Qianyi ERP webhook endpoint for `pnpm start` and the integration tests.
// router: mount at the root of the fake ERP host (it serves /sys/automatic/receiveOdo|receiveAsn/:type).
// control: mount at /__control/qianyi.
import type express from 'express';
import { createControlRouter } from './control';
import { createPushRouter, type ReceiverLogger } from './receiver';
import { PushStore, type ReceivedPush, type RejectedPush } from './store';

export type { ReceivedPush, RejectedPush, Fault, FaultMode, PushBody } from './store';
export type { ReceiverLogger } from './receiver';

export interface QianyiReceiverOptions {
  tenants: ReadonlyArray<{ accessId: string; secretKey: string }>;
  logger: ReceiverLogger;
}

export interface QianyiReceiver {
  router: express.Router;
  control: express.Router;
  /** Accepted pushes, oldest first; live (cleared in place by DELETE /pushes). */
  pushes: ReceivedPush[];
  /** Refused pushes (bad sign, unknown accessId, invalid content, injected faults), oldest first. */
  rejected: RejectedPush[];
}

export function createQianyiReceiver(options: QianyiReceiverOptions): QianyiReceiver {
  const store = new PushStore();
  return {
    router: createPushRouter(options.tenants, store, options.logger),
    control: createControlRouter(store),
    pushes: store.pushes,
    rejected: store.rejected,
  };
}
