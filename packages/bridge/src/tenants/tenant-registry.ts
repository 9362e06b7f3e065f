import {
  createEtowerClient,
  type EtowerCallObservation,
  type EtowerClient,
  type EtowerLogger,
  type EtowerSignatureFallback,
} from '@bridge/etower';
import type { Tenant } from '@bridge/config';
import { UnknownTenantError } from './unknown-tenant-error';

/** What a worker hears from its tenants' eTower clients beyond the per-call observation. */
export interface EtowerClientHooks {
  /** The logger of one tenant's client (a child naming the tenant). */
  logger?: (accessId: string) => EtowerLogger;
  /** A 401 made the tenant's client try URL-safe Base64 (the client then remembers the flavour eTower took). */
  onSignatureFallback?: (accessId: string, event: EtowerSignatureFallback) => void;
}

/** Tenants by accessId, each with its one eTower client (keep-alive connections are per client). */
export class TenantRegistry {
  private readonly byAccessId = new Map<string, Tenant>();
  private readonly clients = new Map<string, EtowerClient>();

  constructor(
    tenants: readonly Tenant[],
    private readonly etowerTimeoutMs = 30000,
    private readonly observe?: (call: EtowerCallObservation) => void,
    private readonly hooks: EtowerClientHooks = {},
  ) {
    for (const t of tenants) this.byAccessId.set(t.accessId, t);
  }

  get(accessId: string): Tenant | undefined {
    return this.byAccessId.get(accessId);
  }

  require(accessId: string): Tenant {
    const tenant = this.byAccessId.get(accessId);
    if (!tenant) throw new UnknownTenantError(accessId);
    return tenant;
  }

  all(): Tenant[] {
    return [...this.byAccessId.values()];
  }

  /** The tenant's eTower client; with `signal` (a job's deadline), a view of it whose calls are abandoned when it aborts. */
  etower(accessId: string, signal?: AbortSignal): EtowerClient {
    return signal ? this.client(accessId).withSignal(signal) : this.client(accessId);
  }

  private client(accessId: string): EtowerClient {
    let client = this.clients.get(accessId);
    if (!client) {
      const t = this.require(accessId);
      const { logger, onSignatureFallback } = this.hooks;
      // One client per tenant, so what it learns of eTower (the Base64 flavour) is the tenant's.
      client = createEtowerClient({
        baseUrl: t.etower.baseUrl,
        token: t.etower.token,
        key: t.etower.key,
        timeoutMs: this.etowerTimeoutMs,
        ...(this.observe ? { observe: this.observe } : {}),
        ...(logger ? { logger: logger(accessId) } : {}),
        ...(onSignatureFallback
          ? { onSignatureFallback: (event: EtowerSignatureFallback) => onSignatureFallback(accessId, event) }
          : {}),
      });
      this.clients.set(accessId, client);
    }
    return client;
  }
}
