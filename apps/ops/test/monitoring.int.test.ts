import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { freePort, repoRoot, startBridge, type BridgeHarness } from '@bridge/testkit';
import { exportedNames, exprsIn, metricNames } from './promql-names';

// The monitoring files an operator drops in (monitoring/) name only metrics the running apps export: the ingress
// and a worker are started with METRICS_PORT and scraped. Metrics of an exporter we do not ship are listed here by
// exporter, and must be used (a stale entry fails too). The image's health check is run against the same apps.

const NOT_OURS: Record<string, string[]> = {
  'redis_exporter (docker-compose.yml, profile monitoring)': [
    'redis_up',
    'redis_memory_used_bytes',
    'redis_memory_max_bytes',
  ],
  'Prometheus itself (one per scrape target)': ['up'],
};
const notOurs = new Set(Object.values(NOT_OURS).flat());

const files = {
  alerts: 'monitoring/prometheus/alerts.yml',
  dashboard: 'monitoring/grafana/dashboards/bridge.json',
};
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const alerts = parse(read(files.alerts)) as {
  groups: Array<{
    rules: Array<{ alert: string; expr: string; labels?: { severity?: string }; annotations?: { summary?: string } }>;
  }>;
};
const dashboard = JSON.parse(read(files.dashboard)) as unknown;
const namesIn = (doc: unknown) => [...new Set(exprsIn(doc).flatMap(metricNames))].sort();

let bridge: BridgeHarness;
let ports: { ingress: number; worker: number };
let exported: Set<string>;
beforeAll(async () => {
  ports = { ingress: await freePort(), worker: await freePort() };
  bridge = await startBridge({
    bridgeEnv: { METRICS_PORT: String(ports.worker) },
    ingressEnv: { METRICS_PORT: String(ports.ingress) },
  });
  const scrape = async (port: number) => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };
  exported = new Set([...exportedNames(await scrape(ports.ingress)), ...exportedNames(await scrape(ports.worker))]);
});
afterAll(async () => {
  await bridge?.stop();
});

test.each(Object.entries(files))(
  "every metric %s names is exported by the apps or listed as another exporter's",
  (_, path) => {
    const names = namesIn(path === files.alerts ? alerts : dashboard);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => !exported.has(n) && !notOurs.has(n))).toEqual([]);
  },
);

test("the list of other exporters' metrics holds only metrics that are used, and none the apps export", () => {
  const used = new Set([...namesIn(alerts), ...namesIn(dashboard)]);
  expect([...notOurs].filter((n) => !used.has(n))).toEqual([]);
  expect([...notOurs].filter((n) => exported.has(n))).toEqual([]);
});

test('the alerts cover what an operator must hear about', () => {
  const exprOf = (alert: string) => alerts.groups.flatMap((g) => g.rules).find((r) => r.alert === alert)?.expr ?? '';
  expect(exprOf('BridgeOrdersFailed')).toMatch(/bridge_jobs_total\{[^}]*queue="orders"[^}]*outcome="failed"/);
  expect(exprOf('BridgePushesExhausted')).toMatch(/bridge_webhook_deliveries_total\{outcome="failed"\}/);
  expect(exprOf('BridgeQueueBacklogGrowing')).toMatch(/bridge_queue_jobs\{state="waiting"\}/);
  expect(exprOf('BridgeEtowerErrorRate')).toMatch(/bridge_etower_calls_total\{outcome!="ok"\}/);
  expect(exprOf('BridgeInventorySnapshotStale')).toMatch(/bridge_inventory_snapshot_age_seconds/);
  expect(exprOf('BridgeRedisMemoryHigh')).toMatch(/redis_memory_used_bytes/);
  for (const rule of alerts.groups.flatMap((g) => g.rules)) {
    expect({
      alert: rule.alert,
      severity: ['warning', 'critical'].includes(rule.labels?.severity ?? ''),
      summary: Boolean(rule.annotations?.summary),
    }).toEqual({ alert: rule.alert, severity: true, summary: true });
  }
});

test('the label values the alerts match on are ones the apps produce', () => {
  // A matcher on a value no series carries would never fire: check the ones the apps label from closed sets.
  const exprs = alerts.groups
    .flatMap((g) => g.rules)
    .map((r) => r.expr)
    .join('\n');
  const used = (label: string) => [
    ...new Set([...exprs.matchAll(new RegExp(`${label}=~?"([^"]+)"`, 'g'))].flatMap((m) => m[1]!.split('|'))),
  ];
  const source = (path: string) => read(path);
  const worker = source('apps/worker/src/metrics.ts') + source('apps/worker/src/consumers.ts');
  for (const outcome of used('outcome'))
    expect({
      outcome,
      known: new RegExp(`\\b${outcome}\\b`).test(worker + source('apps/ingress/src/metrics.ts')),
    }).toEqual({ outcome, known: true });
  for (const state of used('state')) expect(['waiting', 'active', 'delayed', 'failed', 'prioritized']).toContain(state);
  for (const queue of used('queue')) expect(['orders', 'asn', 'skus', 'inventory', 'webhooks']).toContain(queue);
  for (const reason of used('reason')) expect(['unknown_access_id', 'wrong_sign']).toContain(reason);
});

const hasPromtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasPromtool)
  console.warn('promtool checks skipped: promtool is not installed (apt-get install -y prometheus, as .ci/run does)');

(hasPromtool ? test : test.skip)('promtool accepts the alert rules and the Prometheus configuration', () => {
  for (const args of [
    ['check', 'rules', files.alerts],
    ['check', 'config', 'monitoring/prometheus/prometheus.yml'],
  ]) {
    const r = spawnSync('promtool', args, { cwd: repoRoot, encoding: 'utf8' });
    expect({ args, status: r.status, out: r.status === 0 ? '' : r.stdout + r.stderr }).toEqual({
      args,
      status: 0,
      out: '',
    });
  }
});

test('Prometheus scrapes every bridge service on METRICS_PORT and redis_exporter', () => {
  const config = parse(read('monitoring/prometheus/prometheus.yml')) as {
    rule_files: string[];
    scrape_configs: Array<{
      job_name: string;
      dns_sd_configs?: Array<{ names: string[]; port: number }>;
      static_configs?: Array<{ targets: string[] }>;
    }>;
  };
  expect(config.rule_files).toEqual(['alerts.yml']);
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, { command?: string[] }>;
  };
  const bridgeServices = Object.entries(compose.services)
    .filter(([, s]) => /apps\/(ingress|worker)\//.test(s.command?.[1] ?? ''))
    .map(([n]) => n)
    .sort();
  const scraped = config.scrape_configs.flatMap((c) => c.dns_sd_configs ?? []);
  expect(scraped.flatMap((d) => d.names).sort()).toEqual(bridgeServices);
  expect(new Set(scraped.map((d) => d.port))).toEqual(new Set([9464]));
  expect(config.scrape_configs.flatMap((c) => c.static_configs ?? []).flatMap((s) => s.targets)).toContain(
    'redis-exporter:9121',
  );
});

describe('the image health check (deploy/healthcheck.mjs)', () => {
  const check = (app: string, env: Record<string, string>) => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'deploy/healthcheck.mjs'), app], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 15000,
    });
    return { status: r.status, out: r.stdout.trim() };
  };

  test('a worker is healthy when its /readyz on METRICS_PORT says so; nothing listening is unhealthy', async () => {
    expect(check('worker', { METRICS_PORT: String(ports.worker) })).toMatchObject({
      status: 0,
      out: expect.stringMatching(/^healthy: worker .*\/readyz answered 200/),
    });
    expect(check('worker', { METRICS_PORT: String(await freePort()) })).toMatchObject({
      status: 1,
      out: expect.stringMatching(/^unhealthy: worker .* did not answer/),
    });
    expect(check('worker', {})).toMatchObject({ status: 0, out: expect.stringMatching(/^not checked/) });
  });

  test('the ingress is asked on PORT (its /readyz), at HOST when that is not every interface', () => {
    const port = new URL(bridge.ingressUrl).port;
    expect(check('ingress', { PORT: port, HOST: '127.0.0.1' })).toMatchObject({
      status: 0,
      out: expect.stringMatching(/^healthy: ingress http:\/\/127\.0\.0\.1:\d+\/readyz answered 200/),
    });
    expect(check('ingress', { PORT: String(ports.ingress) })).toMatchObject({ status: 1 }); // the metrics port has no /readyz
  });
});
