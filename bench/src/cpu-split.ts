// Where a run's CPU went, per request: the server under test, Redis, and the load generator (autocannon runs in
// this process), plus how busy the whole machine was. On 2 shared cores the server's throughput is bounded by all
// of them together, not by its own CPU alone.
import type { Redis } from 'ioredis';
import type { LoadResult } from './load';
import { busyShare, cpuSecondsOf, machineTicks } from './procs';

export interface CpuSplit {
  serverUsPerReq: number;
  /** Redis's own CPU (INFO cpu: main thread and its background threads); 0 when the run uses no Redis. */
  redisUsPerReq: number;
  loadGeneratorUsPerReq: number;
  machineBusy: number;
}

export async function redisCpuSeconds(redis: Redis | undefined): Promise<number> {
  if (!redis) return 0;
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_sys') + field('used_cpu_user');
}

const processSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export async function measureCpuSplit<T extends LoadResult>(
  run: () => Promise<T>,
  serverPids: () => number[],
  redis?: Redis,
): Promise<T & { cpu: CpuSplit }> {
  const serverBefore = serverPids().reduce((s, p) => s + cpuSecondsOf(p), 0);
  const redisBefore = await redisCpuSeconds(redis);
  const ticks = machineTicks();
  const generatorBefore = processSeconds();
  const result = await run();
  const generator = processSeconds() - generatorBefore;
  const busy = busyShare(ticks, machineTicks());
  const redisCpu = (await redisCpuSeconds(redis)) - redisBefore;
  const server = serverPids().reduce((s, p) => s + cpuSecondsOf(p), 0) - serverBefore;
  const perReq = (seconds: number) => (result.requests > 0 ? (seconds / result.requests) * 1e6 : 0);
  return {
    ...result,
    cpu: {
      serverUsPerReq: perReq(server),
      redisUsPerReq: perReq(redisCpu),
      loadGeneratorUsPerReq: perReq(generator),
      machineBusy: busy,
    },
  };
}
