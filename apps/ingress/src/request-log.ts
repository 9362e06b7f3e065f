import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@bridge/runtime';
import type { IngressMetrics } from './metrics';

/** What one request line says. Filled in as the request goes; never holds the body, the sign or secrets. */
export interface RequestLog {
  reqId: string;
  tenant?: string;
  qianyiMethod?: string;
  signCandidate?: string;
  signFailed?: boolean;
  success?: boolean;
  error?: string;
}

export function requestLog(logger: Logger, metrics?: IngressMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const header = req.headers['x-request-id'];
    const entry: RequestLog = { reqId: typeof header === 'string' && header.length <= 128 ? header : randomUUID() };
    res.locals.log = entry;
    res.setHeader('x-request-id', entry.reqId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (req.path === '/api/qianyi') metrics?.record(entry, res.statusCode, ms / 1000);
      logger.info({ ...entry, http: { method: req.method, path: req.path, status: res.statusCode }, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
