import type { JobSchedulerInfo } from '@bridge/core';
import { staleSchedulers } from '../src/stale-schedulers';

// What a worker's start says of the Job Schedulers on its queues whose tenant it does not have (main.ts logs it
// as one warning). Listing them from Redis: packages/bridge/test/job-schedulers.int.test.ts.

const scheduler = (id: string, tenant: string | undefined): JobSchedulerInfo => ({
  id,
  queue: 'orders',
  name: id.split('-')[0]!,
  tenant,
  everyMs: 60000,
  nextRunAt: 0,
});

test('names the schedulers of tenants not configured, and one ops command per such tenant', () => {
  const stale = staleSchedulers(
    [
      scheduler('pollOrders-acme', 'acme'),
      scheduler('pollOrders-old-shop', 'old-shop'),
      scheduler('sweepExpired-old-shop', 'old-shop'),
      scheduler('pollOrders-gone', 'gone'),
      scheduler('drainOutbox', undefined),
    ],
    ['acme'],
  );
  expect(stale).toEqual({
    ids: ['pollOrders-gone', 'pollOrders-old-shop', 'sweepExpired-old-shop'],
    tenants: ['gone', 'old-shop'],
    remove: ['pnpm ops unschedule gone', 'pnpm ops unschedule old-shop'],
  });
});

test('says nothing when every tenant is configured (a scheduler without a tenant never counts)', () => {
  expect(staleSchedulers([scheduler('pollOrders-acme', 'acme'), scheduler('drainOutbox', undefined)], ['acme'])).toBe(
    undefined,
  );
  expect(staleSchedulers([], [])).toBe(undefined);
});

test('an accessId with shell punctuation is quoted in the command', () => {
  const stale = staleSchedulers([scheduler("pollOrders-it's$x", "it's$x")], []);
  expect(stale?.remove).toEqual([`pnpm ops unschedule 'it'\\''s$x'`]);
});
