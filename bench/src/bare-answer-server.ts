// Baseline of the answer-latency case: the least a Node stack can do to answer a createOrder with eTower's order
// number. node:http reads the body, parses the envelope and the content, maps it to eTower's order (as the bare
// worker of case 3 is given it), `queue.add`s it and answers after `job.waitUntilFinished` (one QueueEvents stream,
// as BullMQ's docs show). The bare BullMQ worker (bare-worker.ts, concurrency 50) makes the eTower call. No
// sign, no record, no push: what is left is HTTP, BullMQ and the eTower call.
import { createServer } from 'node:http';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { createOrderContentSchema } from '@bridge/qianyi';
import { toEtowerOrder } from '@bridge/core';

const env = process.env as Record<string, string>;
const queue = new Queue('bare', {
  connection: new Redis(env.REDIS_URL!, { maxRetriesPerRequest: null }),
  prefix: '{bench}',
});
const events = new QueueEvents('bare', { connection: { url: env.REDIS_URL! }, prefix: '{bench}' });

const answer = (res: import('node:http').ServerResponse, body: unknown) => {
  const out = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
  res.end(out);
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { content: string };
        const order = createOrderContentSchema.parse(JSON.parse(body.content));
        const job = await queue.add('create', toEtowerOrder(order, { confirmNow: true, allowCodPassthrough: false }), {
          jobId: order.orderNumber,
          removeOnComplete: { age: 3600 },
        });
        const result = (await job.waitUntilFinished(events, 5000)) as { orderNo: string };
        answer(res, { success: true, data: { warehouseOrderNumber: result.orderNo } });
      } catch (err) {
        answer(res, { success: false, message: (err as Error).message });
      }
    })();
  });
});
server.keepAliveTimeout = 65000;
await events.waitUntilReady();
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', port: address.port, url: `http://127.0.0.1:${address.port}` })}\n`,
  );
});
process.on('SIGTERM', () =>
  server.close(() => {
    void Promise.all([events.close(), queue.close()]).then(() => process.exit(0));
  }),
);
