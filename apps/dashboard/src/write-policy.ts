import type { BoardHooks } from '@bull-board/api/typings/app';
import type { NextFunction, Request, Response } from 'express';

/**
 * What the dashboard may change. Deny by default: a Bull Board route that only reads is always allowed, and
 * of the routes that change state only these four actions are. Everything else (adding jobs, editing their
 * data, delay or priority, removing and cleaning, emptying and obliterating queues, concurrency and rate
 * limits, job schedulers) is refused: job data is shown redacted so an edit would write "[redacted]" into a
 * real job, jobs and schedulers come from the bridge itself (catalog validation, deterministic ids, the
 * worker re-declares its schedulers only when it starts: a deleted order-poller scheduler stays deleted until
 * then), and removing a job loses the record of what happened to an order. `pnpm ops` does repairs.
 *
 * Keys are Bull Board 9.10's own route templates: the decision is taken on the route its router matched, so
 * the path's case, a trailing slash or percent-encoding cannot make a refused action look like an allowed
 * one. A route a later Bull Board adds or renames is refused until it is added here (the unit test lists
 * every route of the installed version and fails on one it does not know).
 */
export const ALLOWED_WRITES: ReadonlySet<string> = new Set([
  'put /api/queues/:queueName/:jobId/retry',
  'put /api/queues/:queueName/retry/:queueStatus',
  'put /api/queues/:queueName/:jobId/promote',
  'put /api/queues/:queueName/promote',
  'put /api/queues/:queueName/pause',
  'put /api/queues/:queueName/resume',
  'put /api/queues/pause',
  'put /api/queues/resume',
]);

export const REFUSED_MESSAGE =
  'not allowed on this dashboard: it only retries, promotes, pauses and resumes; jobs, their data, schedulers and queue settings come from the bridge itself (`pnpm ops` for repairs)';

/** Whether the Bull Board route `method route` (as its route table spells them) may run. */
export function isAllowedRoute(method: string, route: string): boolean {
  const m = method.toLowerCase();
  return m === 'get' || ALLOWED_WRITES.has(`${m} ${route}`);
}

/** Runs inside Bull Board before any handler (and before its body validation), with the route it matched. */
export const boardHooks: BoardHooks = {
  before: ({ method, route }) =>
    isAllowedRoute(method, route) ? { allow: true } : { allow: false, status: 403, message: REFUSED_MESSAGE },
};

// Methods that never change anything in Express or Bull Board (HEAD is answered by GET routes, OPTIONS by
// Express's automatic Allow answer).
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function refuse(res: Response): void {
  res.status(403).json({ error: REFUSED_MESSAGE });
}

/**
 * In front of the board: every action allowed is a PUT, so any other writing method is refused whatever
 * its path, before Bull Board parses a body. A second line, should a Bull Board upgrade ever stop calling
 * the hook above. No method-override middleware is installed, so X-HTTP-Method-Override means nothing.
 */
export function refuseWritesOtherThanPut(req: Request, res: Response, next: NextFunction): void {
  if (READ_METHODS.has(req.method) || req.method === 'PUT') next();
  else refuse(res);
}

/**
 * Behind the board: a write that no Bull Board route took (a double slash, `..`, an encoded letter in a
 * literal segment) is refused rather than answered 404, so every variant of a refused action gets the
 * same answer. Reads fall through to Express's 404.
 */
export function refuseUnroutedWrites(req: Request, res: Response, next: NextFunction): void {
  if (READ_METHODS.has(req.method)) next();
  else refuse(res);
}
