import { appRoutes } from '@bull-board/api/dist/routes.js';
import { ALLOWED_WRITES, boardHooks, isAllowedRoute } from '../src/write-policy';

// Every route of the installed Bull Board that is not a GET, as it spells them. A Bull Board upgrade that
// adds, renames or removes one fails here, so the new route is looked at (and stays refused meanwhile).
const WRITES_ALLOWED = [
  'put /api/queues/pause',
  'put /api/queues/resume',
  'put /api/queues/:queueName/retry/:queueStatus',
  'put /api/queues/:queueName/promote',
  'put /api/queues/:queueName/pause',
  'put /api/queues/:queueName/resume',
  'put /api/queues/:queueName/:jobId/retry',
  'put /api/queues/:queueName/:jobId/promote',
];
const WRITES_REFUSED = [
  'post /api/queues/:queueName/add',
  'put /api/queues/:queueName/clean/:queueStatus',
  'put /api/queues/:queueName/concurrency',
  'put /api/queues/:queueName/rate-limit',
  'put /api/queues/:queueName/rate-limit/release',
  'put /api/queues/:queueName/empty',
  'put /api/queues/:queueName/obliterate',
  'put /api/queues/:queueName/job-schedulers/:schedulerId/remove',
  'patch /api/queues/:queueName/job-schedulers/:schedulerId',
  'put /api/queues/:queueName/job-schedulers/:schedulerId/run',
  'put /api/queues/:queueName/:jobId/clean',
  'patch /api/queues/:queueName/:jobId/update-data',
  'patch /api/queues/:queueName/:jobId/delay',
  'patch /api/queues/:queueName/:jobId/priority',
  'put /api/queues/:queueName/:jobId/remove-unprocessed-children',
];

const routes = appRoutes.api.flatMap((r) => {
  const methods = Array.isArray(r.method) ? r.method : [r.method];
  const paths = Array.isArray(r.route) ? r.route : [r.route];
  return methods.flatMap((m) => paths.map((p) => ({ method: m as string, route: p as string })));
});
const key = (r: { method: string; route: string }) => `${r.method} ${r.route}`;

describe('the dashboard write policy against the installed Bull Board routes', () => {
  it('knows every writing route of this Bull Board version', () => {
    const writes = routes
      .filter((r) => r.method !== 'get')
      .map(key)
      .sort();
    expect(writes).toEqual([...WRITES_ALLOWED, ...WRITES_REFUSED].sort());
  });

  it('allows every read, and of the writes only retry, promote, pause and resume', () => {
    for (const r of routes) {
      const expected = r.method === 'get' || WRITES_ALLOWED.includes(key(r));
      expect({ route: key(r), allowed: isAllowedRoute(r.method, r.route) }).toEqual({
        route: key(r),
        allowed: expected,
      });
    }
    expect([...ALLOWED_WRITES].sort()).toEqual([...WRITES_ALLOWED].sort());
  });

  it('the hook refuses with 403 and lets the allowed through', async () => {
    const request = { queues: new Map(), uiConfig: {}, query: {}, params: {}, body: {}, headers: {} } as never;
    await expect(
      Promise.resolve(boardHooks.before!({ method: 'put', route: '/api/queues/:queueName/empty', request })),
    ).resolves.toMatchObject({ allow: false, status: 403 });
    await expect(
      Promise.resolve(boardHooks.before!({ method: 'put', route: '/api/queues/:queueName/:jobId/retry', request })),
    ).resolves.toEqual({ allow: true });
    await expect(
      Promise.resolve(boardHooks.before!({ method: 'get', route: '/api/queues', request })),
    ).resolves.toEqual({ allow: true });
  });

  it('refuses a route it has never heard of, whatever its method but GET', () => {
    expect(isAllowedRoute('put', '/api/queues/:queueName/something-new')).toBe(false);
    expect(isAllowedRoute('delete', '/api/queues/:queueName/:jobId')).toBe(false);
    expect(isAllowedRoute('post', '/api/queues/:queueName/:jobId/retry')).toBe(false);
  });
});
