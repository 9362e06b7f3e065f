import type { Redis } from 'ioredis';
import { isRedisReady } from '@bridge/runtime';

export interface RedisReadinessOptions {
  /** How long a PING's answer is reused. */
  maxAgeMs?: number;
  /** How long a PING may go unanswered before readiness says no (the PING itself is left to its commandTimeout). */
  timeoutMs?: number;
}

/**
 * Readiness of the ingress's Redis for /readyz, which anyone who reaches the public port may call: a caller without
 * credentials must cost nothing, so at most one PING is outstanding and its answer is reused for `maxAgeMs`;
 * concurrent calls share the PING in flight. The connection's status is still read on every call, so a dropped
 * connection shows at once; a Redis that stops answering shows within `maxAgeMs + timeoutMs`.
 */
export function redisReadiness(redis: Redis, options: RedisReadinessOptions = {}): () => Promise<boolean> {
  const maxAgeMs = options.maxAgeMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 1000;
  let last: { ready: boolean; at: number } | undefined;
  // While a PING is unanswered no other is sent, even past its deadline: a hung Redis gets one PING, not one a second.
  let inFlight: Promise<boolean> | undefined;

  const ping = (): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
    });
    const answered = redis.ping().then(
      () => true,
      () => false,
    );
    void answered.then((ready) => {
      clearTimeout(timer);
      last = { ready, at: Date.now() };
      inFlight = undefined;
    });
    return Promise.race([answered, deadline]);
  };

  return async () => {
    if (!isRedisReady(redis)) return false;
    if (inFlight) return inFlight;
    if (last && Date.now() - last.at < maxAgeMs) return last.ready;
    inFlight = ping();
    return inFlight;
  };
}
