import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEtowerClient, type EtowerClient } from '../src';

/**
 * A node:http server on a free local port answering as `handler` does, and an eTower client pointed at it whose own
 * timeout (a minute) is far longer than any test: only what the test does can end a call. `close` stops both, the
 * server's open connections too.
 */
export async function localEtower(handler: RequestListener): Promise<{ client: EtowerClient; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = createEtowerClient({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token: 't',
    key: 'k',
    timeoutMs: 60000,
  });
  return {
    client,
    close: async () => {
      client.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
