import { decodeBatch, type BatchRefusal } from '../decoders/batch';
import { ETOWER_PATHS, MAX_PRODUCTS_PER_CALL } from '../paths';
import type { EtowerTransport } from '../transport';
import type { EtowerProductInput } from '../types/product';

export type EtowerProductResult =
  | { sku: string; ok: true; barcode?: string }
  | ({ sku: string } & BatchRefusal)
  /** No answer for this SKU: it may or may not exist now. */
  | { sku: string; ok: false; missing: true };

// eTower documents no duplicate code for products; accept its order codes and the usual wording.
const DUPLICATE_SKU_MESSAGE = /already exist/i;

/**
 * POST product/create, at most 30 products. The response shape is NOT documented; we assume the
 * createOrders convention: an array of per-product envelopes in submission order with
 * `data: { sku, barcode }` (barcode = eTower's product code). A single envelope whose `data` is an array
 * of `{ sku, barcode }` is also accepted; a single envelope with success:false throws EtowerBusinessError.
 */
export async function createProducts(
  transport: EtowerTransport,
  products: EtowerProductInput[],
): Promise<EtowerProductResult[]> {
  if (products.length > MAX_PRODUCTS_PER_CALL) {
    throw new TypeError(`createProducts: at most ${MAX_PRODUCTS_PER_CALL} products per call (got ${products.length})`);
  }
  if (products.length === 0) return [];
  const path = ETOWER_PATHS.createProducts;
  const body = await transport.send({ method: 'POST', path, json: products });
  const outcomes = decodeBatch(body, {
    endpoint: path,
    keys: products.map((p) => p.sku),
    keyField: 'sku',
    duplicateMessage: DUPLICATE_SKU_MESSAGE,
  });
  return outcomes.map((o): EtowerProductResult => {
    if (o.ok) {
      const barcode = o.data.barcode;
      return typeof barcode === 'string' && barcode !== ''
        ? { sku: o.key, ok: true, barcode }
        : { sku: o.key, ok: true };
    }
    if (o.missing) return { sku: o.key, ok: false, missing: true };
    const { key, ...rest } = o;
    return { sku: key, ...rest };
  });
}
