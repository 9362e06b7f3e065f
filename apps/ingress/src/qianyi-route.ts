import type { Request, Response } from 'express';
import type { IngressMetrics } from './metrics';
import { handleQianyiCall, type Answer, type EndpointDeps } from './qianyi-call';
import { readBody, type BodyLimits, type BodyRefusal } from './read-body';
import { logEntryOf } from './request-log';

const answer = (status: number, message: string): Answer => ({
  status,
  body: JSON.stringify({ success: false, message }),
});

function refusalAnswer(refusal: BodyRefusal, limits: BodyLimits): Answer {
  switch (refusal.reason) {
    case 'too_large':
      return answer(413, `body larger than the limit of ${limits.maxBytes} bytes`);
    case 'busy':
      return answer(503, 'the bridge is receiving too many large calls at once; retry shortly');
    case 'timeout':
      return answer(408, `the body did not arrive within ${limits.timeoutMs} ms`);
  }
}

/** Seconds a client is asked to wait after a 503 for lack of body room: bodies in flight take about that long. */
const BUSY_RETRY_AFTER_S = 2;

/**
 * POST /api/qianyi. The raw bytes are kept (the sign is checked against `content` exactly as it arrived) within
 * the body limits of read-body.ts; the call itself is handled by qianyi-call.ts, which knows nothing of HTTP.
 */
export function qianyiRoute(deps: EndpointDeps, options: { limits: BodyLimits; metrics?: IngressMetrics }) {
  return async (req: Request, res: Response): Promise<void> => {
    const started = process.hrtime.bigint();
    const log = logEntryOf(res);
    const read = await readBody(req, res, options.limits);
    if (!read.ok && 'gone' in read) return;

    let result: Answer;
    if (!read.ok) {
      log.bodyRefused = read.refusal.reason;
      result = refusalAnswer(read.refusal, options.limits);
      if (read.refusal.reason === 'busy') res.setHeader('retry-after', String(BUSY_RETRY_AFTER_S));
      // A client that stalled its body does not keep the connection (Node closes it after this answer).
      if (read.refusal.reason === 'timeout') res.setHeader('connection', 'close');
    } else {
      result = await handleQianyiCall(deps, read.body, req.headers['content-type'], log).catch((err: Error) => {
        log.error = err.message;
        return answer(500, 'internal error in the bridge; the call was not completed, retry it');
      });
    }
    res.status(result.status).type('application/json; charset=utf-8').send(result.body);
    options.metrics?.record(log, result.status, Number(process.hrtime.bigint() - started) / 1e9);
  };
}
