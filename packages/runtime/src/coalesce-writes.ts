import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';

// ioredis makes a new socket on every reconnect; each is wrapped once.
const wrapped = new WeakSet<Socket>();

/**
 * Holds a connection's writes until the event loop has run every I/O callback that is ready (setImmediate), then
 * sends them in one writev: the Redis commands of every call handled in one turn of the loop leave in one
 * system call, and Redis reads them in one go and answers them in one write. Unlike ioredis's auto-pipelining,
 * nothing waits for an earlier batch's replies: a batch leaves at the end of its own turn, whatever is in flight.
 * Used through createRedis's `coalesceWrites` option.
 */
export function coalesceWrites(redis: Redis): void {
  const attach = () => {
    const stream = redis.stream as Socket;
    if (wrapped.has(stream)) return;
    wrapped.add(stream);
    let held = false;
    const release = () => {
      held = false;
      stream.uncork();
    };
    const write = stream.write;
    stream.write = function (this: Socket, ...args: Parameters<typeof write>) {
      if (!held) {
        held = true;
        stream.cork();
        setImmediate(release);
      }
      return write.apply(this, args);
    } as typeof write;
  };
  redis.on('connect', attach);
  if (redis.stream) attach();
}
