import type { JobName } from './catalog';

/** eTower answers 401 when this host's clock is off or the key is wrong: worth a few tries, not a day of them. */
export const AUTH_MAX_ATTEMPTS = 3;

/** The log context of a job: the request that caused it (if any), its tenant and document, and its id. */
export interface JobTrace {
  reqId?: string;
  tenant?: string;
  orderNumber?: string;
  asnNumber?: string;
  jobId?: string;
}

/**
 * One attempt of a job as its processor sees it: plain values and two signals, no queue library. The runner
 * (run-attempt.ts) builds it; a test may build one by hand.
 */
export interface JobRun {
  id: string;
  name: JobName;
  /** This attempt's number, the first is 1. */
  attempt: number;
  /** How many attempts the job has in all. */
  attempts: number;
  /** The job's log context; `reqId` is the Qianyi call that caused it, passed on to the jobs this one enqueues. */
  trace: JobTrace;
  /** Aborts at the attempt's deadline: handed to every outbound call (eTower, Qianyi) the use case makes. */
  signal: AbortSignal;
  /** Whether a retryable failure of this kind is the job's last: use cases then record a final failure. */
  finalAttempt(kind: string): boolean;
  /**
   * Puts the job back for BUSY_RETRY_MS without spending one of its attempts (another delivery of the same document
   * holds its lock: not a failure of this one). Never resolves: return it, and the attempt ends there.
   */
  retryWhenFree(): Promise<never>;
}

/** The last attempt the queue will make, or the last 401 we accept: after it, a failure is final. */
export function isFinalAttempt(attempt: number, attempts: number, kind: string): boolean {
  return attempt >= attempts || (kind === 'auth' && attempt >= AUTH_MAX_ATTEMPTS);
}

/** The trace of a job from its id and data (enqueue.ts puts the caller's `reqId` beside the payload). */
export function traceOf(job: { id?: string | undefined; data?: unknown }): JobTrace {
  const d = (job.data ?? {}) as {
    trace?: { reqId?: string };
    tenant?: string;
    orderNumber?: string;
    asnNumber?: string;
    order?: { orderNumber?: string };
  };
  const orderNumber = d.orderNumber ?? d.order?.orderNumber;
  return {
    ...(d.trace?.reqId ? { reqId: d.trace.reqId } : {}),
    ...(d.tenant ? { tenant: d.tenant } : {}),
    ...(orderNumber ? { orderNumber } : {}),
    ...(d.asnNumber ? { asnNumber: d.asnNumber } : {}),
    ...(job.id ? { jobId: job.id } : {}),
  };
}
