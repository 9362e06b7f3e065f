import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { buildSignedCall, computeSign } from '@bridge/qianyi';
import { createQianyiReceiver, type QianyiReceiver } from '../src/qianyi-receiver/index';

const TENANT = { accessId: 'QIANYI', secretKey: 'sandbox-secret' };
const silent = { info: () => {}, warn: () => {} };

let server: Server;
let base: string;
let receiver: QianyiReceiver;

beforeAll(async () => {
  receiver = createQianyiReceiver({ tenants: [TENANT], logger: silent });
  const app = express();
  app.use(receiver.router);
  app.use('/__control/qianyi', receiver.control);
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  await fetch(`${base}/__control/qianyi/pushes`, { method: 'DELETE' });
  await fetch(`${base}/__control/qianyi/faults`, { method: 'DELETE' });
});

const orderPush = (orderNumber = 'DA250117100074') => ({
  orderNumber,
  warehouseCode: 'XY002',
  trackNumber: '1Z999',
  wmsStatus: 'Shipped',
  status: 'SUCCESS',
  shippingTime: 1744098883894,
  skuList: [{ sku: '60000-test02', quantity: 4 }],
});
const asnPush = {
  asnNumber: 'A241022159999',
  warehouseCode: 'Test-bin',
  wmsStatus: 'RECEIVING',
  updateTime: 1744098883894,
  skuList: [{ sku: 'V-012B-R', receivedQuantity: 2 }],
  batchNo: 'b-1',
};

async function post(path: string, body: string, contentType = 'application/json; charset=UTF-8') {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: res.status, text: await res.text() };
}

const signed = (method: string, content: object, secretKey = TENANT.secretKey) =>
  buildSignedCall({ accessId: TENANT.accessId, method, content, secretKey }).body;

const listPushes = async (query = '') =>
  (await fetch(`${base}/__control/qianyi/pushes${query}`)).json() as Promise<any[]>;

it('records a correctly signed pushOrderInfo and answers success', async () => {
  const r = await post('/sys/automatic/receiveOdo/ETOWER', signed('pushOrderInfo', orderPush()));
  expect(r).toEqual({ status: 200, text: '{"success":true,"errorMsg":""}' });
  const pushes = await listPushes('?orderNumber=DA250117100074');
  expect(pushes).toHaveLength(1);
  expect(pushes[0]).toMatchObject({
    kind: 'order',
    type: 'ETOWER',
    accessId: 'QIANYI',
    method: 'pushOrderInfo',
    signCandidate: 'fastjson',
    content: orderPush(),
  });
  expect(pushes[0].raw).toBe(JSON.stringify(orderPush()));
  expect(receiver.pushes).toHaveLength(1);
});

it('records pushAsnInfo and filters by asnNumber, oldest first', async () => {
  await post('/sys/automatic/receiveAsn/ETOWER', signed('pushAsnInfo', asnPush));
  await post(
    '/sys/automatic/receiveAsn/ETOWER',
    signed('pushAsnInfo', { ...asnPush, wmsStatus: 'FINISHED', batchNo: 'b-2' }),
  );
  await post('/sys/automatic/receiveOdo/ETOWER', signed('pushOrderInfo', orderPush('O-2')));
  const asn = await listPushes('?asnNumber=A241022159999');
  expect(asn.map((p) => p.content.wmsStatus)).toEqual(['RECEIVING', 'FINISHED']);
  expect(asn[0].seq).toBeLessThan(asn[1].seq);
  expect(await listPushes('?orderNumber=O-2')).toHaveLength(1);
  expect(await listPushes()).toHaveLength(3);
});

it.each([
  ['a bad sign', () => signed('pushOrderInfo', orderPush(), 'wrong-secret'), 'sign does not match'],
  [
    'an unknown accessId',
    () => buildSignedCall({ accessId: 'NOBODY', method: 'pushOrderInfo', content: orderPush(), secretKey: 'x' }).body,
    'unknown accessId NOBODY',
  ],
  [
    'invalid content',
    () => signed('pushOrderInfo', { orderNumber: 'O1' }),
    'warehouseCode is required; trackNumber is required; wmsStatus is required; status is required',
  ],
  ['the wrong method', () => signed('pushAsnInfo', orderPush()), 'method must be pushOrderInfo on receiveOdo'],
  ['a body that is not JSON', () => 'hello', 'body is not valid JSON'],
])('refuses %s with success:false and does not record it', async (_name, body, reason) => {
  const r = await post('/sys/automatic/receiveOdo/ETOWER', body());
  expect(r.status).toBe(200);
  expect(JSON.parse(r.text)).toEqual({ success: false, errorMsg: reason });
  expect(await listPushes()).toEqual([]);
  const rejected = (await (await fetch(`${base}/__control/qianyi/rejected`)).json()) as Array<{ reason: string }>;
  expect(rejected).toHaveLength(1);
  expect(rejected[0]?.reason).toBe(reason);
});

it('accepts a form-encoded push signed JSON.stringify-style too', async () => {
  const content = JSON.stringify({ ...orderPush(), errorMsg: 'line\u2028break' });
  const sign = computeSign(TENANT.accessId, content, TENANT.secretKey, 'json-stringify');
  const form = new URLSearchParams({ accessId: TENANT.accessId, method: 'pushOrderInfo', content, sign }).toString();
  const r = await post('/sys/automatic/receiveOdo/T', form, 'application/x-www-form-urlencoded');
  expect(JSON.parse(r.text)).toEqual({ success: true, errorMsg: '' });
  expect((await listPushes())[0].signCandidate).toBe('json-stringify');
});

describe('faults', () => {
  it('down: 503 with a non-JSON body for the next N pushes, then normal again', async () => {
    const set = await fetch(`${base}/__control/qianyi/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'down', count: 2 }),
    });
    expect(set.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await post('/sys/automatic/receiveOdo/T', signed('pushOrderInfo', orderPush()));
      expect(r.status).toBe(503);
      expect(() => JSON.parse(r.text)).toThrow();
    }
    const ok = await post('/sys/automatic/receiveOdo/T', signed('pushOrderInfo', orderPush()));
    expect(ok.status).toBe(200);
    expect(await listPushes()).toHaveLength(1);
  });

  it('success-false: HTTP 200 with success:false until cleared', async () => {
    await fetch(`${base}/__control/qianyi/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'success-false' }),
    });
    for (let i = 0; i < 3; i++) {
      const r = await post('/sys/automatic/receiveAsn/T', signed('pushAsnInfo', asnPush));
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text).success).toBe(false);
    }
    await fetch(`${base}/__control/qianyi/faults`, { method: 'DELETE' });
    const r = await post('/sys/automatic/receiveAsn/T', signed('pushAsnInfo', asnPush));
    expect(JSON.parse(r.text).success).toBe(true);
    expect(await listPushes()).toHaveLength(1);
  });

  it('slow: waits delayMs, then answers normally', async () => {
    await fetch(`${base}/__control/qianyi/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'slow', delayMs: 300, count: 1 }),
    });
    const started = Date.now();
    const r = await post('/sys/automatic/receiveOdo/T', signed('pushOrderInfo', orderPush()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(JSON.parse(r.text).success).toBe(true);
    expect(((await (await fetch(`${base}/__control/qianyi/faults`)).json()) as { fault: unknown }).fault).toBeNull();
  });

  it('refuses an invalid fault', async () => {
    const r = await fetch(`${base}/__control/qianyi/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'explode' }),
    });
    expect(r.status).toBe(400);
  });
});

it('serves an HTML page listing pushes newest first, escaped', async () => {
  await post('/sys/automatic/receiveOdo/T', signed('pushOrderInfo', orderPush('FIRST')));
  await post('/sys/automatic/receiveOdo/T', signed('pushOrderInfo', { ...orderPush('<b>SECOND</b>') }));
  const res = await fetch(`${base}/__control/qianyi/`);
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const html = await res.text();
  expect(html).toContain('&lt;b&gt;SECOND&lt;/b&gt;');
  expect(html).not.toContain('<b>SECOND</b>');
  expect(html.indexOf('SECOND')).toBeLessThan(html.indexOf('FIRST'));
});

it('still verifies the sign when the host app parsed JSON bodies before the router', async () => {
  const own = createQianyiReceiver({ tenants: [TENANT], logger: silent });
  const app = express();
  app.use(express.json());
  app.use(own.router);
  const srv = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => srv.once('listening', () => resolve()));
  try {
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/sys/automatic/receiveOdo/T`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signed('pushOrderInfo', orderPush()),
    });
    expect(await res.json()).toEqual({ success: true, errorMsg: '' });
    expect(own.pushes).toHaveLength(1);
  } finally {
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  }
});
