import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@bridge/runtime';

/** What one request line says. Filled in as the request goes; never holds the body, the sign or secrets. */
export interface RequestLog {
  reqId: string;
  /** The accessId as sent (cut to 200 characters until the sign has verified). */
  tenant?: string;
  /** The method as sent (cut likewise), then its canonical name once resolved. */
  qianyiMethod?: string;
  signCandidate?: string;
  /** Why a call was refused 401. The caller hears one text for both; operators need the difference. */
  authFailure?: 'unknown_access_id' | 'wrong_sign';
  /** Why a body was not read (it is then answered 413, 503 or 408). */
  bodyRefused?: 'too_large' | 'busy' | 'timeout';
  success?: boolean;
  error?: string;
}

/** A request's log entry, with the caller's X-Request-Id when it is a plain token (it is echoed in a header). */
export function newRequestLog(header: string | string[] | undefined): RequestLog {
  return { reqId: typeof header === 'string' && /^[\w.:@-]{1,128}$/.test(header) ? header : randomUUID() };
}

/** The entry a route fills in for the request line (set by `requestLog`, which runs before every route). */
export function logEntryOf(res: Response): RequestLog {
  return res.locals.log as RequestLog;
}

/**
 * The request line's object, written field by field (pino leaves out the undefined ones) rather than as
 * `{ ...entry, http, ms }`: V8's path for a spread followed by new properties kept every call's garbage alive
 * through minor GCs, most of what the ingress still promoted (bench/RESULTS.md, fourth round of 2026-12-03).
 */
function lineOf(entry: RequestLog, http: { method: string; path: string; status: number }, ms: number) {
  return {
    reqId: entry.reqId,
    tenant: entry.tenant,
    qianyiMethod: entry.qianyiMethod,
    signCandidate: entry.signCandidate,
    authFailure: entry.authFailure,
    bodyRefused: entry.bodyRefused,
    success: entry.success,
    error: entry.error,
    http,
    ms: Math.round(ms * 10) / 10,
    // Every key of RequestLog must be here: the compiler names one added to it and left out of the line.
  } satisfies Record<keyof RequestLog | 'http' | 'ms', unknown>;
}

/**
 * One request line for every route, written when the answer has gone (or the client left). The path logged is
 * Express's (no query string) cut to 200 characters: a caller chooses it.
 */
export function requestLog(logger: Logger) {
  // The line holds the fields of RequestLog only, none of which a redaction path names, so the logger's redaction
  // pass (which re-parses its 30 paths on every line) is skipped: measured 11-22 % more calls a second on the Qianyi
  // route, alternated runs (bench/RESULTS.md, third round of 2026-12-03). request-log.test.ts fails when a field of
  // RequestLog is one a redaction path names.
  const lines = logger.child({}, { redact: { paths: [] } });
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const entry = newRequestLog(req.headers['x-request-id']);
    res.locals.log = entry;
    res.setHeader('x-request-id', entry.reqId);
    res.once('close', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const status = res.headersSent ? res.statusCode : 0;
      lines.info(
        lineOf(entry, { method: req.method.slice(0, 20), path: req.path.slice(0, 200), status }, ms),
        'request',
      );
    });
    next();
  };
}
