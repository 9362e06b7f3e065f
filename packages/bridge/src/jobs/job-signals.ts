import { DelayedError, type Job } from 'bullmq';

/**
 * What a processor tells the runner besides returning: stop, this cannot succeed (BullMQ's UnrecoverableError, known
 * to the runner by its class), or try again once the other delivery of the same document is done (retryWhenFree).
 */
export { UnrecoverableError } from 'bullmq';

/** How soon a push waiting for another delivery of the same document tries again. */
export const BUSY_RETRY_MS = 1000;

/**
 * Puts the running job back for BUSY_RETRY_MS without spending one of its attempts (the other delivery is not a
 * failure of this one), and throws what tells BullMQ the job was moved, not finished.
 */
export async function retryWhenFree(job: Job, token: string | undefined): Promise<never> {
  await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
  throw new DelayedError();
}
