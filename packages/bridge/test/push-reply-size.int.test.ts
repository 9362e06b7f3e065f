import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tenantSchema } from '@bridge/config';
import { answerWithoutEnd, type EndlessAnswer } from '@bridge/testkit';
import { QianyiDeliveryError } from '../src/pushes/qianyi-delivery-error';
import { MAX_REPLY_BYTES, sendPush } from '../src/pushes/webhook-client';

// A reply longer than MAX_REPLY_BYTES (a wrong callbackBaseUrl, a proxy streaming without end) is abandoned: the
// push fails as undelivered at once, not at the 35 s timeout, and the connection is closed rather than read on.

/** What the receiver answers: an endless chunked body, a body that announces 5 MiB, or Qianyi's own reply. */
let mode: 'endless' | 'announced' | 'qianyi' = 'qianyi';
/** The last reply's bytes written, and whether its connection has closed. */
let reply: EndlessAnswer | undefined;
let server: Server;
let tenant: ReturnType<typeof tenantSchema.parse>;

function answer(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  if (mode === 'qianyi') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
    return;
  }
  if (mode === 'announced') {
    // Headers only: the 5 MiB never come, so only the announced length can end the push promptly.
    reply = { written: 0, closed: new Promise<void>((resolve) => res.socket!.once('close', resolve)) };
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) });
    res.flushHeaders();
    return;
  }
  reply = answerWithoutEnd(res);
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tenant = tenantSchema.parse({
    accessId: 'reply-size',
    secretKey: 's',
    qianyi: { callbackBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, warehouseExtraType: 'X' },
    etower: { baseUrl: 'http://127.0.0.1:1', token: 't', key: 'k' },
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const push = () =>
  sendPush(tenant, 'pushOrderInfo', {
    orderNumber: 'RS-1',
    warehouseCode: 'W',
    trackNumber: '',
    wmsStatus: 'Created',
    status: 'SENDING',
  }).then(
    () => undefined,
    (err: unknown) => err,
  );

test('an endless reply: the push fails as undelivered, over the cap, and the connection is closed', async () => {
  mode = 'endless';
  const started = Date.now();
  const err = await push();
  expect(err).toBeInstanceOf(QianyiDeliveryError);
  expect((err as Error).message).toBe(`Qianyi's reply was over ${MAX_REPLY_BYTES} bytes: abandoned unread`);
  // Well before the request timeout (35 s), which would have said something else anyway.
  expect(Date.now() - started).toBeLessThan(10000);
  await reply!.closed;
  // What the server got out before the close: the cap plus what the sockets' buffers hold, not an endless stream.
  expect(reply!.written).toBeLessThan(32 * 1024 * 1024);
});

test('a reply announcing 5 MiB: abandoned on its headers, before any of it is read', async () => {
  mode = 'announced';
  const err = await push();
  expect(err).toBeInstanceOf(QianyiDeliveryError);
  expect((err as Error).message).toMatch(/over 1048576 bytes/);
  await reply!.closed;
});

test("Qianyi's own reply is still read and accepted", async () => {
  mode = 'qianyi';
  expect(await push()).toBeUndefined();
});
