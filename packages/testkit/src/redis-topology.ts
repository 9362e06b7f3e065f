import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, startRedisServer, type PrivateRedis } from '@bridge/runtime/local-processes';

// Replicated Redis for tests and reliability scenarios: a primary, its replicas and Sentinels, or a Redis Cluster,
// all private redis-server processes on loopback (the same binary; `--sentinel` makes one a Sentinel).

export interface SentinelProcess {
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface SentinelGroup {
  primary: PrivateRedis;
  replicas: PrivateRedis[];
  sentinels: SentinelProcess[];
  /** The primary's name at the Sentinels (REDIS_SENTINEL_NAME). */
  name: string;
  /** REDIS_SENTINELS. */
  sentinelList: string;
  /** Stops whatever is still running. */
  stop(): Promise<void>;
}

export interface SentinelGroupOptions {
  name?: string;
  /** Replicas of the primary (1 by default). With REDIS_MIN_REPLICAS_ACK=1, one is not enough to survive a failover: the promoted replica has none. */
  replicas?: number;
  sentinels?: number;
  /** How long the primary must be silent before a Sentinel calls it down. */
  downAfterMs?: number;
  failoverTimeoutMs?: number;
}

/** Polls until `check` is true, or throws naming `what`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`redis topology: ${what} not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One command on a short-lived connection (a node may be gone: fail, do not retry). */
async function ask<T>(port: number, ...command: (string | number)[]): Promise<T> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.call(String(command[0]), ...command.slice(1))) as T;
  } finally {
    client.disconnect();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function startSentinel(
  name: string,
  primaryPort: number,
  quorum: number,
  downAfterMs: number,
  failoverTimeoutMs: number,
): Promise<SentinelProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bridge-sentinel-'));
  // Sentinel rewrites its own file (what it learns about replicas and the other Sentinels): one each.
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 ${primaryPort} ${quorum}`,
      `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
      `sentinel failover-timeout ${name} ${failoverTimeoutMs}`,
      `sentinel parallel-syncs ${name} 1`,
      '',
    ].join('\n'),
  );
  const child = spawn('redis-server', [conf, '--sentinel'], { stdio: ['ignore', 'ignore', 'pipe'] });
  await until(`Sentinel on ${port} answering`, async () => (await ask<string>(port, 'PING')) === 'PONG', 10000);
  return {
    port,
    pid: child.pid,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A primary, its replicas and `sentinels` Sentinels (quorum: a majority), returned once the replicas are in sync and
 * every Sentinel knows them and the other Sentinels, so that a failover can start at once.
 */
export async function startSentinelGroup(options: SentinelGroupOptions = {}): Promise<SentinelGroup> {
  const name = options.name ?? 'bridge-primary';
  const count = options.sentinels ?? 3;
  const primary = await startRedisServer();
  const replicas: PrivateRedis[] = [];
  for (let i = 0; i < (options.replicas ?? 1); i++) {
    const replica = await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(primary.port)] });
    replicas.push(replica);
    await until('replica in sync', async () =>
      /master_link_status:up/.test(await ask<string>(replica.port, 'INFO', 'replication')),
    );
  }
  const sentinels: SentinelProcess[] = [];
  for (let i = 0; i < count; i++) {
    sentinels.push(
      await startSentinel(
        name,
        primary.port,
        Math.floor(count / 2) + 1,
        options.downAfterMs ?? 1000,
        options.failoverTimeoutMs ?? 5000,
      ),
    );
  }
  await until('Sentinels know the replicas and each other', async () => {
    for (const s of sentinels) {
      const known = await ask<unknown[]>(s.port, 'SENTINEL', 'REPLICAS', name);
      const others = await ask<unknown[]>(s.port, 'SENTINEL', 'SENTINELS', name);
      if (known.length !== replicas.length || others.length !== count - 1) return false;
    }
    return true;
  });
  return {
    primary,
    replicas,
    sentinels,
    name,
    sentinelList: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
    stop: async () => {
      await Promise.all(sentinels.map((s) => s.stop()));
      await Promise.all([primary, ...replicas].map((p) => p.stop().catch(() => undefined)));
    },
  };
}

/** The port every Sentinel names as the primary now. */
export async function sentinelPrimaryPort(
  group: Pick<SentinelGroup, 'sentinels' | 'name'>,
): Promise<number | undefined> {
  const answers = await Promise.all(
    group.sentinels.map((s) =>
      ask<[string, string] | null>(s.port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', group.name).catch(() => null),
    ),
  );
  const ports = new Set(answers.map((a) => (a ? Number(a[1]) : undefined)));
  return ports.size === 1 ? [...ports][0] : undefined;
}

/** A port whose cluster bus port (+10000) is free too; from below the kernel's ephemeral range, so both fit. */
async function clusterPort(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (let i = 0; i < 200; i++) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    if ((await free(port)) && (await free(port + 10000))) return port;
  }
  throw new Error('redis topology: no free port pair for a cluster node');
}

export interface RedisCluster {
  nodes: PrivateRedis[];
  /** REDIS_CLUSTER_NODES. */
  nodeList: string;
  stop(): Promise<void>;
}

/** `primaries` primaries (each with `replicasPerPrimary` replicas) made one cluster by `redis-cli --cluster create`. */
export async function startRedisCluster(
  options: { primaries?: number; replicasPerPrimary?: number; nodeTimeoutMs?: number } = {},
): Promise<RedisCluster> {
  const primaries = options.primaries ?? 3;
  const replicas = options.replicasPerPrimary ?? 0;
  const nodes: PrivateRedis[] = [];
  try {
    for (let i = 0; i < primaries * (1 + replicas); i++) {
      nodes.push(
        await startRedisServer({
          port: await clusterPort(),
          args: [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            'nodes.conf',
            '--cluster-node-timeout',
            String(options.nodeTimeoutMs ?? 2000),
          ],
        }),
      );
    }
    const created = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...nodes.map((n) => `127.0.0.1:${n.port}`),
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 60000 },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stderr || created.stdout}`);
    await until('cluster_state:ok on every node', async () => {
      for (const n of nodes) if (!/cluster_state:ok/.test(await ask<string>(n.port, 'CLUSTER', 'INFO'))) return false;
      return true;
    });
    if (replicas > 0) {
      await until('every replica in sync', async () => {
        for (const n of nodes) {
          const info = await ask<string>(n.port, 'INFO', 'replication');
          if (/role:slave/.test(info) && !/master_link_status:up/.test(info)) return false;
        }
        return true;
      });
    }
  } catch (err) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw err;
  }
  return {
    nodes,
    nodeList: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    stop: async () => {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
