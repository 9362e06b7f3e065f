import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyBudget } from './body-budget';

export interface BodyLimits {
  /** One call's body (MAX_BODY_BYTES). */
  maxBytes: number;
  /** Time for the whole body to arrive once the headers have (BODY_TIMEOUT_MS). */
  timeoutMs: number;
  /** Bytes of bodies held at once over all calls (MAX_INFLIGHT_BODY_BYTES). */
  budget: BodyBudget;
}

export type BodyRefusal =
  | { reason: 'too_large'; status: 413 }
  | { reason: 'busy'; status: 503 }
  /** The socket is closed after this answer: a client that stalls its body gets no second chance on it. */
  | { reason: 'timeout'; status: 408 };

export type BodyRead =
  | { ok: true; body: Buffer }
  | { ok: false; refusal: BodyRefusal }
  /** The client went away before its body ended: there is nobody to answer. */
  | { ok: false; gone: true };

function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}

/**
 * Reads a request body within the limits. The bytes it keeps are reserved from the shared budget and given back
 * when the answer has gone (`res` closes). A body refused for its size or for lack of room is still read to its
 * end but nothing of it is kept, so the client, which is usually still sending, receives the answer instead of a
 * reset connection; the deadline bounds that too.
 */
export function readBody(req: IncomingMessage, res: ServerResponse, limits: BodyLimits): Promise<BodyRead> {
  let reserved = 0;
  res.once('close', () => limits.budget.release(reserved));
  const giveBack = () => {
    limits.budget.release(reserved);
    reserved = 0;
  };

  return new Promise<BodyRead>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refusal: BodyRefusal | undefined;
    const refuse = (r: BodyRefusal) => {
      if (refusal) return;
      refusal = r;
      chunks.length = 0;
      giveBack();
    };

    const declared = declaredLength(req);
    if (declared !== undefined && declared > limits.maxBytes) refuse({ reason: 'too_large', status: 413 });
    else if (declared !== undefined) {
      if (limits.budget.reserve(declared)) reserved = declared;
      else refuse({ reason: 'busy', status: 503 });
    }

    const settle = (read: BodyRead) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      if (refusal) return;
      size += chunk.length;
      if (size > limits.maxBytes) return refuse({ reason: 'too_large', status: 413 });
      // A chunked body (no Content-Length) or one longer than it said reserves as it grows.
      if (size > reserved) {
        if (!limits.budget.reserve(size - reserved)) return refuse({ reason: 'busy', status: 503 });
        reserved = size;
      }
      chunks.push(chunk);
    };
    const onEnd = () =>
      settle(
        refusal
          ? { ok: false, refusal }
          : { ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) },
      );
    const onClose = () => {
      if (!req.complete) {
        giveBack();
        settle({ ok: false, gone: true });
      }
    };
    const timer = setTimeout(() => {
      chunks.length = 0;
      giveBack();
      settle({ ok: false, refusal: { reason: 'timeout', status: 408 } });
    }, limits.timeoutMs);

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', () => {
      /* followed by 'close'; nothing to answer */
    });
  });
}
