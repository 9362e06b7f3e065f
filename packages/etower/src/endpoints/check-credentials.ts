import { decodePayload, unwrapEnvelope } from '../envelope';
import { warehouseListSchema, type EtowerWarehouse } from '../decoders/warehouses';
import { ETOWER_PATHS } from '../paths';
import type { Base64Flavour } from '../signing';
import type { EtowerTransport } from '../transport';

export interface EtowerCredentialCheck {
  /** The Base64 flavour eTower accepted the signature in. */
  flavour: Base64Flavour;
  /** What warehouseServiceList (fulfillment) answered on the way. */
  warehouses: EtowerWarehouse[];
}

/**
 * Whether eTower accepts this token and key, and in which Base64 flavour: a read-only warehouseServiceList
 * signed so that the flavours differ. For `ops doctor`; the client learns the flavour by itself in normal use.
 */
export async function checkCredentials(transport: EtowerTransport): Promise<EtowerCredentialCheck> {
  const path = ETOWER_PATHS.warehouseServiceList;
  const { flavour, body } = await transport.detectFlavour({ method: 'GET', path, searchParams: { serviceType: 5 } });
  return { flavour, warehouses: decodePayload(path, warehouseListSchema, unwrapEnvelope(path, body)) };
}
