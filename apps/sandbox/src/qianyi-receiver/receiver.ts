// The fake Qianyi webhook endpoints (seed §12): receiveOdo for pushOrderInfo, receiveAsn for
// pushAsnInfo. It checks what a real ERP would plausibly check, sign first, then content, and
// answers like the seed's examples: HTTP 200 with {success, errorMsg}.
import express, { type Request, type Response } from 'express';
import { parseEnvelope, parsePushContent, verifySign, type WebhookMethod } from '@bridge/qianyi';
import type { PushBody, PushStore, ReceivedPush } from './store';

export interface ReceiverLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

interface Endpoint {
  kind: 'order' | 'asn';
  method: WebhookMethod;
}
const ENDPOINTS: Record<string, Endpoint> = {
  receiveOdo: { kind: 'order', method: 'pushOrderInfo' },
  receiveAsn: { kind: 'asn', method: 'pushAsnInfo' },
};

function readBody(
  kind: 'order' | 'asn',
  content: string | undefined,
): { ok: true; body: PushBody } | { ok: false; message: string } {
  if (kind === 'order') {
    const r = parsePushContent('pushOrderInfo', content);
    return r.ok ? { ok: true, body: { kind, content: r.value } } : r;
  }
  const r = parsePushContent('pushAsnInfo', content);
  return r.ok ? { ok: true, body: { kind, content: r.value } } : r;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The host app may or may not have parsed the body already; both end up as raw bytes here so
// the envelope is read exactly as the bridge's own ingress reads Qianyi's calls.
function rawBodyOf(req: Request): Buffer {
  if (Buffer.isBuffer(req.body)) return req.body;
  if (req.body !== undefined && req.body !== null && typeof req.body === 'object') {
    return Buffer.from(JSON.stringify(req.body));
  }
  return Buffer.alloc(0);
}

export function createPushRouter(
  tenants: ReadonlyArray<{ accessId: string; secretKey: string }>,
  store: PushStore,
  logger: ReceiverLogger,
): express.Router {
  const secrets = new Map(tenants.map((t) => [t.accessId, t.secretKey]));
  const router = express.Router();
  // Own body parsing, whatever the host app does: raw bytes of any type, up to a label-sized limit.
  // Attached to the two routes only, so mounting this router at "/" leaves other routes' bodies alone.
  const rawBody = express.raw({ type: () => true, limit: '25mb' });

  for (const [segment, endpoint] of Object.entries(ENDPOINTS)) {
    router.post(`/sys/automatic/${segment}/:type`, rawBody, async (req: Request, res: Response) => {
      const type = String(req.params.type ?? '');
      const receivedAt = new Date().toISOString();
      const reject = (reason: string, extra: { accessId?: string; method?: string } = {}, httpStatus = 200) => {
        store.rejected.push({
          seq: store.nextSeq(),
          kind: endpoint.kind,
          type,
          ...extra,
          reason,
          httpStatus,
          receivedAt,
        });
        logger.warn({ kind: endpoint.kind, type, accessId: extra.accessId, reason }, 'qianyi sandbox refused a push');
        if (httpStatus !== 200) {
          res
            .status(httpStatus)
            .type('text/html')
            .send('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
        } else {
          res.status(200).json({ success: false, errorMsg: reason });
        }
      };

      const fault = store.takeFault();
      if (fault?.mode === 'down') return reject('fault: down', {}, 503);
      if (fault?.mode === 'success-false') return reject('fault: success-false (simulated ERP refusal)');
      if (fault?.mode === 'slow') await sleep(fault.delayMs);

      const parsed = parseEnvelope(rawBodyOf(req), req.headers['content-type']);
      if (!parsed.ok) return reject(parsed.message);
      const { accessId, method, content, sign, contentAlternates } = parsed.envelope;
      const who = { accessId, method };
      if (method.trim() !== endpoint.method) return reject(`method must be ${endpoint.method} on ${segment}`, who);
      const secretKey = secrets.get(accessId);
      if (secretKey === undefined) return reject(`unknown accessId ${accessId}`, who);
      const verdict = verifySign({ accessId, content, contentAlternates, sign, secretKey });
      if (!verdict.ok) return reject('sign does not match', who);
      const body = readBody(endpoint.kind, content);
      if (!body.ok) return reject(body.message, who);

      const push: ReceivedPush = {
        seq: store.nextSeq(),
        type,
        accessId,
        method,
        raw: content ?? '',
        signCandidate: verdict.candidate,
        receivedAt,
        ...body.body,
      };
      store.pushes.push(push);
      const key = body.body.kind === 'order' ? body.body.content.orderNumber : body.body.content.asnNumber;
      logger.info(
        { seq: push.seq, kind: endpoint.kind, type, accessId, key, signCandidate: verdict.candidate },
        'qianyi sandbox accepted a push',
      );
      res.status(200).json({ success: true, errorMsg: '' });
    });
  }

  // A body over the limit or a stream error: answer like the ERP would, never crash the sandbox.
  router.use('/sys/automatic', (err: unknown, _req: Request, res: Response, next: (e?: unknown) => void) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number }).status ?? 500;
    res.status(status).json({ success: false, errorMsg: err instanceof Error ? err.message : 'request failed' });
  });
  return router;
}
