import { unwrapEnvelope } from '../envelope';
import { decodeInventoryPage, type EtowerInventoryPage } from '../decoders/inventory';
import { ETOWER_PATHS } from '../paths';
import type { EtowerTransport } from '../transport';

export interface EtowerInventoryQuery {
  warehouseCodeList?: string[];
  skuList?: string[];
  /** 1-based (PageHelper); the doc's "default 0" is not trusted. */
  pageNum: number;
  pageSize: number;
}

/** POST b2b/inventory: one page of per-SKU records with per-warehouse quantities, and eTower's `total`. A page
 *  whose layout is not understood throws EtowerUnexpectedAnswerError (final), never reads as empty. */
export async function inventory(transport: EtowerTransport, q: EtowerInventoryQuery): Promise<EtowerInventoryPage> {
  const path = ETOWER_PATHS.inventory;
  const json: Record<string, unknown> = { pageNum: q.pageNum, pageSize: q.pageSize };
  if (q.warehouseCodeList?.length) json.warehouseCodeList = q.warehouseCodeList;
  if (q.skuList?.length) json.skuList = q.skuList;
  const body = await transport.send({ method: 'POST', path, json });
  return decodeInventoryPage(path, unwrapEnvelope(path, body));
}
