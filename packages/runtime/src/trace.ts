import { AsyncLocalStorage } from 'node:async_hooks';

/** What ties log lines together from a Qianyi call through its jobs (and the jobs those enqueue). */
export interface Trace {
  reqId?: string;
  tenant?: string;
  method?: string;
  orderNumber?: string;
  asnNumber?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<Trace>();

export function withTrace<T>(trace: Trace, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...trace }, work);
}

export function currentTrace(): Trace | undefined {
  return storage.getStore();
}
