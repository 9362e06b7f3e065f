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

async function redisCpuSeconds(redis: Redis | undefined): Promise<number> {
  if (!redis) return 0;
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_sys') + field('used_cpu_user');
}

const processSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** CPU seconds used while `run` ran: by the server's processes, Redis and this process; both cores' busy share; wall time. */
async function cpuDuring<T>(run: () => Promise<T>, serverPids: () => number[], redis?: Redis) {
  const serverCpu = () => serverPids().reduce((s, p) => s + cpuSecondsOf(p), 0);
  const [serverBefore, redisBefore, ticks] = [serverCpu(), await redisCpuSeconds(redis), machineTicks()];
  const [generatorBefore, started] = [processSeconds(), performance.now()];
  const result = await run();
  const generator = processSeconds() - generatorBefore;
  const seconds = (performance.now() - started) / 1000;
  const busy = busyShare(ticks, machineTicks());
  const redisCpu = (await redisCpuSeconds(redis)) - redisBefore;
  return { result, server: serverCpu() - serverBefore, redis: redisCpu, generator, busy, seconds };
}

export async function measureCpuSplit<T extends LoadResult>(
  run: () => Promise<T>,
  serverPids: () => number[],
  redis?: Redis,
): Promise<T & { cpu: CpuSplit }> {
  const used = await cpuDuring(run, serverPids, redis);
  const requests = used.result.requests;
  const perReq = (seconds: number) => (requests > 0 ? (seconds / requests) * 1e6 : 0);
  return {
    ...used.result,
    cpu: {
      serverUsPerReq: perReq(used.server),
      redisUsPerReq: perReq(used.redis),
      loadGeneratorUsPerReq: perReq(used.generator),
      machineBusy: used.busy,
    },
  };
}

/**
 * Where a paced run's CPU went, warm-up included. Calls that arrive one at a time batch less than a closed loop's
 * 50 connections (fewer answers per write, fewer commands per Redis round trip), so "half its throughput" can keep
 * the server busier than half a core; how busy it is decides how long it takes to work off a backlog after a stall.
 * The generator runs in a process of its own (paced-process.ts), so its CPU is not here.
 */
export interface PacedCpu {
  serverUsPerCall: number;
  /** The server's CPU seconds per second of the run: 1 is one core kept busy. */
  serverCoreShare: number;
  redisUsPerCall: number;
  machineBusy: number;
}

/** `run` (a paced run of `calls` calls, warm-up included) with the CPU it cost. */
export async function measurePacedCpu<T>(
  run: () => Promise<T>,
  calls: number,
  serverPids: () => number[],
  redis?: Redis,
): Promise<T & { cpu: PacedCpu }> {
  const used = await cpuDuring(run, serverPids, redis);
  return {
    ...used.result,
    cpu: {
      serverUsPerCall: (used.server / calls) * 1e6,
      serverCoreShare: used.server / used.seconds,
      redisUsPerCall: (used.redis / calls) * 1e6,
      machineBusy: used.busy,
    },
  };
}
