import type { Readable } from 'node:stream';
import { prettyFactory } from 'pino-pretty';

const pretty = prettyFactory({
  colorize: process.stdout.isTTY,
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,app',
});

/** Relays a child's output line by line, pino JSON made readable, each line tagged with the app's name. */
export function relay(name: string, stream: Readable, sink: NodeJS.WritableStream = process.stdout): void {
  let partial = '';
  const tag = `[${name}]`.padEnd(12);
  stream.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim() || line.includes('"event":"listening"') || line.includes('"event":"ready"')) continue;
      const text = line.startsWith('{') ? pretty(line).trimEnd() : line;
      sink.write(`${tag} ${text}\n`);
    }
  });
}
