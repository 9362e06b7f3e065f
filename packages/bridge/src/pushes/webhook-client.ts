import got, { type Got } from 'got';
import type { Tenant } from '@bridge/config';
import {
  buildPushCall,
  isDeliveredReply,
  WEBHOOK_PATH,
  type PushAsnInfoInput,
  type PushOrderInfoInput,
  type WebhookMethod,
} from '@bridge/qianyi';
import { QianyiDeliveryError } from './qianyi-delivery-error';

/** Seconds before a connection or a reply counts as lost; Qianyi documents none, so these are generous. */
const TIMEOUT = { connect: 10000, response: 30000, request: 35000 };

const http: Got = got.extend({ retry: { limit: 0 }, throwHttpErrors: false, timeout: TIMEOUT, followRedirect: false });

export type PushContent<M extends WebhookMethod> = M extends 'pushOrderInfo' ? PushOrderInfoInput : PushAsnInfoInput;

function webhookUrl(tenant: Tenant, method: WebhookMethod): string {
  return `${tenant.qianyi.callbackBaseUrl}${WEBHOOK_PATH[method]}/${encodeURIComponent(tenant.qianyi.warehouseExtraType)}`;
}

export interface SendPushOptions {
  /** Abandons the push when it aborts (the job's deadline); it then fails as undelivered, to be retried. */
  signal?: AbortSignal;
}

/**
 * POSTs one signed push. Resolves only when Qianyi answered 2xx with success true; anything else throws a
 * QianyiDeliveryError saying what came back. A push that fails our own schema is a bug: thrown as TypeError.
 */
export async function sendPush<M extends WebhookMethod>(
  tenant: Tenant,
  method: M,
  content: PushContent<M>,
  options: SendPushOptions = {},
): Promise<void> {
  const built = buildPushCall({ accessId: tenant.accessId, secretKey: tenant.secretKey, method, content } as never);
  if (!built.ok) throw new TypeError(`refusing to push an invalid ${method}: ${built.message}`);
  const url = webhookUrl(tenant, method);
  let status: number;
  let body: string;
  try {
    const res = await http.post(url, {
      body: built.call.body,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        accept: 'application/json',
        warehouseType: tenant.qianyi.warehouseExtraType,
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    status = res.statusCode;
    body = res.body;
  } catch (err) {
    const e = err as Error & { code?: string };
    if (options.signal?.aborted)
      throw new QianyiDeliveryError(`push abandoned before Qianyi answered: ${reasonOf(options.signal)}`, url);
    throw new QianyiDeliveryError(`Qianyi could not be reached (${e.code ?? e.name}: ${e.message})`, url);
  }
  const verdict = isDeliveredReply(status, body);
  if (!verdict.delivered) throw new QianyiDeliveryError(`Qianyi did not accept the push: ${verdict.reason}`, url);
}

function reasonOf(signal: AbortSignal): string {
  const reason = signal.reason as unknown;
  return reason instanceof Error ? reason.message : String(reason ?? 'aborted');
}
