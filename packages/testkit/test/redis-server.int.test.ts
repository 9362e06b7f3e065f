import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
