import { createServer, type Server } from 'node:http';
import { startEtowerSimulator, type RunningEtowerSimulator } from '../../../apps/sandbox/src/etower/serve';
import {
  createEtowerClient,
  EtowerAuthError,
  EtowerBusinessError,
  EtowerHttpError,
  EtowerMalformedResponseError,
  EtowerNetworkError,
  EtowerTimeoutError,
  classifyEtowerFailure,
  type EtowerClient,
} from '../src';
import { control, order, po, product } from './fixtures';

// The client against the sandbox over real HTTP, with the sandbox's clock under the test's control.

const token = 'it-token';
const key = 'it-key';
let clock = Date.now();
let sim: RunningEtowerSimulator;
let client: EtowerClient;

const listenLocally = (srv: Server) =>
  new Promise<string>((resolve) =>
    srv.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(srv.address() as { port: number }).port}`)),
  );
const closeNow = (srv: Server) => {
  srv.closeAllConnections();
  return new Promise((resolve) => srv.close(resolve));
};
const catchErr = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );

beforeAll(async () => {
  sim = await startEtowerSimulator({
    token,
    key,
    acceptAfterMs: 1000,
    shipAfterMs: 3000,
    receiveStepMs: 1000,
    skuCount: 250,
    now: () => clock,
  });
  client = createEtowerClient({ baseUrl: sim.url, token, key, timeoutMs: 300 });
});
afterAll(async () => {
  client.close();
  await sim.close();
});
beforeEach(async () => {
  clock = Date.now();
  await control(sim.url, 'POST', '/reset');
});

describe('catalog', () => {
  it('lists fulfillment warehouses and services (GET with a signed query string)', async () => {
    const warehouses = await client.warehouseServiceList();
    expect(warehouses.map((w) => w.warehouseCode)).toEqual(['USWH1', 'DEWH1', 'AUWH1']);
    expect(warehouses[0]!.serviceList).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ serviceName: 'USPS Ground', serviceCode: 'USPSG', serviceType: 5, active: 1 }),
        expect.objectContaining({ serviceName: 'UPS Ground', active: 0 }),
      ]),
    );
    const transshipment = await client.warehouseServiceList(4);
    expect(transshipment.flatMap((w) => w.serviceList.map((s) => s.serviceType))).toEqual([4, 4]);
  });
});

describe('outbound orders', () => {
  it('creates, then status moves 0 -> 1 -> 5 with tracking and carrier', async () => {
    const [result] = await client.createOrders([order('SO-1')]);
    expect(result).toEqual({ referenceNo: 'SO-1', ok: true, orderNo: expect.stringMatching(/^C1228\d{12}O$/) });
    let [o] = await client.orderList({ referenceNoList: ['SO-1'] });
    expect(o).toMatchObject({
      referenceNo: 'SO-1',
      status: 0,
      trackingNos: [],
      outboundDate: null,
      serviceName: 'USPS Ground',
    });
    clock += 1000;
    [o] = await client.orderList({ orderNoList: [(result as { orderNo: string }).orderNo] });
    expect(o?.status).toBe(1);
    clock += 2000;
    [o] = await client.orderList({ referenceNoList: ['SO-1'] });
    expect(o).toMatchObject({
      status: 5,
      shipmentCarrier: 'USPS',
      trackingNos: [expect.stringMatching(/^9400111\d{15}$/)],
    });
    expect(o?.outboundDate).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(o?.packingDetails).toEqual([
      expect.objectContaining({ sku: 'SKU-000001', productCount: 2, forecastProductCount: 2 }),
      expect.objectContaining({ sku: 'SKU-000002', productCount: 1 }),
    ]);
  });

  it('answers per order: duplicate 600904, unknown service 600906, bad label 0020, missing field', async () => {
    await client.createOrders([order('SO-1')]);
    const results = await client.createOrders([
      order('SO-1'),
      order('SO-2', { channelCode: 'UPS Ground' }),
      order('SO-3', {
        parcels: [
          {
            referenceNo: 'SO-3',
            trackingNo: 'T1',
            labelType: 1,
            label: 'AAAA',
            labelName: 'label.png',
            items: [{ sku: 'SKU-000003', quantity: 1 }],
          },
        ],
      }),
      order('SO-4', { consignee: { name: 'X', countryCode: 'US', city: '', addressLine1: 'a' } }),
      order('SO-5'),
    ]);
    expect(results.map((r) => r.referenceNo)).toEqual(['SO-1', 'SO-2', 'SO-3', 'SO-4', 'SO-5']);
    expect(results[0]).toMatchObject({
      ok: false,
      missing: false,
      duplicate: true,
      code: '00005',
      message: 'paramter error',
      errors: [{ code: '600904', message: 'referenceNo:SO-1,Already exists in the system' }],
    });
    expect(results[1]).toMatchObject({
      ok: false,
      duplicate: false,
      reason:
        'eTower refused (600906): warehouseServiceName:UPS Ground ,Does not exist in the shipperAddressCode:USWH1',
    });
    expect(results[2]).toMatchObject({ ok: false, errors: [expect.objectContaining({ code: '0020' })] });
    expect(results[3]).toMatchObject({ ok: false, reason: expect.stringContaining('consignee.city') });
    expect(results[4]).toMatchObject({ ok: true });
    const stats = await control(sim.url, 'GET', '/stats');
    expect(stats.createOrderAttempts['SO-1']).toBe(2);
    expect(stats.ordersCreated).toEqual({ 'SO-1': 1, 'SO-5': 1 });
  });

  it('the sandbox keeps each request for tests, a long Base64 label cut short and a short one whole', async () => {
    const long = 'JVBERi0xLjQK'.repeat(20);
    await client.createOrders([
      order('SO-L', {
        parcels: [
          {
            referenceNo: 'SO-L',
            trackingNo: 'T1',
            labelType: 1,
            label: long,
            labelName: 'SO-L.pdf',
            items: [{ sku: 'SKU-000001', quantity: 1 }],
          },
        ],
      }),
      order('SO-P'),
    ]);
    const kept = await control(sim.url, 'GET', '/orders/SO-L/request');
    expect(kept.request.parcels[0]).toMatchObject({
      trackingNo: 'T1',
      label: `${long.slice(0, 64)}…(${long.length} chars)`,
      labelName: 'SO-L.pdf',
    });
    expect(kept.request.consignee).toMatchObject({ name: 'Jane Doe', city: 'Los Angeles' });
    expect((await control(sim.url, 'GET', '/orders/SO-P/request')).request).toEqual(
      JSON.parse(JSON.stringify(order('SO-P'))),
    );
  });

  it('drafts stay 0 until confirmed; confirming a shipped order is refused with 600928', async () => {
    const [r] = await client.createOrders([order('SO-D', { isNeedConfirm: false })]);
    const orderNo = (r as { orderNo: string }).orderNo;
    clock += 10_000;
    expect((await client.orderList({ referenceNoList: ['SO-D'] }))[0]?.status).toBe(0);
    expect(await client.confirmOrders([orderNo])).toEqual({ confirmed: [orderNo], errors: [] });
    clock += 1000;
    expect((await client.orderList({ referenceNoList: ['SO-D'] }))[0]?.status).toBe(1);
    const again = await client.confirmOrders([orderNo]);
    expect(again.confirmed).toEqual([]);
    expect(again.errors).toEqual([{ code: '600928', message: expect.stringContaining(orderNo) }]);
  });

  it('forced statuses and splits come through orderList', async () => {
    await client.createOrders([order('SO-S')]);
    await control(sim.url, 'POST', '/orders/SO-S/split');
    await control(sim.url, 'POST', '/orders/SO-S/status', { status: 7, abnormalCauses: 'Address not found' });
    const records = await client.orderList({ referenceNoList: ['SO-S'] });
    expect(records).toHaveLength(2);
    expect(records.map((o) => o.status)).toEqual([7, 7]);
    expect(records[0]?.abnormalCauses).toBe('Address not found');
    expect(records[1]?.originOrderNo).toBe(records[0]?.orderNo);
  });

  it('refuses more than 300 ids without calling eTower', async () => {
    const ids = Array.from({ length: 301 }, (_, i) => `R${i}`);
    await expect(client.orderList({ referenceNoList: ids })).rejects.toThrow(TypeError);
    await expect(client.poList({ orderNoList: ids })).rejects.toThrow(TypeError);
    expect((await control(sim.url, 'GET', '/stats')).calls).toEqual({});
  });
});

describe('inventory', () => {
  it('pages through a PageHelper page (capped page size, "" as 0)', async () => {
    const first = await client.inventory({ warehouseCodeList: ['USWH1'], pageNum: 1, pageSize: 500 });
    expect(first).toMatchObject({ pageNum: 1, pages: 3, total: 250, hasNextPage: true });
    expect(first.records).toHaveLength(100);
    expect(first.records[0]).toMatchObject({
      sku: 'SKU-000001',
      warehouses: [expect.objectContaining({ warehouseCode: 'USWH1' })],
    });
    const last = await client.inventory({ warehouseCodeList: ['USWH1'], pageNum: 3, pageSize: 100 });
    expect([last.records.length, last.hasNextPage]).toEqual([50, false]);
    const all = [...first.records, ...last.records].flatMap((r) => r.warehouses);
    expect(all.every((w) => typeof w.unsellableInventory === 'number')).toBe(true);
  });

  it('filters by SKU, reflects control overrides and generations', async () => {
    await control(sim.url, 'POST', '/inventory', { warehouseCode: 'DEWH1', sku: 'SKU-000007', availableInventory: 42 });
    let page = await client.inventory({ skuList: ['SKU-000007'], pageNum: 1, pageSize: 10 });
    expect(page.records).toHaveLength(1);
    const de = () => page.records[0]!.warehouses.find((w) => w.warehouseCode === 'DEWH1')!;
    expect(de()).toMatchObject({ availableInventory: 42, unsellableInventory: 0 });
    await control(sim.url, 'POST', '/inventory/generation');
    page = await client.inventory({ skuList: ['SKU-000007'], pageNum: 1, pageSize: 10 });
    expect(de().availableInventory).toBe(52);
  });
});

describe('products', () => {
  it('creates, refuses duplicates and missing fields, caps at 30', async () => {
    const results = await client.createProducts([
      product('NEW-1'),
      product('SKU-000001'),
      product('NEW-2', { hsCode: '' }),
    ]);
    expect(results[0]).toEqual({ sku: 'NEW-1', ok: true, barcode: expect.stringMatching(/^B\d{9}$/) });
    expect(results[1]).toMatchObject({
      sku: 'SKU-000001',
      ok: false,
      duplicate: true,
      errors: [{ code: '600904', message: 'sku:SKU-000001,Already exists in the system' }],
    });
    expect(results[2]).toMatchObject({
      sku: 'NEW-2',
      ok: false,
      duplicate: false,
      reason: expect.stringContaining('hsCode'),
    });
    await expect(client.createProducts(Array.from({ length: 31 }, (_, i) => product(`P${i}`)))).rejects.toThrow(
      TypeError,
    );
  });
});

describe('inbound orders (po)', () => {
  it('creates, then receives lazily in halves until complete', async () => {
    const created = await client.createPo(po('PO-1'));
    expect(created).toEqual({
      referenceNo: 'PO-1',
      orderNo: expect.stringMatching(/^E1228/),
      shippingPlanNo: expect.stringMatching(/^A1228.*S$/),
    });
    let [p] = await client.poList({ referenceNoList: ['PO-1'] });
    expect(p).toMatchObject({ status: 100, deliveredDate: null, boxNumber: 3 });
    expect(p?.packingDetails.map((l) => [l.sku, l.forecastAmount, l.putAwayQty])).toEqual([
      ['SKU-000001', 20, 0],
      ['SKU-000002', 6, 0],
    ]);
    clock += 1000;
    [p] = await client.poList({ orderNoList: [created.orderNo!] });
    expect(p?.status).toBe(200);
    expect(p?.packingDetails.map((l) => l.putAwayQty)).toEqual([10, 3]);
    clock += 10_000;
    [p] = await client.poList({ referenceNoList: ['PO-1'] });
    expect(p?.status).toBe(300);
    expect(p?.packingDetails.map((l) => l.putAwayQty)).toEqual([20, 6]);
  });

  it('refuses a duplicate referenceNo as a duplicate business error', async () => {
    await client.createPo(po('PO-D'));
    const err = await catchErr(client.createPo(po('PO-D')));
    expect(err).toBeInstanceOf(EtowerBusinessError);
    expect(err).toMatchObject({ duplicate: true, retryable: false, primaryCode: '600904' });
    expect((await control(sim.url, 'GET', '/stats')).posCreated).toEqual({ 'PO-D': 1 });
  });

  it('manual receipt through the control API', async () => {
    await client.createPo(po('PO-M'));
    await control(sim.url, 'POST', '/pos/PO-M/receive', { lines: [{ sku: 'SKU-000002', qty: 6 }] });
    clock += 60_000;
    const [p] = await client.poList({ referenceNoList: ['PO-M'] });
    expect(p?.packingDetails.map((l) => l.putAwayQty)).toEqual([0, 6]);
    expect(p?.status).toBe(200);
  });
});

describe('failures', () => {
  it('401 on a wrong key or a skewed clock -> EtowerAuthError (retryable, kind auth)', async () => {
    const wrong = createEtowerClient({ baseUrl: sim.url, token, key: 'nope' });
    const skewed = createEtowerClient({ baseUrl: sim.url, token, key, now: () => new Date(Date.now() - 20 * 60_000) });
    try {
      for (const c of [wrong, skewed]) {
        const err = await catchErr(c.warehouseServiceList());
        expect(err).toBeInstanceOf(EtowerAuthError);
        expect(classifyEtowerFailure(err)).toMatchObject({ retryable: true, kind: 'auth' });
      }
    } finally {
      wrong.close();
      skewed.close();
    }
  });

  it('500 -> retryable EtowerHttpError; count limits the fault', async () => {
    await control(sim.url, 'POST', '/faults', { endpoint: 'orderList', mode: 'http500', count: 1 });
    const err = await catchErr(client.orderList({ referenceNoList: ['X'] }));
    expect(err).toBeInstanceOf(EtowerHttpError);
    expect(err).toMatchObject({ status: 500, retryable: true });
    await expect(client.orderList({ referenceNoList: ['X'] })).resolves.toEqual([]);
  });

  it('429 with Retry-After -> retryAfterMs', async () => {
    await control(sim.url, 'POST', '/faults', { mode: 'http429', retryAfterSec: 7, count: 1 });
    const err = await catchErr(client.warehouseServiceList());
    expect(classifyEtowerFailure(err)).toMatchObject({
      retryable: true,
      kind: 'http',
      retryAfterMs: 7000,
      code: '429',
    });
  });

  it('a hang beyond the client timeout -> EtowerTimeoutError', async () => {
    // The hang never ends by itself: only the client's own timeout can end this call.
    await control(sim.url, 'POST', '/faults', { endpoint: 'inventory', mode: 'hang', count: 1 });
    const err = await catchErr(client.inventory({ pageNum: 1, pageSize: 10 }));
    expect(err).toBeInstanceOf(EtowerTimeoutError);
    expect((err as EtowerTimeoutError).timeoutMs).toBe(300);
  });

  it('a 2xx that is not JSON -> EtowerMalformedResponseError (retryable, body kept)', async () => {
    await control(sim.url, 'POST', '/faults', { endpoint: 'poList', mode: 'malformed', count: 1 });
    const err = await catchErr(client.poList({ referenceNoList: ['X'] }));
    expect(err).toBeInstanceOf(EtowerMalformedResponseError);
    expect(err).toMatchObject({ retryable: true, bodySnippet: expect.stringContaining('502 Bad Gateway') });
  });

  it('a short createOrders answer -> missing results, while the orders exist', async () => {
    await control(sim.url, 'POST', '/faults', { endpoint: 'createOrders', mode: 'short-array', count: 1 });
    const results = await client.createOrders([order('SO-A'), order('SO-B')]);
    expect(results[0]).toMatchObject({ referenceNo: 'SO-A', ok: true });
    expect(results[1]).toEqual({ referenceNo: 'SO-B', ok: false, missing: true });
    // The caller re-reads and finds it: created exactly once.
    expect(await client.orderList({ referenceNoList: ['SO-B'] })).toHaveLength(1);
    expect((await control(sim.url, 'GET', '/stats')).ordersCreated['SO-B']).toBe(1);
  });

  it('connection refused -> EtowerNetworkError', async () => {
    const dead = createEtowerClient({ baseUrl: 'http://127.0.0.1:1', token, key });
    const err = await catchErr(dead.warehouseServiceList());
    dead.close();
    expect(err).toBeInstanceOf(EtowerNetworkError);
    expect((err as EtowerNetworkError).code).toBe('ECONNREFUSED');
    expect(classifyEtowerFailure(err)).toMatchObject({ retryable: true, kind: 'network' });
  });

  it('a connection dropped before the answer -> EtowerNetworkError; a slow body -> EtowerTimeoutError', async () => {
    // A peer that hangs up on every request, and one that sends headers then stalls the body past the deadline.
    const servers: Server[] = [
      createServer((req) => {
        req.socket.destroy();
      }),
      createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"status":');
      }),
    ];
    const urls = await Promise.all(servers.map(listenLocally));
    const clients = urls.map((baseUrl) => createEtowerClient({ baseUrl, token, key, timeoutMs: 300 }));
    try {
      const dropped = await catchErr(clients[0]!.createOrders([order('SO-DROP')]));
      expect(dropped).toBeInstanceOf(EtowerNetworkError);
      expect(classifyEtowerFailure(dropped)).toMatchObject({ retryable: true, kind: 'network' });
      const stalled = await catchErr(clients[1]!.warehouseServiceList());
      expect(stalled).toBeInstanceOf(EtowerTimeoutError);
    } finally {
      for (const c of clients) c.close();
      await Promise.all(servers.map(closeNow));
    }
  });

  it('a redirect is not followed: reported as its HTTP status, not retried, nothing created at the target', async () => {
    // A wrong ETOWER_BASE_URL (a web host that redirects): following it would send a signed order to another URL
    // than the one signed; the operator must see the status and fix the setting.
    const redirector = createServer((req, res) => {
      res.writeHead(301, { location: `${sim.url}${req.url}` });
      res.end();
    });
    const wrong = createEtowerClient({ baseUrl: await listenLocally(redirector), token, key, timeoutMs: 300 });
    try {
      const err = await catchErr(wrong.createOrders([order('SO-REDIRECT')]));
      expect(err).toBeInstanceOf(EtowerHttpError);
      expect((err as EtowerHttpError).status).toBe(301);
      expect(classifyEtowerFailure(err)).toMatchObject({ retryable: false, kind: 'http', code: '301' });
      expect(await client.orderList({ referenceNoList: ['SO-REDIRECT'] })).toEqual([]);
    } finally {
      wrong.close();
      await closeNow(redirector);
    }
  });
});
