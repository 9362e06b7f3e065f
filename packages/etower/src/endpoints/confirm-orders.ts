import { decodeEnvelope, decodePayload, id, list, refusalOf } from '../envelope';
import type { EtowerErrorItem } from '../errors/business-error';
import { EtowerMalformedResponseError } from '../errors/malformed-response-error';
import { ETOWER_PATHS } from '../paths';
import type { EtowerTransport } from '../transport';

export interface EtowerConfirmResult {
  /** Order numbers eTower released to the warehouse. */
  confirmed: string[];
  /** Per-order refusals; eTower embeds the order number in `message` (e.g. 600928, not confirmable). */
  errors: EtowerErrorItem[];
}

/**
 * POST b2c/orders/confirm. eTower answers success:false (code "3") when an order cannot be confirmed, and
 * does not say whether the others went through. When every error names one of our order numbers we
 * treat it as per-order refusals and return them next to the confirmed list; otherwise (no detail, or an
 * error about something else) the whole call is a refusal and throws EtowerBusinessError.
 */
export async function confirmOrders(transport: EtowerTransport, orderNos: string[]): Promise<EtowerConfirmResult> {
  if (orderNos.length === 0) return { confirmed: [], errors: [] };
  const path = ETOWER_PATHS.confirmOrders;
  const body = await transport.send({ method: 'POST', path, json: { orderType: '5', orderNoList: orderNos } });
  const env = decodeEnvelope(body);
  if (!env) throw new EtowerMalformedResponseError(path, 'not an eTower envelope', body);
  const perOrder = env.errors.length > 0 && env.errors.every((e) => orderNos.some((no) => e.message.includes(no)));
  if (!env.ok && !perOrder) throw refusalOf(path, env);
  const confirmed = decodePayload(path, list(id), env.data);
  return { confirmed, errors: env.errors };
}
