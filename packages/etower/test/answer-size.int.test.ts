import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerWithoutEnd, type EndlessAnswer } from '@bridge/testkit';
import { classifyEtowerFailure, EtowerAnswerTooLargeError, type EtowerClient } from '../src';
import { MAX_ANSWER_BYTES } from '../src/transport';
import { localEtower } from './local-etower';

// An answer longer than MAX_ANSWER_BYTES (a wrong ETOWER_BASE_URL, a proxy streaming without end) is not read into
// memory: the call fails at the cap as a retryable network failure, the connection is closed, and the client goes
// on answering. The client's timeout is a minute, so only the cap can end the endless answer in time.

/** What the server answers: a body without end, or eTower's empty orderList. */
let mode: 'endless' | 'etower' = 'etower';
/** The last answer's bytes written, and whether its connection has closed. */
let answer: EndlessAnswer | undefined;
let client: EtowerClient;
let close: () => Promise<void>;

function respond(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  if (mode === 'etower') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: '0', success: true, message: 'ok', data: [] }));
    return;
  }
  answer = answerWithoutEnd(res, 256 * 1024);
}

beforeAll(async () => {
  ({ client, close } = await localEtower(respond));
});
afterAll(async () => {
  await close?.();
});

test('an answer without end fails at the cap as a retryable network failure, and its connection is closed', async () => {
  mode = 'endless';
  const started = Date.now();
  const err = await client.orderList({ referenceNoList: ['A-1'] }).then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EtowerAnswerTooLargeError);
  expect((err as Error).message).toMatch(`was over ${MAX_ANSWER_BYTES} bytes and was abandoned unread`);
  expect(classifyEtowerFailure(err)).toMatchObject({ retryable: true, kind: 'network' });
  expect(Date.now() - started).toBeLessThan(30000);
  await answer!.closed;
  // The cap and what the sockets' buffers held when it closed, not an endless stream.
  expect(answer!.written).toBeLessThan(MAX_ANSWER_BYTES + 16 * 1024 * 1024);
});

test('the next call is answered as usual', async () => {
  mode = 'etower';
  await expect(client.orderList({ referenceNoList: ['A-1'] })).resolves.toEqual([]);
});
