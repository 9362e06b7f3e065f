import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { bornWithExpressPrototypes } from '../src/express-born-requests';

// Real HTTP, no Redis: what Express's app.handle finds when a request reaches it, and that Express still works on it.
/** One call on a connection of its own (no keep-alive pool left open behind the test). */
function call(url: string, method: string, body = ''): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('requests born with the app prototypes', () => {
  let server: Server;
  let base: string;
  const seen: { reqBorn: boolean; resBorn: boolean }[] = [];

  beforeAll(async () => {
    const app = express();
    app.post('/echo', (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        res
          .status(201)
          .type('json')
          .send(JSON.stringify({ body, path: req.path, sameApp: req.app === app }));
      });
    });
    app.use((_req, res) => {
      res.status(404).json({ missing: true });
    });
    server = createServer(bornWithExpressPrototypes(app), (req, res) => {
      // Before app.handle: what its Object.setPrototypeOf would otherwise change.
      seen.push({
        reqBorn: Object.getPrototypeOf(req) === app.request,
        resBorn: Object.getPrototypeOf(res) === app.response,
      });
      app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('arrive at Express with its prototypes already, so its per-request swap changes nothing', async () => {
    await call(`${base}/echo`, 'POST', 'x');
    expect(seen.at(-1)).toEqual({ reqBorn: true, resBorn: true });
  });

  it('keep what Node and Express give a request: the streamed body, req.app, req.path, res.status/type/send', async () => {
    const answer = await call(`${base}/echo?q=1`, 'POST', 'a'.repeat(100_000));
    expect(answer.status).toBe(201);
    expect(answer.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body)).toEqual({ body: 'a'.repeat(100_000), path: '/echo', sameApp: true });
    const missing = await call(`${base}/nowhere`, 'GET');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ missing: true });
  });
});
