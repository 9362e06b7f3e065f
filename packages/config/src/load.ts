import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { envSchema, type Env } from './env';
import { tenantsFileSchema, tenantSchema, type Tenant } from './tenants';
import { resolveRedisTarget, type RedisTarget } from './redis-target';

export interface BridgeConfig {
  env: Env;
  tenants: Tenant[];
  /** The one Redis of the deployment, from REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES: pass it to createRedis. */
  redis: RedisTarget;
}

/** Thrown when configuration is unusable; its message names every variable or field that is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describe(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${prefix}${path}: ${issue.message}`;
  });
}

export interface LoadOptions {
  /** Whether this process needs tenants (the worker and ingress do; the dashboard does not). */
  requireTenants?: boolean;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): BridgeConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new ConfigError(`invalid configuration:\n  ${describe('', parsed.error).join('\n  ')}`);
  const env = parsed.data;
  if (env.MAX_INFLIGHT_BODY_BYTES < env.MAX_BODY_BYTES) {
    throw new ConfigError(
      `invalid configuration:\n  MAX_INFLIGHT_BODY_BYTES: must be at least MAX_BODY_BYTES (${env.MAX_BODY_BYTES}), or no full-size call could ever be read (got ${env.MAX_INFLIGHT_BODY_BYTES})`,
    );
  }
  const redis = resolveRedisTarget(env, typeof source.REDIS_URL === 'string' && source.REDIS_URL.trim() !== '');
  if (!redis.ok) throw new ConfigError(`invalid configuration:\n  ${redis.problems.join('\n  ')}`);
  // WAIT runs on the request path's connection, whose commands time out after 5 s (runtime/redis.ts).
  if (env.REDIS_REPLICA_ACK_TIMEOUT_MS > 4000) {
    throw new ConfigError(
      `invalid configuration:\n  REDIS_REPLICA_ACK_TIMEOUT_MS: must be at most 4000 (got ${env.REDIS_REPLICA_ACK_TIMEOUT_MS})`,
    );
  }
  const tenants = options.requireTenants === false && !hasTenantSource(env) ? [] : loadTenants(env);
  return { env, tenants, redis: redis.target };
}

function hasTenantSource(env: Env): boolean {
  return Boolean(env.BRIDGE_TENANTS_FILE || env.QIANYI_ACCESS_ID);
}

function loadTenants(env: Env): Tenant[] {
  if (env.BRIDGE_TENANTS_FILE) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(env.BRIDGE_TENANTS_FILE, 'utf8'));
    } catch (err) {
      throw new ConfigError(
        `BRIDGE_TENANTS_FILE: cannot read ${env.BRIDGE_TENANTS_FILE} as JSON (${(err as Error).message})`,
      );
    }
    const file = tenantsFileSchema.safeParse(json);
    if (!file.success)
      throw new ConfigError(`invalid BRIDGE_TENANTS_FILE:\n  ${describe('', file.error).join('\n  ')}`);
    const seen = new Set<string>();
    for (const t of file.data.tenants) {
      if (seen.has(t.accessId)) throw new ConfigError(`BRIDGE_TENANTS_FILE: accessId ${t.accessId} is listed twice`);
      seen.add(t.accessId);
    }
    return file.data.tenants;
  }
  const required = [
    'QIANYI_ACCESS_ID',
    'QIANYI_SECRET_KEY',
    'QIANYI_CALLBACK_BASE_URL',
    'QIANYI_WAREHOUSE_EXTRA_TYPE',
    'ETOWER_BASE_URL',
    'ETOWER_TOKEN',
    'ETOWER_KEY',
  ] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ConfigError(
      `missing configuration: ${missing.join(', ')} (or set BRIDGE_TENANTS_FILE to a tenants JSON file)`,
    );
  }
  const tenant = tenantSchema.safeParse({
    accessId: env.QIANYI_ACCESS_ID,
    secretKey: env.QIANYI_SECRET_KEY,
    qianyi: { callbackBaseUrl: env.QIANYI_CALLBACK_BASE_URL, warehouseExtraType: env.QIANYI_WAREHOUSE_EXTRA_TYPE },
    etower: {
      baseUrl: env.ETOWER_BASE_URL,
      token: env.ETOWER_TOKEN,
      key: env.ETOWER_KEY,
      ...(env.ETOWER_TIME_ZONE ? { timeZone: env.ETOWER_TIME_ZONE } : {}),
    },
  });
  if (!tenant.success)
    throw new ConfigError(`invalid tenant configuration:\n  ${describe('', tenant.error).join('\n  ')}`);
  return [tenant.data];
}

/** For an app's main: load, or print what is wrong and stop. */
export function loadConfigOrExit(options: LoadOptions = {}): BridgeConfig {
  try {
    return loadConfig(process.env, options);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
