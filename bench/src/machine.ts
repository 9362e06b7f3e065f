import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './procs';

function version(dir: string, pkg: string): string {
  const file = join(repoRoot, dir, 'node_modules', pkg, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : '?';
}

/** What the figures were measured on: a ratio travels between machines, an absolute figure does not. */
export function machine(): Array<[string, string]> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? '?';
  const redis = (() => {
    try {
      return execFileSync('redis-server', ['--version']).toString().trim();
    } catch {
      return '?';
    }
  })();
  return [
    [
      'CPU',
      `${model} (${cpus().length} cores visible to Node, ${(/^processor/gm[Symbol.match](cpuinfo) ?? []).length} in /proc/cpuinfo)`,
    ],
    ['memory', `${(totalmem() / 1024 ** 3).toFixed(1)} GB`],
    ['kernel', readFileSync('/proc/version', 'utf8').split(' ').slice(0, 3).join(' ')],
    ['Node', process.version],
    ['Redis', redis],
    [
      'packages',
      [
        `bullmq ${version('packages/bridge', 'bullmq')}`,
        `ioredis ${version('packages/bridge', 'ioredis')}`,
        `express ${version('apps/ingress', 'express')}`,
        `undici ${version('packages/etower', 'undici')}`,
        `got ${version('packages/bridge', 'got')}`,
        `zod ${version('packages/qianyi', 'zod')}`,
        `autocannon ${version('.', 'autocannon')}`,
      ].join(', '),
    ],
  ];
}
