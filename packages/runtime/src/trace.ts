/**
 * What ties log lines together from a Qianyi call through its jobs (and the jobs those enqueue). Passed
 * explicitly (the ingress's method context, a job's processor context), never through AsyncLocalStorage: on
 * Node 20 its promise hooks run on every promise in the process, ~10 % of the CPU of a call or a job.
 */
export interface Trace {
  reqId?: string;
  tenant?: string;
  method?: string;
  orderNumber?: string;
  asnNumber?: string;
  jobId?: string;
}
