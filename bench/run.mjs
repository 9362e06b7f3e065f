// `pnpm bench`: builds the apps (the benchmarks run the real dist bundles as processes), bundles bench/src
// with esbuild (the workspace's TypeScript packages are inlined; bullmq, ioredis, got and autocannon come
// from the root's node_modules) and runs the suite. Arguments pass through, e.g. `pnpm bench -- --only=ingress`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(process.execPath, ['scripts/build.mjs']);
const external = ['bullmq', 'ioredis', 'got', 'autocannon'];
await build({
  entryPoints: [
    'main',
    'bare-server',
    'bare-worker',
    'bare-answer-server',
    'paced-runner',
    'instructions',
    'redis-memory',
    'one-caller-ab',
    'paced-ab',
  ].map((n) => join(root, 'bench/src', `${n}.ts`)),
  outdir: join(root, 'bench/.out'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external,
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// `pnpm bench:instructions` (`--instructions`): the ingress's instructions per call under callgrind instead of the suite;
// `pnpm bench:memory` (`--memory`): Redis bytes per order (issue 23); `pnpm bench:ab` (`--ab`): one caller's calls
// alternated between two bridges (one-caller-ab.ts); `pnpm bench:paced-ab` (`--paced-ab`): case 1's paced run with bare
// node:http and one or two ingresses taking turns within the same seconds (paced-ab.ts).
const passed = process.argv.slice(2);
const entries = {
  '--instructions': 'instructions',
  '--memory': 'redis-memory',
  '--ab': 'one-caller-ab',
  '--paced-ab': 'paced-ab',
};
const entry = Object.entries(entries).find(([flag]) => passed.includes(flag))?.[1] ?? 'main';
step(process.execPath, [
  '--enable-source-maps',
  '--max-old-space-size=4096',
  join(root, `bench/.out/${entry}.mjs`),
  ...passed.filter((a) => !(a in entries)),
]);
