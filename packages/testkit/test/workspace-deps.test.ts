import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@bridge/runtime/local-processes';

// House rules (issue 24): one version range per dependency across the workspace, so that no package quietly runs
// another version of ioredis or got than the rest; the testkit imports no app, and no app ships the testkit.
interface Manifest {
  dir: string;
  json: Record<string, Record<string, string> | undefined>;
}
const manifests: Manifest[] = [
  '.',
  ...['apps', 'packages'].flatMap((dir) => readdirSync(join(repoRoot, dir)).map((name) => `${dir}/${name}`)),
].flatMap((dir) => {
  try {
    return [{ dir, json: JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) }];
  } catch {
    return [];
  }
});

test('every dependency has one version range across the workspace', () => {
  expect(manifests.length).toBeGreaterThan(5);
  const ranges = new Map<string, Map<string, string[]>>();
  for (const { dir, json } of manifests) {
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      for (const [name, range] of Object.entries(json[field] ?? {})) {
        if (range.startsWith('workspace:')) continue;
        const byRange = ranges.get(name) ?? new Map<string, string[]>();
        byRange.set(range, [...(byRange.get(range) ?? []), dir]);
        ranges.set(name, byRange);
      }
    }
  }
  const split = [...ranges].filter(([, byRange]) => byRange.size > 1);
  expect(
    split.map(
      ([name, byRange]) => `${name}: ${[...byRange].map(([r, dirs]) => `${r} in ${dirs.join(', ')}`).join('; ')}`,
    ),
  ).toEqual([]);
});

test('the testkit imports no app', () => {
  const src = join(repoRoot, 'packages/testkit/src');
  const offenders = readdirSync(src)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => /from ['"][^'"]*\bapps\//.test(readFileSync(join(src, f), 'utf8')));
  expect(offenders).toEqual([]);
});

test('no app imports the testkit outside its tests: a test kit is not shipped', () => {
  const offenders = manifests
    .filter(({ dir, json }) => dir.startsWith('apps/') && json.dependencies?.['@bridge/testkit'])
    .map(({ dir }) => `${dir}/package.json`);
  for (const app of readdirSync(join(repoRoot, 'apps'))) {
    const src = join(repoRoot, 'apps', app, 'src');
    let files: string[];
    try {
      files = readdirSync(src, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const f of files.filter((name) => name.endsWith('.ts'))) {
      if (/from ['"]@bridge\/testkit\b/.test(readFileSync(join(src, f), 'utf8')))
        offenders.push(`apps/${app}/src/${f}`);
    }
  }
  expect(offenders).toEqual([]);
});
