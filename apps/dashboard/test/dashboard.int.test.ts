import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { isolatedRedisUrl, repoRoot, startApp, type AppProcess } from '@bridge/testkit';
import { send } from './raw-http';

// The built dashboard as a real process on a private Redis db: auth on every route, redacted job data,
// refusal to start without credentials, clean exit on SIGTERM.

const AUTH = { user: 'ops-user', password: 'correct horse:battery' };
const authHeader = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
const good = authHeader(AUTH.user, AUTH.password);

let redisUrl: string;
let dashboard: AppProcess;
let url: string;
let orders: Queue;

beforeAll(async () => {
  redisUrl = await isolatedRedisUrl();
  dashboard = startApp('dashboard', {
    REDIS_URL: redisUrl,
    DASHBOARD_PORT: '0',
    HOST: '127.0.0.1',
    DASHBOARD_USER: AUTH.user,
    DASHBOARD_PASSWORD: AUTH.password,
  });
  url = (await dashboard.listening).url;
  orders = new Queue('orders', { connection: { url: redisUrl }, prefix: '{bridge}' });
});

afterAll(async () => {
  await orders?.close();
  await dashboard?.stop();
});

async function staticAssetPath(): Promise<string> {
  const html = await (await fetch(`${url}/`, { headers: good })).text();
  const asset = /(static\/js\/[^"]+\.js)/.exec(html)?.[1];
  if (!asset) throw new Error(`no script asset in the board page:\n${html.slice(0, 500)}`);
  return `/${asset}`;
}

it('refuses every route without the right credentials, static assets included', async () => {
  const asset = await staticAssetPath();
  const paths = ['/', asset, '/static/favicon-32x32.png', '/api/queues', '/api/queues/orders/anything'];
  const wrongs = [
    {},
    authHeader(AUTH.user, 'wrong'),
    authHeader('admin', AUTH.password),
    { authorization: 'Bearer x' },
  ];
  for (const [i, headers] of wrongs.entries()) {
    for (const path of paths) {
      // Each kind of wrong credentials from its own loopback address, so the failed-login limit (10 per
      // address) is not what answers.
      const res = await send(url, { method: 'GET', path, headers, localAddress: `127.0.1.${i + 1}` });
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
    }
  }
});

it('serves the board, its assets and its API with the credentials, and /healthz to anyone', async () => {
  const page = await fetch(`${url}/`, { headers: good });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>Qianyi ↔ eTower bridge</title>');
  const asset = await fetch(`${url}${await staticAssetPath()}`, { headers: good });
  expect(asset.status).toBe(200);
  expect(asset.headers.get('content-type')).toMatch(/javascript/);
  const api = (await (await fetch(`${url}/api/queues`, { headers: good })).json()) as {
    queues: Array<{ name: string }>;
  };
  expect(api.queues.map((q) => q.name).sort()).toEqual(['asn', 'inventory', 'orders', 'skus', 'webhooks']);
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
});

it("shows job data with labels, signs and secrets hidden and recipients' contacts masked, leaving the job intact", async () => {
  const data = {
    tenant: 'acc-1',
    sign: 'SIGNATURE',
    order: {
      orderNumber: 'SO-RED-1',
      labelData: 'JVBERi0xLjQKJcfsj6IKNSAwIG9iago=',
      receiver: { name: 'Kate', phone: '13812345188', email: 'kate@example.com' },
    },
  };
  await orders.add('createOrder', data, { jobId: 'createOrder-acc-1-SO-RED-1' });
  const res = await fetch(`${url}/api/queues?activeQueue=orders&status=waiting`, { headers: good });
  const body = (await res.json()) as { queues: Array<{ name: string; jobs: Array<{ id: string; data: any }> }> };
  const job = body.queues.find((q) => q.name === 'orders')!.jobs.find((j) => j.id === 'createOrder-acc-1-SO-RED-1')!;
  expect(job.data).toEqual({
    tenant: 'acc-1',
    sign: '[redacted]',
    order: {
      orderNumber: 'SO-RED-1',
      labelData: '[redacted]',
      receiver: { name: 'Kate', phone: '138****5188', email: 'k***@example.com' },
    },
  });
  const single = (await (
    await fetch(`${url}/api/queues/orders/createOrder-acc-1-SO-RED-1`, { headers: good })
  ).json()) as { job: { data: any } };
  expect(JSON.stringify(single.job.data)).not.toMatch(/JVBERi|13812345188|kate@example|SIGNATURE/);
  // The redaction is a view: what the worker will process is untouched.
  expect((await orders.getJob('createOrder-acc-1-SO-RED-1'))!.data).toEqual(data);
});

// Every route and spelling is in guard.int.test.ts; this checks the built process has the guard.
it('refuses to edit job data or add jobs by hand (the editor would start from the redacted view)', async () => {
  await orders.add(
    'createOrder',
    { tenant: 'acc-1', order: { orderNumber: 'SO-EDIT', labelData: 'PDF' } },
    { jobId: 'createOrder-acc-1-SO-EDIT' },
  );
  const edit = await fetch(`${url}/api/queues/orders/createOrder-acc-1-SO-EDIT/update-data`, {
    method: 'PATCH',
    headers: { ...good, 'content-type': 'application/json' },
    body: JSON.stringify({ jobData: { labelData: '[redacted]' } }),
  });
  expect(edit.status).toBe(403);
  expect((await orders.getJob('createOrder-acc-1-SO-EDIT'))!.data.order.labelData).toBe('PDF');
  const add = await fetch(`${url}/api/queues/orders/add`, {
    method: 'POST',
    headers: { ...good, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'x', data: {} }),
  });
  expect(add.status).toBe(403);
});

it('retries a failed job from the board (retries are allowed)', async () => {
  const job = await orders.add('pollOrders', { tenant: 'acc-1' }, { jobId: 'pollOrders-acc-1-board' });
  // Fail it the way a worker would, without running one.
  const token = 'test-token';
  const worker = new Worker('orders', null, { connection: { url: redisUrl }, prefix: '{bridge}' });
  try {
    let next = await worker.getNextJob(token);
    while (next && next.id !== job.id) {
      await next.moveToCompleted('skip', token, false);
      next = await worker.getNextJob(token);
    }
    await next!.moveToFailed(new Error('eTower said no'), token, false);
  } finally {
    await worker.close();
  }
  expect(await job.getState()).toBe('failed');
  const res = await fetch(`${url}/api/queues/orders/pollOrders-acc-1-board/retry`, { method: 'PUT', headers: good });
  expect(res.status).toBeLessThan(300);
  expect(['waiting', 'active']).toContain(await (await orders.getJob('pollOrders-acc-1-board'))!.getState());
});

it('refuses to start without DASHBOARD_USER / DASHBOARD_PASSWORD, naming them', () => {
  const main = join(repoRoot, 'apps', 'dashboard', 'dist', 'main.js');
  const env = {
    ...process.env,
    REDIS_URL: redisUrl,
    DASHBOARD_PORT: '0',
    DASHBOARD_USER: '',
    DASHBOARD_PASSWORD: '',
    BRIDGE_SANDBOX: '',
  };
  const result = spawnSync(process.execPath, [main], { env, encoding: 'utf8', timeout: 15000 });
  expect(result.status).toBe(78);
  expect(result.stderr).toContain('DASHBOARD_USER');
  expect(result.stderr).toContain('DASHBOARD_PASSWORD');
  expect(result.stdout).not.toContain('listening');
});

it('stops cleanly on SIGTERM', async () => {
  const other = startApp('dashboard', {
    REDIS_URL: redisUrl,
    DASHBOARD_PORT: '0',
    HOST: '127.0.0.1',
    BRIDGE_SANDBOX: '1',
    DASHBOARD_USER: 'admin',
    DASHBOARD_PASSWORD: 'generated',
  });
  await other.listening;
  expect(await other.stop('SIGTERM')).toBe(0);
});
