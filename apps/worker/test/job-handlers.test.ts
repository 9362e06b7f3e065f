import { TenantRegistry, UnknownTenantError, type JobRun } from '@bridge/core';
import { jobHandlers } from '../src/job-handlers';
import type { ProcessorContext } from '../src/processors/context';

// A job of a tenant the worker was not configured with stops before its processor runs, with the error runAttempt
// sorts (final for a scheduler's job: packages/bridge/test/job-schedulers.int.test.ts).

test('a job of a tenant this worker does not know throws UnknownTenantError before its processor runs', async () => {
  // Only the registry: a processor reached would fail on the missing context instead (the sweep asks no registry).
  const ctx = { tenants: new TenantRegistry([]) } as unknown as ProcessorContext;
  const run = { trace: {} } as JobRun;
  const handlers = jobHandlers(ctx);
  for (const name of ['sweepExpired', 'pollAsns', 'pollOrders'] as const) {
    const err = await handlers[name]!({ tenant: 'gone' }, run).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownTenantError);
    expect(err).toMatchObject({ tenant: 'gone' });
  }
});
