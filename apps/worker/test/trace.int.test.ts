import { eventually, startBridge, type BridgeHarness } from '@bridge/testkit';
import { order, orderNumber } from './order-fixtures';

let bridge: BridgeHarness;
beforeAll(async () => { bridge = await startBridge({ bridgeEnv: { LOG_LEVEL: 'debug' } }); });
afterAll(async () => { await bridge?.stop(); });

test('the request id of a Qianyi call is carried into the logs of the jobs it caused', async () => {
  const n = orderNumber('TRACE');
  const reqId = `req-${n}`;
  const sign = (await import('@bridge/qianyi')).computeSign;
  const content = JSON.stringify(order(n));
  const res = await fetch(`${bridge.ingressUrl}/api/qianyi`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': reqId },
    body: JSON.stringify({ accessId: 'test-access-id', method: 'createOrder', content, sign: sign('test-access-id', content, 'test-secret-key') }),
  });
  expect(res.headers.get('x-request-id')).toBe(reqId);
  const ingressLine = await bridge.ingress.waitForLine((l) => l.includes(reqId) && l.includes('"msg":"request"'));
  expect(JSON.parse(ingressLine)).toMatchObject({ reqId, tenant: 'test-access-id', qianyiMethod: 'createOrder', http: { status: 200 } });
  const workerLine = await eventually(async () => bridge.workers[0]!.output().split('\n').find((l) => l.includes(reqId) && l.includes('createOrder')));
  expect(JSON.parse(workerLine)).toMatchObject({ reqId, tenant: 'test-access-id', orderNumber: n, jobId: expect.stringContaining(n) });
});
