import { computeSign } from '@bridge/qianyi';
import { jobCounts, startBridge, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';
import { minimalOrder } from './minimal-order';

// The ingress's status table (contract.md), against real processes. No worker runs here, so any job that
// appears in Redis was enqueued by a request that should have been refused.
let bridge: BridgeHarness;
beforeAll(async () => {
  bridge = await startBridge({ workers: 0 });
});
afterAll(async () => {
  await bridge?.stop();
});

const post = (body: string | Buffer, contentType = 'application/json') =>
  fetch(`${bridge.ingressUrl}/api/qianyi`, { method: 'POST', headers: { 'content-type': contentType }, body }).then(
    async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as any }),
  );

const signed = (method: string, content: string, accessId = TEST_TENANT.accessId, secret = TEST_TENANT.secretKey) => ({
  accessId,
  method,
  content,
  sign: computeSign(accessId, content === '' ? undefined : content, secret),
});

describe('POST /api/qianyi refuses bad calls with the contract status and enqueues nothing', () => {
  test('wrong sign: 401', async () => {
    const res = await post(JSON.stringify({ ...signed('getOrder', '{"orderNumber":"A1"}'), sign: 'f'.repeat(40) }));
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, message: expect.stringMatching(/sign/) });
  });

  test('sign made with another secret: 401', async () => {
    const res = await post(
      JSON.stringify(signed('getOrder', '{"orderNumber":"A1"}', TEST_TENANT.accessId, 'not-the-secret')),
    );
    expect(res.status).toBe(401);
  });

  test('unknown accessId: 401 with the same text as a wrong sign (which accessIds exist is not told)', async () => {
    const stranger = await post(JSON.stringify(signed('warehouses', '', 'stranger')));
    const wrongSign = await post(JSON.stringify({ ...signed('warehouses', ''), sign: 'f'.repeat(40) }));
    expect(stranger.status).toBe(401);
    expect(stranger.body).toEqual(wrongSign.body);
    expect(stranger.body.message).not.toContain('stranger');
  });

  test('unknown method: 400 naming it', async () => {
    const res = await post(JSON.stringify(signed('deleteEverything', '{}')));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ success: false, message: expect.stringContaining('deleteEverything') });
  });

  test('missing or non-string envelope fields: 400', async () => {
    expect((await post(JSON.stringify({ method: 'warehouses', content: '', sign: 'x' }))).status).toBe(400);
    expect((await post(JSON.stringify({ accessId: 'a', method: 7, content: '', sign: 'x' }))).status).toBe(400);
    expect((await post(JSON.stringify({ accessId: 'a', method: 'warehouses', content: '' }))).status).toBe(400);
  });

  test('unparseable or non-object body: 400, JSON answer', async () => {
    for (const body of ['{not json', '[1,2]', '"text"', '', '\u0000\u00ff']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.type).toMatch(/application\/json/);
      expect(res.body.success).toBe(false);
    }
  });

  test('content missing a required field: 200, success:false naming the field', async () => {
    const { postalCode, ...receiver } = minimalOrder('X1').receiver;
    const order = { ...minimalOrder('X1'), receiver };
    const res = await post(JSON.stringify(signed('createOrder', JSON.stringify(order))));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: false, message: 'receiver.postalCode is required' });
  });

  test('content that is not JSON: 200, success:false', async () => {
    const res = await post(JSON.stringify(signed('getOrder', '{orderNumber:')));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: false, message: expect.stringMatching(/not valid JSON/) });
  });

  test('body over the limit: 413', async () => {
    const huge = JSON.stringify(signed('createOrder', JSON.stringify({ labelData: 'A'.repeat(21 * 1024 * 1024) })));
    const res = await post(huge);
    expect(res.status).toBe(413);
    expect(res.body.success).toBe(false);
  });

  test('unknown path: 404 JSON', async () => {
    const res = await fetch(`${bridge.ingressUrl}/elsewhere`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).success).toBe(false);
  });

  test('nothing was enqueued by any of the above', async () => {
    expect(await jobCounts(bridge.redisUrl)).toEqual({ orders: 0, asn: 0, skus: 0, inventory: 0, webhooks: 0 });
  });
});

describe('transport variants Qianyi uses', () => {
  test('form-urlencoded with a charset, method with stray spaces and another case', async () => {
    const content = '{"orderNumber":"NOPE-1"}';
    const form = new URLSearchParams({
      accessId: TEST_TENANT.accessId,
      method: '  GETORDER ',
      content,
      sign: computeSign(TEST_TENANT.accessId, content, TEST_TENANT.secretKey),
    });
    const res = await post(form.toString(), 'application/x-www-form-urlencoded;charset=UTF-8');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: false,
      message: expect.stringMatching(/^order NOPE-1 is not known to this bridge: .*no longer kept/),
    });
  });

  test('JSON with charset and a Java-style content string is verified as received', async () => {
    const content = '{"orderNumber":"NOPE-2","weight":20.0,"big":1.0E20,"note":"\\u000B"}';
    const res = await post(JSON.stringify(signed(' getOrder', content)), 'application/json;charset=UTF-8');
    expect(res.status).toBe(200);
    expect(res.body.message).toMatch(/^order NOPE-2 is not known to this bridge: /);
  });
});

describe('health', () => {
  test('/healthz and /readyz answer while Redis is up', async () => {
    expect((await fetch(`${bridge.ingressUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bridge.ingressUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, redis: 'ready' });
  });
});
