import type { Redis } from 'ioredis';

/**
 * A Lua script called by its SHA (EVALSHA, falling back to EVAL once per connection), instead of sending its
 * whole text with every call as `redis.eval` does. Defined lazily on each connection that runs it.
 */
export function luaScript(name: string, lua: string, numberOfKeys: number) {
  return (redis: Redis, ...args: Array<string | number>): Promise<unknown> => {
    const commands = redis as unknown as Record<string, ((...a: Array<string | number>) => Promise<unknown>) | undefined>;
    if (typeof commands[name] !== 'function') redis.defineCommand(name, { lua, numberOfKeys });
    return commands[name]!(...args);
  };
}
