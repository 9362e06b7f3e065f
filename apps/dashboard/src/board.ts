import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type Router } from 'express';
import { redactValue } from './redact';

/**
 * Bull Board over the bridge's queues. Operators may retry and clean (replaying exhausted webhooks is what
 * the dashboard is for), but every job's data and return value go through the redaction formatter.
 */
export function createBoardRouter(queues: readonly Queue[]): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath('/');
  const adapters = queues.map((queue) => {
    const adapter = new BullMQAdapter(queue, { readOnlyMode: false, allowRetries: true, displayName: queue.name });
    adapter.setFormatter('data', (data) => redactValue(data));
    adapter.setFormatter('returnValue', (value) => redactValue(value));
    return adapter;
  });
  createBullBoard({
    queues: adapters,
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Qianyi ↔ eTower bridge', hideDocsLink: true } },
  });
  const router = express.Router();
  router.use(refuseDataWrites);
  router.use(serverAdapter.getRouter() as Router);
  return router;
}

/**
 * Two Bull Board actions would bypass what the rest of the bridge guarantees: editing a job's data (the editor
 * starts from the redacted view, so saving would overwrite a real label or address with "[redacted]") and
 * adding a job by hand (no catalog validation, no deterministic id). Use `pnpm ops refresh`/`replay` instead.
 */
function refuseDataWrites(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const path = req.path;
  if ((req.method === 'PATCH' && /^\/api\/queues\/[^/]+\/[^/]+\/update-data$/.test(path))
    || (req.method === 'POST' && /^\/api\/queues\/[^/]+\/add$/.test(path))) {
    res.status(403).json({ error: 'not allowed on this dashboard: job data is shown redacted and jobs come from the bridge itself (use `pnpm ops`)' });
    return;
  }
  next();
}
