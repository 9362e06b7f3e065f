import { Router } from 'express';
import { ETOWER_PATHS } from '@bridge/etower/paths';
import { itemRefusal, okEnvelope, failEnvelope, parametersError, SANDBOX_CODES, type ErrorItem } from '../envelope';
import { applyShortArray } from '../faults';
import { pad, yymmdd } from '../format';
import { checkOrder } from '../order-validation';
import { orderRecord, orderStatus } from '../order-view';
import { readIdQuery } from '../id-query';
import { bump, type SimOrder, type SimulatorState } from '../state';

export function orderNumber(seq: number, at: number): string {
  return `C1228${yymmdd(at)}${pad(seq, 6)}O`;
}

export function ordersRouter(state: SimulatorState): Router {
  const router = Router();

  router.post(ETOWER_PATHS.createOrders, (req, res) => {
    const body: unknown = req.body;
    if (!Array.isArray(body) || body.length === 0) {
      res.json(parametersError('the request body must be a non-empty JSON array of orders'));
      return;
    }
    const seen = new Set<string>();
    const references: string[] = [];
    const answers = body.map((raw: unknown) => {
      const check = checkOrder(raw, state, seen);
      references.push(check.referenceNo);
      if (check.referenceNo) bump(state.stats.createOrderAttempts, check.referenceNo);
      if (check.errors.length > 0 || !check.service) {
        return itemRefusal({ orderNo: '', referenceNo: check.referenceNo }, check.errors);
      }
      seen.add(check.referenceNo);
      const o = raw as Record<string, unknown>;
      const now = state.now();
      const seq = state.nextSequence();
      const parcels = Array.isArray(o.parcels) ? (o.parcels as Record<string, unknown>[]) : [];
      const order: SimOrder = {
        orderNo: orderNumber(seq, now),
        referenceNo: check.referenceNo,
        facility: String(o.facility),
        serviceName: check.service.serviceName,
        serviceCode: check.service.serviceCode,
        carrier: check.service.carrier,
        // A merchant-supplied label brings its own tracking number; otherwise the carrier assigns one.
        trackingNo:
          ownTrackingNo(parcels) ?? `${check.service.trackingPrefix}${pad(seq, check.service.trackingDigits)}`,
        keepShipService: parcels.some(
          (p) => (p.extendData as { keepShipService?: unknown } | undefined)?.keepShipService === true,
        ),
        remark: typeof o.remark === 'string' ? o.remark : '',
        createdAt: now,
        // isNeedConfirm defaults to true: released to the warehouse at once. false leaves a draft.
        confirmedAt: o.isNeedConfirm === false || o.isNeedConfirm === 'false' ? null : now,
        lines: check.lines,
        request: shortenLabels(o),
      };
      state.addOrder(order);
      bump(state.stats.ordersCreated, order.referenceNo);
      return okEnvelope({ orderNo: order.orderNo, referenceNo: order.referenceNo });
    });
    const sent = applyShortArray(res, answers);
    // Items processed whose answer a short-array fault cut off: the client cannot know what became of them.
    for (const ref of references.slice(Array.isArray(sent) ? sent.length : 1)) {
      if (ref) bump(state.stats.createOrderAnswersLost, ref);
    }
    res.json(sent);
  });

  router.post(ETOWER_PATHS.confirmOrders, (req, res) => {
    const body = req.body as unknown;
    // The older page version sends a bare array of order numbers; accept both.
    const list = Array.isArray(body) ? body : (body as { orderNoList?: unknown } | undefined)?.orderNoList;
    if (!Array.isArray(list) || list.length === 0 || !list.every((n) => typeof n === 'string')) {
      res.json(parametersError('orderNoList:must be a non-empty list of order numbers'));
      return;
    }
    const confirmed: string[] = [];
    const errors: ErrorItem[] = [];
    const now = state.now();
    for (const orderNo of list as string[]) {
      const order = state.orderByNumber(orderNo);
      if (!order) {
        errors.push({ code: SANDBOX_CODES.notFound, message: `orderNO:${orderNo}, Does not exist` });
        continue;
      }
      bump(state.stats.confirmations, order.referenceNo);
      const { status } = orderStatus(order, now, state.options);
      if (status !== 0 && status !== 2) {
        errors.push({
          code: '600928',
          message: `orderNO:${orderNo}, only Unconfirmed or Sending Abnormality may be confirmed`,
        });
        continue;
      }
      // Confirming an order that is confirmed but not yet accepted is a no-op: its clock keeps running.
      if (order.confirmedAt === null || status === 2) {
        order.confirmedAt = now;
        delete order.forced;
      }
      confirmed.push(orderNo);
    }
    res.json(
      errors.length === 0
        ? okEnvelope(confirmed)
        : failEnvelope('3', 'parameters error, please contact the administrator', errors, confirmed),
    );
  });

  router.post(ETOWER_PATHS.orderList, (req, res) => {
    const query = readIdQuery(req, res);
    if (!query) return;
    const { refs, nos } = query;
    const wantedRefs = new Set(refs);
    const wantedNos = new Set(nos);
    const now = state.now();
    const records = state.orders
      .filter((o) => wantedRefs.has(o.referenceNo) || wantedNos.has(o.orderNo))
      .map((o) => orderRecord(o, now, state.options));
    res.json(okEnvelope(records));
  });

  return router;
}

function ownTrackingNo(parcels: Record<string, unknown>[]): string | undefined {
  const p = parcels.find((x) => typeof x.trackingNo === 'string' && x.trackingNo !== '');
  return p ? String(p.trackingNo) : undefined;
}

/**
 * The request as kept for tests to read: Base64 labels cut to their first bytes (enough to recognise, cheap to
 * keep). The body was parsed for this request alone, so without a long label it is kept as it is, uncopied.
 */
function shortenLabels(order: Record<string, unknown>): Record<string, unknown> {
  const parcels = (Array.isArray(order.parcels) ? order.parcels : []) as Record<string, unknown>[];
  const isLong = (p: Record<string, unknown>) => typeof p?.label === 'string' && p.label.length > 64;
  if (!parcels.some(isLong)) return order;
  return {
    ...order,
    parcels: parcels.map((p) =>
      isLong(p) ? { ...p, label: `${(p.label as string).slice(0, 64)}…(${(p.label as string).length} chars)` } : p,
    ),
  };
}
