import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@bridge/runtime';
import type { IngressMetrics } from './metrics';
import { handleQianyiCall, type Answer, type EndpointDeps } from './qianyi-call';
import { newRequestLog } from './request-log';

/**
 * POST /api/qianyi on node:http directly: this is the hot path, and Express's router, body parser and
 * response helpers cost more than the call's own work (bench/RESULTS.md). The raw bytes are kept, because the
 * sign is checked against `content` exactly as it arrived. A body over the limit is read to its end (so the
 * client gets its answer) but never kept, and answered 413.
 */
export function createQianyiRoute(deps: EndpointDeps, options: { logger: Logger; metrics?: IngressMetrics; maxBodyBytes: number }) {
  // The request line is built here from known fields only (never a body, sign or secret), so it skips the
  // general logger's redaction pass, which costs more than the line itself on this path.
  const requestLogger = options.logger.child({}, { redact: { paths: [] } });
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    const log = newRequestLog(req.headers['x-request-id']);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > options.maxBodyBytes;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBodyBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('error', () => { /* the client went away: nobody to answer */ });
    req.on('end', () => {
      const work: Promise<Answer> = tooLarge
        ? Promise.resolve({ status: 413, body: JSON.stringify({ success: false, message: `body larger than the limit of ${options.maxBodyBytes} bytes` }) })
        : handleQianyiCall(deps, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), req.headers['content-type'], log);
      const safe = work.catch((err: Error): Answer => {
        log.error = err.message;
        return { status: 500, body: JSON.stringify({ success: false, message: 'internal error in the bridge; the call was not completed, retry it' }) };
      });
      void safe.then((answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer.body), 'x-request-id': log.reqId });
        res.end(answer.body);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        options.metrics?.record(log, answer.status, seconds);
        requestLogger.info({ ...log, http: { method: 'POST', path: '/api/qianyi', status: answer.status }, ms: Math.round(seconds * 10000) / 10 }, 'request');
      });
    });
  };
}
