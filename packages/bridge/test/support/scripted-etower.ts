import { etowerClientOver, type EtowerClient, type EtowerRequest, type EtowerTransport } from '@bridge/etower';

/**
 * An in-process eTower for use-case tests: each endpoint answers from a script (a raw body, or an error thrown as
 * the HTTP transport would throw it), so eTower's answers go through the client's real decoders. Every request is
 * recorded; an endpoint without a script left is a test bug and says so.
 */
export type ScriptedAnswer = unknown | ((request: EtowerRequest) => unknown);

export interface ScriptedEtower {
  client: EtowerClient;
  requests: EtowerRequest[];
  /** Answers `path` with these, one per call, then with `then` (if given) for every later call. */
  script(path: string, answers: ScriptedAnswer[], then?: ScriptedAnswer): void;
  /** How many requests went to `path`. */
  calls(path: string): number;
}

export function scriptedEtower(): ScriptedEtower {
  const queues = new Map<string, ScriptedAnswer[]>();
  const fallbacks = new Map<string, ScriptedAnswer>();
  const requests: EtowerRequest[] = [];
  const transport: EtowerTransport = {
    async send(request) {
      requests.push(request);
      const queued = queues.get(request.path);
      const answer =
        queued && queued.length > 0
          ? queued.shift()
          : fallbacks.has(request.path)
            ? fallbacks.get(request.path)
            : NO_SCRIPT;
      if (answer === NO_SCRIPT) throw new Error(`test bug: no scripted answer for ${request.path}`);
      const body = typeof answer === 'function' ? (answer as (r: EtowerRequest) => unknown)(request) : answer;
      if (body instanceof Error) throw body;
      return body;
    },
    detectFlavour: async () => {
      throw new Error('test bug: detectFlavour is not scripted');
    },
    signatureFlavour: () => undefined,
    close: () => undefined,
  };
  return {
    client: etowerClientOver(transport),
    requests,
    script(path, answers, then) {
      queues.set(path, [...answers]);
      if (then !== undefined) fallbacks.set(path, then);
      else fallbacks.delete(path);
    },
    calls: (path) => requests.filter((r) => r.path === path).length,
  };
}

const NO_SCRIPT = Symbol('no script');

/** eTower's response envelope with `fields` over a success. */
export const envelope = (fields: Record<string, unknown>) => ({
  code: '0',
  data: '',
  errors: '',
  message: '',
  messageId: '',
  success: true,
  warnList: '',
  ...fields,
});

/** createOrders' answer for one order eTower created as `orderNo`. */
export const created = (referenceNo: string, orderNo: string) => [envelope({ data: { orderNo, referenceNo } })];

/** createOrders' answer refusing one order with eTower's code and message. */
export const refused = (referenceNo: string, code: string, message: string) => [
  envelope({
    code: '00005',
    success: false,
    message: 'paramter error',
    data: { orderNo: '', referenceNo },
    errors: [{ code, message }],
  }),
];

/** orderList's answer: eTower's records (none: the order is not there). */
export const orderList = (...records: Array<Record<string, unknown>>) => envelope({ data: records });

/** One orderList record. status 0 is an unconfirmed draft, 1 accepted, 3 shipped. */
export const etowerOrder = (
  referenceNo: string,
  orderNo: string,
  status: number,
  extra: Record<string, unknown> = {},
) => ({ orderNo, referenceNo, status, statusMsg: '', serviceName: 'USPS Ground', trackingNo: '', ...extra });
