import type { NextFunction, Request, Response } from 'express';
import type { SimulatorState } from './state';

// Injected failures, for proving the bridge's retry and idempotency paths. A fault matches requests whose
// path contains `endpoint` (all when omitted) and applies to the next `count` of them (until cleared when
// omitted). A fault with a `rate` hits only that fraction of matching requests, at random (e.g. "30% of calls
// answer 500"); a request it spares goes on to the next fault. The first fault that hits wins.

export const FAULT_MODES = [
  'http500',
  'http429',
  'http401',
  'hang',
  'delay',
  'malformed',
  'short-array',
  'renamed-rows',
  'single-envelope',
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface Fault {
  endpoint?: string;
  mode: FaultMode;
  /** Requests left; undefined = until cleared. */
  remaining?: number;
  delayMs?: number;
  retryAfterSec?: number;
  /** Fraction of matching requests hit; undefined = every one. */
  rate?: number;
  /** `renamed-rows`: the key inventory rows are put under instead of `list` (default `records`). */
  rowsKey?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function takeFault(state: SimulatorState, path: string): Fault | undefined {
  const index = state.faults.findIndex(
    (f) => (!f.endpoint || path.includes(f.endpoint)) && (f.rate === undefined || Math.random() < f.rate),
  );
  if (index < 0) return undefined;
  const fault = state.faults[index]!;
  if (fault.remaining !== undefined) {
    fault.remaining -= 1;
    if (fault.remaining <= 0) state.faults.splice(index, 1);
  }
  state.stats.faultsApplied += 1;
  return fault;
}

export function faultMiddleware(state: SimulatorState) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const fault = takeFault(state, req.path);
    if (!fault) return next();
    switch (fault.mode) {
      case 'http500':
        res.status(500).json({ status: 500, error: 'Internal Server Error', message: 'sandbox fault http500' });
        return;
      case 'http429':
        res
          .set('Retry-After', String(fault.retryAfterSec ?? 1))
          .status(429)
          .json({ status: 429, error: 'Too Many Requests' });
        return;
      case 'http401':
        res.status(401).json({ code: '401', success: false, message: 'Unauthorized (sandbox fault http401)' });
        return;
      case 'hang':
        // Never answer: the client's timeout must fire. The socket is destroyed when the server closes.
        return;
      case 'delay':
        await sleep(fault.delayMs ?? 1000);
        return next();
      case 'malformed':
        // What a proxy in front of eTower sends when the upstream dies: HTML with a 200 and a JSON content type.
        res
          .status(200)
          .type('application/json')
          .send('<html><body><h1>502 Bad Gateway</h1>upstream closed</body></html>');
        return;
      case 'short-array':
        // The request is processed normally, then the answer array loses its last element (routes read this).
        res.locals.shortArray = true;
        return next();
      case 'renamed-rows':
        // An eTower version whose inventory page names its rows otherwise (`list` is only presumed, reference §3.6).
        res.locals.rowsKey = fault.rowsKey ?? 'records';
        return next();
      case 'single-envelope':
        // createOrders / product/create answer the first item's envelope alone instead of an array of them.
        res.locals.singleEnvelope = true;
        return next();
    }
  };
}

/** Answers that are arrays of per-item envelopes call this before sending (short-array, single-envelope). */
export function applyShortArray<T>(res: Response, answers: T[]): T[] | T {
  const sent = res.locals.shortArray ? answers.slice(0, -1) : answers;
  return res.locals.singleEnvelope && sent.length > 0 ? sent[0]! : sent;
}

/** The key an inventory page carries its rows under: `list`, or another under a `renamed-rows` fault. */
export function rowsKeyOf(res: Response): string {
  return typeof res.locals.rowsKey === 'string' ? res.locals.rowsKey : 'list';
}
