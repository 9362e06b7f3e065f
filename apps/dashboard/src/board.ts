import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from '@bridge/core';
import express, { type Router } from 'express';
import { redactValue } from './redact';
import { boardHooks, refuseUnroutedWrites, refuseWritesOtherThanPut } from './write-policy';

/**
 * Bull Board over the bridge's queues, read-only except retry, promote, pause and resume (see
 * write-policy.ts); every job's data and return value go through the redaction formatter.
 */
export function createBoardRouter(queues: readonly Queue[]): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/');
  const adapters = queues.map((queue) => {
    // Not readOnlyMode: Bull Board's read-only mode would also refuse retry, promote, pause and resume.
    const adapter = new BullMQAdapter(queue, { readOnlyMode: false, allowRetries: true, displayName: queue.name });
    adapter.setFormatter('data', (data) => redactValue(data));
    adapter.setFormatter('returnValue', (value) => redactValue(value));
    return adapter;
  });
  createBullBoard({
    queues: adapters,
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Qianyi ↔ eTower bridge', hideDocsLink: true }, handlerHooks: boardHooks },
  });
  const router = express.Router();
  router.use(refuseWritesOtherThanPut);
  router.use(serverAdapter.getRouter() as Router);
  router.use(refuseUnroutedWrites);
  return router;
}
