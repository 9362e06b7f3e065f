import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, startRedisServer, type PrivateRedis } from '@bridge/runtime/local-processes';

declare global {
  // eslint-disable-next-line no-var
  var __bridgeRedis: PrivateRedis | undefined;
}

/**
 * Integration tests never touch a Redis they did not start: REDIS_URL when the caller set one, otherwise a
 * private redis-server on a free port, stopped in teardown. The apps are rebuilt so spawned processes run
 * the code under test, unless the caller has just built them (`pnpm test` does, and says so with
 * BRIDGE_TEST_BUILT=1, which saves a second build of every app).
 */
export default async function setup(): Promise<void> {
  if (process.env.BRIDGE_TEST_BUILT !== '1')
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (!process.env.REDIS_URL) {
    const redis = await startRedisServer();
    globalThis.__bridgeRedis = redis;
    process.env.REDIS_URL = redis.url;
    process.env.BRIDGE_TEST_PRIVATE_REDIS = '1';
  }
}
