import { createServer, type Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from '@bridge/runtime';
import { bornWithExpressPrototypes } from './express-born-requests';
import type { IngressMetrics } from './metrics';
import type { EndpointDeps } from './qianyi-call';
import { qianyiRoute } from './qianyi-route';
import type { BodyLimits } from './read-body';
import { redisReadiness } from './redis-readiness';
import { logEntryOf, requestLog } from './request-log';

export interface IngressDeps extends EndpointDeps {
  redis: Redis;
  logger: Logger;
  limits: BodyLimits;
  metrics?: IngressMetrics;
  /** Serve /metrics on this app too (when METRICS_PORT is not set: then it is served there only). */
  metricsOnPublicPort?: boolean;
}

/** Headers must arrive within this long (Node's headersTimeout; it answers 408 and closes the socket). */
export const HEADERS_TIMEOUT_MS = 20000;

/** The ingress: POST /api/qianyi, health, readiness, metrics unless they have a port of their own, a JSON 404. */
export function createIngressApp(deps: IngressDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(requestLog(deps.logger));
  app.post(
    '/api/qianyi',
    qianyiRoute(deps, { limits: deps.limits, ...(deps.metrics ? { metrics: deps.metrics } : {}) }),
  );
  if (deps.metrics && deps.metricsOnPublicPort) {
    const { registry } = deps.metrics;
    app.get('/metrics', async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    });
  }
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  const redisReady = redisReadiness(deps.redis);
  app.get('/readyz', async (_req, res) => {
    const ready = await redisReady();
    res.status(ready ? 200 : 503).json({ ok: ready, redis: ready ? 'ready' : deps.redis.status });
  });
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ success: false, message: 'not found: Qianyi calls POST /api/qianyi' });
  });
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    logEntryOf(res).error = err.message;
    if (res.headersSent) return void res.end();
    res
      .status(500)
      .json({ success: false, message: 'internal error in the bridge; the call was not completed, retry it' });
  });
  return app;
}

/**
 * The ingress's HTTP server. Node checks its header and request deadlines every `connectionsCheckingInterval`
 * (30 s by default, which let a stalled request live up to 30 s past its deadline); once a second keeps the
 * deadlines what they say. The request timeout is only a backstop behind read-body.ts's own body deadline.
 */
export function createIngressServer(deps: IngressDeps): Server {
  const app = createIngressApp(deps);
  const server = createServer(
    {
      ...bornWithExpressPrototypes(app),
      connectionsCheckingInterval: 1000,
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: HEADERS_TIMEOUT_MS + deps.limits.timeoutMs + 5000,
    },
    app,
  );
  server.keepAliveTimeout = 65000;
  return server;
}

/** GET /metrics (and /healthz) alone, for METRICS_PORT: kept off the port the internet reaches. */
export function createMetricsServer(metrics: IngressMetrics): Server {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ message: 'not found: GET /metrics' });
  });
  return createServer(app);
}
