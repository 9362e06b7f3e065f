import { createEtowerClient, type EtowerCallObservation, type EtowerClient } from '@bridge/etower';
import type { Tenant } from '@bridge/config';

/** Tenants by accessId, each with its one eTower client (keep-alive connections are per client). */
export class TenantRegistry {
  private readonly byAccessId = new Map<string, Tenant>();
  private readonly clients = new Map<string, EtowerClient>();

  constructor(tenants: readonly Tenant[], private readonly etowerTimeoutMs = 30000, private readonly observe?: (call: EtowerCallObservation) => void) {
    for (const t of tenants) this.byAccessId.set(t.accessId, t);
  }

  get(accessId: string): Tenant | undefined {
    return this.byAccessId.get(accessId);
  }

  require(accessId: string): Tenant {
    const tenant = this.byAccessId.get(accessId);
    if (!tenant) throw new Error(`unknown tenant ${accessId}: it is not in the configuration of this process`);
    return tenant;
  }

  all(): Tenant[] {
    return [...this.byAccessId.values()];
  }

  etower(accessId: string): EtowerClient {
    let client = this.clients.get(accessId);
    if (!client) {
      const t = this.require(accessId);
      client = createEtowerClient({ baseUrl: t.etower.baseUrl, token: t.etower.token, key: t.etower.key, timeoutMs: this.etowerTimeoutMs, ...(this.observe ? { observe: this.observe } : {}) });
      this.clients.set(accessId, client);
    }
    return client;
  }
}
