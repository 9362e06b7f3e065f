import type { Env } from './env';

export interface HostPort {
  host: string;
  port: number;
}

/**
 * Where the bridge's Redis is and how to reach it: one URL, a primary found through Sentinel, or a Redis Cluster.
 * Every process turns the environment into this once (resolveRedisTarget) and hands it to runtime's createRedis,
 * which declares the same shape (runtime does not depend on config).
 */
export type RedisTarget =
  | { kind: 'url'; url: string; password?: string }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string; password?: string; sentinelPassword?: string }
  | { kind: 'cluster'; nodes: HostPort[]; password?: string };

/** At most this many hosts in REDIS_SENTINELS / REDIS_CLUSTER_NODES: a longer list is a pasted mistake. */
export const MAX_REDIS_HOSTS = 32;

/**
 * `host:port,host:port,…` (IPv6 as `[::1]:26379`). Returns the hosts, or a message naming what is wrong.
 * The port is required: Sentinel's and Cluster's usual ports differ (26379 / 6379), and a guess would be wrong half the time.
 */
export function parseHostList(raw: string): { ok: true; hosts: HostPort[] } | { ok: false; message: string } {
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'must list at least one host:port' };
  if (parts.length > MAX_REDIS_HOSTS)
    return { ok: false, message: `lists ${parts.length} hosts; at most ${MAX_REDIS_HOSTS}` };
  const hosts: HostPort[] = [];
  for (const part of parts) {
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]{1,253})):(\d{1,5})$/.exec(part);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port < 1 || port > 65535)
      return { ok: false, message: `"${part.slice(0, 100)}" is not host:port (port 1-65535; IPv6 as [addr]:port)` };
    hosts.push({ host: (m[1] ?? m[2])!, port });
  }
  const seen = new Set<string>();
  for (const h of hosts) {
    const key = `${h.host}:${h.port}`;
    if (seen.has(key)) return { ok: false, message: `lists ${key} twice` };
    seen.add(key);
  }
  return { ok: true, hosts };
}

/**
 * Exactly one of REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES chooses the Redis; none means REDIS_URL's default.
 * Two are refused rather than one silently winning: an operator moving to Sentinel who forgot the old REDIS_URL
 * would otherwise run half the processes against the old primary. `explicitUrl` is whether REDIS_URL was set
 * (the parsed env always holds a URL, its default included). Returns the target, or every problem found.
 */
export function resolveRedisTarget(
  env: Env,
  explicitUrl: boolean,
): { ok: true; target: RedisTarget } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const chosen = [
    explicitUrl && 'REDIS_URL',
    env.REDIS_SENTINELS !== undefined && 'REDIS_SENTINELS',
    env.REDIS_CLUSTER_NODES !== undefined && 'REDIS_CLUSTER_NODES',
  ].filter(Boolean);
  if (chosen.length > 1)
    return {
      ok: false,
      problems: [`${chosen.join(' and ')}: set only one of REDIS_URL, REDIS_SENTINELS, REDIS_CLUSTER_NODES`],
    };
  const password = env.REDIS_PASSWORD;

  if (env.REDIS_SENTINELS === undefined) {
    if (env.REDIS_SENTINEL_NAME !== undefined)
      problems.push('REDIS_SENTINEL_NAME: only means something with REDIS_SENTINELS');
    if (env.REDIS_SENTINEL_PASSWORD !== undefined)
      problems.push('REDIS_SENTINEL_PASSWORD: only means something with REDIS_SENTINELS');
  }
  if (env.REDIS_SENTINELS !== undefined) {
    if (env.REDIS_SENTINEL_NAME === undefined)
      problems.push(
        'REDIS_SENTINEL_NAME: required with REDIS_SENTINELS (the name the Sentinels monitor the primary by, e.g. "mymaster")',
      );
    if (problems.length > 0) return { ok: false, problems };
    return {
      ok: true,
      target: {
        kind: 'sentinel',
        sentinels: env.REDIS_SENTINELS,
        name: env.REDIS_SENTINEL_NAME!,
        ...(password !== undefined ? { password } : {}),
        ...(env.REDIS_SENTINEL_PASSWORD !== undefined ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
      },
    };
  }
  if (problems.length > 0) return { ok: false, problems };
  if (env.REDIS_CLUSTER_NODES !== undefined) {
    return {
      ok: true,
      target: { kind: 'cluster', nodes: env.REDIS_CLUSTER_NODES, ...(password !== undefined ? { password } : {}) },
    };
  }
  const url = env.REDIS_URL!;
  if (password !== undefined && new URL(url).password !== '') {
    return { ok: false, problems: ['REDIS_PASSWORD: REDIS_URL holds a password too; give it in one place'] };
  }
  return { ok: true, target: { kind: 'url', url, ...(password !== undefined ? { password } : {}) } };
}

/** The target for a person (logs, the ops CLI): no passwords. */
export function describeRedisTarget(target: RedisTarget): string {
  const hosts = (list: HostPort[]) =>
    list.map((h) => (h.host.includes(':') ? `[${h.host}]:${h.port}` : `${h.host}:${h.port}`)).join(',');
  if (target.kind === 'sentinel') return `Sentinel ${hosts(target.sentinels)}, primary "${target.name}"`;
  if (target.kind === 'cluster') return `Redis Cluster ${hosts(target.nodes)}`;
  return redactUrl(target.url) ?? 'an unparseable REDIS_URL';
}

/** A URL for a person: its password, if any, shown as `***`. Undefined when it is not a URL. */
export function redactUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return undefined;
  }
}
