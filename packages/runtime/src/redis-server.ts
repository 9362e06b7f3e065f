import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port';

export interface PrivateRedis {
  url: string;
  port: number;
  pid: number | undefined;
  /** Where it keeps its files. */
  dir: string;
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** Where redis keeps its files (kept after stop); a fresh temporary directory, removed at stop, when omitted. */
  dir?: string;
  /** Keep an append-only file (as production does) so a restart loses nothing. */
  appendOnly?: boolean;
  port?: number;
  /** How long a started redis-server may take to answer PING before it is killed and the start fails. */
  startTimeoutMs?: number;
  /** The program to run; redis-server from PATH when omitted. */
  binary?: string;
  /** More redis-server arguments after ours (`--replicaof`, `--cluster-enabled yes`, …). */
  args?: readonly string[];
  /** Its own process group, so a terminal's Ctrl-C reaches only the parent, which stops Redis after the apps. */
  detached?: boolean;
}

export function hasRedisServer(binary = 'redis-server'): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Starts a private redis-server on a free loopback port and waits until it answers PING. */
export async function startRedisServer(options: StartRedisOptions = {}): Promise<PrivateRedis> {
  const binary = options.binary ?? 'redis-server';
  if (!hasRedisServer(binary)) {
    throw new Error(
      options.binary
        ? `${binary} does not run (\`${binary} --version\` failed)`
        : 'redis-server is not on PATH: install it (apt-get install redis-server), or set REDIS_URL to a running Redis, or run `docker compose up redis`',
    );
  }
  const port = options.port ?? (await freePort());
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bridge-redis-'));
  // A benchmark's append-only file is ~150 MB: a temporary directory left behind by every run fills the disk.
  const removeOwnDir = () => {
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };
  mkdirSync(dir, { recursive: true });
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    '--appendonly',
    options.appendOnly ? 'yes' : 'no',
    '--appendfsync',
    'everysec',
    ...(options.args ?? []),
  ];
  const child: ChildProcess = spawn(binary, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: options.detached ?? false,
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 10000);
  for (;;) {
    if (exited) {
      removeOwnDir();
      throw new Error(`redis-server exited at start (port ${port})`);
    }
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        await new Promise<void>((resolve) => (exited ? resolve() : child.once('exit', () => resolve())));
        removeOwnDir();
        throw new Error(`redis-server did not answer on port ${port}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    port,
    pid: child.pid,
    dir,
    stop: async () => {
      if (!exited) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      removeOwnDir();
    },
  };
}
