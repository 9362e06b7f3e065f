import type { Redis } from 'ioredis';

/**
 * Holds a connection's writes until the event loop has run every I/O callback that is ready (setImmediate), then
 * sends them in one writev: the Redis commands of every call handled in one turn of the loop leave in one
 * system call, and Redis reads them in one go and answers them in one write. Unlike ioredis's auto-pipelining,
 * nothing waits for an earlier batch's replies: a batch leaves at the end of its own turn, whatever is in flight.
 */
export function coalesceWrites(redis: Redis): void {
  const attach = () => {
    const stream = redis.stream as import('node:net').Socket;
    if ((stream as { coalesced?: boolean }).coalesced) return;
    (stream as { coalesced?: boolean }).coalesced = true;
    let held = false;
    const release = () => { held = false; stream.uncork(); };
    const write = stream.write;
    stream.write = function (this: typeof stream, ...args: Parameters<typeof write>) {
      if (!held) { held = true; stream.cork(); setImmediate(release); }
      return write.apply(this, args);
    } as typeof write;
  };
  redis.on('connect', attach);
  if (redis.stream) attach();
}
