import { loadConfigOrExit } from '@bridge/config';
import { createQueues } from '@bridge/core';
import { closeServer, createLogger, createRedis, handleShutdown } from '@bridge/runtime';
import { createDashboardApp } from './app';
import { resolveCredentials } from './credentials';

// The dashboard needs no tenants: it only looks at queues.
const { env, redis: redisTarget } = loadConfigOrExit({ requireTenants: false });
const logger = createLogger({ name: 'dashboard', level: env.LOG_LEVEL });
const resolved = resolveCredentials(env, process.env.BRIDGE_SANDBOX === '1');
if (!resolved.ok) {
  process.stderr.write(`${resolved.message}\n`);
  process.exit(78); // EX_CONFIG, like any other configuration error
}
const { credentials } = resolved;
if (resolved.generated)
  process.stderr.write(`dashboard (sandbox): user ${credentials.user}, password ${credentials.password}\n`);

// One connection shared by the five queues; 'worker' role so a Redis restart is waited out, not surfaced as errors.
const redis = createRedis(redisTarget, 'worker');
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const queues = Object.values(
  createQueues(redis, (queue, err) => logger.warn({ queue, err: err.message }, 'queue error')),
);

const app = createDashboardApp({
  queues,
  credentials,
  redis,
  onLoginBlocked: (address, retryAfterSeconds) =>
    logger.warn({ address, retryAfterSeconds }, 'too many failed dashboard logins: address refused for a while'),
});
const server = app.listen(env.DASHBOARD_PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.DASHBOARD_PORT;
  process.stdout.write(`${JSON.stringify({ event: 'listening', port, url: `http://127.0.0.1:${port}` })}\n`);
  logger.info({ port, user: credentials.user }, 'dashboard listening');
});

const shutdown = handleShutdown({ logger, graceMs: 10000 });
shutdown.add('http', () => closeServer(server));
shutdown.add('queues', () => Promise.all(queues.map((q) => q.close())));
shutdown.add('redis', () => redis.quit());
