// Baseline 1: the least a Node server can do for a Qianyi call on this machine: read the body, JSON.parse
// it (and the content inside), answer {"success":true}. Keep-alive, one process.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { content?: string };
    if (typeof body.content === 'string') JSON.parse(body.content);
    const out = '{"success":true}';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': out.length });
    res.end(out);
  });
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', port: address.port, url: `http://127.0.0.1:${address.port}` })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
