import { rmSync, writeFileSync } from 'node:fs';
import { readLocalRun, runFilePath, type LocalRun } from '@bridge/config';

/**
 * Records the run for `pnpm ops` and `pnpm demo` (packages/config/src/local-run.ts). Written last, when every
 * app answers, so that a reader never finds a run whose URLs do not answer yet.
 */
export function writeRunFile(dataDir: string, run: LocalRun): void {
  writeFileSync(runFilePath(dataDir), `${JSON.stringify(run, null, 2)}\n`, { mode: 0o600 });
}

/** Removed at stop, unless another `pnpm start` has written its own since. */
export function removeRunFile(dataDir: string): void {
  const current = readLocalRun(dataDir);
  if (current.status === 'running' && current.run.pid !== process.pid) return;
  rmSync(runFilePath(dataDir), { force: true });
}

/** Refuses to start over a live run in the same data directory: two would share one Redis directory. */
export function runningElsewhere(dataDir: string): LocalRun | undefined {
  const current = readLocalRun(dataDir);
  return current.status === 'running' && current.run.pid !== process.pid ? current.run : undefined;
}
