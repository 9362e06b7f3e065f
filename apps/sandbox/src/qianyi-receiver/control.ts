// The sandbox's remote control for the fake Qianyi endpoint (mounted at /__control/qianyi):
// lets tests and people see what arrived and make the "ERP" misbehave on purpose.
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { renderPushesPage } from './page';
import type { PushStore, ReceivedPush } from './store';

const faultSchema = z
  .object({
    mode: z.enum(['down', 'success-false', 'slow']),
    count: z.number().int().positive().optional(),
    delayMs: z.number().int().nonnegative().max(600_000).optional(),
  })
  .refine((f) => f.mode !== 'slow' || f.delayMs !== undefined, {
    message: 'delayMs is required for mode slow',
    path: ['delayMs'],
  });

const queryText = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

function matches(push: ReceivedPush, orderNumber: string | undefined, asnNumber: string | undefined): boolean {
  if (orderNumber !== undefined && (push.kind !== 'order' || push.content.orderNumber !== orderNumber)) return false;
  if (asnNumber !== undefined && (push.kind !== 'asn' || push.content.asnNumber !== asnNumber)) return false;
  return true;
}

export function createControlRouter(store: PushStore): express.Router {
  const router = express.Router();

  router.get('/', (_req: Request, res: Response) => {
    res.type('text/html').send(renderPushesPage(store));
  });

  router.get('/pushes', (req: Request, res: Response) => {
    const orderNumber = queryText(req.query.orderNumber);
    const asnNumber = queryText(req.query.asnNumber);
    res.json(store.pushes.filter((p) => matches(p, orderNumber, asnNumber)));
  });

  router.get('/rejected', (_req: Request, res: Response) => {
    res.json(store.rejected);
  });

  router.delete('/pushes', (_req: Request, res: Response) => {
    store.clear();
    res.status(204).end();
  });

  router.get('/faults', (_req: Request, res: Response) => {
    res.json({ fault: store.currentFault() ?? null });
  });

  router.post('/faults', express.json({ limit: '1mb' }), (req: Request, res: Response) => {
    const parsed = faultSchema.safeParse(req.body);
    if (!parsed.success) {
      res
        .status(400)
        .json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
      return;
    }
    const { mode, count, delayMs } = parsed.data;
    store.setFault({ mode, remaining: count, delayMs: delayMs ?? 0 });
    res.json({ fault: store.currentFault() });
  });

  router.delete('/faults', (_req: Request, res: Response) => {
    store.clearFault();
    res.status(204).end();
  });

  return router;
}
