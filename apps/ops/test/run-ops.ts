import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { KEY_PREFIX } from '@bridge/runtime';
import { repoRoot } from '@bridge/testkit';
import { runOps } from '../src/cli';

export interface OpsResult {
  code: number;
  stdout: string;
  stderr: string;
}

// An empty data directory unless a test gives one: a developer's running `pnpm start` must not leak into tests.
const noLocalRun = mkdtempSync(join(tmpdir(), 'ops-no-run-'));

/**
 * Runs one command line in this process (runOps), with only the environment given: nothing of the test process's
 * own environment is read, so no tenant variables leak in. Every branch is tested this way; starting a node
 * process per command cost about a second each.
 */
export async function opsHere(args: string[], env: Record<string, string>): Promise<OpsResult> {
  let stdout = '';
  let stderr = '';
  const code = await runOps(args, {
    env: { BRIDGE_DATA_DIR: noLocalRun, ...env },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** The single-tenant variables of a tenant whose peers are never called (ops configured as the workers are). */
export function singleTenantEnv(accessId: string): Record<string, string> {
  return {
    QIANYI_ACCESS_ID: accessId,
    QIANYI_SECRET_KEY: 'qianyi-secret',
    QIANYI_CALLBACK_BASE_URL: 'http://127.0.0.1:1',
    QIANYI_WAREHOUSE_EXTRA_TYPE: 'ETOWER',
    ETOWER_BASE_URL: 'http://127.0.0.1:1',
    ETOWER_TOKEN: 'token',
    ETOWER_KEY: 'key',
  };
}

/** Runs the built CLI as an operator would, a process of its own: for the few end-to-end tests of the entry. */
export function opsProcess(args: string[], env: Record<string, string>): Promise<OpsResult> {
  const main = join(repoRoot, 'apps', 'ops', 'dist', 'main.js');
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(QIANYI_|ETOWER_|BRIDGE_TENANTS_FILE|BRIDGE_DATA_DIR|REDIS_URL)/.test(k),
    ),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [main, ...args],
      { env: { ...clean, BRIDGE_DATA_DIR: noLocalRun, ...env }, timeout: 20000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Moves the named jobs to failed as a worker whose last attempt threw would, without running a processor. */
export async function failJobs(
  queue: string,
  connection: ConnectionOptions,
  ids: readonly string[],
  reason = 'eTower refused it',
): Promise<void> {
  // Other jobs met on the way are handed back for another attempt (a zero backoff), so they stay waiting.
  const worker = new Worker(queue, null, { connection, prefix: KEY_PREFIX, settings: { backoffStrategy: () => 0 } });
  const token = 'ops-test';
  try {
    const wanted = new Set(ids);
    const skipped: Job[] = [];
    while (wanted.size > 0) {
      const job = await worker.getNextJob(token);
      if (!job) throw new Error(`jobs not found in ${queue}: ${[...wanted].join(', ')}`);
      if (wanted.delete(job.id!)) await job.moveToFailed(new Error(reason), token, false);
      else skipped.push(job);
    }
    for (const job of skipped) await job.moveToFailed(new Error('not part of the test'), token, false);
  } finally {
    await worker.close();
  }
}
