import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startApp, startRedisServer, type AppProcess, type PrivateRedis } from '@bridge/testkit';
import { portOr } from './ports';
import { relay } from './log-relay';

/**
 * `pnpm start`: the whole bridge on one machine against the eTower sandbox. Redis from REDIS_URL or a private
 * redis-server with its data under .data/; Ctrl-C stops everything.
 */
const SANDBOX = { token: 'sandbox-token', key: 'sandbox-key', accessId: 'sandbox-access-id', secretKey: 'sandbox-secret-key', extraType: 'SANDBOX' };
const dataDir = join(repoRoot, '.data');
mkdirSync(dataDir, { recursive: true });

let redis: PrivateRedis | undefined;
const apps: AppProcess[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  process.stdout.write('\nstopping…\n');
  await Promise.all([...apps].reverse().map((a) => a.stop('SIGTERM', 20000)));
  await redis?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
// If the supervisor dies anyway, its detached apps must not outlive it.
process.on('exit', () => { for (const a of apps) a.child.kill('SIGKILL'); });

function launch(name: string, env: Record<string, string>): AppProcess {
  // Detached: Ctrl-C reaches only this supervisor, which stops each app with one SIGTERM (a second signal
  // would make the apps skip their graceful shutdown).
  const app = startApp(name, env, 'main', { detached: true });
  relay(name, app.child.stdout!);
  relay(name, app.child.stderr!, process.stderr);
  void app.exited.then((code) => {
    if (!stopping) { process.stderr.write(`${name} exited (${code}); stopping the others\n`); void stopAll(1); }
  });
  apps.push(app);
  return app;
}

try {
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    redis = await startRedisServer({ dir: join(dataDir, 'redis'), appendOnly: true });
    redisUrl = redis.url;
  }
  const sandbox = launch('sandbox', {
    SANDBOX_PORT: String(await portOr(8090)),
    SANDBOX_ETOWER_TOKEN: SANDBOX.token, SANDBOX_ETOWER_KEY: SANDBOX.key,
    SANDBOX_QIANYI_ACCESS_ID: SANDBOX.accessId, SANDBOX_QIANYI_SECRET_KEY: SANDBOX.secretKey,
  });
  const sandboxUrl = (await sandbox.listening).url;
  const bridgeEnv = {
    REDIS_URL: redisUrl,
    QIANYI_ACCESS_ID: SANDBOX.accessId, QIANYI_SECRET_KEY: SANDBOX.secretKey,
    QIANYI_CALLBACK_BASE_URL: sandboxUrl, QIANYI_WAREHOUSE_EXTRA_TYPE: SANDBOX.extraType,
    ETOWER_BASE_URL: sandboxUrl, ETOWER_TOKEN: SANDBOX.token, ETOWER_KEY: SANDBOX.key,
    ORDER_POLL_INTERVAL_MS: process.env.ORDER_POLL_INTERVAL_MS ?? '5000',
    ASN_POLL_INTERVAL_MS: process.env.ASN_POLL_INTERVAL_MS ?? '5000',
    INVENTORY_SYNC_INTERVAL_MS: process.env.INVENTORY_SYNC_INTERVAL_MS ?? '60000',
  };
  launch('worker', bridgeEnv);
  const ingress = launch('ingress', { ...bridgeEnv, PORT: String(await portOr(Number(process.env.PORT ?? 8080))) });
  const ingressUrl = (await ingress.listening).url;
  // The dashboard can retry and clean jobs, so even locally it gets a password: a fresh one per run.
  const dashboardAuth = { user: 'admin', password: randomBytes(12).toString('base64url') };
  const dashboard = launch('dashboard', {
    REDIS_URL: redisUrl, BRIDGE_SANDBOX: '1', DASHBOARD_PORT: String(await portOr(Number(process.env.DASHBOARD_PORT ?? 3000))),
    DASHBOARD_USER: dashboardAuth.user, DASHBOARD_PASSWORD: dashboardAuth.password,
  });
  const dashboardUrl = (await dashboard.listening).url;

  const run = { ingressUrl: `${ingressUrl}/api/qianyi`, sandboxUrl, redisUrl, accessId: SANDBOX.accessId, secretKey: SANDBOX.secretKey };
  writeFileSync(join(dataDir, 'run.json'), JSON.stringify(run, null, 2));
  process.stdout.write([
    '',
    'Qianyi ↔ eTower bridge is running on the sandbox',
    `  Qianyi calls     POST ${run.ingressUrl}`,
    `  accessId         ${run.accessId}`,
    `  secretKey        ${run.secretKey}`,
    `  eTower sandbox   ${sandboxUrl}/api/supplier-service   (faults and stats: ${sandboxUrl}/__control/etower/stats)`,
    `  Qianyi webhooks  ${sandboxUrl}/__control/qianyi   (what the bridge pushed)`,
    `  health           ${ingressUrl}/healthz   ${ingressUrl}/readyz`,
    `  dashboard        ${dashboardUrl}/   user ${dashboardAuth.user}  password ${dashboardAuth.password}`,
    `  Redis            ${redisUrl}${redis ? '   (private, data in .data/redis)' : ''}`,
    '  Try it: pnpm demo      Stop: Ctrl-C',
    '',
  ].join('\n') + '\n');
} catch (err) {
  process.stderr.write(`cannot start: ${(err as Error).message}\n`);
  await stopAll(1);
}
