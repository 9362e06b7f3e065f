import { QIANYI_METHODS } from '@bridge/qianyi';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestLog } from './request-log';

/**
 * Every label value comes from a closed set: a caller chooses the method string, and a label per string would
 * let anyone create series (and the memory behind them) without limit.
 */
const METHOD_LABELS = new Set<string>(QIANYI_METHODS);
const methodLabel = (method: string | undefined) =>
  method !== undefined && METHOD_LABELS.has(method) ? method : 'unknown';

const OUTCOME_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  404: 'not_found',
  408: 'timeout',
  413: 'too_large',
  503: 'unavailable',
};
const outcomeLabel = (status: number, success: boolean | undefined) =>
  status === 200 ? (success ? 'success' : 'refused') : (OUTCOME_BY_STATUS[status] ?? 'error');

/** `alternate-<n>` names which alternate matched; the family is what operators need. */
const candidateLabel = (candidate: string) =>
  candidate.startsWith('alternate-') ? candidate.replace(/-\d+/, '') : candidate;

/** The ingress's Prometheus metrics, fed from the request log entry of each finished Qianyi call. */
export function createIngressMetrics(sources: { bodyBytesInFlight(): number }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bridge_ingress_' });
  const requests = new Counter({
    name: 'bridge_ingress_requests_total',
    help: 'Qianyi calls by method (one of the ten, or unknown) and outcome (success, refused, bad_request, unauthorized, timeout, too_large, unavailable, error)',
    labelNames: ['method', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'bridge_ingress_request_duration_seconds',
    help: 'Time to answer a Qianyi call, by method (one of the ten, or unknown)',
    labelNames: ['method'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const signFailures = new Counter({
    name: 'bridge_ingress_signature_failures_total',
    help: 'Calls refused because the sign did not match a known accessId',
    registers: [registry],
  });
  const authFailures = new Counter({
    name: 'bridge_ingress_auth_failures_total',
    help: 'Calls refused 401, by reason (unknown_access_id, wrong_sign); the caller is told neither',
    labelNames: ['reason'],
    registers: [registry],
  });
  const candidates = new Counter({
    name: 'bridge_ingress_sign_candidate_total',
    help: 'Which signing recipe matched (tells how the ERP really signs)',
    labelNames: ['candidate'],
    registers: [registry],
  });
  const bodiesRefused = new Counter({
    name: 'bridge_ingress_bodies_refused_total',
    help: 'Bodies not read, by reason (too_large, busy: the in-flight body budget was spent, timeout)',
    labelNames: ['reason'],
    registers: [registry],
  });
  new Gauge({
    name: 'bridge_ingress_body_bytes_in_flight',
    help: 'Bytes of request bodies held now (MAX_INFLIGHT_BODY_BYTES is the ceiling)',
    registers: [registry],
    collect() {
      this.set(sources.bodyBytesInFlight());
    },
  });
  for (const reason of ['unknown_access_id', 'wrong_sign']) authFailures.inc({ reason }, 0);
  for (const reason of ['too_large', 'busy', 'timeout']) bodiesRefused.inc({ reason }, 0);
  return {
    registry,
    record(entry: RequestLog, status: number, seconds: number): void {
      const method = methodLabel(entry.qianyiMethod);
      requests.inc({ method, outcome: outcomeLabel(status, entry.success) });
      latency.observe({ method }, seconds);
      if (entry.authFailure) authFailures.inc({ reason: entry.authFailure });
      if (entry.authFailure === 'wrong_sign') signFailures.inc();
      if (entry.bodyRefused) bodiesRefused.inc({ reason: entry.bodyRefused });
      if (entry.signCandidate) candidates.inc({ candidate: candidateLabel(entry.signCandidate) });
    },
  };
}

export type IngressMetrics = ReturnType<typeof createIngressMetrics>;
