import { decodePayload, unwrapEnvelope } from '../envelope';
import { poCreatedSchema } from '../decoders/po';
import { ETOWER_PATHS } from '../paths';
import type { EtowerTransport } from '../transport';
import { PO_CONTAINER_KEYS, type EtowerPoInput } from '../types/po';

export interface EtowerPoCreated {
  orderNo?: string;
  referenceNo: string;
  shippingPlanNo?: string;
}

/** The wire body: our neutral `boxes`/`lines` renamed to PO_CONTAINER_KEYS (the undocumented part). */
export function poRequestBody(po: EtowerPoInput): Record<string, unknown> {
  const { boxes, ...order } = po;
  return {
    ...order,
    [PO_CONTAINER_KEYS.boxes]: boxes.map(({ lines, ...box }) => ({ ...box, [PO_CONTAINER_KEYS.lines]: lines })),
  };
}

/**
 * POST b2b/po with ONE object. The response is undocumented beyond "an envelope"; we read orderNo and
 * shippingPlanNo when present, and callers should confirm them with poList. A repeated referenceNo is an
 * EtowerBusinessError with `duplicate` true (600904/600222).
 */
export async function createPo(transport: EtowerTransport, po: EtowerPoInput): Promise<EtowerPoCreated> {
  const path = ETOWER_PATHS.createPo;
  const body = await transport.send({ method: 'POST', path, json: poRequestBody(po) });
  const data = decodePayload(path, poCreatedSchema, unwrapEnvelope(path, body));
  const out: EtowerPoCreated = { referenceNo: po.referenceNo };
  if (data.orderNo) out.orderNo = data.orderNo;
  if (data.shippingPlanNo) out.shippingPlanNo = data.shippingPlanNo;
  return out;
}
