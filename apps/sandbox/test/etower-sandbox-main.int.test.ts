import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createEtowerClient } from '@bridge/etower';

// The built sandbox process (jest's integration globalSetup runs the build): the one JSON "listening" line,
// env configuration, a signed call, and a clean exit on SIGTERM.

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const built = existsSync(mainJs);
const maybe = built ? it : it.skip;

maybe('prints one listening line, serves signed eTower calls and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, [mainJs], {
    env: {
      ...process.env,
      SANDBOX_PORT: '0',
      SANDBOX_ETOWER_TOKEN: 'proc-token',
      SANDBOX_ETOWER_KEY: 'proc-key',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', () => reject(new Error('sandbox exited before listening')));
    });
    const listening = JSON.parse(firstLine) as { event: string; port: number; url: string };
    expect(listening).toEqual({
      event: 'listening',
      port: expect.any(Number),
      url: `http://127.0.0.1:${listening.port}`,
    });
    const client = createEtowerClient({ baseUrl: listening.url, token: 'proc-token', key: 'proc-key' });
    try {
      const warehouses = await client.warehouseServiceList();
      expect(warehouses.map((w) => w.warehouseCode)).toContain('USWH1');
    } finally {
      client.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
});

maybe('refuses a bad variable with a message naming it', () => {
  const result = spawnSync(process.execPath, [mainJs], {
    env: { ...process.env, SANDBOX_SHIP_AFTER_MS: 'soon' },
    encoding: 'utf8',
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('SANDBOX_SHIP_AFTER_MS');
});
