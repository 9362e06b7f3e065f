import { decodePayload, unwrapEnvelope } from '../envelope';
import { poListSchema, type EtowerPo } from '../decoders/po';
import { ETOWER_PATHS } from '../paths';
import type { EtowerTransport } from '../transport';
import { assertIdQuery, idQueryBody, type EtowerIdQuery } from './order-list';

/** POST b2b/poList. No paging and no date filter: the caller keeps the list of open inbound orders. */
export async function poList(transport: EtowerTransport, q: EtowerIdQuery): Promise<EtowerPo[]> {
  assertIdQuery(q, 'poList');
  if (!q.referenceNoList?.length && !q.orderNoList?.length) return [];
  const path = ETOWER_PATHS.poList;
  const body = await transport.send({ method: 'POST', path, json: idQueryBody(q) });
  return decodePayload(path, poListSchema, unwrapEnvelope(path, body));
}
