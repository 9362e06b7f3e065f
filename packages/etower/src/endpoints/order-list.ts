import { decodePayload, unwrapEnvelope } from '../envelope';
import { orderListSchema, type EtowerOrder } from '../decoders/orders';
import { ETOWER_PATHS, MAX_IDS_PER_QUERY } from '../paths';
import type { EtowerTransport } from '../transport';

export interface EtowerIdQuery {
  referenceNoList?: string[];
  orderNoList?: string[];
}

/** Throws TypeError for a query eTower would refuse anyway: that is a bug in the caller, not a failure. */
export function assertIdQuery(q: EtowerIdQuery, what: string): void {
  const refs = q.referenceNoList?.length ?? 0;
  const nos = q.orderNoList?.length ?? 0;
  if (refs > MAX_IDS_PER_QUERY || nos > MAX_IDS_PER_QUERY) {
    throw new TypeError(`${what}: at most ${MAX_IDS_PER_QUERY} ids per call (got ${Math.max(refs, nos)})`);
  }
}

export function idQueryBody(q: EtowerIdQuery): EtowerIdQuery {
  const body: EtowerIdQuery = {};
  if (q.referenceNoList?.length) body.referenceNoList = q.referenceNoList;
  if (q.orderNoList?.length) body.orderNoList = q.orderNoList;
  return body;
}

/** POST b2c/orderList. A split order comes back as several records sharing one referenceNo. */
export async function orderList(transport: EtowerTransport, q: EtowerIdQuery): Promise<EtowerOrder[]> {
  assertIdQuery(q, 'orderList');
  if (!q.referenceNoList?.length && !q.orderNoList?.length) return [];
  const path = ETOWER_PATHS.orderList;
  const body = await transport.send({ method: 'POST', path, json: idQueryBody(q) });
  return decodePayload(path, orderListSchema, unwrapEnvelope(path, body));
}
