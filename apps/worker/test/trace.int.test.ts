import { computeSign } from '@bridge/qianyi';
import { eventually, startBridge, type BridgeHarness } from '@bridge/testkit';
import { order, orderNumber } from './order-fixtures';

let bridge: BridgeHarness;
beforeAll(async () => {
  // The second test's create keeps failing, so its call waits the whole SYNC_WAIT_MS; shorter than the harness's
  // 3 s, but not 0: a cancel arriving during an attempt waits for it as long (then it answers "being sent").
  bridge = await startBridge({ bridgeEnv: { LOG_LEVEL: 'debug', SYNC_WAIT_MS: '1500' } });
});
afterAll(async () => {
  await bridge?.stop();
});
afterEach(async () => {
  await bridge.control('/__control/etower/faults', { method: 'DELETE' });
});

/** A signed call with our own request id, as a proxy in front of the bridge would set it. */
async function callWithRequestId(method: string, content: object, reqId: string): Promise<Response> {
  const text = JSON.stringify(content);
  return fetch(`${bridge.ingressUrl}/api/qianyi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': reqId },
    body: JSON.stringify({
      accessId: 'test-access-id',
      method,
      content: text,
      sign: computeSign('test-access-id', text, 'test-secret-key'),
    }),
  });
}

/** The first worker log line of a job of this name that carries this request id. */
function workerLine(reqId: string, job: string): Promise<string> {
  return eventually(async () =>
    bridge.workers[0]!.output()
      .split('\n')
      .find((l) => l.includes(reqId) && l.includes(`"job":"${job}"`)),
  );
}

test('the request id of a Qianyi call is carried into the logs of the jobs it caused', async () => {
  const n = orderNumber('TRACE');
  const reqId = `req-${n}`;
  const res = await callWithRequestId('createOrder', order(n), reqId);
  expect(res.headers.get('x-request-id')).toBe(reqId);
  const ingressLine = await bridge.ingress.waitForLine((l) => l.includes(reqId) && l.includes('"msg":"request"'));
  expect(JSON.parse(ingressLine)).toMatchObject({
    reqId,
    tenant: 'test-access-id',
    qianyiMethod: 'createOrder',
    http: { status: 200 },
  });
  expect(JSON.parse(await workerLine(reqId, 'createOrder'))).toMatchObject({
    reqId,
    tenant: 'test-access-id',
    orderNumber: n,
    jobId: expect.stringContaining(n),
  });
  // The push the create job caused carries the call's request id too (the job enqueued it, not the ingress).
  expect(JSON.parse(await workerLine(reqId, 'pushOrderInfo'))).toMatchObject({
    reqId,
    tenant: 'test-access-id',
    orderNumber: n,
    jobId: expect.stringContaining('pushOrderInfo'),
  });
});

test('a push the ingress schedules (a cancel) carries the request id of the cancel call', async () => {
  const n = orderNumber('TRACECX');
  // eTower failing: the create job keeps retrying, so the cancel is decided in the ingress and it schedules the push.
  await bridge.control('/__control/etower/faults', { body: { endpoint: 'createOrders', mode: 'http500' } });
  expect(await (await callWithRequestId('createOrder', order(n), `req-create-${n}`)).json()).toMatchObject({
    success: true,
  });
  const reqId = `req-cancel-${n}`;
  expect(await (await callWithRequestId('cancelOrder', { orderNumber: n }, reqId)).json()).toEqual({
    success: true,
    message: '',
  });
  expect(JSON.parse(await workerLine(reqId, 'pushOrderInfo'))).toMatchObject({
    reqId,
    orderNumber: n,
    jobId: expect.stringContaining('pushOrderInfo'),
  });
});
