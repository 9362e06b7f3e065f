import type { NextFunction, Request, Response } from 'express';
import { verifyEtowerAuthorization } from '@bridge/etower/signing';
import type { SimulatorState } from './state';

/** The URL as the client signed it: scheme + Host header + original path and query. */
export function fullUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`;
}

/** Verifies every request's signature exactly as reference §1 describes, in the Base64 flavours this eTower
 *  accepts and against its own (possibly skewed) clock; 401 JSON otherwise. */
export function authMiddleware(state: SimulatorState) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const result = verifyEtowerAuthorization({
      method: req.method,
      url: fullUrlOf(req),
      dateHeader: req.get('x-walltech-date'),
      authorization: req.get('authorization'),
      token: state.options.token,
      key: state.options.key,
      now: new Date(state.serverNow()),
      flavours: state.auth.signatureFlavours,
    });
    if (result.ok) {
      next();
      return;
    }
    state.stats.unauthorized += 1;
    res
      .status(401)
      .json({ code: '401', success: false, message: `Unauthorized: ${result.reason}`, data: '', errors: '' });
  };
}
