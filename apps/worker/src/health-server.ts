import { createServer, type Server } from 'node:http';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { Consumer } from '@bridge/core';
import { isRedisReady } from '@bridge/runtime';

/**
 * METRICS_PORT: /metrics for Prometheus, /healthz (alive), /readyz (connected to Redis and consuming), on `host`
 * (HOST: 0.0.0.0 in a container, where Prometheus scrapes it; 127.0.0.1 under `pnpm start`).
 */
export function startHealthServer(
  port: number,
  host: string,
  registry: Registry,
  redis: Redis,
  consumers: readonly Pick<Consumer, 'isConsuming'>[],
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType }).end(text);
        },
        (err: Error) => res.writeHead(500).end(err.message),
      );
      return;
    }
    if (path === '/healthz') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    if (path === '/readyz') {
      const consuming = consumers.length > 0 && consumers.every((c) => c.isConsuming());
      const ready = isRedisReady(redis) && consuming;
      return void res
        .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: ready, redis: redis.status, consuming }));
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
