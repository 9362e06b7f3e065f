import express, { Router, type ErrorRequestHandler } from 'express';
import { ETOWER_PREFIX } from '@bridge/etower/paths';
import { authMiddleware } from './auth';
import { controlRouter } from './control';
import { parametersError } from './envelope';
import { faultMiddleware } from './faults';
import { resolveSimulatorOptions, type EtowerSimulatorOptions, type ResolvedSimulatorOptions } from './options';
import { catalogRouter } from './routes/catalog';
import { inventoryRouter } from './routes/inventory';
import { ordersRouter } from './routes/orders';
import { poRouter } from './routes/po';
import { productsRouter } from './routes/products';
import { bump, SimulatorState } from './state';

export type { EtowerSimulatorOptions, ResolvedSimulatorOptions } from './options';
export { SIMULATOR_DEFAULTS } from './options';
export { SimulatorState, type SimStats } from './state';
export { SEED_WAREHOUSES } from './seed';
export type { Fault, FaultMode } from './faults';

export interface EtowerSimulator {
  /** The eTower API (paths under /api/supplier-service); mount at `/`. */
  app: Router;
  /** The control API; mount at `/__control/etower`. */
  control: Router;
  state: SimulatorState;
  options: ResolvedSimulatorOptions;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An in-memory eTower warehouse: signed API, lazy status progression, fault injection. Order of work per
 * request: count it, wait latencyMs, apply a fault, verify the signature, parse JSON, answer.
 */
export function createEtowerSimulator(options: EtowerSimulatorOptions = {}): EtowerSimulator {
  const resolved = resolveSimulatorOptions(options);
  const state = new SimulatorState(resolved);
  const api = Router();
  api.use(async (req, res, next) => {
    bump(state.stats.calls, req.path.slice(ETOWER_PREFIX.length));
    // Node would stamp its own time; this eTower's clock may be set off (clockOffsetMs), and the Date header is
    // how a client (ops doctor) sees that.
    res.setHeader('Date', new Date(state.serverNow()).toUTCString());
    if (resolved.latencyMs > 0) await sleep(resolved.latencyMs);
    next();
  });
  api.use(faultMiddleware(state));
  api.use(authMiddleware(state));
  // Labels arrive as Base64 PDFs inside createOrders.
  api.use(express.json({ limit: '25mb', strict: false }));
  api.use(catalogRouter(), ordersRouter(state), inventoryRouter(state), productsRouter(state), poRouter(state));
  api.use((req, res) => {
    res.status(404).json({
      code: '404',
      success: false,
      message: `no such endpoint: ${req.method} ${req.path}`,
      data: '',
      errors: '',
    });
  });
  const onError: ErrorRequestHandler = (
    err: { status?: number; type?: string; message?: string },
    _req,
    res,
    _next,
  ) => {
    if (err.type === 'entity.parse.failed')
      return void res.status(400).json(parametersError('request body is not valid JSON'));
    res
      .status(err.status && err.status >= 400 ? err.status : 500)
      .json({ code: '500', success: false, message: err.message ?? 'error' });
  };
  api.use(onError);

  const app = Router();
  // Only eTower's paths go through the pipeline above; everything else falls through to other mounts.
  app.use((req, res, next) => (req.path.startsWith(`${ETOWER_PREFIX}/`) ? api(req, res, next) : next()));
  return { app, control: controlRouter(state), state, options: resolved };
}
