/**
 * What a processor tells the runner besides returning: stop, this cannot succeed (BullMQ's UnrecoverableError, known
 * to the runner by its class), or try again once the other delivery of the same document is done
 * (`run.retryWhenFree()`, job-run.ts).
 */
export { UnrecoverableError } from 'bullmq';

/** How soon a push waiting for another delivery of the same document tries again. */
export const BUSY_RETRY_MS = 1000;
