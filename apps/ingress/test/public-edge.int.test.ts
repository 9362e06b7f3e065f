import { connect, type Socket } from 'node:net';
import { computeSign } from '@bridge/qianyi';
import { eventually, freePort, jobCounts, startBridge, TEST_TENANT, type BridgeHarness } from '@bridge/testkit';

// The public edge (issue 21): what a caller without credentials can make the ingress hold, echo or count.
// A small body budget and deadline make the limits reachable with small bodies.
const MAX_BODY = 64 * 1024;
const BUDGET = 2 * MAX_BODY;
let bridge: BridgeHarness;
let metricsUrl: string;
beforeAll(async () => {
  const metricsPort = await freePort();
  bridge = await startBridge({
    workers: 0,
    bridgeEnv: { MAX_BODY_BYTES: String(MAX_BODY), MAX_INFLIGHT_BODY_BYTES: String(BUDGET), BODY_TIMEOUT_MS: '1000' },
    ingressEnv: { METRICS_PORT: String(metricsPort) },
  });
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
});
afterAll(async () => {
  await bridge?.stop();
});

const post = async (body: string) => {
  const res = await fetch(`${bridge.ingressUrl}/api/qianyi`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
};
const metric = async (line: RegExp) => {
  const text = await (await fetch(metricsUrl)).text();
  return Number(
    text
      .split('\n')
      .find((l) => line.test(l))
      ?.split(' ')
      .pop() ?? NaN,
  );
};

/** A raw HTTP/1.1 request whose body the test sends (or withholds) itself. */
interface RawRequest {
  socket: Socket;
  answer: Promise<string>;
  closed: Promise<void>;
}
function openRequest(declaredLength: number, firstBytes: string): RawRequest {
  const url = new URL(bridge.ingressUrl);
  const socket = connect(Number(url.port), url.hostname);
  let received = '';
  socket.on('data', (d) => {
    received += d.toString('latin1');
  });
  socket.on('error', () => {
    /* the server may reset once it has answered */
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const answer = new Promise<string>((resolve) => {
    const check = () => {
      if (/\r\n\r\n/.test(received)) resolve(received);
    };
    socket.on('data', check);
    void closed.then(() => resolve(received));
  });
  socket.write(
    `POST /api/qianyi HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declaredLength}\r\n\r\n${firstBytes}`,
  );
  return { socket, answer, closed };
}
const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);

describe('who are you', () => {
  test('an unknown accessId and a wrong sign get the same 401 text; operators can tell them apart', async () => {
    const unknownBefore = await metric(/^bridge_ingress_auth_failures_total\{reason="unknown_access_id"\}/);
    const wrongBefore = await metric(/^bridge_ingress_auth_failures_total\{reason="wrong_sign"\}/);
    const stranger = await post(
      JSON.stringify({ accessId: 'stranger', method: 'warehouses', sign: computeSign('stranger', undefined, 'x') }),
    );
    const wrong = await post(
      JSON.stringify({ accessId: TEST_TENANT.accessId, method: 'warehouses', sign: 'f'.repeat(40) }),
    );
    expect(stranger.status).toBe(401);
    expect(stranger.text).toBe(wrong.text);
    expect(await metric(/^bridge_ingress_auth_failures_total\{reason="unknown_access_id"\}/)).toBe(unknownBefore + 1);
    expect(await metric(/^bridge_ingress_auth_failures_total\{reason="wrong_sign"\}/)).toBe(wrongBefore + 1);
  });
});

describe('nothing unverified is echoed whole', () => {
  test('a huge accessId or method costs a short answer', async () => {
    const accessId = 'A'.repeat(60000);
    const unknownId = await post(JSON.stringify({ accessId, method: 'warehouses', sign: 'x' }));
    expect(unknownId.status).toBe(401);
    expect(unknownId.text.length).toBeLessThan(300);
    const method = 'm'.repeat(10000);
    const unknownMethod = await post(JSON.stringify({ accessId: TEST_TENANT.accessId, method, sign: 'x' }));
    expect(unknownMethod.status).toBe(400);
    expect(unknownMethod.text.length).toBeLessThan(400);
    expect(unknownMethod.text).toContain('mmmm');
  });
});

describe('metrics labels come from a closed set', () => {
  test('garbage method names add no series', async () => {
    for (let i = 0; i < 50; i++) {
      await post(JSON.stringify({ accessId: 'x', method: `garbage-${i}-${'z'.repeat(i * 10)}`, sign: 'x' }));
    }
    const text = await (await fetch(metricsUrl)).text();
    expect(text).not.toContain('garbage-');
    const methods = new Set([...text.matchAll(/bridge_ingress_requests_total\{method="([^"]*)"/g)].map((m) => m[1]));
    expect([...methods].every((m) => m === 'unknown' || /^[a-zA-Z_]+$/.test(m!))).toBe(true);
    expect(
      await metric(/^bridge_ingress_requests_total\{method="unknown",outcome="bad_request"\}/),
    ).toBeGreaterThanOrEqual(50);
  });

  test('/metrics is not on the public port when METRICS_PORT is set', async () => {
    expect((await fetch(`${bridge.ingressUrl}/metrics`)).status).toBe(404);
    expect((await fetch(metricsUrl)).status).toBe(200);
  });
});

describe('bodies in flight are bounded', () => {
  test('past the budget a call is answered 503 with Retry-After, and the budget comes back', async () => {
    // Two bodies that each reserve half the budget, left unfinished: the third finds no room.
    const first = openRequest(MAX_BODY, '{');
    const second = openRequest(MAX_BODY, '{');
    await eventually(async () => (await metric(/^bridge_ingress_body_bytes_in_flight /)) === BUDGET);
    const refused = await post(JSON.stringify({ accessId: TEST_TENANT.accessId, method: 'warehouses', sign: 'x' }));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(JSON.parse(refused.text)).toMatchObject({ success: false });
    expect(await metric(/^bridge_ingress_bodies_refused_total\{reason="busy"\}/)).toBeGreaterThanOrEqual(1);
    // The first two finish their bodies and get their answers; the room is given back.
    for (const req of [first, second]) req.socket.end(' '.repeat(MAX_BODY - 2) + '}');
    expect(statusOf(await first.answer)).toBe(400);
    expect(statusOf(await second.answer)).toBe(400);
    await eventually(async () => (await metric(/^bridge_ingress_body_bytes_in_flight /)) === 0);
    const after = await post(JSON.stringify({ accessId: TEST_TENANT.accessId, method: 'warehouses', sign: 'x' }));
    expect(after.status).toBe(401);
  });

  test('a client that goes away mid-body gives its room back (aborted uploads cannot spend the budget)', async () => {
    for (let i = 0; i < 5; i++) {
      const gone = openRequest(MAX_BODY, '{"accessId":');
      await eventually(async () => (await metric(/^bridge_ingress_body_bytes_in_flight /)) === MAX_BODY);
      gone.socket.destroy();
      await eventually(async () => (await metric(/^bridge_ingress_body_bytes_in_flight /)) === 0);
    }
    const after = await post(JSON.stringify({ accessId: TEST_TENANT.accessId, method: 'warehouses', sign: 'x' }));
    expect(after.status).toBe(401);
  });

  test('a chunked body (no Content-Length) reserves as it grows and is refused 503 past the budget', async () => {
    const holding = [openRequest(MAX_BODY, '{'), openRequest(MAX_BODY - 1024, '{')];
    await eventually(async () => (await metric(/^bridge_ingress_body_bytes_in_flight /)) === BUDGET - 1024);
    // 1 KB of room left: a chunked body fits while it is under that, and is refused when it grows past it.
    const url = new URL(bridge.ingressUrl);
    const chunked = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname);
      let received = '';
      socket.on('data', (d) => {
        received += d.toString('latin1');
        if (/\r\n\r\n/.test(received)) resolve(received);
      });
      socket.on('error', () => resolve(received));
      const chunk = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`;
      socket.write(
        'POST /api/qianyi HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
      socket.write(chunk(' '.repeat(600)) + chunk(' '.repeat(600)) + chunk('{}') + '0\r\n\r\n');
    });
    expect(statusOf(chunked)).toBe(503);
    for (const req of holding) req.socket.destroy();
    await eventually(async () => (await metric(/^bridge_ingress_body_bytes_in_flight /)) === 0);
  });

  test('a body over the limit is answered 413 and nothing is kept', async () => {
    const res = await post(`{"accessId":"${'a'.repeat(MAX_BODY)}"}`);
    expect(res.status).toBe(413);
    expect(await metric(/^bridge_ingress_body_bytes_in_flight /)).toBe(0);
  });
});

describe('deadlines', () => {
  test('a body that stalls is answered 408 and its socket closed', async () => {
    const stalled = openRequest(100, '{"accessId":');
    expect(statusOf(await stalled.answer)).toBe(408);
    await stalled.closed;
    expect(await metric(/^bridge_ingress_bodies_refused_total\{reason="timeout"\}/)).toBeGreaterThanOrEqual(1);
    expect(await metric(/^bridge_ingress_body_bytes_in_flight /)).toBe(0);
  });
});

test('nothing was enqueued by any of the above', async () => {
  const counts = await jobCounts(bridge.redisUrl);
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
});
