import type { Request, Response } from 'express';
import { parseContent, parseEnvelope, resolveMethod, verifySign } from '@bridge/qianyi';
import { isRedisReady, isRedisUnavailableError, withTrace } from '@bridge/runtime';
import type { Redis } from 'ioredis';
import { METHOD_HANDLERS } from './methods/registry';
import type { MethodContext } from './methods/context';
import type { RequestLog } from './request-log';

export type EndpointDeps = Omit<MethodContext, 'tenant'> & { tenantOf(accessId: string): MethodContext['tenant'] | undefined; redis: Redis };

function answer(res: Response, status: number, body: Record<string, unknown>): void {
  res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/**
 * POST /api/qianyi. Order of checks: envelope (400), method (400), tenant (401), sign (401), content schema (200,
 * success:false), Redis (503), then the method. Nothing is enqueued before every check has passed.
 */
export function qianyiEndpoint(deps: EndpointDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const log = res.locals.log as RequestLog;
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const parsed = parseEnvelope(body, req.headers['content-type']);
    if (!parsed.ok) return answer(res, parsed.status, { success: false, message: parsed.message });
    const envelope = parsed.envelope;
    log.tenant = envelope.accessId;
    log.qianyiMethod = envelope.method.trim();

    const method = resolveMethod(envelope.method);
    if (!method) return answer(res, 400, { success: false, message: `unknown method "${envelope.method.trim()}"` });
    log.qianyiMethod = method;

    const tenant = deps.tenantOf(envelope.accessId);
    if (!tenant) return answer(res, 401, { success: false, message: `unknown accessId "${envelope.accessId}"` });
    const verdict = verifySign({ accessId: envelope.accessId, content: envelope.content, contentAlternates: envelope.contentAlternates, sign: envelope.sign, secretKey: tenant.secretKey });
    log.signFailed = !verdict.ok;
    if (!verdict.ok) return answer(res, 401, { success: false, message: 'sign does not match: check the secretKey and the signing recipe' });
    log.signCandidate = verdict.candidate;

    const content = parseContent(method, envelope.content);
    if (!content.ok) return answer(res, 200, { success: false, message: content.message });

    if (!isRedisReady(deps.redis)) return answer(res, 503, { success: false, message: 'the bridge cannot reach its queue store (Redis); retry shortly' });

    try {
      const doc = content.value as { orderNumber?: unknown; asnNumber?: unknown } | undefined;
      const trace = {
        reqId: log.reqId, tenant: tenant.accessId, method,
        ...(typeof doc?.orderNumber === 'string' ? { orderNumber: doc.orderNumber } : {}),
        ...(typeof doc?.asnNumber === 'string' ? { asnNumber: doc.asnNumber } : {}),
      };
      const result = await withTrace(trace, () => METHOD_HANDLERS[method](content.value, { ...deps, tenant }));
      log.success = result.success === true;
      answer(res, 200, result);
    } catch (err) {
      if (!isRedisReady(deps.redis) || isRedisUnavailableError(err)) return answer(res, 503, { success: false, message: 'the bridge lost its queue store (Redis) while handling the call; retry shortly' });
      log.error = (err as Error).message;
      answer(res, 500, { success: false, message: 'internal error in the bridge; the call was not completed, retry it' });
    }
  };
}
