import { EtowerAbortedError, EtowerTimeoutError, classifyEtowerFailure, type EtowerClient } from '../src';
import { localEtower } from './local-etower';

// A caller's signal (a job's deadline) abandons the call it is waiting on, over real HTTP: the call rejects at
// once with a typed error the queue retries, and eTower's side sees the request go away. The client's own
// timeout is far longer, so only the signal can end these calls.

let client: EtowerClient;
let close: () => Promise<void>;
const arrived: string[] = [];
const abandoned: string[] = [];

beforeAll(async () => {
  ({ client, close } = await localEtower((req, res) => {
    arrived.push(req.url ?? '');
    res.on('close', () => {
      if (!res.writableEnded) abandoned.push(req.url ?? '');
    });
  }));
});
afterAll(async () => {
  await close?.();
});

const catchErr = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );

test('a call in flight when the signal aborts rejects with EtowerAbortedError, retryable, and the request is dropped', async () => {
  const deadline = new AbortController();
  const call = catchErr(client.withSignal(deadline.signal).orderList({ referenceNoList: ['A-1'] }));
  await waitFor(() => arrived.length === 1);
  deadline.abort(new Error('pollOrders did not finish within 300 ms'));
  const err = await call;
  expect(err).toBeInstanceOf(EtowerAbortedError);
  expect(err).not.toBeInstanceOf(EtowerTimeoutError);
  expect((err as Error).message).toMatch(
    /orderList abandoned before an answer: pollOrders did not finish within 300 ms/,
  );
  expect(classifyEtowerFailure(err)).toMatchObject({ retryable: true, kind: 'timeout' });
  await waitFor(() => abandoned.length === 1);
});

test('a call made after the signal aborted is not sent at all', async () => {
  const before = arrived.length;
  const err = await catchErr(
    client.withSignal(AbortSignal.abort(new Error('too late'))).poList({ referenceNoList: ['P-1'] }),
  );
  expect(err).toBeInstanceOf(EtowerAbortedError);
  expect(arrived.length).toBe(before);
});

/** Until the server has seen it (bounded by jest's test timeout). */
async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}
