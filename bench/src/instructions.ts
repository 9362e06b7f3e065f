// `pnpm bench:instructions [-- --calls=3000 --warmup=4000 --ingress-env=K=V,… --keep-dump=<file>]`: user-space
// instructions per accepted createOrder in the ingress, counted by valgrind's callgrind (~1.5 minutes). Wall-clock figures on this
// shared host swing by a factor of two between hours (bench/RESULTS.md); this count repeats within ~1-3 %, so a
// change to the hot path can be judged by a run or two of each build. It does not see the kernel's share (the
// socket writes) or cache misses. A shorter warm-up counts V8 still optimising (1,500 calls: +30 %).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyValues, parseArgs } from './args';
import { createOrderBodies } from './payloads';
import { appScript, spawnProc } from './procs';
import { bridgeEnv, startRedis } from './stack';

const args = parseArgs(process.argv.slice(2));
const calls = Number(args.calls ?? 3000);
const warmup = Number(args.warmup ?? 4000);
const ingressEnv = keyValues(args, 'ingress-env');
const log = (msg: string) => process.stderr.write(`[instructions ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/**
 * Sends `n` signed createOrder calls, 8 at a time; every one must be accepted. Not the suite's `load()`: driven
 * by autocannon, V8's optimising compiler was still at work in the counted window even after 10,000 warm-up calls
 * (~150k of the ~1.1M instructions per call, against ~25k with this sender), so the count measured compilation
 * as much as the call (bench/RESULTS.md, sixth round).
 */
async function send(url: string, prefix: string, n: number, concurrency = 8): Promise<void> {
  const body = createOrderBodies(prefix);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      const res = await fetch(`${url}/api/qianyi`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(i) });
      const answer = await res.json() as { success?: boolean };
      if (answer.success !== true) throw new Error(`call ${i} not accepted: ${JSON.stringify(answer)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  throw new Error('valgrind is not installed: `apt-get install valgrind` (Debian) to count instructions');
}
const redis = await startRedis();
const env = { ...bridgeEnv(redis.url, 'http://127.0.0.1:9'), ...ingressEnv };
// vgdb finds the process by FIFOs named after $USER and $HOST, and the ingress's HOST is its listen address:
// callgrind_control must see the same value.
const control = (pid: number, flag: string) => execFileSync('callgrind_control', [flag, String(pid)], { stdio: 'ignore', env: { ...process.env, HOST: env.HOST } });
const dir = mkdtempSync(join(tmpdir(), 'bench-callgrind-'));
// Instrumentation starts off (valgrind runs the code uninstrumented, faster): start-up, module loading and the
// warm-up (V8 compiling the hot path) are not counted.
const ingress = spawnProc('ingress', 'valgrind', [
  '--tool=callgrind', '--instr-atstart=no', '--smc-check=all-non-file', `--callgrind-out-file=${join(dir, 'callgrind.out')}`,
  process.execPath, appScript('ingress'),
], env);
try {
  const { url } = JSON.parse(await ingress.waitFor('"event":"listening"', 300000)) as { url: string };
  log(`ingress under callgrind at ${url}; warming up with ${warmup} calls`);
  await send(url, 'WARM', warmup);
  control(ingress.pid, '--instr=on');
  log(`counting ${calls} calls`);
  await send(url, 'COUNT', calls);
  // A dump writes what was counted since instrumentation went on (turning it off would discard it).
  control(ingress.pid, '--dump=counted');
  await ingress.stop();
  const dump = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).find((text) => text.includes('Trigger: dump counted'));
  const total = Number(/^summary:\s+(\d+)/m.exec(dump ?? '')?.[1] ?? NaN);
  if (!(total > 0)) throw new Error('callgrind wrote no count for the calls');
  // --keep-dump=<file>: the dump itself, for callgrind_annotate (V8's builtins and runtime by name; JIT code as addresses).
  if (args['keep-dump']) writeFileSync(args['keep-dump'], dump!);
  const result = { calls, warmup, instructionsPerCall: Math.round(total / calls), ingressEnv };
  log(JSON.stringify(result));
  console.log(JSON.stringify(result));
} finally {
  await ingress.stop();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
