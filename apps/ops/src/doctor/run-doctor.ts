import { createEtowerClient, type EtowerClient } from '@bridge/etower';
import type { Tenant } from '@bridge/config';
import type { CheckResult } from './check';
import { clockSkew, credentials, etowerReachable, inventoryFirstPage, unknownOrder, warehouses } from './etower-checks';
import { qianyiCallbackHost } from './qianyi-check';

/**
 * Every check of one tenant's real configuration, in order, read-only: nothing is created at eTower and nothing
 * is pushed to Qianyi. A check whose precondition failed is reported as skipped rather than failing again.
 */
export async function runDoctor(tenant: Tenant, timeoutMs: number): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const reach = await etowerReachable(tenant.etower.baseUrl, timeoutMs);
  results.push(reach.result);
  const skew = clockSkew(reach.answer);
  results.push(skew);
  let client: EtowerClient | undefined;
  const signed = createEtowerClient({
    baseUrl: tenant.etower.baseUrl,
    token: tenant.etower.token,
    key: tenant.etower.key,
    timeoutMs,
  });
  try {
    if (reach.answer) {
      const creds = await credentials(signed, skew.status === 'fail');
      results.push(creds.result);
      if (creds.warehouses) client = signed;
      results.push(warehouses(creds.warehouses));
    } else {
      results.push({ check: 'credentials', status: 'skip', detail: 'not checked: eTower unreachable' });
      results.push(warehouses(undefined));
    }
    results.push(await inventoryFirstPage(client));
    results.push(await unknownOrder(client));
  } finally {
    signed.close();
  }
  results.push(await qianyiCallbackHost(tenant.qianyi.callbackBaseUrl, timeoutMs));
  return results;
}
