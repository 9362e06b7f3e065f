import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EtowerNetworkError, classifyEtowerFailure, createEtowerClient, type EtowerClient } from '../src';
import { MAX_ANSWER_BYTES } from '../src/transport';

// An answer longer than MAX_ANSWER_BYTES (a wrong ETOWER_BASE_URL, a proxy streaming without end) is not read
// into memory: the call fails as a network error the queue retries.

let server: Server;
let client: EtowerClient;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    // One chunk past the limit, each written when the last has drained.
    const more = () => {
      while (sent <= MAX_ANSWER_BYTES && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', more);
      }
      res.end();
    };
    more();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = createEtowerClient({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token: 't',
    key: 'k',
    timeoutMs: 60000,
  });
});
afterAll(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('an answer longer than the limit rejects with a retryable EtowerNetworkError', async () => {
  const err = await client.orderList({ referenceNoList: ['A-1'] }).then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EtowerNetworkError);
  expect((err as EtowerNetworkError).code).toBe('UND_ERR_RES_EXCEEDED_MAX_SIZE');
  expect(classifyEtowerFailure(err)).toMatchObject({ retryable: true });
});
