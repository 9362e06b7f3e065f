import { randomBytes } from 'node:crypto';
import {
  ETOWER_PATHS,
  EtowerAuthError,
  normaliseBaseUrl,
  type EtowerClient,
  type EtowerWarehouse,
} from '@bridge/etower';
import { fail, ok, skip, warn, type CheckResult } from './check';
import { probe, type ProbeAnswer } from './http-probe';

// eTower refuses a request whose X-WallTech-Date is more than 15 minutes off its clock (reference §1.1).
// Past 10 minutes the host is one drift away from every call failing; past a minute NTP is not doing its job.
const SKEW_FAIL_MS = 10 * 60_000;
const SKEW_WARN_MS = 60_000;

export async function etowerReachable(
  baseUrl: string,
  timeoutMs: number,
): Promise<{ result: CheckResult; answer?: ProbeAnswer }> {
  // warehouseServiceList unsigned: a read eTower refuses (401) without doing anything, which proves it is there.
  const url = `${normaliseBaseUrl(baseUrl)}${ETOWER_PATHS.warehouseServiceList}?serviceType=5`;
  try {
    const answer = await probe(url, 'GET', timeoutMs);
    return {
      result: ok('etower reachable', `HTTP ${answer.status} from ${url} in ${answer.ms} ms (unsigned)`),
      answer,
    };
  } catch (err) {
    return { result: fail('etower reachable', `no answer from ${url}: ${(err as Error).message}`) };
  }
}

export function clockSkew(answer: ProbeAnswer | undefined): CheckResult {
  if (!answer) return skip('clock skew', 'eTower unreachable');
  const server = answer.date === undefined ? NaN : Date.parse(answer.date);
  if (Number.isNaN(server))
    return warn('clock skew', `eTower sent no readable Date header (${answer.date ?? 'none'}): skew unknown`);
  // The Date header has whole seconds: up to a second of the figure is its rounding.
  const skewMs = server - answer.localMidpointMs;
  const seconds = Math.round(skewMs / 1000);
  const said = `eTower's clock is ${Math.abs(seconds)} s ${seconds >= 0 ? 'ahead of' : 'behind'} this host's (its Date header: ${answer.date})`;
  if (Math.abs(skewMs) > SKEW_FAIL_MS)
    return fail('clock skew', `${said}; eTower refuses signatures more than 15 min off: sync this host with NTP`);
  if (Math.abs(skewMs) > SKEW_WARN_MS) return warn('clock skew', `${said}; eTower refuses past 15 min: check NTP`);
  return ok('clock skew', said);
}

export async function credentials(
  client: EtowerClient,
  skewFailed: boolean,
): Promise<{ result: CheckResult; warehouses?: EtowerWarehouse[] }> {
  try {
    const { flavour, warehouses } = await client.checkCredentials();
    const detail =
      flavour === 'standard'
        ? 'token and key accepted, signature in standard Base64'
        : 'token and key accepted, signature in URL-safe Base64 only (the bridge learns this by itself after one 401 per worker start)';
    return { result: ok('credentials', detail), warehouses };
  } catch (err) {
    if (err instanceof EtowerAuthError) {
      const why = skewFailed
        ? 'the clock skew above is the likely cause'
        : 'check ETOWER_TOKEN / ETOWER_KEY (refused in both Base64 flavours)';
      return {
        result: fail(
          'credentials',
          `eTower answered 401: ${why}${err.bodySnippet ? `; eTower said: ${err.bodySnippet}` : ''}`,
        ),
      };
    }
    return { result: fail('credentials', (err as Error).message) };
  }
}

export function warehouses(list: EtowerWarehouse[] | undefined): CheckResult {
  if (!list) return skip('warehouseServiceList', 'credentials not accepted');
  const active = list.map((w) => ({
    code: w.warehouseCode,
    services: w.serviceList.filter((s) => s.serviceType === 5 && s.active === 1).length,
  }));
  const usable = active.filter((w) => w.services > 0);
  const total = usable.reduce((n, w) => n + w.services, 0);
  if (usable.length === 0)
    return fail(
      'warehouseServiceList',
      `${list.length} warehouse(s), none with an active fulfillment service: no order can be created`,
    );
  const codes = usable
    .slice(0, 10)
    .map((w) => `${w.code} (${w.services})`)
    .join(', ');
  return ok(
    'warehouseServiceList',
    `${list.length} warehouse(s), ${usable.length} with active fulfillment services (${total} in all): ${codes}${usable.length > 10 ? ', …' : ''}`,
  );
}

export async function inventoryFirstPage(client: EtowerClient | undefined): Promise<CheckResult> {
  if (!client) return skip('inventory page 1', 'credentials not accepted');
  try {
    const page = await client.inventory({ pageNum: 1, pageSize: 100 });
    const paged = page.pageNum !== undefined || page.pages !== undefined || page.total !== undefined;
    if (!paged)
      return ok('inventory page 1', `a bare list (the older, unpaged layout) of ${page.records.length} SKU(s)`);
    const shape = `a page of ${page.records.length} SKU(s) (pageSize ${page.pageSize ?? '?'}, ${page.pages ?? '?'} page(s))`;
    if (page.total === undefined)
      return warn('inventory page 1', `${shape} without a total: a rebuild cannot check its count against eTower's`);
    return ok('inventory page 1', `${shape}, total ${page.total}`);
  } catch (err) {
    return fail('inventory page 1', (err as Error).message);
  }
}

export async function unknownOrder(client: EtowerClient | undefined): Promise<CheckResult> {
  if (!client) return skip('orderList (unknown referenceNo)', 'credentials not accepted');
  // A referenceNo nobody uses: eTower must answer nothing for it. An answer means eTower ignores the filter, and
  // the bridge's read-back after a duplicate or a timeout would adopt someone else's order.
  const referenceNo = `DOCTOR-${randomBytes(6).toString('hex')}`;
  try {
    const found = await client.orderList({ referenceNoList: [referenceNo] });
    if (found.length === 0) return ok('orderList (unknown referenceNo)', `no order for ${referenceNo}, as expected`);
    return fail(
      'orderList (unknown referenceNo)',
      `eTower answered ${found.length} order(s) for ${referenceNo}, which does not exist (first: ${found[0]!.referenceNo}): it ignores referenceNoList, and reading orders back would adopt wrong ones`,
    );
  } catch (err) {
    return fail('orderList (unknown referenceNo)', (err as Error).message);
  }
}
