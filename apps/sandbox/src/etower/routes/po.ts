import { Router } from 'express';
import { ETOWER_PATHS } from '@bridge/etower/paths';
import { PO_CONTAINER_KEYS } from '@bridge/etower/po-keys';
import { duplicateError, failEnvelope, okEnvelope, parametersError, SANDBOX_CODES, type ErrorItem } from '../envelope';
import { pad, yymmdd } from '../format';
import { poRecord } from '../po-view';
import { findWarehouse } from '../seed';
import { readIdQuery } from '../id-query';
import { bump, type SimPoLine, type SimulatorState } from '../state';

// b2b/po and b2b/poList. The box/line container names are the client's decision (PO_CONTAINER_KEYS), read
// from the same constant so both sides change together.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const filled = (v: unknown): boolean => (typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);
const positive = (v: unknown): boolean => Number.isFinite(Number(v)) && Number(v) > 0;
const missing = (field: string): ErrorItem => ({
  code: SANDBOX_CODES.missingField,
  message: `${field}:must not be empty`,
});

interface PoCheck {
  errors: ErrorItem[];
  lines: SimPoLine[];
  boxNumber: number;
  volumeCm3: number;
}

function checkPo(po: Obj, state: SimulatorState): PoCheck {
  const errors: ErrorItem[] = [];
  for (const f of ['referenceNo', 'warehouseCode', 'tallyRule', 'useShipperBoxNo'])
    if (!filled(po[f])) errors.push(missing(f));
  if (filled(po.warehouseCode) && !findWarehouse(String(po.warehouseCode))) {
    errors.push({ code: SANDBOX_CODES.notFound, message: `warehouseCode:${String(po.warehouseCode)},Does not exist` });
  }
  if (!filled(po.shipperWarehouseCode)) {
    for (const f of ['shipperContactName', 'shipperPhone', 'country', 'addressLine1'])
      if (!filled(po[f])) errors.push(missing(f));
  }
  const boxes = Array.isArray(po[PO_CONTAINER_KEYS.boxes]) ? (po[PO_CONTAINER_KEYS.boxes] as unknown[]) : [];
  if (boxes.length === 0) errors.push(missing(PO_CONTAINER_KEYS.boxes));
  const forecast = new Map<string, number>();
  let boxNumber = 0;
  let volumeCm3 = 0;
  boxes.forEach((b, i) => {
    const box: Obj = isObj(b) ? b : {};
    const where = `${PO_CONTAINER_KEYS.boxes}[${i}]`;
    if (!filled(box.boxNo)) errors.push(missing(`${where}.boxNo`));
    for (const f of ['boxQty', 'weightDeclared', 'lengthDeclared', 'widthDeclared', 'heightDeclared']) {
      if (!positive(box[f]))
        errors.push({ code: SANDBOX_CODES.missingField, message: `${where}.${f}:must be a positive number` });
    }
    if (box.declaredWeightUnit !== 'KG')
      errors.push({ code: SANDBOX_CODES.missingField, message: `${where}.declaredWeightUnit:only KG` });
    if (box.declareDimensionUnit !== 'CM')
      errors.push({ code: SANDBOX_CODES.missingField, message: `${where}.declareDimensionUnit:only CM` });
    const boxQty = Number(box.boxQty) || 0;
    boxNumber += boxQty;
    volumeCm3 +=
      boxQty * (Number(box.lengthDeclared) || 0) * (Number(box.widthDeclared) || 0) * (Number(box.heightDeclared) || 0);
    const lines = Array.isArray(box[PO_CONTAINER_KEYS.lines]) ? (box[PO_CONTAINER_KEYS.lines] as unknown[]) : [];
    if (lines.length === 0) errors.push(missing(`${where}.${PO_CONTAINER_KEYS.lines}`));
    lines.forEach((l, j) => {
      const line: Obj = isObj(l) ? l : {};
      const at = `${where}.${PO_CONTAINER_KEYS.lines}[${j}]`;
      if (!filled(line.sku)) errors.push(missing(`${at}.sku`));
      else if (state.options.requireKnownSkus && !state.isKnownSku(String(line.sku))) {
        errors.push({ code: SANDBOX_CODES.unknownSku, message: `sku:${String(line.sku)},Does not exist` });
      }
      if (!Number.isInteger(Number(line.productQty)) || Number(line.productQty) <= 0) {
        errors.push({ code: SANDBOX_CODES.missingField, message: `${at}.productQty:must be a positive integer` });
      } else if (filled(line.sku)) {
        const sku = String(line.sku);
        forecast.set(sku, (forecast.get(sku) ?? 0) + boxQty * Number(line.productQty));
      }
    });
  });
  return { errors, boxNumber, volumeCm3, lines: [...forecast].map(([sku, n]) => ({ sku, forecast: n })) };
}

export function poRouter(state: SimulatorState): Router {
  const router = Router();

  router.post(ETOWER_PATHS.createPo, (req, res) => {
    const po: unknown = req.body;
    if (!isObj(po)) {
      res.json(parametersError('the request body must be one inbound order object'));
      return;
    }
    const referenceNo = typeof po.referenceNo === 'string' ? po.referenceNo : '';
    if (referenceNo) bump(state.stats.poAttempts, referenceNo);
    if (referenceNo && state.pos.has(referenceNo)) {
      res.json(failEnvelope('00005', 'paramter error', [duplicateError('referenceNo', referenceNo)], ''));
      return;
    }
    const check = checkPo(po, state);
    if (check.errors.length > 0) {
      res.json(failEnvelope('00005', 'paramter error', check.errors, ''));
      return;
    }
    const now = state.now();
    const seq = state.nextSequence();
    const record = {
      orderNo: `E1228${yymmdd(now)}${pad(seq, 6)}O`,
      referenceNo,
      shippingPlanNo: `A1228${yymmdd(now)}${pad(seq, 6)}S`,
      warehouseCode: String(po.warehouseCode),
      shipperName: typeof po.shipperBizName === 'string' && po.shipperBizName ? po.shipperBizName : 'Sandbox Shipper',
      boxNumber: check.boxNumber,
      totalVolumeCm3: check.volumeCm3,
      createdAt: now,
      manual: false,
      lines: check.lines,
      request: po,
    };
    state.pos.set(referenceNo, record);
    bump(state.stats.posCreated, referenceNo);
    res.json(okEnvelope({ orderNo: record.orderNo, referenceNo, shippingPlanNo: record.shippingPlanNo }));
  });

  router.post(ETOWER_PATHS.poList, (req, res) => {
    const query = readIdQuery(req, res);
    if (!query) return;
    const { refs, nos } = query;
    const now = state.now();
    const records = [...state.pos.values()]
      .filter((p) => refs.includes(p.referenceNo) || nos.includes(p.orderNo))
      .map((p) => poRecord(p, now, state.options));
    res.json(okEnvelope(records));
  });

  return router;
}
