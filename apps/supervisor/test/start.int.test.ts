import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { LocalRun } from '@bridge/config';
import { QIANYI_METHODS } from '@bridge/qianyi';
import { opsProcess } from '../../ops/test/run-ops';
import { cleanEnv, processesWithEnv, run } from './local-processes';

// `pnpm start` as a person runs it (through pnpm, in its own terminal's process group, with its own data
// directory), `pnpm ops` and `pnpm demo` in a second terminal with no flags, then Ctrl-C or SIGINT to pnpm alone:
// everything stops and pnpm exits 0.

const env = (dataDir: string) =>
  cleanEnv({
    BRIDGE_DATA_DIR: dataDir,
    // The demo receives its ASN by hand; the sandbox's own receipt is slowed so it cannot step in between.
    SANDBOX_RECEIVE_STEP_MS: '3600000',
    // The demo waits for its order to ship and for each step of its ASN's receipt to be polled: with pnpm start's
    // own pace (shipped after 6 s, polls 5 s apart) that was 15 of the test's 20 s. The shortest the config allows.
    SANDBOX_ACCEPT_AFTER_MS: '100',
    SANDBOX_SHIP_AFTER_MS: '300',
    ORDER_POLL_INTERVAL_MS: '1000',
    ASN_POLL_INTERVAL_MS: '1000',
  });
const readRun = (dataDir: string): LocalRun => JSON.parse(readFileSync(join(dataDir, 'run.json'), 'utf8'));

async function redisAnswers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

test('pnpm start; ops with no flags, the demo and the metrics in a second terminal; Ctrl-C stops everything, exit 0', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'start-'));
  const start = run('pnpm', ['start'], env(dataDir));
  try {
    await start.printed('Stop:    Ctrl-C', 120000);
    const local = readRun(dataDir);
    for (const url of [
      local.callUrl,
      local.sandboxUrl,
      local.dashboardUrl,
      `${local.metrics.ingress}/metrics`,
      `${local.metrics.worker}/metrics`,
    ]) {
      expect(start.output()).toContain(url);
    }

    const counts = await opsProcess(['--json', 'counts'], { BRIDGE_DATA_DIR: dataDir });
    expect(counts.code).toBe(0);
    expect(counts.stderr).toContain(`ops: Redis ${local.redisUrl}, from the running pnpm start (pid ${local.pid}`);
    expect(Object.keys(JSON.parse(counts.stdout))).toContain('orders');
    const call = await opsProcess(['call', 'warehouses'], { BRIDGE_DATA_DIR: dataDir });
    expect(call.code).toBe(0);
    expect(call.stdout).toContain('"warehouseList"');

    const demo = run(process.execPath, ['apps/supervisor/dist/demo.entry.js'], env(dataDir));
    expect((await demo.exited).code).toBe(0);
    const said = demo.output();
    expect(said).toContain(`methods called: ${QIANYI_METHODS.length} of ${QIANYI_METHODS.length}\n`);
    expect(said).toMatch(/webhooks received: pushOrderInfo ×[1-9]\d*, pushAsnInfo ×[1-9]\d*\n/);
    for (const method of QIANYI_METHODS) expect(said).toContain(`→ ${method} `);
    expect(said).not.toContain('UNEXPECTED');
    // A short summary per call, not an inventory page's rows.
    expect(said.split('\n').length).toBeLessThan(60);
    // What the sandbox's Qianyi received, independently of what the demo says: the order shipped, the ASN in two steps.
    const pushes = (await (await fetch(`${local.sandboxUrl}/__control/qianyi/pushes`)).json()) as Array<{
      kind: string;
      content: { status?: string; wmsStatus?: string };
    }>;
    expect(pushes.some((p) => p.kind === 'order' && p.content.status === 'SUCCESS')).toBe(true);
    // (SHIPPING is the push at creation.)
    expect(
      pushes.filter((p) => p.kind === 'asn' && p.content.wmsStatus !== 'SHIPPING').map((p) => p.content.wmsStatus),
    ).toEqual(['RECEIVING', 'FINISHED']);

    // Metrics on their own ports (the worker's, and the ingress's off the port Qianyi reaches).
    const workerMetrics = await fetch(`${local.metrics.worker}/metrics`);
    expect(workerMetrics.status).toBe(200);
    expect(await workerMetrics.text()).toContain('bridge_');
    expect((await fetch(`${local.metrics.ingress}/metrics`)).status).toBe(200);
    expect((await fetch(`${local.ingressUrl}/metrics`)).status).toBe(404);

    // Ctrl-C: the terminal signals the whole foreground group (pnpm and the supervisor), pnpm forwards it once more.
    process.kill(-start.child.pid!, 'SIGINT');
    expect(await start.exited).toEqual({ code: 0, signal: null });
    expect(start.output()).not.toContain('ELIFECYCLE');
    expect(start.output()).toContain('stopped');
    expect(existsSync(join(dataDir, 'run.json'))).toBe(false);
    expect(await redisAnswers(local.redisUrl)).toBe(false);
    expect(processesWithEnv(`BRIDGE_DATA_DIR=${dataDir}`)).toEqual([]);
  } finally {
    for (const pid of processesWithEnv(`BRIDGE_DATA_DIR=${dataDir}`)) process.kill(pid, 'SIGKILL');
  }
});

test('SIGINT to the pnpm process alone stops everything, exit 0', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'start-'));
  const start = run('pnpm', ['start'], env(dataDir));
  try {
    await start.printed('Stop:    Ctrl-C', 120000);
    const local = readRun(dataDir);
    process.kill(start.child.pid!, 'SIGINT');
    expect(await start.exited).toEqual({ code: 0, signal: null });
    expect(start.output()).not.toContain('ELIFECYCLE');
    expect(await redisAnswers(local.redisUrl)).toBe(false);
    expect(processesWithEnv(`BRIDGE_DATA_DIR=${dataDir}`)).toEqual([]);
  } finally {
    for (const pid of processesWithEnv(`BRIDGE_DATA_DIR=${dataDir}`)) process.kill(pid, 'SIGKILL');
  }
});
