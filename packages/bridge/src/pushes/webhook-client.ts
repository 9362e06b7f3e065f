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

/**
 * The longest reply read from Qianyi. Its reply is `{success, errorMsg}`, a few dozen bytes; a longer one is not
 * Qianyi's (a wrong callbackBaseUrl serving a file, a proxy streaming without end) and is abandoned rather than read
 * into the worker's heap. got has no size limit of its own.
 */
export const MAX_REPLY_BYTES = 1024 * 1024;

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
  let oversized = false;
  try {
    const call = http.post(url, {
      body: built.call.body,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        accept: 'application/json',
        warehouseType: tenant.qianyi.warehouseExtraType,
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    // Progress comes with the headers (total = Content-Length, when sent) and with every chunk read: a reply that
    // says or turns out to be longer than the cap is cancelled there, which destroys the socket.
    call.on('downloadProgress', ({ transferred, total }) => {
      if (oversized || (transferred <= MAX_REPLY_BYTES && (total ?? 0) <= MAX_REPLY_BYTES)) return;
      oversized = true;
      call.cancel();
    });
    const res = await call;
    status = res.statusCode;
    body = res.body;
  } catch (err) {
    const e = err as Error & { code?: string };
    if (oversized)
      throw new QianyiDeliveryError(`Qianyi's reply was over ${MAX_REPLY_BYTES} bytes: abandoned unread`, url);
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
