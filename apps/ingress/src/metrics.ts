import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestLog } from './request-log';

const OUTCOME_BY_STATUS: Record<number, string> = { 400: 'bad_request', 401: 'unauthorized', 404: 'not_found', 413: 'too_large', 503: 'unavailable' };

/** The ingress's Prometheus metrics, fed from the request log line of each finished request. */
export function createIngressMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bridge_ingress_' });
  const requests = new Counter({ name: 'bridge_ingress_requests_total', help: 'Qianyi calls by method and outcome (success, refused, bad_request, unauthorized, too_large, unavailable, error)', labelNames: ['method', 'outcome'], registers: [registry] });
  const latency = new Histogram({ name: 'bridge_ingress_request_duration_seconds', help: 'Time to answer a Qianyi call, by method', labelNames: ['method'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] });
  const signFailures = new Counter({ name: 'bridge_ingress_signature_failures_total', help: 'Calls refused because the sign did not match', registers: [registry] });
  const candidates = new Counter({ name: 'bridge_ingress_sign_candidate_total', help: 'Which signing recipe matched (tells how the ERP really signs)', labelNames: ['candidate'], registers: [registry] });
  return {
    registry,
    record(entry: RequestLog, status: number, seconds: number): void {
      const method = entry.qianyiMethod ?? 'none';
      const outcome = status === 200 ? (entry.success ? 'success' : 'refused') : OUTCOME_BY_STATUS[status] ?? 'error';
      requests.inc({ method, outcome });
      latency.observe({ method }, seconds);
      if (entry.signFailed) signFailures.inc();
      if (entry.signCandidate) candidates.inc({ candidate: entry.signCandidate });
    },
  };
}

export type IngressMetrics = ReturnType<typeof createIngressMetrics>;
