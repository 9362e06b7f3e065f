import { classifyEtowerFailure } from '@bridge/etower';
import type { Env } from '@bridge/config';

/** How long to wait before the next attempt, given how many attempts were made, the last error and the config. */
export type RetryDelay = (attemptsMade: number, error: unknown, env: Env) => number;

/**
 * Exponential backoff from ETOWER_RETRY_BASE_MS with jitter, capped, honouring an eTower Retry-After when it asks
 * for longer. Jitter spreads a burst of failures so that 200 retries do not all hit eTower in the same second.
 */
export function exponentialWithJitter(capMs: number): RetryDelay {
  return (attemptsMade, error, env) => {
    const exp = Math.min(capMs, env.ETOWER_RETRY_BASE_MS * 2 ** Math.max(0, attemptsMade - 1));
    const jittered = exp / 2 + Math.random() * (exp / 2);
    const asked = classifyEtowerFailure(error).retryAfterMs ?? 0;
    return Math.round(Math.max(jittered, asked));
  };
}

/** Attempt n+1 waits WEBHOOK_RETRY_SCHEDULE_MS[n] (the last entry repeats). */
export const webhookSchedule: RetryDelay = (attemptsMade, _error, env) => {
  const schedule = env.WEBHOOK_RETRY_SCHEDULE_MS;
  return schedule[Math.min(attemptsMade, schedule.length - 1)] ?? 0;
};
