// Starting the pieces a benchmark needs: a private Redis, the sandbox, the ingress, workers, the baselines.
import { Redis } from 'ioredis';
import { startRedisServer, type PrivateRedis } from '@bridge/testkit';
import { join } from 'node:path';
import { repoRoot, spawnNode, startAppProc, type Proc } from './procs';
import { sandboxEnv, tenantEnv } from './payloads';

export interface BenchRedis extends PrivateRedis {
  client: Redis;
  usedMemory(): Promise<number>;
  aofRewrites(): Promise<number>;
  /** Lua scripts (EVALSHA) Redis has run since it started: BullMQ's and the bridge's. */
  scriptCalls(): Promise<number>;
}

/**
 * Settings every benchmark Redis gets by CONFIG SET (`--redis-config=K=V,…` adds or overrides). Automatic AOF
 * rewrites are off: the cases pile up 50,000+ jobs in seconds, so Redis would fork and rewrite a 100-170 MB file
 * two or three times per case, on one of the two cores the process under test shares, at moments that differ from
 * run to run. Their cost is measured apart, with `--redis-config=auto-aof-rewrite-percentage=100` (bench/RESULTS.md).
 */
export const redisConfig: Record<string, string> = { 'auto-aof-rewrite-percentage': '0' };

/** A private redis-server with AOF (everysec), as docker-compose runs it in production. */
export async function startRedis(): Promise<BenchRedis> {
  const server = await startRedisServer({ appendOnly: true });
  const client = new Redis(server.url, { maxRetriesPerRequest: null });
  for (const [k, v] of Object.entries(redisConfig)) await client.config('SET', k, v);
  return {
    ...server,
    client,
    usedMemory: async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? 0),
    aofRewrites: async () => Number(/aof_rewrites:(\d+)/.exec(await client.info('persistence'))?.[1] ?? 0),
    scriptCalls: async () => Number(/cmdstat_evalsha:calls=(\d+)/.exec(await client.info('commandstats'))?.[1] ?? 0),
    stop: async () => {
      client.disconnect();
      await server.stop();
    },
  };
}

export async function startSandbox(extra: Record<string, string> = {}): Promise<Proc & { url: string }> {
  const p = await startAppProc('sandbox', { ...sandboxEnv(extra), LOG_LEVEL: 'warn' }, '"event":"listening"');
  return p as Proc & { url: string };
}

export function bridgeEnv(
  redisUrl: string,
  etowerUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    ...tenantEnv(etowerUrl),
    PORT: '0',
    HOST: '127.0.0.1',
    SYNC_WAIT_MS: '0',
    ...extra,
  };
}

export async function startIngress(env: Record<string, string>): Promise<Proc & { url: string }> {
  return (await startAppProc('ingress', env, '"event":"listening"')) as Proc & { url: string };
}

export async function startWorker(env: Record<string, string>): Promise<Proc> {
  return startAppProc('worker', env, '"event":"ready"');
}

export async function startBareServer(): Promise<Proc & { url: string }> {
  const p = spawnNode('bare-server', join(repoRoot, 'bench/.out/bare-server.mjs'), {});
  const line = await p.waitFor('"event":"listening"');
  return Object.assign(p, { url: (JSON.parse(line) as { url: string }).url });
}

export async function startBareWorker(env: Record<string, string>): Promise<Proc> {
  const p = spawnNode('bare-worker', join(repoRoot, 'bench/.out/bare-worker.mjs'), env);
  await p.waitFor('"event":"ready"');
  return p;
}

export async function stopAll(...procs: Array<{ stop(): Promise<void> } | undefined>): Promise<void> {
  await Promise.all(procs.map((p) => p?.stop()));
}
