import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { chromium, type Browser } from 'playwright-core';
import { isolatedRedisUrl, repoRoot, startApp, type AppProcess } from '@bridge/testkit';

// A real headless Chromium against the built dashboard: the board's JavaScript must load through basic auth
// and render the five queues. Debian's chromium is used (.ci/run installs it); no browser download.

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const AUTH = { username: 'browser-user', password: 'browser-password' };
const available = existsSync(CHROMIUM);
if (!available)
  console.warn(
    `dashboard browser check skipped: ${CHROMIUM} is missing (apt-get install -y chromium, as .ci/run does)`,
  );
const maybe = available ? it : it.skip;

let dashboard: AppProcess | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
});

maybe('renders the queue list in a headless browser with credentials, and nothing without', async () => {
  const redisUrl = await isolatedRedisUrl();
  dashboard = startApp('dashboard', {
    REDIS_URL: redisUrl,
    DASHBOARD_PORT: '0',
    HOST: '127.0.0.1',
    DASHBOARD_USER: AUTH.username,
    DASHBOARD_PASSWORD: AUTH.password,
  });
  const { url } = await dashboard.listening;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });

  const anonymous = await browser.newContext();
  // Chromium either shows the 401 or, headless with no one to ask, fails the navigation as an auth error.
  const refused = await (await anonymous.newPage()).goto(`${url}/`).then(
    (r) => String(r?.status()),
    (err: Error) => err.message,
  );
  expect(refused).toMatch(/^401$|ERR_INVALID_AUTH_CREDENTIALS/);
  await anonymous.close();

  const context = await browser.newContext({ httpCredentials: AUTH, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const response = await page.goto(`${url}/`);
  expect(response?.status()).toBe(200);
  // The sidebar's queue links only exist once the board's scripts ran and its API answered.
  for (const queue of ['orders', 'asn', 'skus', 'inventory', 'webhooks']) {
    await page.locator(`a[href="/queue/${queue}"]`).first().waitFor({ state: 'visible', timeout: 20000 });
  }
  await expect(page.title()).resolves.toBe('Qianyi ↔ eTower bridge');

  // A waiting order job, shown as an operator sees it: its id visible, its phone and label never.
  const orders = new Queue('orders', { connection: { url: redisUrl }, prefix: '{bridge}' });
  const label = 'JVBERi0xLjQKJcfsj6IKBROWSERLABEL';
  await orders.add(
    'createOrder',
    {
      tenant: 't',
      order: { orderNumber: 'SO-BROWSER-1', receiver: { name: 'Kim', phone: '1889838055188' }, labelData: label },
    },
    { jobId: 'createOrder-t-SO-BROWSER-1' },
  );
  await orders.close();
  await page.goto(`${url}/queue/orders?status=waiting`);
  await page.getByText('createOrder-t-SO-BROWSER-1').first().waitFor({ state: 'visible', timeout: 20000 });
  const text = await page.content();
  expect(text).not.toContain('1889838055188');
  expect(text).not.toContain(label);
  const dir = join(repoRoot, 'test-results');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'dashboard.png'), fullPage: true });
  expect(existsSync(join(dir, 'dashboard.png'))).toBe(true);
  await context.close();
});
