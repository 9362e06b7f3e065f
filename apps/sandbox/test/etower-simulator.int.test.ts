import { signEtowerRequest } from '@bridge/etower';
import { startEtowerSimulator, type RunningEtowerSimulator } from '../src/etower/serve';
import { startSandbox } from '../src/start';

// The simulator over raw HTTP: exact envelopes, auth, control API, faults. The client's own integration test
// (packages/etower/test/client.int.test.ts) covers the endpoints through the real client.

const token = 'sandbox-token';
const key = 'sandbox-key';
let sim: RunningEtowerSimulator;

async function call(method: string, path: string, body?: unknown, opts: { key?: string; now?: Date } = {}) {
  const url = `${sim.url}/api/supplier-service${path}`;
  const signed = signEtowerRequest({
    method,
    url,
    token,
    key: opts.key ?? key,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const res = await fetch(url, {
    method,
    headers: {
      'X-WallTech-Date': signed.date,
      Authorization: signed.authorization,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const controlCall = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sim.url}/__control/etower${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as any };
};

beforeAll(async () => {
  sim = await startEtowerSimulator({ skuCount: 30, maxPageSize: 10 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await controlCall('POST', '/reset');
});

describe('eTower simulator over HTTP', () => {
  it('answers with the exact §2.1 envelope', async () => {
    const { status, json } = await call('GET', '/v1/b2c/warehouseServiceList?serviceType=5');
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(['code', 'data', 'errors', 'message', 'messageId', 'success', 'warnList']);
    expect(json).toMatchObject({ code: '0', success: true, errors: '', message: '', messageId: '', warnList: '' });
  });

  it('401 JSON on a bad signature, an unsigned call, a skewed date or a signature without the query string', async () => {
    expect((await call('GET', '/v1/b2c/warehouseServiceList', undefined, { key: 'wrong' })).status).toBe(401);
    expect((await fetch(`${sim.url}/api/supplier-service/v1/b2b/poList`, { method: 'POST' })).status).toBe(401);
    const skewed = await call(
      'POST',
      '/v1/b2b/poList',
      { referenceNoList: ['x'] },
      { now: new Date(Date.now() + 16 * 60_000) },
    );
    expect(skewed).toMatchObject({
      status: 401,
      json: { success: false, message: expect.stringMatching(/clock skew/) },
    });
    const url = `${sim.url}/api/supplier-service/v1/b2c/warehouseServiceList`;
    const s = signEtowerRequest({ method: 'GET', url, token, key });
    const res = await fetch(`${url}?serviceType=5`, {
      headers: { 'X-WallTech-Date': s.date, Authorization: s.authorization },
    });
    expect(res.status).toBe(401);
  });

  it('refuses bad batches as a whole with code "3"', async () => {
    expect((await call('POST', '/v1/openApi/packetOrder/b2c/createOrders', {})).json).toMatchObject({
      code: '3',
      success: false,
    });
    const ids = Array.from({ length: 301 }, (_, i) => `R${i}`);
    expect((await call('POST', '/v1/b2c/orderList', { referenceNoList: ids })).json).toMatchObject({
      code: '3',
      success: false,
    });
    expect((await call('POST', '/v1/b2c/orderList', 'not json')).json).toMatchObject({ code: '3', success: false });
  });

  it('serves inventory as a 1-based PageHelper page (0 read as 1, size capped)', async () => {
    const zero = (await call('POST', '/v1/b2b/inventory', { pageNum: 0, pageSize: 50 })).json.data;
    const one = (await call('POST', '/v1/b2b/inventory', { pageNum: 1, pageSize: 50 })).json.data;
    expect(zero).toEqual(one);
    expect(one).toMatchObject({
      pageNum: 1,
      pageSize: 10,
      total: 30,
      pages: 3,
      hasNextPage: true,
      isLastPage: false,
      size: 10,
    });
    expect(one.list[0].warehouseInventoryDTOList.map((w: any) => w.overseasWarehouseCode)).toEqual(['USWH1', 'DEWH1']);
    const wh = (await call('POST', '/v1/b2b/inventory', { pageNum: 3, pageSize: 10, warehouseCodeList: ['DEWH1'] }))
      .json.data;
    expect(wh).toMatchObject({ hasNextPage: false, isLastPage: true });
    expect(wh.list.every((r: any) => r.warehouseInventoryDTOList.length === 1)).toBe(true);
  });

  it('counts calls and applies faults for the next N matching requests only', async () => {
    const added = await controlCall('POST', '/faults', { endpoint: 'poList', mode: 'http500', count: 2 });
    expect(added.json.faults).toHaveLength(1);
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await call('POST', '/v1/b2b/poList', { referenceNoList: ['x'] })).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect((await call('POST', '/v1/b2c/orderList', { referenceNoList: ['x'] })).status).toBe(200);
    const stats = (await controlCall('GET', '/stats')).json;
    expect(stats.calls).toEqual({ '/v1/b2b/poList': 3, '/v1/b2c/orderList': 1 });
    expect(stats.faultsApplied).toBe(2);
  });

  it('delay and http401 faults; clearing them', async () => {
    await controlCall('POST', '/faults', { mode: 'delay', delayMs: 150, count: 1 });
    const started = Date.now();
    expect((await call('GET', '/v1/b2c/warehouseServiceList')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await controlCall('POST', '/faults', { mode: 'http401' });
    expect((await call('GET', '/v1/b2c/warehouseServiceList')).status).toBe(401);
    expect((await call('GET', '/v1/b2c/warehouseServiceList')).status).toBe(401);
    await controlCall('DELETE', '/faults');
    expect((await call('GET', '/v1/b2c/warehouseServiceList')).status).toBe(200);
  });

  it('stats/tally?prefix= counts the documents under that prefix and their counts, per counter', async () => {
    for (const ref of ['RUN1-1', 'RUN1-2', 'RUN2-1']) sim.state.stats.ordersCreated[ref] = 1;
    sim.state.stats.ordersCreated['RUN1-2'] = 2;
    sim.state.stats.createOrderAttempts['RUN1-1'] = 3;
    const tally = (await controlCall('GET', '/stats/tally?prefix=RUN1-')).json;
    expect(tally).toMatchObject({
      success: true,
      prefix: 'RUN1-',
      ordersCreated: { documents: 2, total: 3 },
      createOrderAttempts: { documents: 1, total: 3 },
      productsCreated: { documents: 0, total: 0 },
    });
    expect((await controlCall('GET', '/stats/tally?prefix=RUN2-')).json.ordersCreated).toEqual({
      documents: 1,
      total: 1,
    });
  });

  it('counts createOrders answers a short array cut off; a delayed request whose client gave up is not processed', async () => {
    const create = (ref: string) => call('POST', '/v1/openApi/packetOrder/b2c/createOrders', [{ referenceNo: ref }]);
    await create('ANS-1');
    await controlCall('POST', '/faults', { endpoint: 'createOrders', mode: 'short-array', count: 1 });
    expect((await create('ANS-2')).json).toEqual([]);
    // A client that gives up before a delayed answer ends the request before the route: nothing processed, nothing lost.
    await controlCall('POST', '/faults', { endpoint: 'createOrders', mode: 'delay', delayMs: 400, count: 1 });
    const url = `${sim.url}/api/supplier-service/v1/openApi/packetOrder/b2c/createOrders`;
    const signed = signEtowerRequest({ method: 'POST', url, token, key });
    await expect(
      fetch(url, {
        method: 'POST',
        signal: AbortSignal.timeout(100),
        body: JSON.stringify([{ referenceNo: 'ANS-3' }]),
        headers: {
          'X-WallTech-Date': signed.date,
          Authorization: signed.authorization,
          'Content-Type': 'application/json',
        },
      }),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const stats = sim.state.stats;
    expect(stats.createOrderAttempts).toEqual({ 'ANS-1': 1, 'ANS-2': 1 });
    expect(stats.createOrderAnswersLost).toEqual({ 'ANS-2': 1 });
  });

  it('validates control bodies', async () => {
    expect((await controlCall('POST', '/faults', { mode: 'explode' })).status).toBe(400);
    expect((await controlCall('POST', '/orders/none/status', { status: 4 })).status).toBe(404);
    expect((await controlCall('POST', '/pos/none/receive', { lines: [] })).status).toBe(400);
  });
});

describe('startSandbox', () => {
  it('serves eTower, both control APIs and the Qianyi receiver on one port', async () => {
    const sandbox = await startSandbox({
      etower: { skuCount: 5 },
      logger: { info() {}, warn() {}, error() {}, debug() {} } as never,
    });
    try {
      expect((await fetch(`${sandbox.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${sandbox.url}/__control/etower/stats`)).status).toBe(200);
      expect((await fetch(`${sandbox.url}/api/supplier-service/v1/b2b/poList`, { method: 'POST' })).status).toBe(401);
      expect(sandbox.port).toBeGreaterThan(0);
    } finally {
      await sandbox.close();
    }
  });
});
