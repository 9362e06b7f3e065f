import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@bridge/runtime';

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

/** A request's log entry, with the caller's X-Request-Id when it is a plain token (it is echoed in a header). */
export function newRequestLog(header: string | string[] | undefined): RequestLog {
  return { reqId: typeof header === 'string' && /^[\w.:@-]{1,128}$/.test(header) ? header : randomUUID() };
}

/** The request line of the routes Express serves (health, readiness, metrics, not found). */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const entry = newRequestLog(req.headers['x-request-id']);
    res.locals.log = entry;
    res.setHeader('x-request-id', entry.reqId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ ...entry, http: { method: req.method, path: req.path, status: res.statusCode }, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
