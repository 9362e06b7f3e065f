import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '../src/redis-server';

// Every bench case and test run starts private Redis servers; a benchmark's append-only file is ~150 MB, so a
// temporary directory left behind by each of them filled /tmp by gigabytes in a day.
test('a private Redis on a temporary directory of its own removes it when stopped', async () => {
  const redis = await startRedisServer({ appendOnly: true });
  expect(existsSync(join(redis.dir, 'appendonlydir'))).toBe(true);
  await redis.stop();
  expect(existsSync(redis.dir)).toBe(false);
});

test('a directory the caller gave is kept (a restart must find its data there)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-kept-'));
  try {
    const redis = await startRedisServer({ dir, appendOnly: true });
    await redis.stop();
    expect(existsSync(join(dir, 'appendonlydir'))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a Redis that cannot start (its port taken) reports it and leaves no directory behind', async () => {
  // Its directory is unknown to the caller when the start fails, so look for any new one. Only the suite's global
  // setup and this file start a Redis on a directory of its own, and not while this test runs.
  const ownDirs = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('bridge-redis-')));
  const before = ownDirs();
  const blocker = createServer((socket) => socket.destroy());
  const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
  try {
    await expect(startRedisServer({ port })).rejects.toThrow(`redis-server exited at start (port ${port})`);
    expect([...ownDirs()].filter((name) => !before.has(name))).toEqual([]);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});
