import { decodePayload, unwrapEnvelope } from '../envelope';
import { warehouseListSchema, type EtowerWarehouse } from '../decoders/warehouses';
import { ETOWER_PATHS } from '../paths';
import type { EtowerTransport } from '../transport';

/** GET warehouseServiceList: warehouses and their services (4 = transshipment, 5 = fulfillment). */
export async function warehouseServiceList(transport: EtowerTransport, serviceType = 5): Promise<EtowerWarehouse[]> {
  const path = ETOWER_PATHS.warehouseServiceList;
  const body = await transport.send({ method: 'GET', path, searchParams: { serviceType } });
  return decodePayload(path, warehouseListSchema, unwrapEnvelope(path, body));
}
