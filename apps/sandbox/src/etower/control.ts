import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { BASE64_FLAVOURS } from '@bridge/etower/signing';
import { FAULT_MODES, type Fault } from './faults';
import { pad } from './format';
import { inventoryKey } from './inventory-view';
import { orderRecord } from './order-view';
import { poRecord } from './po-view';
import { orderNumber } from './routes/orders';
import { findFulfillmentService } from './seed';
import { tallyWithPrefix, type SimulatorState } from './state';

// Test/demo control API, mounted at /__control/etower. Not signed: it is the tests' back door.

const faultBody = z.object({
  endpoint: z.string().min(1).optional(),
  mode: z.enum(FAULT_MODES),
  count: z.number().int().positive().optional(),
  delayMs: z.number().int().nonnegative().optional(),
  retryAfterSec: z.number().int().nonnegative().optional(),
  /** Fraction (0..1] of matching requests the fault hits, at random; all of them when omitted. */
  rate: z.number().gt(0).max(1).optional(),
  rowsKey: z.string().min(1).optional(),
});
const authBody = z.object({
  /** Base64 flavours of the signature accepted from now on. */
  signatureFlavours: z.array(z.enum(BASE64_FLAVOURS)).min(1).optional(),
  /** This eTower's clock offset (its Date header and signature window). */
  clockOffsetMs: z.number().int().optional(),
});
const statusBody = z.object({
  status: z.number().int(),
  statusMsg: z.string().optional(),
  abnormalCauses: z.string().optional(),
});
const receiveBody = z.object({ lines: z.array(z.object({ sku: z.string().min(1), qty: z.number().int() })).min(1) });
const inventoryBody = z.object({
  warehouseCode: z.string().min(1),
  sku: z.string().min(1),
  availableInventory: z.number().int().nonnegative(),
  incomingInventory: z.number().int().nonnegative().default(0),
  outgoingInventory: z.number().int().nonnegative().default(0),
  unsellableInventory: z.number().int().nonnegative().default(0),
});

function parse<T extends z.ZodType>(schema: T, body: unknown, res: Response): z.output<T> | undefined {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  res.status(400).json({ success: false, message: z.prettifyError(parsed.error) });
  return undefined;
}

export function controlRouter(state: SimulatorState): Router {
  const router = Router();
  router.use(express.json());
  const now = () => state.now();

  router.post('/faults', (req, res) => {
    const body = parse(faultBody, req.body, res);
    if (!body) return;
    const fault: Fault = { mode: body.mode };
    if (body.endpoint !== undefined) fault.endpoint = body.endpoint;
    if (body.count !== undefined) fault.remaining = body.count;
    if (body.delayMs !== undefined) fault.delayMs = body.delayMs;
    if (body.retryAfterSec !== undefined) fault.retryAfterSec = body.retryAfterSec;
    if (body.rate !== undefined) fault.rate = body.rate;
    if (body.rowsKey !== undefined) fault.rowsKey = body.rowsKey;
    state.faults.push(fault);
    res.json({ success: true, faults: state.faults });
  });
  router.get('/faults', (_req, res) => {
    res.json({ success: true, faults: state.faults });
  });
  router.delete('/faults', (_req, res) => {
    state.faults = [];
    res.json({ success: true });
  });
  // Until the next reset, which restores the options' values.
  router.post('/auth', (req, res) => {
    const body = parse(authBody, req.body, res);
    if (!body) return;
    if (body.signatureFlavours !== undefined) state.auth.signatureFlavours = [...new Set(body.signatureFlavours)];
    if (body.clockOffsetMs !== undefined) state.auth.clockOffsetMs = body.clockOffsetMs;
    res.json({ success: true, auth: state.auth });
  });
  router.get('/auth', (_req, res) => {
    res.json({ success: true, auth: state.auth });
  });
  router.get('/stats', (_req, res) => {
    res.json({ success: true, ...state.stats });
  });
  // ?prefix=X: per counter, how many documents under X were counted and how many counts they add up to.
  router.get('/stats/tally', (req, res) => {
    const prefix = typeof req.query.prefix === 'string' ? req.query.prefix : '';
    res.json({ success: true, prefix, ...tallyWithPrefix(state.stats, prefix) });
  });
  router.post('/reset', (_req, res) => {
    state.reset();
    res.json({ success: true });
  });

  router.get('/orders', (_req, res) => {
    res.json({ success: true, orders: state.orders.map((o) => orderRecord(o, now(), state.options)) });
  });
  router.get('/orders/:referenceNo/request', (req, res) => {
    const order = state.ordersByReference(req.params.referenceNo)[0];
    if (!order) return void res.status(404).json({ success: false, message: 'no such referenceNo' });
    res.json({ success: true, request: order.request ?? null });
  });
  router.post('/orders/:referenceNo/status', (req, res) => {
    const body = parse(statusBody, req.body, res);
    if (!body) return;
    const orders = state.ordersByReference(req.params.referenceNo);
    if (orders.length === 0) return void res.status(404).json({ success: false, message: 'no such referenceNo' });
    for (const o of orders) o.forced = { ...body, at: now() };
    res.json({ success: true, orders: orders.map((o) => orderRecord(o, now(), state.options)) });
  });
  router.post('/orders/:referenceNo/split', (req, res) => {
    const [original] = state.ordersByReference(req.params.referenceNo);
    if (!original) return void res.status(404).json({ success: false, message: 'no such referenceNo' });
    // The second record takes the last line (or half of a single line's quantity).
    const lines = original.lines.map((l) => ({ ...l }));
    let moved = lines.length > 1 ? lines.splice(-1) : [];
    if (moved.length === 0 && lines[0] && lines[0].quantity > 1) {
      const half = Math.floor(lines[0].quantity / 2);
      lines[0].quantity -= half;
      moved = [{ sku: lines[0].sku, quantity: half }];
    }
    const seq = state.nextSequence();
    const service = findFulfillmentService(original.facility, original.serviceName);
    original.lines = lines;
    state.addOrder({
      ...original,
      orderNo: orderNumber(seq, now()),
      trackingNo: service ? `${service.trackingPrefix}${pad(seq, service.trackingDigits)}` : `${original.trackingNo}-2`,
      originOrderNo: original.orderNo,
      originReferenceNo: original.referenceNo,
      lines: moved,
    });
    original.originOrderNo = original.orderNo;
    original.originReferenceNo = original.referenceNo;
    const records = state.ordersByReference(req.params.referenceNo).map((o) => orderRecord(o, now(), state.options));
    res.json({ success: true, orders: records });
  });

  router.get('/pos', (_req, res) => {
    res.json({ success: true, pos: [...state.pos.values()].map((p) => poRecord(p, now(), state.options)) });
  });
  router.post('/pos/:referenceNo/receive', (req, res) => {
    const body = parse(receiveBody, req.body, res);
    if (!body) return;
    const po = state.pos.get(req.params.referenceNo);
    if (!po) return void res.status(404).json({ success: false, message: 'no such referenceNo' });
    po.manual = true;
    for (const { sku, qty } of body.lines) {
      let line = po.lines.find((l) => l.sku === sku);
      if (!line) {
        line = { sku, forecast: 0 };
        po.lines.push(line);
      }
      line.manualPut = Math.max(0, (line.manualPut ?? 0) + qty);
      line.manualAt = now();
    }
    res.json({ success: true, po: poRecord(po, now(), state.options) });
  });
  router.post('/pos/:referenceNo/status', (req, res) => {
    const body = parse(statusBody, req.body, res);
    if (!body) return;
    const po = state.pos.get(req.params.referenceNo);
    if (!po) return void res.status(404).json({ success: false, message: 'no such referenceNo' });
    po.forced =
      body.statusMsg === undefined ? { status: body.status } : { status: body.status, statusMsg: body.statusMsg };
    res.json({ success: true, po: poRecord(po, now(), state.options) });
  });

  router.post('/inventory', (req, res) => {
    const body = parse(inventoryBody, req.body, res);
    if (!body) return;
    const { warehouseCode, sku, ...q } = body;
    state.inventoryOverrides.set(inventoryKey(warehouseCode, sku), { ...q, generation: state.generation });
    res.json({ success: true });
  });
  router.post('/inventory/generation', (_req, res) => {
    state.generation += 1;
    res.json({ success: true, generation: state.generation });
  });
  return router;
}
