// The two pushes we make to Qianyi (seed §12): content schemas, signing, and reading the reply.
// Sent with the same {accessId, method, content, sign} envelope and signature as Qianyi's calls to
// us (reference §6); content is a JSON string and skuList is always sent as an array, even though
// the seed's examples show a lone object (a lone object is still accepted when reading).
import { z } from 'zod';
import { formatIssues } from './issues';
import { nonEmptyList, num, obj, oneOf, optList, optNum, optStr, str } from './schemas/coerce';
import { computeSign } from './sign';
import { ASN_PUSH_STATUSES, ORDER_STATUSES } from './statuses';

/** Present as text, possibly empty: the table marks trackNumber Y, yet a FAILED push has none. */
const presentText = z.unknown().transform((v, ctx): string => {
  if (typeof v === 'string') return v.trim();
  ctx.addIssue({ code: 'custom', message: v === undefined || v === null ? 'is required' : 'must be a string' });
  return z.NEVER;
});

export const pushOrderInfoContentSchema = obj({
  orderNumber: str(),
  onlineOrderId: optStr(),
  warehouseCode: str(),
  customerCode: optStr(),
  carrier: optStr(),
  trackNumber: presentText,
  warehouseOrderNumber: optStr(),
  wmsStatus: str(),
  status: oneOf(ORDER_STATUSES),
  shippingTime: optNum(),
  skuList: optList(obj({ sku: str(), quantity: num() })),
  errorMsg: optStr(),
}).superRefine((push, ctx) => {
  // getOrder's table makes the tracking number required for SUCCESS; a push must agree with it.
  if (push.status === 'SUCCESS' && push.trackNumber === '') {
    ctx.addIssue({ code: 'custom', path: ['trackNumber'], message: 'is required when status is SUCCESS' });
  }
});

export const pushAsnInfoContentSchema = obj({
  warehouseCode: str(),
  customerCode: optStr(),
  asnNumber: str(),
  wmsStatus: oneOf(ASN_PUSH_STATUSES),
  referenceNumber: optStr(),
  finishTime: optNum(),
  updateTime: num(),
  skuList: nonEmptyList(
    obj({
      sku: str(),
      name: optStr(),
      estimatedQuantity: optNum(),
      receivedQuantity: num(),
      goodQuantity: optNum(),
      badQuantity: optNum(),
    }),
  ),
  batchNo: optStr(),
});

export type PushOrderInfoContent = z.output<typeof pushOrderInfoContentSchema>;
export type PushAsnInfoContent = z.output<typeof pushAsnInfoContentSchema>;

// What a sender may hand to buildPushCall: numeric strings and a lone skuList object are
// normalised by the schema before signing.
type Num = number | string;
type OneOrMany<T> = T | T[];
type Opt<T> = T | null | undefined;
export interface PushOrderInfoInput {
  orderNumber: string;
  onlineOrderId?: Opt<string>;
  warehouseCode: string;
  customerCode?: Opt<string>;
  carrier?: Opt<string>;
  trackNumber: string;
  warehouseOrderNumber?: Opt<string>;
  wmsStatus: string;
  status: string;
  shippingTime?: Opt<Num>;
  skuList?: Opt<OneOrMany<{ sku: string; quantity: Num }>>;
  errorMsg?: Opt<string>;
}
export interface PushAsnInfoInput {
  warehouseCode: string;
  customerCode?: Opt<string>;
  asnNumber: string;
  wmsStatus: string;
  referenceNumber?: Opt<string>;
  finishTime?: Opt<Num>;
  updateTime: Num;
  skuList: OneOrMany<{
    sku: string;
    name?: Opt<string>;
    estimatedQuantity?: Opt<Num>;
    receivedQuantity: Num;
    goodQuantity?: Opt<Num>;
    badQuantity?: Opt<Num>;
  }>;
  batchNo?: Opt<string>;
}

export const WEBHOOK_METHODS = ['pushOrderInfo', 'pushAsnInfo'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

/** The seed's paths: POST {erpBase}/sys/automatic/receiveOdo|receiveAsn/{warehouseExtraType}. */
export const WEBHOOK_PATH: Record<WebhookMethod, string> = {
  pushOrderInfo: '/sys/automatic/receiveOdo',
  pushAsnInfo: '/sys/automatic/receiveAsn',
};

export interface SignedCall {
  /** The HTTP body: JSON of {accessId, method, content, sign}. */
  body: string;
  /** The content string exactly as signed. */
  content: string;
}

export function buildSignedCall(args: {
  accessId: string;
  method: string;
  content: object;
  secretKey: string;
}): SignedCall {
  const content = JSON.stringify(args.content);
  const sign = computeSign(args.accessId, content, args.secretKey, 'fastjson');
  return { body: JSON.stringify({ accessId: args.accessId, method: args.method, content, sign }), content };
}

export type ParsedPush<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses and validates a push's content string (the receiving side, e.g. the sandbox). */
export function parsePushContent<M extends WebhookMethod>(
  method: M,
  content: string | undefined,
): ParsedPush<M extends 'pushOrderInfo' ? PushOrderInfoContent : PushAsnInfoContent> {
  if (content === undefined || content.trim() === '') return { ok: false, message: 'content is required' };
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return { ok: false, message: 'content is not valid JSON' };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, message: 'content must be a JSON object' };
  }
  const schema = method === 'pushOrderInfo' ? pushOrderInfoContentSchema : pushAsnInfoContentSchema;
  const result = schema.safeParse(data);
  if (!result.success) return { ok: false, message: formatIssues(result.error.issues) };
  return { ok: true, value: result.data as never };
}

/**
 * Validates and normalises a push (skuList becomes an array, numbers become numbers), then signs
 * it. Refusing here keeps a malformed push out of the delivery queue instead of failing 8 times.
 */
export function buildPushCall<M extends WebhookMethod>(args: {
  accessId: string;
  secretKey: string;
  method: M;
  content: M extends 'pushOrderInfo' ? PushOrderInfoInput : PushAsnInfoInput;
}): { ok: true; call: SignedCall } | { ok: false; message: string } {
  const schema = args.method === 'pushOrderInfo' ? pushOrderInfoContentSchema : pushAsnInfoContentSchema;
  const result = schema.safeParse(args.content);
  if (!result.success) return { ok: false, message: formatIssues(result.error.issues) };
  return {
    ok: true,
    call: buildSignedCall({
      accessId: args.accessId,
      method: args.method,
      content: result.data,
      secretKey: args.secretKey,
    }),
  };
}

export type DeliveryVerdict = { delivered: true } | { delivered: false; reason: string };

const snippet = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat === '' ? '(empty body)' : flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
};

/** Delivered only on HTTP 2xx with a JSON body whose success is true or "true" (any case). */
export function isDeliveredReply(httpStatus: number, bodyText: string): DeliveryVerdict {
  if (!Number.isInteger(httpStatus) || httpStatus < 200 || httpStatus > 299) {
    return { delivered: false, reason: `HTTP ${httpStatus}: ${snippet(bodyText ?? '')}` };
  }
  let reply: unknown;
  try {
    reply = JSON.parse(bodyText);
  } catch {
    return { delivered: false, reason: `HTTP ${httpStatus} but the body is not JSON: ${snippet(bodyText ?? '')}` };
  }
  if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) {
    return { delivered: false, reason: `HTTP ${httpStatus} but the body is not a JSON object: ${snippet(bodyText)}` };
  }
  const { success, errorMsg, message } = reply as Record<string, unknown>;
  if (success === true || (typeof success === 'string' && success.trim().toLowerCase() === 'true')) {
    return { delivered: true };
  }
  const why = [errorMsg, message].find((m) => typeof m === 'string' && m.trim() !== '') as string | undefined;
  return {
    delivered: false,
    reason: `HTTP ${httpStatus} with success=${JSON.stringify(success) ?? 'missing'}${why ? `: ${snippet(why)}` : ''}`,
  };
}
