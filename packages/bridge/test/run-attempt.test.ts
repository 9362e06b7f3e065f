import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { EtowerAuthError, EtowerBusinessError, EtowerHttpError } from '@bridge/etower';
import { BUSY_RETRY_MS } from '../src/jobs/job-signals';
import type { JobRun } from '../src/jobs/job-run';
import { JobTimeoutError, runAttempt, type JobHandler } from '../src/jobs/run-attempt';
import { UnknownTenantError } from '../src/tenants/unknown-tenant-error';

// The attempt runner's branches, one attempt at a time with a job as BullMQ hands it over: what reaches the
// processor, and how each failure is sorted into "retry later" (thrown as is) or "cannot succeed"
// (UnrecoverableError). The same runner under a real BullMQ Worker: consume.int.test.ts.

const TENANT = 'ra-tenant';
const poll = { tenant: TENANT };

interface FakeJob {
  job: Job;
  /** The moves to delayed the runner asked for: when, under which lock token. */
  delays: Array<{ at: number; token: string | undefined }>;
}

function jobOf(name: string, data: unknown, attemptsMade = 0, attempts = 3): FakeJob {
  const delays: FakeJob['delays'] = [];
  const job = {
    id: `ra-${name}-${attemptsMade}`,
    name,
    data,
    attemptsMade,
    opts: { attempts },
    moveToDelayed: async (at: number, token?: string) => {
      delays.push({ at, token });
    },
  } as unknown as Job;
  return { job, delays };
}

const failingWith =
  (err: unknown): JobHandler =>
  async () => {
    throw err;
  };

test('the handler gets the payload as the catalog parsed it and the attempt as plain values', async () => {
  let seen: { payload: unknown; run: JobRun } | undefined;
  const { job } = jobOf('pollOrders', { ...poll, trace: { reqId: 'req-1' } }, 1, 3);
  const result = await runAttempt(job, 'tok', {
    pollOrders: async (payload, run) => {
      seen = { payload, run };
      return { polled: 1 };
    },
  });
  expect(result).toEqual({ polled: 1 });
  // The trace rides beside the payload, not in it.
  expect(seen?.payload).toEqual(poll);
  expect(seen?.run).toMatchObject({
    id: 'ra-pollOrders-1',
    name: 'pollOrders',
    attempt: 2,
    attempts: 3,
    trace: { reqId: 'req-1', tenant: TENANT, jobId: 'ra-pollOrders-1' },
  });
  expect(seen?.run.signal.aborted).toBe(false);
  expect(seen?.run.finalAttempt('http')).toBe(false);
});

test('finalAttempt: the last attempt of the job, or the third for an authentication failure', async () => {
  const finals: Array<[string, boolean]> = [];
  const record: JobHandler = async (_p, run) => {
    finals.push([`${run.attempt}/${run.attempts}`, run.finalAttempt('http')], ['auth', run.finalAttempt('auth')]);
  };
  await runAttempt(jobOf('pollOrders', poll, 2, 3).job, undefined, { pollOrders: record });
  await runAttempt(jobOf('pollOrders', poll, 2, 8).job, undefined, { pollOrders: record });
  await runAttempt(jobOf('pollOrders', poll, 0, 8).job, undefined, { pollOrders: record });
  expect(finals).toEqual([
    ['3/3', true],
    ['auth', true],
    ['3/8', false],
    ['auth', true],
    ['1/8', false],
    ['auth', false],
  ]);
});

test('a job without a handler, or whose payload the catalog refuses, cannot succeed', async () => {
  await expect(runAttempt(jobOf('pollOrders', poll).job, undefined, {})).rejects.toThrow(
    new UnrecoverableError('no processor for job "pollOrders" in this worker version'),
  );
  await expect(runAttempt(jobOf('noSuchJob', poll).job, undefined, { pollOrders: async () => 1 })).rejects.toThrow(
    UnrecoverableError,
  );
  const refused = runAttempt(jobOf('pollOrders', { tenant: '' }).job, undefined, { pollOrders: async () => 1 });
  await expect(refused).rejects.toBeInstanceOf(UnrecoverableError);
  await expect(refused).rejects.toThrow(/^invalid payload for pollOrders: tenant /);
});

test('failures are sorted: retryable ones thrown as they are, the others made unrecoverable', async () => {
  const run = (err: unknown, attemptsMade = 0) =>
    runAttempt(jobOf('pollOrders', poll, attemptsMade, 8).job, undefined, { pollOrders: failingWith(err) });

  const unavailable = new EtowerHttpError('orderList', 503, 'busy');
  await expect(run(unavailable)).rejects.toBe(unavailable);
  const unknown = new Error('socket hang up');
  await expect(run(unknown)).rejects.toBe(unknown);

  const refused = run(new EtowerBusinessError('orderList', '600101', 'bad request', []));
  await expect(refused).rejects.toBeInstanceOf(UnrecoverableError);
  await expect(run(new EtowerHttpError('orderList', 400, 'bad'))).rejects.toBeInstanceOf(UnrecoverableError);

  // A processor's own UnrecoverableError goes through untouched.
  const own = new UnrecoverableError('recorded as failed already');
  await expect(run(own)).rejects.toBe(own);
});

test("a tenant the worker does not know: final for a scheduler's job, retried for a one-off job", async () => {
  const gone = new UnknownTenantError('gone-tenant');
  const scheduled = jobOf('pollOrders', { tenant: 'gone-tenant' }, 0, 3).job;
  Object.assign(scheduled, { repeatJobKey: 'pollOrders-gone-tenant' });
  const final = runAttempt(scheduled, undefined, { pollOrders: failingWith(gone) });
  await expect(final).rejects.toBeInstanceOf(UnrecoverableError);
  await expect(final).rejects.toThrow(
    'unknown tenant gone-tenant: it is not in the configuration of this process (made by job scheduler pollOrders-gone-tenant',
  );
  const oneOff = jobOf('pollOrders', { tenant: 'gone-tenant' }, 0, 3).job;
  await expect(runAttempt(oneOff, undefined, { pollOrders: failingWith(gone) })).rejects.toBe(gone);
});

test('an authentication failure is retried twice, then given up with a hint', async () => {
  const auth = new EtowerAuthError('orderList', '');
  await expect(
    runAttempt(jobOf('pollOrders', poll, 1, 8).job, undefined, { pollOrders: failingWith(auth) }),
  ).rejects.toBe(auth);
  const third = runAttempt(jobOf('pollOrders', poll, 2, 8).job, undefined, { pollOrders: failingWith(auth) });
  await expect(third).rejects.toBeInstanceOf(UnrecoverableError);
  await expect(third).rejects.toThrow(/gave up after 3 attempts: check the eTower token and key/);
});

test('at its deadline the attempt ends with JobTimeoutError and its work is told to stop', async () => {
  let signal: AbortSignal | undefined;
  const hung: JobHandler = (_p, run) => {
    signal = run.signal;
    return new Promise(() => undefined);
  };
  const err = await runAttempt(jobOf('pollOrders', poll).job, undefined, { pollOrders: hung }, { timeoutMs: 20 }).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(JobTimeoutError);
  expect((err as Error).message).toBe('pollOrders did not finish within 20 ms');
  expect(signal?.aborted).toBe(true);
  expect(signal?.reason).toBe(err);
});

test('retryWhenFree moves the job back under its lock token and tells BullMQ it was delayed, not failed', async () => {
  const { job, delays } = jobOf('pushOrderInfo', { tenant: TENANT, orderNumber: 'SO-1', version: 2 });
  const before = Date.now();
  const err = await runAttempt(job, 'lock-token', { pushOrderInfo: (_p, run) => run.retryWhenFree() }).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DelayedError);
  expect(delays).toHaveLength(1);
  expect(delays[0]!.token).toBe('lock-token');
  expect(delays[0]!.at).toBeGreaterThanOrEqual(before + BUSY_RETRY_MS);
});
