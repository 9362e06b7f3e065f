import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { localDataDir } from '@bridge/config';
import {
  repoRoot,
  startApp,
  startRedisServer,
  type AppProcess,
  type PrivateRedis,
} from '@bridge/runtime/local-processes';
import { banner } from './banner';
import { relay } from './log-relay';
import { portOr } from './ports';
import { removeRunFile, runningElsewhere, writeRunFile } from './run-file';
import { SANDBOX, writeSandboxTenants } from './sandbox-tenant';
import { waitForHttp } from './wait-http';

/**
 * `pnpm start`: the whole bridge on one machine against the eTower sandbox. Redis from REDIS_URL or a private
 * redis-server with its data under .data/ (BRIDGE_DATA_DIR); Ctrl-C, SIGINT or SIGTERM stops everything, exit 0.
 */
const dataDir = localDataDir(repoRoot);
mkdirSync(dataDir, { recursive: true });
// Each child gets one SIGTERM and this long to finish its graceful shutdown before it is killed.
const APP_STOP_MS = 10000;

let redis: PrivateRedis | undefined;
const apps = new Map<string, AppProcess>();
let stopping: Promise<never> | undefined;
let wroteRunFile = false;

/**
 * Stops the apps (the sandbox last, so a worker finishing a job can still reach it), then Redis, then exits.
 * Idempotent: under pnpm the same Ctrl-C arrives twice (from the terminal, and forwarded by pnpm), and the
 * second must not cut the first's graceful stop short.
 */
function stopAll(code: number): Promise<never> {
  stopping ??= (async () => {
    process.stdout.write('\nstopping…\n');
    const { sandbox, ...bridge } = Object.fromEntries(apps);
    await Promise.all(Object.values(bridge).map((a) => a.stop('SIGTERM', APP_STOP_MS)));
    await sandbox?.stop('SIGTERM', APP_STOP_MS);
    await redis?.stop();
    if (wroteRunFile) removeRunFile(dataDir);
    process.stdout.write('stopped\n');
    process.exit(code);
  })();
  return stopping;
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
// If the supervisor dies anyway, its detached children must not outlive it.
process.on('exit', () => {
  for (const a of apps.values()) if (a.child.exitCode === null) a.child.kill('SIGKILL');
  if (redis?.pid)
    try {
      process.kill(redis.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
});

function launch(name: string, env: Record<string, string>): AppProcess {
  // Detached: Ctrl-C reaches only this supervisor, which stops each app with one SIGTERM (a second signal
  // would make the apps skip their graceful shutdown).
  const app = startApp(name, env, 'main', { detached: true });
  relay(name, app.child.stdout!);
  relay(name, app.child.stderr!, process.stderr);
  void app.exited.then((code) => {
    if (!stopping) {
      process.stderr.write(`${name} exited (${code}); stopping the others\n`);
      void stopAll(1);
    }
  });
  apps.set(name, app);
  return app;
}

try {
  const other = runningElsewhere(dataDir);
  if (other)
    throw new Error(
      `pnpm start is already running (pid ${other.pid}, ${other.callUrl}); stop it first, or set BRIDGE_DATA_DIR to run a second one`,
    );
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    redis = await startRedisServer({ dir: join(dataDir, 'redis'), appendOnly: true, detached: true });
    redisUrl = redis.url;
  }
  // Loopback unless told otherwise: the dashboard's password travels in plain HTTP, and this is one machine.
  const host = process.env.HOST ?? '127.0.0.1';
  const sandbox = launch('sandbox', {
    SANDBOX_PORT: String(await portOr(8090)),
    SANDBOX_HOST: process.env.SANDBOX_HOST ?? host,
    SANDBOX_ETOWER_TOKEN: SANDBOX.token,
    SANDBOX_ETOWER_KEY: SANDBOX.key,
    SANDBOX_QIANYI_ACCESS_ID: SANDBOX.accessId,
    SANDBOX_QIANYI_SECRET_KEY: SANDBOX.secretKey,
  });
  const sandboxUrl = (await sandbox.listening).url;
  const tenantsFile = writeSandboxTenants(dataDir, sandboxUrl);
  const bridgeEnv = {
    REDIS_URL: redisUrl,
    HOST: host,
    BRIDGE_TENANTS_FILE: tenantsFile,
    ORDER_POLL_INTERVAL_MS: process.env.ORDER_POLL_INTERVAL_MS ?? '5000',
    ASN_POLL_INTERVAL_MS: process.env.ASN_POLL_INTERVAL_MS ?? '5000',
    INVENTORY_SYNC_INTERVAL_MS: process.env.INVENTORY_SYNC_INTERVAL_MS ?? '60000',
  };
  const workerMetricsPort = await portOr(9464);
  launch('worker', { ...bridgeEnv, METRICS_PORT: String(workerMetricsPort) });
  // The ingress serves /metrics on its own METRICS_PORT, off the port Qianyi's calls reach, as in production.
  const ingressMetricsPort = await portOr(9465);
  const ingress = launch('ingress', {
    ...bridgeEnv,
    PORT: String(await portOr(Number(process.env.PORT ?? 8080))),
    METRICS_PORT: String(ingressMetricsPort),
  });
  const ingressUrl = (await ingress.listening).url;
  // The dashboard can retry and clean jobs, so even locally it gets a password: a fresh one per run.
  const dashboardAuth = { user: 'admin', password: randomBytes(12).toString('base64url') };
  const dashboard = launch('dashboard', {
    REDIS_URL: redisUrl,
    HOST: host,
    BRIDGE_SANDBOX: '1',
    DASHBOARD_PORT: String(await portOr(Number(process.env.DASHBOARD_PORT ?? 3000))),
    DASHBOARD_USER: dashboardAuth.user,
    DASHBOARD_PASSWORD: dashboardAuth.password,
  });
  const dashboardUrl = (await dashboard.listening).url;
  const metrics = {
    ingress: `http://127.0.0.1:${ingressMetricsPort}`,
    worker: `http://127.0.0.1:${workerMetricsPort}`,
  };
  await Promise.all([waitForHttp(`${metrics.worker}/healthz`), waitForHttp(`${metrics.ingress}/metrics`)]);

  const run = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    redisUrl,
    tenantsFile,
    callUrl: `${ingressUrl}/api/qianyi`,
    ingressUrl,
    sandboxUrl,
    dashboardUrl,
    metrics,
  };
  writeRunFile(dataDir, run);
  wroteRunFile = true;
  process.stdout.write(
    banner({
      run,
      accessId: SANDBOX.accessId,
      secretKey: SANDBOX.secretKey,
      dashboard: dashboardAuth,
      privateRedisDir: redis?.dir,
    }),
  );
} catch (err) {
  process.stderr.write(`cannot start: ${(err as Error).message}\n`);
  await stopAll(1);
}
