import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ConfigError, loadConfig, type BridgeConfig } from '@bridge/config';
import { createQueues, type Queues } from '@bridge/core';
import { createRedis } from '@bridge/runtime';
import { CliError } from './output';

/** Connections are opened on first use, so `--help` and usage errors never touch Redis. */
export class OpsContext {
  private config?: BridgeConfig;
  private client?: Redis;
  private queueSet?: Queues;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  loadConfig(): BridgeConfig {
    if (this.config) return this.config;
    try {
      // Tenants are optional: most commands work from REDIS_URL alone, and take --tenant when they need one.
      this.config = loadConfig(this.env, { requireTenants: false });
    } catch (err) {
      if (err instanceof ConfigError) throw new CliError(err.message, 1);
      throw err;
    }
    return this.config;
  }

  async redis(): Promise<Redis> {
    if (this.client) return this.client;
    const url = this.loadConfig().env.REDIS_URL!;
    // A CLI should fail fast and say why, not wait forever: a few reconnects, then give up.
    const client = createRedis(url, 'request-path', { enableOfflineQueue: true, retryStrategy: (times) => (times > 3 ? null : 200) });
    let lastError = '';
    client.on('error', (err) => { lastError = err.message; });
    this.client = client;
    await new Promise<void>((resolve, reject) => {
      if (client.status === 'ready') return resolve();
      client.once('ready', () => resolve());
      client.once('end', () => reject(new CliError(`cannot reach Redis at ${redactUrl(url)}: ${lastError || 'connection closed'} (set REDIS_URL)`, 1)));
    });
    return client;
  }

  async queues(): Promise<Queues> {
    if (!this.queueSet) this.queueSet = createQueues(await this.redis());
    return this.queueSet;
  }

  async queue(name: string): Promise<Queue> {
    return (await this.queues())[name as keyof Queues];
  }

  /** The tenants a command applies to: --tenant, else every configured tenant. */
  tenants(option: string | undefined): string[] {
    if (option) return [option];
    return this.loadConfig().tenants.map((t) => t.accessId);
  }

  async close(): Promise<void> {
    if (this.queueSet) await Promise.all(Object.values(this.queueSet).map((q) => q.close().catch(() => undefined)));
    if (this.client && this.client.status !== 'end') await this.client.quit().catch(() => this.client?.disconnect());
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
