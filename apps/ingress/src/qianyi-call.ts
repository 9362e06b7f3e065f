import { parseContent, parseEnvelope, resolveMethod, verifySign } from '@bridge/qianyi';
import { ReplicasNotConfirmedError, isRedisReady, isRedisUnavailableError } from '@bridge/runtime';
import type { Redis } from 'ioredis';
import { clip } from './clip';
import { runMethod } from './methods/registry';
import { callContext, type MethodContext, type SharedContext } from './methods/context';
import { PreSerialized } from './pre-serialized';
import type { RequestLog } from './request-log';

export type EndpointDeps = SharedContext & {
  tenantOf(accessId: string): MethodContext['tenant'] | undefined;
  redis: Redis;
};

/** What goes back to Qianyi: an HTTP status and a JSON body that always has a boolean `success`. */
export interface Answer {
  status: number;
  body: string;
}

const refuse = (status: number, message: string): Answer => ({
  status,
  body: JSON.stringify({ success: false, message }),
});

/**
 * The one answer to a caller the bridge cannot identify, whether the accessId is unknown or the sign is wrong:
 * two texts would let anyone find out which accessIds exist. The request log and a metric tell them apart.
 */
export const NOT_IDENTIFIED =
  'accessId and sign not accepted: check the accessId, the secretKey and the signing recipe';

/**
 * One Qianyi call, independent of the HTTP framework. Order of checks: envelope (400), method (400), tenant
 * (401), sign (401), content schema (200, success:false), Redis (503), then the method. Nothing is enqueued
 * before every check has passed.
 */
export async function handleQianyiCall(
  deps: EndpointDeps,
  body: Buffer,
  contentType: string | undefined,
  log: RequestLog,
): Promise<Answer> {
  const parsed = parseEnvelope(body, contentType);
  if (!parsed.ok) return refuse(parsed.status, parsed.message);
  const envelope = parsed.envelope;
  // Nothing the caller sent is repeated whole before the sign has verified (clip.ts).
  log.tenant = clip(envelope.accessId);
  log.qianyiMethod = clip(envelope.method.trim());

  const method = resolveMethod(envelope.method);
  if (!method) return refuse(400, `unknown method "${clip(envelope.method.trim())}"`);
  log.qianyiMethod = method;

  const tenant = deps.tenantOf(envelope.accessId);
  if (!tenant) {
    log.authFailure = 'unknown_access_id';
    return refuse(401, NOT_IDENTIFIED);
  }
  const verdict = verifySign({
    accessId: envelope.accessId,
    content: envelope.content,
    contentAlternates: envelope.contentAlternates,
    sign: envelope.sign,
    secretKey: tenant.secretKey,
  });
  if (!verdict.ok) {
    log.authFailure = 'wrong_sign';
    return refuse(401, NOT_IDENTIFIED);
  }
  log.signCandidate = verdict.candidate;

  const content = parseContent(method, envelope.content);
  if (!content.ok) return refuse(200, content.message);

  if (!isRedisReady(deps.redis)) return refuse(503, 'the bridge cannot reach its queue store (Redis); retry shortly');

  try {
    const doc = content.value as { orderNumber?: unknown; asnNumber?: unknown } | undefined;
    const trace = {
      reqId: log.reqId,
      tenant: tenant.accessId,
      method,
      ...(typeof doc?.orderNumber === 'string' ? { orderNumber: doc.orderNumber } : {}),
      ...(typeof doc?.asnNumber === 'string' ? { asnNumber: doc.asnNumber } : {}),
    };
    const result = await runMethod(method, content.value, callContext(deps, tenant, trace));
    if (result instanceof PreSerialized) {
      log.success = result.success;
      return { status: 200, body: result.json };
    }
    log.success = result.success === true;
    return { status: 200, body: JSON.stringify(result) };
  } catch (err) {
    if (err instanceof ReplicasNotConfirmedError)
      return refuse(
        503,
        `the bridge could not confirm that its Redis replicas hold the call (${err.message}); retry shortly`,
      );
    if (!isRedisReady(deps.redis) || isRedisUnavailableError(err))
      return refuse(503, 'the bridge lost its queue store (Redis) while handling the call; retry shortly');
    log.error = (err as Error).message;
    return refuse(500, 'internal error in the bridge; the call was not completed, retry it');
  }
}
