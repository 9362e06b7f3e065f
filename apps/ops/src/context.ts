import type { Redis } from 'ioredis';
import { ConfigError, describeRedisTarget, loadConfig, type BridgeConfig, type Tenant } from '@bridge/config';
import { JobControl, QueueAdmin, createQueues, type Queues } from '@bridge/core';
import { createRedis } from '@bridge/runtime';
import { CliError } from './output';
import { resolveSources, type Sources } from './sources';

/**
 * Connections are opened on first use, so `--help` and usage errors never touch Redis. The first use of Redis
 * and of the tenants each prints one line on stderr saying which and from where (stdout stays the answer).
 */
export class OpsContext {
  private sourceSet?: Sources;
  private config?: BridgeConfig;
  private client?: Redis;
  private queueSet?: Queues;
  private readonly said = new Set<string>();

  /**
   * @param env the environment of this one call (runOps' io.env), never read from process.env here
   * @param note prints one line for the operator on stderr (which Redis, which tenants, where a call goes)
   */
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly note: (line: string) => void,
  ) {}

  sources(): Sources {
    this.sourceSet ??= resolveSources(this.env);
    return this.sourceSet;
  }

  loadConfig(): BridgeConfig {
    if (this.config) return this.config;
    try {
      // Tenants are optional: most commands work from REDIS_URL alone, and take --tenant when they need one.
      this.config = loadConfig(this.sources().env, { requireTenants: false });
    } catch (err) {
      if (err instanceof ConfigError)
        throw new CliError(
          `${err.message}${this.sourceSet?.tenantsFrom ? `\n(tenants from ${this.sourceSet.tenantsFrom})` : ''}`,
          1,
        );
      throw err;
    }
    return this.config;
  }

  async redis(): Promise<Redis> {
    if (this.client) return this.client;
    // A URL, a primary found through Sentinel, or a Cluster: the same target every process resolves.
    const target = this.loadConfig().redis;
    const where = describeRedisTarget(target);
    this.once('redis', `ops: Redis ${where}, from ${this.sources().redisFrom}`);
    // A CLI should fail fast and say why, not wait forever: a few reconnects, then give up.
    const client = createRedis(target, 'request-path', {
      enableOfflineQueue: true,
      retryStrategy: (times) => (times > 3 ? null : 200),
    });
    let lastError = '';
    client.on('error', (err) => {
      lastError = err.message;
    });
    this.client = client;
    await new Promise<void>((resolve, reject) => {
      if (client.status === 'ready') return resolve();
      client.once('ready', () => resolve());
      client.once('end', () =>
        reject(
          new CliError(
            `cannot reach Redis at ${where}: ${lastError || 'connection closed'} (set REDIS_URL, or start the bridge with pnpm start)`,
            1,
          ),
        ),
      );
    });
    return client;
  }

  private async queues(): Promise<Queues> {
    if (!this.queueSet) this.queueSet = createQueues(await this.redis());
    return this.queueSet;
  }

  /** The job layer's view (find a document's jobs by catalog name and key). */
  async jobs(): Promise<JobControl> {
    return new JobControl(await this.queues());
  }

  /** The queue-wide view for operators (counts, failed lists, replays). */
  async admin(): Promise<QueueAdmin> {
    return new QueueAdmin(await this.queues());
  }

  /** The configured tenants, saying once which they are and where they came from. */
  configuredTenants(): Tenant[] {
    const tenants = this.loadConfig().tenants;
    const from = this.sources().tenantsFrom;
    this.once(
      'tenants',
      tenants.length === 0 || !from
        ? 'ops: no tenant configured (QIANYI_ACCESS_ID… or BRIDGE_TENANTS_FILE)'
        : `ops: ${tenants.length === 1 ? 'tenant' : 'tenants'} ${tenants.map((t) => t.accessId).join(', ')}, from ${from}`,
    );
    return tenants;
  }

  /** The tenants a command applies to: --tenant, else every configured tenant. */
  tenants(option: string | undefined): string[] {
    if (option) return [option];
    return this.configuredTenants().map((t) => t.accessId);
  }

  async close(): Promise<void> {
    if (this.queueSet) await Promise.all(Object.values(this.queueSet).map((q) => q.close().catch(() => undefined)));
    if (this.client && this.client.status !== 'end') await this.client.quit().catch(() => this.client?.disconnect());
  }

  private once(topic: string, line: string): void {
    if (this.said.has(topic)) return;
    this.said.add(topic);
    this.note(line);
  }
}
