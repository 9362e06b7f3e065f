import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QUEUE_NAMES } from '@bridge/config';
import type { InventoryRefusalReason, QueueAdmin } from '@bridge/core';
import type { EtowerCallObservation } from '@bridge/etower';

/** The worker's Prometheus metrics. Queue depths are read from Redis when scraped, not kept in memory. */
export function createWorkerMetrics(queueJobs: Pick<QueueAdmin, 'counts'>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bridge_worker_' });
  const jobs = new Counter({
    name: 'bridge_jobs_total',
    help: 'Job attempts by queue, job and outcome (completed, failed, retried)',
    labelNames: ['queue', 'job', 'outcome'],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'bridge_job_duration_seconds',
    help: 'Duration of job attempts',
    labelNames: ['queue', 'job'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const etowerCalls = new Counter({
    name: 'bridge_etower_calls_total',
    help: 'eTower HTTP calls by endpoint and outcome (ok, http, auth, timeout, network, malformed)',
    labelNames: ['endpoint', 'outcome'],
    registers: [registry],
  });
  const etowerLatency = new Histogram({
    name: 'bridge_etower_call_duration_seconds',
    help: 'eTower call latency by endpoint',
    labelNames: ['endpoint'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const signatureFallbacks = new Counter({
    name: 'bridge_etower_signature_fallbacks_total',
    help: 'eTower 401s to a standard-Base64 signature with + or / sent once more in URL-safe Base64, by outcome (accepted: eTower takes URL-safe, used from then on; rejected: refused both, a key or clock problem)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const inventoryRefused = new Counter({
    name: 'bridge_inventory_rebuilds_refused_total',
    help: "Inventory rebuilds that read eTower but kept the previous snapshot, by tenant and reason (total-mismatch: the records read differ from eTower's total; empty: an empty read would replace rows)",
    labelNames: ['tenant', 'reason'],
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'bridge_webhook_deliveries_total',
    help: 'Pushes to Qianyi by method and outcome (delivered, superseded, already-delivered, failed)',
    labelNames: ['method', 'outcome'],
    registers: [registry],
  });
  new Gauge({
    name: 'bridge_queue_jobs',
    help: 'Jobs per queue and state, read at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      // A queue whose depths cannot be read now (Redis gone) shows none, not those of the last scrape that could.
      this.reset();
      for (const name of QUEUE_NAMES) {
        const counts = await queueJobs
          .counts(name, ['waiting', 'active', 'delayed', 'failed', 'prioritized'])
          .catch(() => undefined);
        for (const [state, n] of Object.entries(counts ?? {})) this.set({ queue: name, state }, n);
      }
    },
  });
  return {
    registry,
    jobFinished(queue: string, job: string, outcome: 'completed' | 'failed' | 'retried', seconds: number) {
      jobs.inc({ queue, job, outcome });
      jobDuration.observe({ queue, job }, seconds);
    },
    etowerCall(call: EtowerCallObservation) {
      const endpoint = call.endpoint.replace(/^\/api\/supplier-service/, '');
      etowerCalls.inc({ endpoint, outcome: call.outcome });
      etowerLatency.observe({ endpoint }, call.durationMs / 1000);
    },
    signatureFallback(outcome: 'accepted' | 'rejected') {
      signatureFallbacks.inc({ outcome });
    },
    /** Labels are bounded: tenants come from configuration, reasons from INVENTORY_REFUSAL_REASONS. */
    inventoryRefused(tenant: string, reason: InventoryRefusalReason) {
      inventoryRefused.inc({ tenant, reason });
    },
    webhook(method: string, outcome: string) {
      webhooks.inc({ method, outcome });
    },
    /** Gauges that read the state store (snapshot and catalog ages) register here. */
    gauge(
      name: string,
      help: string,
      labelNames: string[],
      collect: (set: (labels: Record<string, string>, value: number) => void) => Promise<void>,
    ) {
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          // Only what this scrape read: a tenant whose value cannot be read now shows none, not its last one.
          this.reset();
          await collect((labels, value) => this.set(labels, value));
        },
      });
    },
  };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
