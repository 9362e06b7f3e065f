import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '@bridge/testkit';

// docker-compose.yml as Compose itself resolves it (`docker-compose config`), and the Dockerfile's essentials.
// There is no Docker engine here: `config` validates and interpolates without one. .ci/run installs Debian's
// docker-compose; without it the Compose checks are skipped with a message.

const hasCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
if (!hasCompose)
  console.warn(
    'docker-compose.yml checks skipped: docker-compose is not installed (apt-get install -y docker-compose, as .ci/run does)',
  );
const maybe = hasCompose ? it : it.skip;

interface Service {
  image?: string;
  command?: string[];
  ports?: Array<{ published?: string | number; target?: number } | string>;
  container_name?: string;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
  volumes?: Array<{ target?: string } | string>;
  profiles?: string[];
}

function composeConfig(
  args: string[],
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  // Only what the test gives: no COMPOSE_* or bridge settings from the caller's shell.
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(COMPOSE_|DASHBOARD_|QIANYI_|ETOWER_)/.test(k)),
  );
  const r = spawnSync('docker-compose', ['-f', 'docker-compose.yml', ...args, 'config'], {
    cwd: repoRoot,
    env: { ...base, ...env },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const REQUIRED = { DASHBOARD_PASSWORD: 'test-password', REDIS_PASSWORD: 'test-redis-password' };

function services(args: string[] = [], env: Record<string, string> = REQUIRED): Record<string, Service> {
  const r = composeConfig(args, env);
  if (r.status !== 0) throw new Error(`docker-compose config failed:\n${r.stderr}`);
  return (parse(r.stdout) as { services: Record<string, Service> }).services;
}

const published = (s: Service) =>
  (s.ports ?? []).map((p) => (typeof p === 'string' ? p.replace(/\/tcp$/, '') : `${p.published}:${p.target}`));
/** The queue groups an operator scales alone; the inventory queue also carries the catalog refresh. */
const WORKERS: Record<string, string> = {
  'worker-orders': 'orders',
  'worker-webhooks': 'webhooks',
  'worker-asn': 'asn',
  'worker-skus': 'skus',
  'worker-inventory': 'inventory',
};
const BRIDGE = ['ingress', 'dashboard', ...Object.keys(WORKERS)];

it('has no obsolete version key (Compose specification)', () => {
  expect(Object.keys(parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8')) as object)).not.toContain(
    'version',
  );
});

maybe('refuses to resolve without DASHBOARD_PASSWORD or REDIS_PASSWORD, naming it', () => {
  for (const missing of Object.keys(REQUIRED)) {
    const r = composeConfig([], Object.fromEntries(Object.entries(REQUIRED).filter(([k]) => k !== missing)));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(missing);
  }
});

maybe('runs Redis with AOF everysec, noeviction, maxmemory, a password, a named volume and a health check', () => {
  const all = services([], { ...REQUIRED, REDIS_MAXMEMORY: '2gb' });
  const redis = all.redis!;
  expect(redis.image).toMatch(/^redis:7/);
  const command = redis.command!.join(' ');
  expect(command).toContain('--appendonly yes');
  expect(command).toContain('--appendfsync everysec');
  expect(command).toContain('--maxmemory-policy noeviction');
  expect(command).toContain('--maxmemory 2gb');
  expect(command).toContain('--requirepass test-redis-password');
  for (const name of BRIDGE)
    expect({ name, env: all[name]!.environment }).toMatchObject({
      name,
      env: { REDIS_URL: 'redis://redis:6379', REDIS_PASSWORD: 'test-redis-password' },
    });
  expect(redis.volumes!.map((v) => (typeof v === 'string' ? v.split(':')[1] : v.target))).toContain('/data');
  expect(redis.healthcheck?.test?.join(' ')).toContain('ping');
});

maybe(
  "has one scalable worker service per queue: no host ports, no container name, metrics on METRICS_PORT, the image's health check",
  () => {
    const all = services();
    for (const [name, queue] of Object.entries(WORKERS)) {
      const worker = all[name]!;
      expect({ name, ports: worker.ports, container_name: worker.container_name }).toEqual({
        name,
        ports: undefined,
        container_name: undefined,
      });
      expect(worker.command).toEqual(['node', 'apps/worker/dist/main.js']);
      expect(worker.depends_on?.redis?.condition).toBe('service_healthy');
      expect(worker.environment).toMatchObject({ WORKER_QUEUES: queue, METRICS_PORT: '9464' });
      // The Dockerfile's HEALTHCHECK asks the worker's /readyz on METRICS_PORT; a service must not switch it off.
      expect(worker.healthcheck).toBeUndefined();
    }
    const workerServices = Object.entries(all)
      .filter(([, s]) => s.command?.[1] === 'apps/worker/dist/main.js')
      .map(([n]) => n);
    expect(workerServices.sort()).toEqual(Object.keys(WORKERS).sort());
  },
);

maybe(
  'only Caddy publishes ports to the network; the ingress is scalable behind it with metrics off the public port',
  () => {
    const all = services();
    const caddy = all.caddy!;
    expect(caddy.image).toMatch(/^caddy:2\./);
    expect(published(caddy).sort()).toEqual(['443:443', '80:80']);
    expect(
      caddy
        .volumes!.map((v) => (typeof v === 'string' ? v : `${(v as { source?: string }).source}:${v.target}`))
        .join(' '),
    ).toMatch(/deploy\/Caddyfile:\/etc\/caddy\/Caddyfile/);
    expect(caddy.depends_on?.ingress?.condition).toBe('service_healthy');
    const ingress = all.ingress!;
    expect({ ports: ingress.ports, container_name: ingress.container_name }).toEqual({
      ports: undefined,
      container_name: undefined,
    });
    expect(ingress.command).toEqual(['node', 'apps/ingress/dist/main.js']);
    expect(ingress.environment).toMatchObject({ PORT: '8080', METRICS_PORT: '9464' });
    // Everything else that has a port has it on the host's loopback.
    for (const [name, service] of Object.entries(
      services(['--profile', 'sandbox', '--profile', 'monitoring'], REQUIRED),
    )) {
      if (name === 'caddy') continue;
      for (const p of service.ports ?? [])
        expect({
          name,
          host_ip: typeof p === 'string' ? p.split(':')[0] : (p as { host_ip?: string }).host_ip,
        }).toEqual({ name, host_ip: '127.0.0.1' });
    }
  },
);

maybe('the dashboard: loopback port 3000, Redis only, no tenant secrets; every bridge service from one image', () => {
  const all = services();
  expect(published(all.dashboard!)).toEqual(['127.0.0.1:3000:3000']);
  expect(all.dashboard!.environment).toMatchObject({
    DASHBOARD_PASSWORD: 'test-password',
    DASHBOARD_PORT: '3000',
    REDIS_URL: 'redis://redis:6379',
  });
  expect(Object.keys(all.dashboard!.environment!).filter((k) => /^(QIANYI|ETOWER)_/.test(k))).toEqual([]);
  const images = new Set(BRIDGE.map((n) => all[n]!.image));
  expect(images.size).toBe(1);
  for (const name of Object.keys(all))
    expect({ name, container_name: all[name]!.container_name }).toEqual({ name, container_name: undefined });
});

maybe(
  'the monitoring profile runs redis_exporter, Prometheus with monitoring/prometheus and Grafana with the dashboard',
  () => {
    const all = services(['--profile', 'monitoring'], REQUIRED);
    expect(all['redis-exporter']!.environment).toMatchObject({
      REDIS_ADDR: 'redis://redis:6379',
      REDIS_PASSWORD: 'test-redis-password',
    });
    const mounts = (name: string) =>
      (all[name]!.volumes ?? [])
        .map((v) => (typeof v === 'string' ? v : `${(v as { source?: string }).source}:${v.target}`))
        .join(' ');
    expect(mounts('prometheus')).toMatch(/monitoring\/prometheus:\/etc\/prometheus/);
    expect(mounts('grafana')).toMatch(/monitoring\/grafana\/provisioning:\/etc\/grafana\/provisioning/);
    expect(mounts('grafana')).toMatch(/monitoring\/grafana\/dashboards:\/etc\/grafana\/dashboards/);
  },
);

maybe('adds the eTower simulator with sandbox.env and points the bridge at it', () => {
  const all = services(['--env-file', 'sandbox.env', '--profile', 'sandbox'], {});
  expect(all.sandbox!.command).toEqual(['node', 'apps/sandbox/dist/main.js']);
  expect(all.sandbox!.environment).toMatchObject({ SANDBOX_PORT: '8090', SANDBOX_HOST: '0.0.0.0' });
  expect(all.sandbox!.profiles).toEqual(['sandbox']);
  for (const name of ['ingress', ...Object.keys(WORKERS)]) {
    expect(all[name]!.environment).toMatchObject({
      ETOWER_BASE_URL: 'http://sandbox:8090',
      QIANYI_CALLBACK_BASE_URL: 'http://sandbox:8090',
      ETOWER_TOKEN: all.sandbox!.environment!.SANDBOX_ETOWER_TOKEN,
    });
  }
});

it('builds with the pnpm of packageManager from npm and a frozen lockfile, runs production-only as a non-root user, with a HEALTHCHECK', () => {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  const { packageManager } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    packageManager: string;
  };
  expect(dockerfile).toContain(`ARG PNPM_VERSION=${packageManager.replace(/^pnpm@/, '')}\n`);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own ${PNPM_VERSION}, read literally
  expect(dockerfile).toContain('npm install -g "pnpm@${PNPM_VERSION}"');
  expect(dockerfile).toMatch(/^HEALTHCHECK .*CMD \["node", "deploy\/healthcheck\.mjs"\]$/m);
  expect(dockerfile).toMatch(/^COPY deploy\/healthcheck\.mjs \.\/deploy\/healthcheck\.mjs$/m);
  expect(dockerfile).not.toMatch(/^\s*RUN.*corepack/m);
  expect(dockerfile).toMatch(/pnpm install --offline --frozen-lockfile\b/);
  expect(dockerfile).toMatch(/--frozen-lockfile --prod/);
  expect(dockerfile).toMatch(/NODE_ENV=production/);
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toMatch(/^CMD \["node", "apps\/ingress\/dist\/main\.js"\]$/m);
  const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
  expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git', '.env']));
});

// Caddy itself reads the Caddyfile when it is installed (Debian's caddy; .ci/run installs it).
const hasCaddy = spawnSync('caddy', ['version'], { encoding: 'utf8' }).status === 0;
if (!hasCaddy)
  console.warn('deploy/Caddyfile check skipped: caddy is not installed (apt-get install -y caddy, as .ci/run does)');

(hasCaddy ? it : it.skip)(
  'deploy/Caddyfile: TLS for BRIDGE_DOMAIN, only POST /api/qianyi to every ingress replica, anything else 404',
  () => {
    const r = spawnSync('caddy', ['adapt', '--config', 'deploy/Caddyfile', '--adapter', 'caddyfile'], {
      cwd: repoRoot,
      env: { ...process.env, BRIDGE_DOMAIN: 'bridge.example.com' },
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const server = (
      JSON.parse(r.stdout) as { apps: { http: { servers: Record<string, { listen: string[]; routes: unknown[] }> } } }
    ).apps.http.servers.srv0!;
    expect(server.listen).toEqual([':443']);
    const text = JSON.stringify(server.routes);
    expect(text).toContain('"host":["bridge.example.com"]');
    expect(text).toContain('"path":["/api/qianyi"]');
    expect(text).toContain('"dynamic_upstreams":{"name":"ingress","port":"8080"');
    expect(text).toContain('"status_code":404');
    expect(text).not.toMatch(/metrics|dashboard/);
    expect([...text.matchAll(/"(?:port|dial)":"([^"]+)"/g)].map((m) => m[1])).toEqual(['8080']);
  },
);
