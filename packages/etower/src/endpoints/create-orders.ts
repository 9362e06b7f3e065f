import { decodeBatch, type BatchRefusal } from '../decoders/batch';
import { ETOWER_PATHS } from '../paths';
import type { EtowerTransport } from '../transport';
import type { EtowerCreateOrderInput } from '../types/create-order';

export type EtowerCreateOrderResult =
  | { referenceNo: string; ok: true; orderNo: string }
  /** eTower refused this order. `duplicate` (600904/600222) usually means it was created by an earlier try. */
  | ({ referenceNo: string } & BatchRefusal)
  /** No usable answer for this order (short answer array, older layout, or no orderNo): the order may or
   *  may not exist at eTower, so it is NOT a refusal. Read it back with orderList before deciding. */
  | { referenceNo: string; ok: false; missing: true };

// The seed's two duplicate wordings (600904 `referenceNo:X,Already exists in the system`, 600222 `referenceNo:X field
// value already exists and cannot be repeated`), for an answer that carries the words without the code.
const DUPLICATE_REFERENCE_MESSAGE = /referenceNo\b.*already exists/i;

/**
 * POST createOrders. The answer is normally an array with one envelope per order, in submission order;
 * see decoders/batch for the other layouts accepted. A single envelope with success:false is the refusal of a
 * one-order batch's order (a duplicate included); for a larger batch it throws EtowerBusinessError unless its
 * errors name the orders.
 */
export async function createOrders(
  transport: EtowerTransport,
  orders: EtowerCreateOrderInput[],
): Promise<EtowerCreateOrderResult[]> {
  if (orders.length === 0) return [];
  const path = ETOWER_PATHS.createOrders;
  const body = await transport.send({ method: 'POST', path, json: orders });
  const outcomes = decodeBatch(body, {
    endpoint: path,
    keys: orders.map((o) => o.referenceNo),
    keyField: 'referenceNo',
    duplicateMessage: DUPLICATE_REFERENCE_MESSAGE,
  });
  return outcomes.map((o): EtowerCreateOrderResult => {
    if (o.ok) {
      const orderNo = o.data.orderNo;
      // Success without an orderNo tells us nothing we can store: treat like no answer and re-read.
      if (typeof orderNo !== 'string' || orderNo === '') return { referenceNo: o.key, ok: false, missing: true };
      return { referenceNo: o.key, ok: true, orderNo };
    }
    if (o.missing) return { referenceNo: o.key, ok: false, missing: true };
    const { key, ...rest } = o;
    return { referenceNo: key, ...rest };
  });
}
