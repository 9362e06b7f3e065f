import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script called by its SHA (EVALSHA), sending its text (EVAL) only when Redis does not know it yet (first
 * call after a Redis restart or SCRIPT FLUSH); EVAL also caches it for the next call.
 *
 * Built on the connection's own EVALSHA/EVAL rather than ioredis's defineCommand: a command defined on a
 * connection after an auto-pipelined batch was opened is missing from that batch, and ioredis then crashes the
 * process on the misaligned replies (packages/bridge/test/lua-script.int.test.ts). EVALSHA exists in every batch.
 * (The ingress batched that way until measurement showed it cheaper not to; any connection still may.)
 */
export function luaScript<Reply = unknown>(lua: string, numberOfKeys: number) {
  const sha = createHash('sha1').update(lua).digest('hex');
  return async (redis: Redis, ...args: Array<string | number>): Promise<Reply> => {
    try {
      return (await redis.evalsha(sha, numberOfKeys, ...args)) as Reply;
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return (await redis.eval(lua, numberOfKeys, ...args)) as Reply;
    }
  };
}
