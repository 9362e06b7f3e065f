import { startEtowerSimulator, type RunningEtowerSimulator } from '../../../apps/sandbox/src/etower/serve';
import {
  createEtowerClient,
  EtowerAuthError,
  EtowerUnexpectedAnswerError,
  ETOWER_PATHS,
  classifyEtowerFailure,
  flavourMatters,
  signEtowerRequest,
  type EtowerClientOptions,
  type EtowerSignatureFallback,
} from '../src';
import { control, order } from './fixtures';

// What could go wrong on first contact with the real eTower (issue 22), against the sandbox playing each case:
// an eTower that takes only URL-safe Base64 signatures, a wrong key, inventory rows under another key, a duplicate
// refusal answered as one envelope instead of an array.

const token = 'fc-token';
const key = 'fc-key';
let sim: RunningEtowerSimulator;
const open: Array<{ close(): void }> = [];

beforeAll(async () => {
  sim = await startEtowerSimulator({ token, key, skuCount: 30, maxPageSize: 10 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control(sim.url, 'POST', '/reset');
});
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

const orderListUrl = () => `${sim.url}${ETOWER_PATHS.orderList}`;

/** A request time (within the last minute) at which this request's signature does, or does not, differ between
 *  the two Base64 flavours: the test decides which case it exercises instead of leaving it to the clock. */
function dateWhere(differs: boolean, url = orderListUrl(), method = 'POST', signingKey = key): Date {
  for (let back = 0; back < 120; back += 1) {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - back * 1000);
    if (
      flavourMatters(signEtowerRequest({ method, url, token, key: signingKey, now: at }).standardSignature) === differs
    )
      return at;
  }
  throw new Error('no such second in the last two minutes');
}

function clientAt(at: () => Date, over: Partial<EtowerClientOptions> = {}) {
  const events: EtowerSignatureFallback[] = [];
  const client = createEtowerClient({
    baseUrl: sim.url,
    token,
    key,
    timeoutMs: 2000,
    now: at,
    onSignatureFallback: (e) => events.push(e),
    ...over,
  });
  open.push(client);
  return { client, events };
}

const stats = async () =>
  (await control(sim.url, 'GET', '/stats')) as { unauthorized: number; calls: Record<string, number> };

describe('Base64 flavour of the signature', () => {
  it('against an eTower that takes only URL-safe Base64: one fallback, remembered, counted', async () => {
    await control(sim.url, 'POST', '/auth', { signatureFlavours: ['url-safe'] });
    const same = dateWhere(false);
    const differs = dateWhere(true);
    let at = same;
    const { client, events } = clientAt(() => at);
    // A signature without + or / reads the same in both flavours: accepted, and it proves nothing.
    await expect(client.orderList({ referenceNoList: ['X'] })).resolves.toEqual([]);
    expect(client.signatureFlavour()).toBeUndefined();
    expect(events).toEqual([]);
    // The first that differs is refused, sent once more in URL-safe Base64, accepted, and remembered.
    at = differs;
    await expect(client.orderList({ referenceNoList: ['X'] })).resolves.toEqual([]);
    expect(events).toEqual([{ endpoint: ETOWER_PATHS.orderList, outcome: 'accepted' }]);
    expect(client.signatureFlavour()).toBe('url-safe');
    expect((await stats()).unauthorized).toBe(1);
    // From now on it signs in URL-safe Base64 at once: no more 401s, no more fallbacks.
    await expect(client.orderList({ referenceNoList: ['X'] })).resolves.toEqual([]);
    expect(events).toHaveLength(1);
    expect(await stats()).toMatchObject({ unauthorized: 1, calls: { '/v1/b2c/orderList': 4 } });
  });

  it('against the usual eTower (standard Base64): no fallback, and standard is learned', async () => {
    const { client, events } = clientAt(() => dateWhere(true));
    await expect(client.orderList({ referenceNoList: ['X'] })).resolves.toEqual([]);
    expect(client.signatureFlavour()).toBe('standard');
    expect(events).toEqual([]);
    expect((await stats()).unauthorized).toBe(0);
  });

  it('a wrong key: the fallback is tried once, refused, counted as rejected, and the 401 stands', async () => {
    const { client, events } = clientAt(() => dateWhere(true, orderListUrl(), 'POST', 'wrong-key'), {
      key: 'wrong-key',
    });
    const err = await client.orderList({ referenceNoList: ['X'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EtowerAuthError);
    expect(classifyEtowerFailure(err)).toMatchObject({ retryable: true, kind: 'auth' });
    expect(events).toEqual([{ endpoint: ETOWER_PATHS.orderList, outcome: 'rejected' }]);
    expect(client.signatureFlavour()).toBeUndefined();
    expect((await stats()).unauthorized).toBe(2);
    // A signature that reads the same in both flavours is not tried twice.
    const { client: plain, events: none } = clientAt(() => dateWhere(false, orderListUrl(), 'POST', 'wrong-key'), {
      key: 'wrong-key',
    });
    await expect(plain.orderList({ referenceNoList: ['X'] })).rejects.toBeInstanceOf(EtowerAuthError);
    expect(none).toEqual([]);
    expect((await stats()).unauthorized).toBe(3);
  });

  it('a pinned flavour never falls back', async () => {
    await control(sim.url, 'POST', '/auth', { signatureFlavours: ['url-safe'] });
    const { client, events } = clientAt(() => dateWhere(true), { signatureFlavour: 'standard' });
    await expect(client.orderList({ referenceNoList: ['X'] })).rejects.toBeInstanceOf(EtowerAuthError);
    expect(events).toEqual([]);
  });

  it('checkCredentials says which flavour eTower takes, whatever the clock', async () => {
    const { client } = clientAt(() => new Date());
    await expect(client.checkCredentials()).resolves.toMatchObject({
      flavour: 'standard',
      warehouses: expect.arrayContaining([expect.objectContaining({ warehouseCode: 'USWH1' })]),
    });
    await control(sim.url, 'POST', '/auth', { signatureFlavours: ['url-safe'] });
    const { client: fresh, events } = clientAt(() => new Date());
    await expect(fresh.checkCredentials()).resolves.toMatchObject({ flavour: 'url-safe' });
    expect(fresh.signatureFlavour()).toBe('url-safe');
    expect(events).toEqual([]);
    const { client: wrong } = clientAt(() => new Date(), { key: 'wrong-key' });
    await expect(wrong.checkCredentials()).rejects.toBeInstanceOf(EtowerAuthError);
  });
});

describe('answer layouts', () => {
  it('inventory rows under another key than list fail loudly (final), never read as an empty page', async () => {
    const { client } = clientAt(() => new Date());
    await expect(client.inventory({ pageNum: 1, pageSize: 10 })).resolves.toMatchObject({ total: 30, pageSize: 10 });
    await control(sim.url, 'POST', '/faults', {
      endpoint: 'inventory',
      mode: 'renamed-rows',
      rowsKey: 'records',
      count: 1,
    });
    const err = await client.inventory({ pageNum: 1, pageSize: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EtowerUnexpectedAnswerError);
    expect((err as Error).message).toMatch(/records are under "records", not "list"/);
    expect(classifyEtowerFailure(err)).toMatchObject({ retryable: false, kind: 'shape' });
  });

  it('a duplicate answered as one envelope instead of an array is still a duplicate', async () => {
    const { client } = clientAt(() => new Date());
    await client.createOrders([order('FC-1')]);
    await control(sim.url, 'POST', '/faults', { endpoint: 'createOrders', mode: 'single-envelope', count: 1 });
    const [result] = await client.createOrders([order('FC-1')]);
    expect(result).toMatchObject({ referenceNo: 'FC-1', ok: false, missing: false, duplicate: true });
  });
});

describe('a sandbox clock set off', () => {
  it('shows in its Date header and refuses signatures outside its 15 minutes', async () => {
    await control(sim.url, 'POST', '/auth', { clockOffsetMs: 20 * 60_000 });
    const res = await fetch(`${sim.url}${ETOWER_PATHS.warehouseServiceList}?serviceType=5`);
    expect(res.status).toBe(401);
    const skew = Date.parse(res.headers.get('date')!) - Date.now();
    expect(Math.abs(skew - 20 * 60_000)).toBeLessThan(5_000);
    const { client } = clientAt(() => new Date());
    const err = await client.warehouseServiceList().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EtowerAuthError);
    expect((err as EtowerAuthError).bodySnippet).toMatch(/clock skew/);
    await control(sim.url, 'POST', '/reset');
    await expect(client.warehouseServiceList()).resolves.toHaveLength(3);
  });
});
