import express from 'express';
import { createLogger, type Logger } from '@bridge/runtime';
import { createEtowerSimulator, type EtowerSimulator, type EtowerSimulatorOptions } from './etower';
import { listen } from './etower/serve';
import { createQianyiReceiver, type QianyiReceiver } from './qianyi-receiver';

export interface SandboxOptions {
  /** 0 (default here) = any free port. */
  port?: number;
  host?: string;
  etower?: EtowerSimulatorOptions;
  qianyi?: { tenants: ReadonlyArray<{ accessId: string; secretKey: string }> };
  logger?: Logger;
}

export interface RunningSandbox {
  url: string;
  port: number;
  etower: EtowerSimulator;
  qianyi: QianyiReceiver;
  close(): Promise<void>;
}

export const DEFAULT_QIANYI_TENANT = { accessId: 'sandbox-access-id', secretKey: 'sandbox-secret-key' };

/**
 * The whole sandbox on ONE port: eTower's API under /api/supplier-service, its control API under
 * /__control/etower, and the fake Qianyi webhook receiver (`/sys/automatic/...`, control /__control/qianyi).
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const logger = options.logger ?? createLogger({ name: 'sandbox' });
  const etower = createEtowerSimulator(options.etower);
  const qianyi = createQianyiReceiver({ tenants: options.qianyi?.tenants ?? [DEFAULT_QIANYI_TENANT], logger });

  const app = express();
  app.disable('x-powered-by');
  // eTower sends no ETag, and hashing every answer was a tenth of the simulator's CPU in the benchmarks.
  app.disable('etag');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(etower.app);
  app.use('/__control/etower', etower.control);
  app.use('/__control/qianyi', qianyi.control);
  // Last: the receiver parses every body it sees as raw bytes.
  app.use('/', qianyi.router);
  app.use((req, res) => {
    res.status(404).json({ success: false, message: `no such path: ${req.method} ${req.path}` });
  });

  const running = await listen(app, options.port ?? 0, options.host ?? '127.0.0.1');
  return { url: running.url, port: running.port, etower, qianyi, close: running.close };
}
