// `pnpm test`: builds the apps once, then type-checks and runs jest side by side. tsc is about 15 s of CPU from
// cold (a core and a half while it runs: its garbage collector has threads of its own), about 5 s when its
// incremental state (tsconfig.json) is current; jest's integration files mostly wait on processes, Redis and
// timers, so on two cores the two overlap instead of adding up. Exits non-zero when either fails; tsc's report is printed after jest's. Arguments go to jest.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const node = process.execPath;

const built = spawnSync(node, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const run = (args, options) =>
  new Promise((resolve) => {
    const child = spawn(node, args, { cwd: root, ...options });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });

const typecheck = run([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
// The apps were just built: jest's global setup need not build them again.
const jest = run(
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...process.env, BRIDGE_TEST_BUILT: '1' } },
);

const [types, tests] = await Promise.all([typecheck, jest]);
process.stdout.write(types.code === 0 ? 'typecheck: no errors\n' : `typecheck failed:\n${types.output}`);
process.exit(types.code !== 0 ? types.code : tests.code);
