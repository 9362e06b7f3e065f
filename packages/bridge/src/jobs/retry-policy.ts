import { classifyEtowerFailure } from '@bridge/etower';

/** How long to wait before the next attempt, given how many attempts were made and the last error. */
export type RetryDelay = (attemptsMade: number, error: unknown) => number;

/**
 * Exponential backoff with full jitter, capped, that honours an eTower Retry-After when it asks for longer.
 * Jitter spreads a burst of failures so that 200 retries do not all hit eTower in the same second.
 */
export function exponentialWithJitter(baseMs: number, capMs: number): RetryDelay {
  return (attemptsMade, error) => {
    const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
    const jittered = exp / 2 + Math.random() * (exp / 2);
    const asked = classifyEtowerFailure(error).retryAfterMs ?? 0;
    return Math.round(Math.max(jittered, asked));
  };
}

/** A fixed list of delays: attempt n+1 waits schedule[n] (the webhook schedule of the contract). */
export function fixedSchedule(scheduleMs: readonly number[]): RetryDelay {
  return (attemptsMade) => scheduleMs[Math.min(attemptsMade, scheduleMs.length - 1)] ?? 0;
}
