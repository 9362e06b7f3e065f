import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '@bridge/testkit';

// docker-compose.yml as Compose itself resolves it (`docker-compose config`), and the Dockerfile's essentials.
// There is no Docker engine here: `config` validates and interpolates without one. .ci/run installs Debian's
// docker-compose; without it the Compose checks are skipped with a message.

const hasCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
if (!hasCompose) console.warn('docker-compose.yml checks skipped: docker-compose is not installed (apt-get install -y docker-compose, as .ci/run does)');
const maybe = hasCompose ? it : it.skip;

interface Service {
  image?: string; command?: string[]; ports?: Array<{ published?: string | number; target?: number } | string>; container_name?: string;
  environment?: Record<string, string>; healthcheck?: { test?: string[] }; depends_on?: Record<string, { condition?: string }>;
  volumes?: Array<{ target?: string } | string>; profiles?: string[];
}

function composeConfig(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  // Only what the test gives: no COMPOSE_* or bridge settings from the caller's shell.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(COMPOSE_|DASHBOARD_|QIANYI_|ETOWER_)/.test(k)));
  const r = spawnSync('docker-compose', ['-f', 'docker-compose.yml', ...args, 'config'], { cwd: repoRoot, env: { ...base, ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function services(args: string[] = [], env: Record<string, string> = { DASHBOARD_PASSWORD: 'test-password' }): Record<string, Service> {
  const r = composeConfig(args, env);
  if (r.status !== 0) throw new Error(`docker-compose config failed:\n${r.stderr}`);
  return (parse(r.stdout) as { services: Record<string, Service> }).services;
}

const published = (s: Service) => (s.ports ?? []).map((p) => (typeof p === 'string' ? p : `${p.published}:${p.target}`));
const WORKERS = ['worker-orders', 'worker-webhooks', 'worker-catalog'];

it('has no obsolete version key (Compose specification)', () => {
  expect(Object.keys(parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8')) as object)).not.toContain('version');
});

maybe('refuses to resolve without DASHBOARD_PASSWORD, naming it', () => {
  const r = composeConfig([], {});
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('DASHBOARD_PASSWORD');
});

maybe('runs Redis with AOF everysec, noeviction, a named volume and a health check', () => {
  const redis = services().redis!;
  expect(redis.image).toMatch(/^redis:7/);
  const command = redis.command!.join(' ');
  expect(command).toContain('--appendonly yes');
  expect(command).toContain('--appendfsync everysec');
  expect(command).toContain('--maxmemory-policy noeviction');
  expect(redis.volumes!.map((v) => (typeof v === 'string' ? v.split(':')[1] : v.target))).toContain('/data');
  expect(redis.healthcheck?.test?.join(' ')).toContain('ping');
});

maybe('has scalable workers: no host ports, no container name, queues split between them, health checks', () => {
  const all = services();
  const queues: string[] = [];
  for (const name of WORKERS) {
    const worker = all[name]!;
    expect({ name, ports: worker.ports, container_name: worker.container_name }).toEqual({ name, ports: undefined, container_name: undefined });
    expect(worker.command).toEqual(['node', 'apps/worker/dist/main.js']);
    expect(worker.depends_on?.redis?.condition).toBe('service_healthy');
    expect(worker.healthcheck?.test?.join(' ')).toContain('/readyz');
    queues.push(...worker.environment!.WORKER_QUEUES!.split(','));
  }
  expect(queues.sort()).toEqual(['asn', 'inventory', 'orders', 'skus', 'webhooks']);
});

maybe('publishes the ingress on 8080 and the dashboard on 3000, each with a health check, from one image', () => {
  const all = services();
  expect(published(all.ingress!)).toContain('8080:8080');
  expect(all.ingress!.healthcheck?.test?.join(' ')).toContain('/readyz');
  expect(published(all.dashboard!)).toContain('3000:3000');
  expect(all.dashboard!.healthcheck?.test?.join(' ')).toContain('/healthz');
  expect(all.dashboard!.environment).toMatchObject({ DASHBOARD_PASSWORD: 'test-password', DASHBOARD_PORT: '3000', REDIS_URL: 'redis://redis:6379' });
  // The dashboard gets no tenant or eTower secrets.
  expect(Object.keys(all.dashboard!.environment!).filter((k) => /^(QIANYI|ETOWER)_/.test(k))).toEqual([]);
  const images = new Set(['ingress', 'dashboard', ...WORKERS].map((n) => all[n]!.image));
  expect(images.size).toBe(1);
  for (const name of Object.keys(all)) expect({ name, container_name: all[name]!.container_name }).toEqual({ name, container_name: undefined });
});

maybe('adds the eTower simulator with sandbox.env and points the bridge at it', () => {
  const all = services(['--env-file', 'sandbox.env', '--profile', 'sandbox'], {});
  expect(all.sandbox!.command).toEqual(['node', 'apps/sandbox/dist/main.js']);
  expect(all.sandbox!.environment).toMatchObject({ SANDBOX_PORT: '8090', SANDBOX_HOST: '0.0.0.0' });
  expect(all.sandbox!.profiles).toEqual(['sandbox']);
  for (const name of ['ingress', ...WORKERS]) {
    expect(all[name]!.environment).toMatchObject({ ETOWER_BASE_URL: 'http://sandbox:8090', QIANYI_CALLBACK_BASE_URL: 'http://sandbox:8090', ETOWER_TOKEN: all.sandbox!.environment!.SANDBOX_ETOWER_TOKEN });
  }
});

it('builds with pnpm 10 from npm and a frozen lockfile, and runs production-only as a non-root user', () => {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  expect(dockerfile).toContain('npm install -g pnpm@10');
  expect(dockerfile).not.toMatch(/^\s*RUN.*corepack/m);
  expect(dockerfile).toMatch(/pnpm install --offline --frozen-lockfile\b/);
  expect(dockerfile).toMatch(/--frozen-lockfile --prod/);
  expect(dockerfile).toMatch(/NODE_ENV=production/);
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toMatch(/^CMD \["node", "apps\/ingress\/dist\/main\.js"\]$/m);
  const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
  expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git', '.env']));
});
