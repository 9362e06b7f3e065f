import { Router } from 'express';
import { ETOWER_PATHS } from '@bridge/etower/paths';
import { duplicateError, itemRefusal, okEnvelope, parametersError, SANDBOX_CODES, type ErrorItem } from '../envelope';
import { applyShortArray } from '../faults';
import { pad } from '../format';
import { bump, type SimulatorState } from '../state';

// product/create. eTower does not document the answer; the sandbox answers like createOrders (one
// envelope per product, in order, data { sku, barcode }), which is what the client assumes.

// Mandatory fields of reference §3.7 (newest version).
const MANDATORY = [
  'sku',
  'skuNameCn',
  'skuNameEn',
  'hsCode',
  'grossWeight',
  'estimateWeightUnit',
  'productLength',
  'productWidth',
  'productHeight',
  'invoiceValue',
  'currency',
  'shippingBagPacked',
  'productMaterial',
  'productUsage',
  'batterySize',
  'otherAttributes',
] as const;
const NUMERIC = ['grossWeight', 'productLength', 'productWidth', 'productHeight', 'invoiceValue'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const filled = (v: unknown): boolean => (typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);

function checkProduct(p: Obj): ErrorItem[] {
  const errors: ErrorItem[] = [];
  for (const f of MANDATORY)
    if (!filled(p[f])) errors.push({ code: SANDBOX_CODES.missingField, message: `${f}:must not be empty` });
  for (const f of NUMERIC) {
    if (filled(p[f]) && !(Number(p[f]) >= 0))
      errors.push({ code: SANDBOX_CODES.missingField, message: `${f}:must be a number` });
  }
  if (filled(p.estimateWeightUnit) && !['KG', 'LB'].includes(String(p.estimateWeightUnit))) {
    errors.push({ code: SANDBOX_CODES.missingField, message: 'estimateWeightUnit:must be KG or LB' });
  }
  if (typeof p.sku === 'string' && p.sku.length > 30)
    errors.push({ code: SANDBOX_CODES.missingField, message: 'sku:at most 30 characters' });
  return errors;
}

export function productsRouter(state: SimulatorState): Router {
  const router = Router();
  router.post(ETOWER_PATHS.createProducts, (req, res) => {
    const body: unknown = req.body;
    // Recorded before the size check, so a test sees an oversized batch too.
    if (Array.isArray(body)) state.stats.productBatchSizes.push(body.length);
    if (!Array.isArray(body) || body.length === 0 || body.length > 30) {
      res.json(parametersError('the request body must be a JSON array of 1 to 30 products'));
      return;
    }
    const answers = body.map((raw: unknown) => {
      const p: Obj = isObj(raw) ? raw : {};
      const sku = typeof p.sku === 'string' ? p.sku : '';
      if (sku) bump(state.stats.productAttempts, sku);
      if (sku && state.isKnownSku(sku)) return itemRefusal({ sku, barcode: '' }, [duplicateError('sku', sku)]);
      const errors = checkProduct(p);
      if (errors.length > 0) return itemRefusal({ sku, barcode: '' }, errors);
      const barcode = `B${pad(state.nextSequence(), 9)}`;
      state.products.set(sku, {
        sku,
        barcode,
        skuNameEn: String(p.skuNameEn),
        skuNameCn: String(p.skuNameCn),
        createdAt: state.now(),
      });
      bump(state.stats.productsCreated, sku);
      return okEnvelope({ sku, barcode });
    });
    res.json(applyShortArray(res, answers));
  });
  return router;
}
