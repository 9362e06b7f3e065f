import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEtowerSimulator, type EtowerSimulator, type EtowerSimulatorOptions } from './index';

export interface RunningEtowerSimulator extends EtowerSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on host:port (0 = any free port) and closes even with requests held by a `hang` fault. */
export function listen(
  app: express.Express,
  port: number,
  host: string,
): Promise<{ server: Server; port: number; url: string; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        server,
        port: actual,
        // A wildcard bind is still reached through loopback.
        url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${actual}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** The eTower simulator alone, for the client's integration tests (no Qianyi receiver needed). */
export async function startEtowerSimulator(
  options: EtowerSimulatorOptions & { port?: number; host?: string } = {},
): Promise<RunningEtowerSimulator> {
  const { port = 0, host = '127.0.0.1', ...simOptions } = options;
  const sim = createEtowerSimulator(simOptions);
  const app = express();
  app.disable('etag');
  app.use(sim.app);
  app.use('/__control/etower', sim.control);
  const running = await listen(app, port, host);
  return { ...sim, url: running.url, port: running.port, close: running.close };
}
