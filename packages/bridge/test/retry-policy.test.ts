import { loadConfig } from '@bridge/config';
import { EtowerHttpError } from '@bridge/etower';
import { exponentialWithJitter, webhookSchedule } from '../src/jobs/retry-policy';

const env = loadConfig(
  { ETOWER_RETRY_BASE_MS: '1000', WEBHOOK_RETRY_SCHEDULE_MS: '0,5000,300000' },
  { requireTenants: false },
).env;

describe('retry policies', () => {
  test('exponential with jitter stays within [exp/2, exp] and under the cap', () => {
    const delay = exponentialWithJitter(8000);
    for (let attempt = 1; attempt <= 8; attempt++) {
      const exp = Math.min(8000, 1000 * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i++) {
        const d = delay(attempt, new Error('x'), env);
        expect(d).toBeGreaterThanOrEqual(exp / 2);
        expect(d).toBeLessThanOrEqual(exp);
      }
    }
  });
  test('a longer Retry-After from eTower wins', () => {
    const err = new EtowerHttpError('createOrders', 429, '', 30000);
    expect(exponentialWithJitter(8000)(1, err, env)).toBeGreaterThanOrEqual(30000);
  });
  test('webhook schedule picks the delay for the attempt and repeats the last', () => {
    expect(webhookSchedule(0, null, env)).toBe(0);
    expect(webhookSchedule(1, null, env)).toBe(5000);
    expect(webhookSchedule(2, null, env)).toBe(300000);
    expect(webhookSchedule(9, null, env)).toBe(300000);
  });
});
