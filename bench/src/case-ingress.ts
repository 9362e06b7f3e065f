// Benchmark 1: signed createOrder calls through the real ingress into BullMQ, against a bare node:http server
// that parses the same JSON, with the same autocannon settings, in the same run. No worker runs: the jobs
// pile up in Redis (as they would during a worker outage), so the figure is the ingress's alone.
import { createOrderBodies } from './payloads';
import { measureCpuSplit, type CpuSplit } from './cpu-split';
import { memoryOf, treePids } from './procs';
import { load, probe, type LoadResult } from './load';
import { paced } from './paced';
import { bridgeEnv, redisConfig, startBareServer, startIngress, startRedis, stopAll } from './stack';

export interface IngressResult {
  bare: LoadResult & { cpu: CpuSplit };
  ingress: LoadResult & { cpu: CpuSplit };
  /** The same calls offered at half the ingress's measured throughput: latency when it is not saturated. */
  atHalfRate: LoadResult & { offered: number };
  /** The bare server at that same rate, the same paced generator. */
  bareAtHalfRate: LoadResult & { offered: number };
  ratio: number;
  ingressPeakRssMb: number;
  ingressCpuPerReqUs: number;
  jobsQueued: number;
  /** AOF rewrites Redis ran during the case, and the settings it ran with. */
  aofRewrites: number;
  redisConfig: Record<string, string>;
  ingressEnv: Record<string, string>;
}

export async function benchIngress(opts: { durationS: number; ingressEnv?: Record<string, string> }): Promise<IngressResult> {
  const redis = await startRedis();
  try {
    const bareServer = await startBareServer();
    await load({ url: bareServer.url, durationS: 3, body: createOrderBodies('BARE-WARM') });
    const bare = await measureCpuSplit(() => load({ url: bareServer.url, durationS: opts.durationS, body: createOrderBodies('BARE') }), () => [bareServer.pid]);
    await bareServer.stop();

    const extra = opts.ingressEnv ?? {};
    const ingress = await startIngress(bridgeEnv(redis.url, 'http://127.0.0.1:9', extra));
    await probe(ingress.url, createOrderBodies('PROBE')(0), (a) => a.success === true);
    await load({ url: ingress.url, durationS: 3, body: createOrderBodies('WARM') });
    const measured = await measureCpuSplit(() => load({ url: ingress.url, durationS: opts.durationS, body: createOrderBodies('B1') }), () => treePids(ingress.pid), redis.client);
    const pids = treePids(ingress.pid);
    const peak = pids.reduce((s, p) => s + memoryOf(p).peakMb, 0);
    const jobsQueued = await redis.client.llen('{bridge}:orders:wait');
    // A closed loop of 50 connections keeps the ingress saturated, so its latency there is 50 / throughput and its
    // tail; offered an even half of that, what is left is the call itself and whatever stalls the process (GC, Redis).
    const offered = Math.max(100, Math.round(measured.reqPerSec / 2 / 100) * 100);
    const atHalf = await paced({ url: ingress.url, rate: offered, durationS: opts.durationS, body: createOrderBodies('B2') });
    await stopAll(ingress);
    const bareAgain = await startBareServer();
    const bareAtHalf = await paced({ url: bareAgain.url, rate: offered, durationS: opts.durationS, body: createOrderBodies('BARE2') });
    await bareAgain.stop();
    const aofRewrites = await redis.aofRewrites();
    return {
      bare, ingress: measured, atHalfRate: atHalf, bareAtHalfRate: bareAtHalf, ratio: measured.reqPerSec / bare.reqPerSec, ingressPeakRssMb: peak,
      ingressCpuPerReqUs: measured.cpu.serverUsPerReq, jobsQueued, ingressEnv: extra, aofRewrites, redisConfig: { ...redisConfig },
    };
  } finally {
    await redis.stop();
  }
}
