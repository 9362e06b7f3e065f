import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  const port = await new Promise<number>((resolve) =>
    blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
  );
  try {
    await expect(startRedisServer({ port })).rejects.toThrow(`redis-server exited at start (port ${port})`);
    expect([...ownDirs()].filter((name) => !before.has(name))).toEqual([]);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

test('a redis-server that runs but never answers is killed after the start timeout, and leaves no directory behind', async () => {
  // A stand-in: it reports a version (so it counts as installed), then sleeps instead of listening.
  const bin = mkdtempSync(join(tmpdir(), 'bridge-fake-bin-'));
  const binary = join(bin, 'redis-server');
  const pidFile = join(bin, 'pid');
  writeFileSync(binary, `#!/bin/sh\n[ "$1" = "--version" ] && exit 0\necho $$ > ${pidFile}\nexec sleep 600\n`);
  chmodSync(binary, 0o755);
  const ownDirs = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('bridge-redis-')));
  const before = ownDirs();
  try {
    await expect(startRedisServer({ binary, startTimeoutMs: 500 })).rejects.toThrow(
      /redis-server did not answer on port \d+/,
    );
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(); // no such process: it was killed, not left sleeping
    expect([...ownDirs()].filter((name) => !before.has(name))).toEqual([]);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test('a program that does not run is named in the error', async () => {
  await expect(startRedisServer({ binary: '/nonexistent/redis-server' })).rejects.toThrow(
    '/nonexistent/redis-server does not run (`/nonexistent/redis-server --version` failed)',
  );
});
