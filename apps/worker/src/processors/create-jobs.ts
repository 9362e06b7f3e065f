import type { Queue } from 'bullmq';
import type { CreateJobs } from '@bridge/core';

/** The pollers' view of a document's create job in `queue` (found by `idOf(documentNumber)`), without BullMQ types. */
export function createJobsIn(queue: Queue, idOf: (documentNumber: string) => string): CreateJobs {
  return {
    state: async (documentNumber) => (await queue.getJob(idOf(documentNumber)))?.getState(),
    retry: async (documentNumber, from) => { await (await queue.getJob(idOf(documentNumber)))?.retry(from, { resetAttemptsMade: true }); },
  };
}
