// Compiles every app to apps/<app>/dist/*.js: one ESM bundle per entry point, with the workspace's own
// packages (@bridge/*) inlined and every third-party package left to node_modules.
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const externalThirdParty = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@bridge/') ? undefined : { path: args.path, external: true }));
  },
};

const apps = readdirSync(join(root, 'apps'));
await Promise.all(apps.map(async (app) => {
  const src = join(root, 'apps', app, 'src');
  // Entry points: main.ts always; other top-level *.entry.ts files become extra commands (e.g. demo).
  const entries = readdirSync(src).filter((f) => f === 'main.ts' || f.endsWith('.entry.ts')).map((f) => join(src, f));
  if (!existsSync(join(src, 'main.ts'))) return;
  await build({
    entryPoints: entries,
    outdir: join(root, 'apps', app, 'dist'),
    entryNames: '[name]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [externalThirdParty],
    outExtension: { '.js': '.js' },
  });
}));
