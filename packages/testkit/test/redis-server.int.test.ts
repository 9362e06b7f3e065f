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
  // os.tmpdir() follows TMPDIR, so the directory it would have made lands in one this test can look into.
  const scratch = mkdtempSync(join(tmpdir(), 'bridge-scratch-'));
  const blocker = createServer((socket) => socket.destroy());
  const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  try {
    await expect(startRedisServer({ port })).rejects.toThrow(new RegExp(`port ${port}`));
    expect(readdirSync(scratch)).toEqual([]);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = saved;
    await new Promise((resolve) => blocker.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  }
});
