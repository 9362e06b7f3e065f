import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tenantsFileSchema, type AsnShipper, type ProductDefaults } from '@bridge/config';

/** The credentials the sandbox is started with and the bridge's one tenant uses against it. */
export const SANDBOX = {
  token: 'sandbox-token',
  key: 'sandbox-key',
  accessId: 'sandbox-access-id',
  secretKey: 'sandbox-secret-key',
  extraType: 'SANDBOX',
} as const;

// What a real tenant needs for insert_sku_info and createAsnOrder (Qianyi sends neither), with values the
// sandbox accepts: without them those two methods are refused with the missing field's name.
const productDefaults: ProductDefaults = {
  skuNameEn: 'Demo item',
  hsCode: '392410',
  productMaterial: 'plastic',
  productUsage: 'household',
  invoiceValue: 3.5,
  currency: 'USD',
  batterySize: 0,
  otherAttributes: 7,
  shippingBagPacked: 0,
  originCountry: 'CN',
  weightUnit: 'KG',
  dimensionUnit: 'cm',
};
const asnShipper: AsnShipper = {
  shipperWarehouseCode: 'SANDBOX-SHIPPER',
  boxWeightKg: 8,
  boxLengthCm: 40,
  boxWidthCm: 30,
  boxHeightCm: 30,
};

/**
 * Writes the tenants file the worker and ingress are given (BRIDGE_TENANTS_FILE), the same file `pnpm ops` reads
 * through the run file. Validated with the bridge's own schema, so a mistake here fails `pnpm start` at once.
 * Owner-only: it holds the tenant's secrets, as a production tenants file does.
 */
export function writeSandboxTenants(dataDir: string, sandboxUrl: string): string {
  const file = tenantsFileSchema.parse({
    tenants: [
      {
        accessId: SANDBOX.accessId,
        secretKey: SANDBOX.secretKey,
        qianyi: { callbackBaseUrl: sandboxUrl, warehouseExtraType: SANDBOX.extraType },
        etower: { baseUrl: sandboxUrl, token: SANDBOX.token, key: SANDBOX.key },
        productDefaults,
        asnShipper,
      },
    ],
  });
  const path = join(dataDir, 'tenants.json');
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}
