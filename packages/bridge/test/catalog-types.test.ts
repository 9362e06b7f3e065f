import { z } from 'zod';
import {
  JOBS,
  jobDefinition,
  readJobResult,
  type JobPayload,
  type JobResult,
  type ReadJobResult,
} from '../src/jobs/catalog';
import { defineJob, typedResult, type CatalogEntry } from '../src/jobs/define';

/** Compiles only when `value` is a `T`: the `@ts-expect-error` lines below are what `pnpm typecheck` checks. */
const is = <T>(value: T): T => value;

describe('job results from the catalog', () => {
  test('a create result is parsed; unknown keys are dropped', () => {
    expect(readJobResult('createOrder', { outcome: 'created', warehouseOrderNumber: 'W1', extra: 1 })).toEqual({
      ok: true,
      result: { outcome: 'created', warehouseOrderNumber: 'W1' },
    });
    expect(readJobResult('createAsn', { outcome: 'cancelled' })).toEqual({
      ok: true,
      result: { outcome: 'cancelled' },
    });
  });

  test('a result this version cannot read (another worker version wrote it) is not taken for one', () => {
    for (const stored of [
      { outcome: 'adopted', warehouseOrderNumber: 'W1' },
      { outcome: 'created' },
      undefined,
      'W1',
    ]) {
      const read = readJobResult('createOrder', stored);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.issue).toMatch(/^createOrder result: /);
    }
    expect(readJobResult('pushOrderInfo', { outcome: 'busy' }).ok).toBe(false);
  });

  test('a result with a type only is passed on as it is, and read as unknown', () => {
    const stored = { warehouses: 'not a number' };
    const read = readJobResult('refreshCatalog', stored);
    expect(read).toEqual({ ok: true, result: stored });
    if (read.ok) {
      const result: ReadJobResult<'refreshCatalog'> = read.result;
      // @ts-expect-error: nothing parsed it, so nothing is known of it
      expect(result.warehouses).toBe('not a number');
    }
  });

  test('a definition is found by its own name only', () => {
    expect(jobDefinition('createOrder')).toBe(JOBS.createOrder);
    expect(jobDefinition('toString')).toBeUndefined();
  });

  // Checked by the compiler (`pnpm typecheck`): each @ts-expect-error line must be an error, the others must not.
  test('the types refuse a wrong result, payload or catalog entry', () => {
    is<JobResult<'createOrder'>>({ outcome: 'created', warehouseOrderNumber: 'W1' });
    // @ts-expect-error: a created order has its warehouse number
    is<JobResult<'createOrder'>>({ outcome: 'created' });
    // @ts-expect-error: not an outcome of createOrder
    is<JobResult<'createAsn'>>({ outcome: 'adopted', referenceNumber: 'R1' });
    // @ts-expect-error: a busy push is retried, never finished with 'busy'
    is<JobResult<'pushOrderInfo'>>({ outcome: 'busy' });
    is<JobResult<'pollOrders'>>({ skipped: 'another poll of this tenant is running' });
    // @ts-expect-error: a poll counts what it checked
    is<JobResult<'pollOrders'>>({ checked: 'all' });

    is<JobPayload<'createOrder'>>({ tenant: 't', order: { orderNumber: 'O1' } });
    // @ts-expect-error: a createOrder carries its order
    is<JobPayload<'createOrder'>>({ tenant: 't' });

    const entry = { ...JOBS.pollOrders };
    is<CatalogEntry>(entry);
    is<CatalogEntry>(JOBS.createOrder);
    // @ts-expect-error: not a queue
    is<CatalogEntry>({ ...entry, queue: 'nowhere' });
    // @ts-expect-error: every entry states its result
    is<CatalogEntry>({ ...entry, result: undefined });
    // @ts-expect-error: a result is a schema or a typed result
    is<CatalogEntry>({ ...entry, result: 'number' });
    // @ts-expect-error: a payload is a schema
    is<CatalogEntry>({ ...entry, payload: { tenant: 'string' } });
    // @ts-expect-error: an id is a string
    is<CatalogEntry>({ ...entry, jobId: () => 1 });

    const keyed = {
      name: 'keyed',
      queue: 'orders',
      result: typedResult<number>(),
      attempts: 1,
      retryDelay: () => 0,
      timeoutMs: 1000,
      jobId: (k: { tenant: string; orderNumber: string }) => `${k.tenant}:${k.orderNumber}`,
    } as const;
    is<CatalogEntry>(defineJob({ ...keyed, payload: z.object({ tenant: z.string(), orderNumber: z.string() }) }));
    // @ts-expect-error: the payload must hold the key its id is built from
    defineJob({ ...keyed, payload: z.object({ tenant: z.string() }) });
  });
});

test("every job's payload schema is a z.object, so parsing gives enqueue a new object it may add the trace to", () => {
  for (const [name, definition] of Object.entries(JOBS)) {
    expect([name, definition.payload instanceof z.ZodObject]).toEqual([name, true]);
  }
});
