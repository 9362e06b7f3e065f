// Compiles every app to apps/<app>/dist/*.js: one ESM bundle per entry point, with the workspace's own
// packages (@bridge/*) inlined and every third-party package left to node_modules.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const externalThirdParty = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@bridge/') ? undefined : { path: args.path, external: true },
    );
  },
};

const apps = readdirSync(join(root, 'apps'));
const results = await Promise.allSettled(
  apps.map(async (app) => {
    const src = join(root, 'apps', app, 'src');
    // Entry points: main.ts always; other top-level *.entry.ts files become extra commands (e.g. demo).
    const entries = readdirSync(src)
      .filter((f) => f === 'main.ts' || f.endsWith('.entry.ts'))
      .map((f) => join(src, f));
    if (!existsSync(join(src, 'main.ts'))) return;
    const result = await build({
      metafile: true,
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
    // The bundle leaves third-party packages to node_modules, so each must be a dependency of the app itself
    // (pnpm gives an app only its own dependencies). Caught here rather than as a crash in production.
    const declared = Object.keys(
      JSON.parse(readFileSync(join(root, 'apps', app, 'package.json'), 'utf8')).dependencies ?? {},
    );
    const missing = new Set();
    for (const output of Object.values(result.metafile.outputs)) {
      for (const imp of output.imports) {
        if (!imp.external || imp.path.startsWith('node:') || builtinModules.includes(imp.path)) continue;
        const name = imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0];
        if (!declared.includes(name)) missing.add(name);
      }
    }
    if (missing.size > 0)
      throw new Error(
        `apps/${app}: its bundle imports ${[...missing].join(', ')}, missing from apps/${app}/package.json dependencies`,
      );
  }),
);
const failures = results.filter((r) => r.status === 'rejected');
for (const f of failures) console.error(f.reason instanceof Error ? f.reason.message : f.reason);
if (failures.length > 0) process.exit(1);
