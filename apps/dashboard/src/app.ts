import type { Queue } from '@bridge/core';
import express from 'express';
import type { Redis } from 'ioredis';
import { isRedisReady } from '@bridge/runtime';
import { basicAuth, type Credentials } from './basic-auth';
import { createBoardRouter } from './board';
import { LOGIN_LIMITS, LoginLimiter } from './login-limiter';

export interface DashboardDeps {
  queues: readonly Queue[];
  credentials: Credentials;
  redis: Redis;
  /** Failed logins per address; one with the default limits when not given. */
  loginLimiter?: LoginLimiter;
  onLoginBlocked?: (address: string, retryAfterSeconds: number) => void;
}

export function createDashboardApp(deps: DashboardDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Liveness only, and the one route outside auth: it reveals nothing, and container health checks
  // should not need the operators' password.
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, redis: isRedisReady(deps.redis) ? 'ready' : deps.redis.status });
  });
  // Auth before the board: its static assets, API and HTML page are all behind it.
  const limiter = deps.loginLimiter ?? new LoginLimiter(LOGIN_LIMITS);
  app.use(basicAuth(deps.credentials, { limiter, onBlocked: deps.onLoginBlocked }));
  app.use(createBoardRouter(deps.queues));
  return app;
}
