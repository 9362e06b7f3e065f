import { fileURLToPath } from 'node:url';
import { localDataDir, readLocalRun, type LocalRun } from '@bridge/config';

// Where ops reads Redis and tenants from, and how it says so. The environment wins; what it leaves unset is
// taken from a running `pnpm start` (its run file), so `pnpm ops counts` in a second terminal needs no flags.

/** The repository root: apps/ops/dist/main.js (and apps/ops/src/*.ts) sit three levels below it. */
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface Sources {
  /** The environment config is loaded from: the caller's, with what the local run supplies filled in. */
  env: NodeJS.ProcessEnv;
  /** Where REDIS_URL came from, for a person. */
  redisFrom: string;
  /** Where the tenants came from, or undefined when none are configured. */
  tenantsFrom: string | undefined;
  /** The running `pnpm start`, when there is one. */
  run: LocalRun | undefined;
}

export function resolveSources(env: NodeJS.ProcessEnv): Sources {
  const lookup = readLocalRun(localDataDir(REPO_ROOT, env));
  const run = lookup.status === 'running' ? lookup.run : undefined;
  const resolved: NodeJS.ProcessEnv = { ...env };
  const has = (name: string) => Boolean(env[name]?.trim());

  let redisFrom: string;
  if (has('REDIS_URL')) redisFrom = 'REDIS_URL';
  else if (has('REDIS_SENTINELS')) redisFrom = 'REDIS_SENTINELS';
  else if (has('REDIS_CLUSTER_NODES')) redisFrom = 'REDIS_CLUSTER_NODES';
  else if (run) {
    resolved.REDIS_URL = run.redisUrl;
    redisFrom = `the running pnpm start (pid ${run.pid}, ${lookup.path})`;
  } else {
    const why =
      lookup.status === 'stopped'
        ? `; ${lookup.path} is from pnpm start pid ${lookup.pid}, which is not running`
        : lookup.status === 'unreadable'
          ? `; ${lookup.path} ignored: ${lookup.reason}`
          : '';
    redisFrom = `the default: set REDIS_URL, or run pnpm start${why}`;
  }

  let tenantsFrom: string | undefined;
  if (has('BRIDGE_TENANTS_FILE')) tenantsFrom = `BRIDGE_TENANTS_FILE ${env.BRIDGE_TENANTS_FILE}`;
  else if (has('QIANYI_ACCESS_ID')) tenantsFrom = 'QIANYI_ACCESS_ID, ETOWER_…';
  // The run's tenants only belong with the run's Redis: with REDIS_URL pointing elsewhere they would be a guess.
  else if (run && resolved.REDIS_URL === run.redisUrl) {
    resolved.BRIDGE_TENANTS_FILE = run.tenantsFile;
    tenantsFrom = `the tenants file of the running pnpm start (${run.tenantsFile})`;
  }
  return { env: resolved, redisFrom, tenantsFrom, run };
}
