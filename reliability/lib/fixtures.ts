import { startBridge, type BridgeHarness, type HarnessOptions } from '../../packages/testkit/src/index';
import { order } from '../../apps/worker/test/order-fixtures';

export { order } from '../../apps/worker/test/order-fixtures';

/** A self-shipped label no log or job should ever show: a tiny PDF whose Base64 is easy to grep for. */
export const LABEL_BASE64 = Buffer.from(
  '%PDF-1.4\n% reliability-suite label 9c1f7e2b-LABEL-MUST-NOT-LEAK\n%%EOF\n',
).toString('base64');

export function ownPackageOrder(number: string) {
  return order(number, {
    packageType: 'OWN_PACKAGE',
    trackingNumber: `TRK${number.replace(/[^A-Z0-9]/gi, '')}`,
    labelData: LABEL_BASE64,
  });
}

import {
  TEST_ASN_SHIPPER as asnShipper,
  TEST_PRODUCT_DEFAULTS as productDefaults,
  asnContent as asn,
  productContent,
} from '../../packages/testkit/src/index';

export { asn, asnShipper, productDefaults };

/** The tests' product, titled in ASCII. */
export const product = (sku: string) => productContent(sku, { title: `${sku} title` });

/** The whole bridge with a tenant that can create ASNs and products too. */
export function startFullBridge(options: HarnessOptions = {}): Promise<BridgeHarness> {
  return startBridge({ ...options, tenant: { asnShipper, productDefaults, ...options.tenant } });
}

export { etowerStats, type SandboxStats as EtowerStats } from '../../packages/testkit/src/index';

export interface ReceivedPush {
  kind: 'order' | 'asn';
  content: Record<string, any>;
}
/** Every push the fake Qianyi accepted, grouped by document, oldest first. */
export async function pushesByDocument(bridge: BridgeHarness): Promise<Map<string, ReceivedPush[]>> {
  const all = await bridge.control<ReceivedPush[]>('/__control/qianyi/pushes');
  const out = new Map<string, ReceivedPush[]>();
  for (const p of all) {
    const id = String(p.kind === 'order' ? p.content.orderNumber : p.content.asnNumber);
    out.set(id, [...(out.get(id) ?? []), p]);
  }
  return out;
}

/** Order pushes must climb this ladder (wmsStatus), never step down. */
const RANK: Record<string, number> = { 'Queued at the bridge': 0, Created: 1, Accepted: 2, Outbound: 3 };
export function outOfOrder(pushes: ReceivedPush[]): boolean {
  const ranks = pushes.map((p) => RANK[String(p.content.wmsStatus)] ?? -1).filter((r) => r >= 0);
  return ranks.some((r, i) => i > 0 && r < ranks[i - 1]!);
}
