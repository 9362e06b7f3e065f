import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { computeSign } from '@bridge/qianyi';
import { startApp, type AppProcess } from '@bridge/runtime/local-processes';
import { isolatedRedisUrl } from './test-redis';

/** The sandbox tenant every harness uses. */
export const TEST_TENANT = {
  accessId: 'test-access-id',
  secretKey: 'test-secret-key',
  token: 'test-token',
  key: 'test-key',
  extraType: 'TESTWH',
};

export interface BridgeHarness {
  redisUrl: string;
  ingressUrl: string;
  sandboxUrl: string;
  sandbox: AppProcess;
  ingress: AppProcess;
  workers: AppProcess[];
  bridgeEnv: Record<string, string>;
  /** A correctly signed call; returns HTTP status and parsed body. */
  call(
    method: string,
    content: object | string,
    options?: { accessId?: string; secretKey?: string },
  ): Promise<{ status: number; body: any }>;
  startWorker(env?: Record<string, string>): Promise<AppProcess>;
  control<T = any>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  sandboxEnv?: Record<string, string>;
  bridgeEnv?: Record<string, string>;
  workers?: number;
  /** Start without the ingress (tests of the worker alone). */
  noIngress?: boolean;
  /** Per-tenant options (orderReleaseDelayMs, allowCodPassthrough, productDefaults, …): the test tenant is then
   *  configured through a BRIDGE_TENANTS_FILE written after the sandbox is up. */
  tenant?: Record<string, unknown>;
  /** A Redis of the test's own (e.g. one it stops and restarts); default: the suite's, a database per file. */
  redisUrl?: string;
  /** Options for node itself when it starts the ingress (a V8 trace, say). */
  ingressNodeArgs?: string[];
  /** Variables for the ingress alone, over bridgeEnv. bridgeEnv's METRICS_PORT is the workers' and is not
   *  passed to the ingress (two processes cannot listen on one port); give the ingress its own here. */
  ingressEnv?: Record<string, string>;
}

function writeTenantsFile(sandboxUrl: string, extra: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bridge-tenants-')), 'tenants.json');
  writeFileSync(
    file,
    JSON.stringify({
      tenants: [
        {
          accessId: TEST_TENANT.accessId,
          secretKey: TEST_TENANT.secretKey,
          qianyi: { callbackBaseUrl: sandboxUrl, warehouseExtraType: TEST_TENANT.extraType },
          etower: { baseUrl: sandboxUrl, token: TEST_TENANT.token, key: TEST_TENANT.key },
          ...extra,
        },
      ],
    }),
  );
  return file;
}

/** The whole bridge as real processes: sandbox (eTower + Qianyi receiver), worker(s), ingress, on a private Redis db. */
export async function startBridge(options: HarnessOptions = {}): Promise<BridgeHarness> {
  const redisUrl = options.redisUrl ?? (await isolatedRedisUrl());
  const sandbox = startApp('sandbox', {
    SANDBOX_PORT: '0',
    SANDBOX_ETOWER_TOKEN: TEST_TENANT.token,
    SANDBOX_ETOWER_KEY: TEST_TENANT.key,
    SANDBOX_QIANYI_ACCESS_ID: TEST_TENANT.accessId,
    SANDBOX_QIANYI_SECRET_KEY: TEST_TENANT.secretKey,
    SANDBOX_ACCEPT_AFTER_MS: '300',
    SANDBOX_SHIP_AFTER_MS: '800',
    SANDBOX_RECEIVE_STEP_MS: '500',
    ...options.sandboxEnv,
  });
  const sandboxUrl = (await sandbox.listening).url;
  const tenantsFile = options.tenant ? writeTenantsFile(sandboxUrl, options.tenant) : undefined;
  const bridgeEnv: Record<string, string> = {
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'info',
    QIANYI_ACCESS_ID: TEST_TENANT.accessId,
    QIANYI_SECRET_KEY: TEST_TENANT.secretKey,
    QIANYI_CALLBACK_BASE_URL: sandboxUrl,
    QIANYI_WAREHOUSE_EXTRA_TYPE: TEST_TENANT.extraType,
    ETOWER_BASE_URL: sandboxUrl,
    ETOWER_TOKEN: TEST_TENANT.token,
    ETOWER_KEY: TEST_TENANT.key,
    ETOWER_TIMEOUT_MS: '2000',
    ETOWER_RETRY_BASE_MS: '200',
    SYNC_WAIT_MS: '3000',
    ORDER_POLL_INTERVAL_MS: '1000',
    ASN_POLL_INTERVAL_MS: '1000',
    INVENTORY_SYNC_INTERVAL_MS: '60000',
    WEBHOOK_RETRY_SCHEDULE_MS: '0,200,500,1000,2000,3000',
    WORKER_LOCK_DURATION_MS: '5000',
    WORKER_STALLED_INTERVAL_MS: '2000',
    PORT: '0',
    HOST: '127.0.0.1',
    ...(tenantsFile ? { BRIDGE_TENANTS_FILE: tenantsFile } : {}),
    ...options.bridgeEnv,
  };
  const workers: AppProcess[] = [];
  const startWorker = async (env: Record<string, string> = {}) => {
    const w = startApp('worker', { ...bridgeEnv, ...env });
    try {
      await w.waitForLine((l) => l.includes('"event":"ready"'));
    } catch (err) {
      await w.stop('SIGKILL');
      throw err;
    }
    workers.push(w);
    return w;
  };
  const { METRICS_PORT: _workersMetricsPort, ...ingressEnv } = bridgeEnv;
  const ingress = startApp('ingress', { ...ingressEnv, ...options.ingressEnv }, 'main', {
    nodeArgs: options.ingressNodeArgs ?? [],
  });
  // The ingress and the workers need only the sandbox's URL: they start side by side (each spends most of its
  // start loading modules, which the other core can do meanwhile), and a start that fails stops the rest.
  let ingressUrl = '';
  try {
    await Promise.all([
      ...Array.from({ length: options.workers ?? 1 }, () => startWorker()),
      options.noIngress
        ? undefined
        : ingress.listening.then((l) => {
            ingressUrl = l.url;
          }),
    ]);
  } catch (err) {
    await Promise.all([ingress.stop('SIGKILL'), ...workers.map((w) => w.stop('SIGKILL')), sandbox.stop('SIGKILL')]);
    throw err;
  }

  const call: BridgeHarness['call'] = async (method, content, opts = {}) => {
    const accessId = opts.accessId ?? TEST_TENANT.accessId;
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    const sign = computeSign(accessId, text === '' ? undefined : text, opts.secretKey ?? TEST_TENANT.secretKey);
    const res = await fetch(`${ingressUrl}/api/qianyi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessId, method, content: text, sign }),
    });
    const raw = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw;
    }
    return { status: res.status, body };
  };
  const control: BridgeHarness['control'] = async (path, init = {}) => {
    const res = await fetch(`${sandboxUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${path}: HTTP ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as never;
  };
  return {
    redisUrl,
    ingressUrl,
    sandboxUrl,
    sandbox,
    ingress,
    workers,
    bridgeEnv,
    call,
    startWorker,
    control,
    stop: async () => {
      await Promise.all([ingress.stop(), ...workers.map((w) => w.stop())]);
      await sandbox.stop();
      if (tenantsFile) rmSync(dirname(tenantsFile), { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails with the last value seen. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    last = value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Total jobs of every state in each queue of the bridge (a rejected request must leave all at zero). */
export async function jobCounts(redisUrl: string): Promise<Record<string, number>> {
  const { Queue } = await import('bullmq');
  const names = ['orders', 'asn', 'skus', 'inventory', 'webhooks'];
  const counts: Record<string, number> = {};
  for (const name of names) {
    const q = new Queue(name, { connection: { url: redisUrl }, prefix: '{bridge}' });
    const c = await q.getJobCounts();
    counts[name] = Object.values(c).reduce((a, b) => a + b, 0);
    await q.close();
  }
  return counts;
}

/**
 * What the eTower sandbox counted (GET /__control/etower/stats): the evidence of "exactly once". Written here as
 * the wire shape tests read, so that the testkit imports no app; `apps/sandbox/test/stats-shape.test.ts` keeps
 * it and the sandbox's own `SimStats` the same type.
 */
export interface SandboxStats {
  calls: Record<string, number>;
  createOrderAttempts: Record<string, number>;
  /** createOrders items whose answer a `short-array` fault cut off (sending them again is expected). */
  createOrderAnswersLost: Record<string, number>;
  ordersCreated: Record<string, number>;
  confirmations: Record<string, number>;
  poAttempts: Record<string, number>;
  posCreated: Record<string, number>;
  productAttempts: Record<string, number>;
  productsCreated: Record<string, number>;
  /** Size of every product/create request, in order. */
  productBatchSizes: number[];
  unauthorized: number;
  faultsApplied: number;
}

export function etowerStats(bridge: Pick<BridgeHarness, 'control'>): Promise<SandboxStats> {
  return bridge.control<SandboxStats>('/__control/etower/stats');
}
