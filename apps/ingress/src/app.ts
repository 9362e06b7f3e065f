import express, { type NextFunction, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import { isRedisReady, type Logger } from '@bridge/runtime';
import { qianyiEndpoint, type EndpointDeps } from './qianyi-endpoint';
import type { IngressMetrics } from './metrics';
import { requestLog } from './request-log';

export interface IngressDeps extends EndpointDeps {
  redis: Redis;
  logger: Logger;
  maxBodyBytes: number;
  metrics?: IngressMetrics;
}

export function createIngressApp(deps: IngressDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(requestLog(deps.logger, deps.metrics));
  if (deps.metrics) {
    const { registry } = deps.metrics;
    app.get('/metrics', async (_req, res) => { res.type(registry.contentType).send(await registry.metrics()); });
  }

  app.get('/healthz', (_req, res) => { res.json({ ok: true }); });
  app.get('/readyz', async (_req, res) => {
    const ready = isRedisReady(deps.redis) && (await deps.redis.ping().then(() => true, () => false));
    res.status(ready ? 200 : 503).json({ ok: ready, redis: ready ? 'ready' : deps.redis.status });
  });

  // The raw bytes are kept: the sign is checked against `content` exactly as it arrived.
  app.post('/api/qianyi', express.raw({ type: () => true, limit: deps.maxBodyBytes }), qianyiEndpoint(deps));

  app.use((_req: Request, res: Response) => { res.status(404).json({ success: false, message: 'not found: Qianyi calls POST /api/qianyi' }); });
  // Body-parser errors: too large (413), broken stream or unsupported encoding (400). Never an HTML page.
  app.use((err: Error & { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.too.large') {
      res.status(413).json({ success: false, message: `body larger than the limit of ${deps.maxBodyBytes} bytes` });
      return;
    }
    const status = err.status && err.status >= 400 && err.status < 500 ? 400 : 500;
    (res.locals.log ?? {}).error = err.message;
    res.status(status).json({ success: false, message: status === 400 ? `unreadable request body: ${err.message}` : 'internal error in the bridge' });
  });
  return app;
}
