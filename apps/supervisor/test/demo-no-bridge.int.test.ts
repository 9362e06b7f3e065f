import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@bridge/testkit';
import { cleanEnv, run } from './local-processes';

// `pnpm demo` without a running bridge says so plainly, with what to do, and no stack trace.

async function demoIn(dataDir: string) {
  const demo = run(process.execPath, ['apps/supervisor/dist/demo.entry.js'], cleanEnv({ BRIDGE_DATA_DIR: dataDir }));
  const { code } = await demo.exited;
  return { code, output: demo.output() };
}

test('no pnpm start at all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-'));
  const { code, output } = await demoIn(dir);
  expect(code).toBe(1);
  expect(output).toBe(
    `The bridge is not running (no ${join(dir, 'run.json')}). Start it with \`pnpm start\`, then run \`pnpm demo\` in another terminal.\n`,
  );
});

/** A run file as `pnpm start` writes it, of supervisor `pid`, with every address at `url`. */
function writeRunFile(dir: string, pid: number | undefined, url: string): void {
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({
      pid,
      startedAt: new Date().toISOString(),
      redisUrl: 'redis://127.0.0.1:1',
      tenantsFile: join(dir, 'tenants.json'),
      callUrl: `${url}/api/qianyi`,
      ingressUrl: url,
      sandboxUrl: url,
      dashboardUrl: url,
      metrics: { ingress: url, worker: url },
    }),
  );
}

test('a run file left by a pnpm start that was killed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-'));
  const gone = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => gone.on('exit', r));
  const url = 'http://127.0.0.1:1';
  writeRunFile(dir, gone.pid, url);
  const { code, output } = await demoIn(dir);
  expect(code).toBe(1);
  expect(output).toContain(
    `The bridge is not running: ${join(dir, 'run.json')} is from pnpm start pid ${gone.pid}, which has stopped.`,
  );
  expect(output).not.toMatch(/\n\s+at /);
});

test('a bridge that stopped answering (its supervisor alive, the ingress gone)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-'));
  // A port nothing listens on (fetch refuses well-known ports such as 1 before connecting).
  const url = `http://127.0.0.1:${await freePort()}`;
  writeFileSync(
    join(dir, 'tenants.json'),
    JSON.stringify({
      tenants: [
        {
          accessId: 'a',
          secretKey: 's',
          qianyi: { callbackBaseUrl: url, warehouseExtraType: 'X' },
          etower: { baseUrl: url, token: 't', key: 'k' },
        },
      ],
    }),
  );
  writeRunFile(dir, process.pid, url);
  const { code, output } = await demoIn(dir);
  expect(code).toBe(1);
  expect(output).toContain(
    `The bridge stopped answering: warehouses at ${url}/api/qianyi failed (ECONNREFUSED). Is \`pnpm start\` still running?`,
  );
  expect(output).not.toMatch(/\n\s+at /);
});
