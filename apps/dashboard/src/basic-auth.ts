import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { clientKey, type LoginLimiter } from './login-limiter';

export interface Credentials {
  user: string;
  password: string;
}

// Both sides are hashed first so the comparison is constant-time whatever the lengths (timingSafeEqual
// needs equal-length buffers, and an early length check would leak the length).
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** Parses `Authorization: Basic base64(user:password)`; the password may itself contain ':'. */
export function parseBasicAuth(header: string | undefined): Credentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export interface BasicAuthOptions {
  /** Counts wrong credentials per client address and refuses an address that had too many (429). */
  limiter: LoginLimiter;
  /** Told once per window, when an address reaches the limit. */
  onBlocked?: (address: string, retryAfterSeconds: number) => void;
  realm?: string;
}

/** Every request must carry the credentials; mounted before anything else it guards, static assets included. */
export function basicAuth(expected: Credentials, options: BasicAuthOptions) {
  const { limiter, onBlocked, realm = 'bridge dashboard' } = options;
  return (req: Request, res: Response, next: NextFunction): void => {
    const address = clientKey(req.socket.remoteAddress);
    const before = limiter.check(address);
    if (before.blocked) {
      res.set('Retry-After', String(before.retryAfterSeconds));
      res.status(429).type('text/plain').send('too many failed logins from this address: try again later');
      return;
    }
    const header = req.headers.authorization;
    const given = parseBasicAuth(header);
    // Both comparisons always run, so a right user with a wrong password takes as long as a wrong user.
    const userOk = safeEqual(given?.user ?? '', expected.user);
    const passwordOk = safeEqual(given?.password ?? '', expected.password);
    if (given && userOk && passwordOk) {
      next();
      return;
    }
    // A request without credentials guesses nothing (a browser's first request, before it asks): only
    // credentials that were tried and wrong count.
    if (header !== undefined) {
      limiter.recordFailure(address);
      const after = limiter.check(address);
      if (after.blocked) onBlocked?.(address, after.retryAfterSeconds);
    }
    res.set('WWW-Authenticate', `Basic realm="${realm}", charset="UTF-8"`);
    res.status(401).type('text/plain').send('authentication required');
  };
}
