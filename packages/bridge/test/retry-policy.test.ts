import { exponentialWithJitter, fixedSchedule } from '../src/jobs/retry-policy';

describe('retry policies', () => {
  test('exponential with jitter stays within [exp/2, exp] and under the cap', () => {
    const delay = exponentialWithJitter(1000, 8000);
    for (let attempt = 1; attempt <= 8; attempt++) {
      const exp = Math.min(8000, 1000 * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i++) {
        const d = delay(attempt, new Error('x'));
        expect(d).toBeGreaterThanOrEqual(exp / 2);
        expect(d).toBeLessThanOrEqual(exp);
      }
    }
  });
  test('fixed schedule picks the delay for the attempt and repeats the last', () => {
    const delay = fixedSchedule([0, 5000, 300000]);
    expect(delay(0, null)).toBe(0);
    expect(delay(1, null)).toBe(5000);
    expect(delay(2, null)).toBe(300000);
    expect(delay(9, null)).toBe(300000);
  });
});
