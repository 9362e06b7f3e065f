import { createServer, type Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import { isRedisReady, type Logger } from '@bridge/runtime';
import type { IngressMetrics } from './metrics';
import type { EndpointDeps } from './qianyi-call';
import { createQianyiRoute } from './qianyi-route';
import { requestLog } from './request-log';

export interface IngressDeps extends EndpointDeps {
  redis: Redis;
  logger: Logger;
  maxBodyBytes: number;
  metrics?: IngressMetrics;
}

/** Everything but the hot route: health, readiness, metrics, and a JSON 404. */
export function createIngressApp(deps: IngressDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(requestLog(deps.logger));
  if (deps.metrics) {
    const { registry } = deps.metrics;
    app.get('/metrics', async (_req, res) => { res.type(registry.contentType).send(await registry.metrics()); });
  }
  app.get('/healthz', (_req, res) => { res.json({ ok: true }); });
  app.get('/readyz', async (_req, res) => {
    const ready = isRedisReady(deps.redis) && (await deps.redis.ping().then(() => true, () => false));
    res.status(ready ? 200 : 503).json({ ok: ready, redis: ready ? 'ready' : deps.redis.status });
  });
  app.use((_req: Request, res: Response) => { res.status(404).json({ success: false, message: 'not found: Qianyi calls POST /api/qianyi' }); });
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    (res.locals.log ?? {}).error = err.message;
    res.status(500).json({ success: false, message: 'internal error in the bridge' });
  });
  return app;
}

/** The ingress's HTTP server: POST /api/qianyi straight on node:http, the rest through Express. */
export function createIngressServer(deps: IngressDeps): Server {
  const app = createIngressApp(deps);
  const qianyi = createQianyiRoute(deps, { logger: deps.logger, maxBodyBytes: deps.maxBodyBytes, ...(deps.metrics ? { metrics: deps.metrics } : {}) });
  return createServer((req, res) => {
    const path = req.url === undefined ? '' : req.url.split('?', 1)[0];
    if (req.method === 'POST' && path === '/api/qianyi') qianyi(req, res);
    else app(req, res);
  });
}
