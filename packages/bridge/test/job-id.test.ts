import { jobId } from '../src/jobs/job-id';

describe('jobId', () => {
  test('deterministic and free of BullMQ separators', () => {
    expect(jobId('createOrder', 'acc', 'SO-1')).toBe('createOrder-acc-SO-1');
    const id = jobId('createOrder', 'a:b', '123:45%');
    expect(id).not.toContain(':');
    expect(id).toBe('createOrder-a%3Ab-123%3A45%25');
  });
  test('distinct keys stay distinct after escaping', () => {
    expect(jobId('x', 'a:b')).not.toBe(jobId('x', 'a%3Ab'));
  });
  test('never all digits', () => {
    expect(jobId('createOrder', '123')).not.toMatch(/^\d+$/);
  });
});
