// `pnpm bench:paced-ab -- [--b-ingress-env=K=V,…] [--rounds=3] [--seconds=20] [--slot-ms=500] [--rate=N]`: issue 25's
// target 2 (the ingress offered half its throughput at an even pace, p99 against bare node:http's at that pace) with
// the servers taking turns within the same seconds, as case 1 does, over several rounds and with a second ingress:
// bare node:http, ingress A (the defaults) and, given settings, ingress B, each for `slot-ms` of due time in turn.
// Run one after the other for 10 s each, one build read 0.8× to 8.9× on a host whose pauses come and go
// (bench/RESULTS.md, sixth round of 2026-12-03). No worker runs; each ingress has its own Redis database, emptied
// after every round.
import { keyValues, parseArgs } from './args';
import { halfPace, median, PACED_WARMUP_S, SAME_SECONDS_SLOT_MS } from './case-ingress';
import { load } from './load';
import type { PacedResult } from './paced';
import { pacedAcrossInOwnProcess } from './paced-process';
import { createOrderBodies } from './payloads';
import { bridgeEnv, startBareServer, startIngress, startRedis, stopAll } from './stack';

const args = parseArgs(process.argv.slice(2));
const rounds = Number(args.rounds ?? 3);
const durationS = Number(args.seconds ?? 20);
const slotMs = Number(args['slot-ms'] ?? SAME_SECONDS_SLOT_MS);
const bEnv = keyValues(args, 'b-ingress-env');
const withB = Object.keys(bEnv).length > 0;

const redis = await startRedis();
const procs: Array<{ stop(): Promise<void> }> = [];
try {
  const bare = await startBareServer();
  procs.push(bare);
  const ingresses = [];
  for (const [db, extra] of (withB ? [{}, bEnv] : [{}]).entries()) {
    const ingress = await startIngress(bridgeEnv(`${redis.url}/${db}`, 'http://127.0.0.1:9', extra));
    procs.push(ingress);
    ingresses.push(ingress);
  }
  // Warmed as in case 1 (V8 compiling the hot paths, 3 s each), then A's 10-second closed loop sets the pace as case
  // 1's does, unless --rate is given (a loop right after the start, with the code still cold, read ~40 % lower).
  await load({ url: bare.url, durationS: 3, body: createOrderBodies('PAB-BARE-WARM') });
  for (const [i, ingress] of ingresses.entries())
    await load({ url: ingress.url, durationS: 3, body: createOrderBodies(`PAB-WARM-${i}`) });
  const throughput = [];
  for (const [i, ingress] of ingresses.entries())
    throughput.push(
      (await load({ url: ingress.url, durationS: 10, body: createOrderBodies(`PAB-LOOP-${i}`) })).reqPerSec,
    );
  await redis.client.flushall();
  const rate = Number(args.rate ?? halfPace(throughput[0]!));
  const names = ['bare', 'A', ...(withB ? ['B'] : [])];
  const runs: PacedResult[][] = [];
  for (let r = 0; r < rounds; r++) {
    runs.push(
      await pacedAcrossInOwnProcess({
        urls: [bare.url, ...ingresses.map((p) => p.url)],
        slotMs,
        rate,
        durationS,
        warmupS: PACED_WARMUP_S,
        bodyPrefix: `PAB-${r}`,
      }),
    );
    await redis.client.flushall();
  }
  const show = (run: PacedResult[]) =>
    run
      .map(
        (x, i) =>
          `${names[i]} p50 ${x.p50} p99 ${x.p99} ms${i > 0 ? ` (${(x.p99 / run[0]!.p99).toFixed(1)}× bare)` : ''}`,
      )
      .join(', ');
  for (const [r, run] of runs.entries())
    console.log(`round ${r + 1}: ${show(run)}; generator loop p99 ${run[0]!.generatorLoopP99} ms`);
  // A single long pause of the host lands on whichever server's turn it is: medians over the rounds are the figure.
  const medians = names.map((_, i) => median(runs.map((run) => run[i]!.p99)));
  console.log(
    `median p99 over ${rounds} rounds: ${names.map((n, i) => `${n} ${medians[i]!.toFixed(1)} ms`).join(', ')}${withB ? `; B / A ${(medians[2]! / medians[1]!).toFixed(2)}` : ''}`,
  );
  console.log(
    JSON.stringify({ rate, slotMs, durationS, closedLoopReqPerSec: throughput.map(Math.round), b: bEnv, runs }),
  );
} finally {
  await stopAll(...procs);
  await redis.stop();
}
